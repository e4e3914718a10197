package dev.descent.data;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How {@link CsvReader} reads a table of examples: one example per line, one cell per column.
 *
 * <p>Start from {@link #defaults()} and change what differs with the {@code with…} methods:
 * <pre>{@code
 * CsvOptions options = CsvOptions.defaults()
 *         .withLabel("species")
 *         .withCategorical("island", "sex")
 *         .withIgnored("id");
 * }</pre>
 *
 * <p>Columns are chosen with {@link Column}: by header name, or by index counted from 0, where
 * a negative index counts from the end ({@code -1} is the last column). Every column that is
 * not a label, categorical or ignored is a numeric feature; the features keep the file's
 * column order, each categorical column expanded in place into its one-hot columns.
 *
 * @param header           whether the first line (after {@code skipLines}) names the columns
 * @param delimiter        the cell separator, or {@link #DETECT_DELIMITER} to pick comma,
 *                         semicolon or tab, whichever occurs most often in the first line
 * @param skipLines        lines to skip before the header or the first data row (a title,
 *                         or scikit-learn's {@code n,d,class names} line); they still count
 *                         in the line numbers of messages
 * @param labels           the label column; several columns only for multi-target regression
 * @param categorical      text columns to one-hot encode, one 0/1 feature per category; the
 *                         categories are sorted (numerically when all are numbers, otherwise
 *                         by {@link String#compareTo}) so the encoding does not depend on the
 *                         order of the rows
 * @param ignored          columns to skip entirely (identifiers, free text)
 * @param nonFiniteAllowed whether numeric feature cells may hold {@code NaN}, {@code Inf},
 *                         {@code -Inf} (any case, also {@code Infinity}) or nothing (read as
 *                         NaN), and categorical cells may be empty (a category {@code ""});
 *                         by default such cells are errors. Labels and targets must always be
 *                         present and finite
 * @param classLabels      how classification labels map to class indices, see {@link ClassLabels}
 * @param classNames       the classes, in index order; empty to infer them from the file
 */
public record CsvOptions(
        boolean header,
        char delimiter,
        int skipLines,
        List<Column> labels,
        List<Column> categorical,
        List<Column> ignored,
        boolean nonFiniteAllowed,
        ClassLabels classLabels,
        List<String> classNames) {

    /** The {@code delimiter} that asks the reader to detect comma, semicolon or tab. */
    public static final char DETECT_DELIMITER = '\0';

    public CsvOptions {
        if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
            throw new IllegalArgumentException("delimiter must not be a quote or a line break, got "
                    + describe(delimiter));
        }
        if (skipLines < 0) {
            throw new IllegalArgumentException("skipLines must be at least 0, got " + skipLines);
        }
        labels = List.copyOf(labels);
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("labels must name at least one column, got none");
        }
        categorical = List.copyOf(categorical);
        ignored = List.copyOf(ignored);
        if (classLabels == null) {
            throw new IllegalArgumentException("classLabels must be AUTO, INDICES or NAMES, got null");
        }
        classNames = List.copyOf(classNames);
        Set<String> seen = new HashSet<>();
        for (String className : classNames) {
            if (className.isBlank()) {
                throw new IllegalArgumentException("classNames must not contain a blank name, got " + classNames);
            }
            if (!seen.add(className)) {
                throw new IllegalArgumentException("classNames must be distinct, got '" + className
                        + "' twice in " + classNames);
            }
        }
    }

    /**
     * A header line, detected delimiter, the last column as the label, every other column a
     * numeric feature, non-finite cells rejected, {@link ClassLabels#AUTO}.
     */
    public static CsvOptions defaults() {
        return new CsvOptions(true, DETECT_DELIMITER, 0, List.of(Column.at(-1)), List.of(), List.of(), false,
                ClassLabels.AUTO, List.of());
    }

    public CsvOptions withHeader(boolean hasHeader) {
        return new CsvOptions(hasHeader, delimiter, skipLines, labels, categorical, ignored, nonFiniteAllowed,
                classLabels, classNames);
    }

    /** @param separator a character such as {@code ','}, {@code ';'}, {@code '\t'} or {@code ' '} */
    public CsvOptions withDelimiter(char separator) {
        return new CsvOptions(header, separator, skipLines, labels, categorical, ignored, nonFiniteAllowed,
                classLabels, classNames);
    }

    public CsvOptions withSkipLines(int lines) {
        return new CsvOptions(header, delimiter, lines, labels, categorical, ignored, nonFiniteAllowed,
                classLabels, classNames);
    }

    public CsvOptions withLabel(Column column) {
        return withLabels(column);
    }

    /** The label is the column with this header name. */
    public CsvOptions withLabel(String name) {
        return withLabels(Column.named(name));
    }

    /** The label is the column at this index, from 0; negative counts from the end. */
    public CsvOptions withLabel(int index) {
        return withLabels(Column.at(index));
    }

    /** Several target columns, for regression with a {@code [n, k]} target matrix. */
    public CsvOptions withLabels(Column... columns) {
        return new CsvOptions(header, delimiter, skipLines, List.of(columns), categorical, ignored,
                nonFiniteAllowed, classLabels, classNames);
    }

    public CsvOptions withCategorical(Column... columns) {
        return new CsvOptions(header, delimiter, skipLines, labels, List.of(columns), ignored, nonFiniteAllowed,
                classLabels, classNames);
    }

    public CsvOptions withCategorical(String... names) {
        return withCategorical(Column.allNamed(names));
    }

    public CsvOptions withIgnored(Column... columns) {
        return new CsvOptions(header, delimiter, skipLines, labels, categorical, List.of(columns),
                nonFiniteAllowed, classLabels, classNames);
    }

    public CsvOptions withIgnored(String... names) {
        return withIgnored(Column.allNamed(names));
    }

    public CsvOptions withNonFiniteAllowed(boolean allowed) {
        return new CsvOptions(header, delimiter, skipLines, labels, categorical, ignored, allowed,
                classLabels, classNames);
    }

    public CsvOptions withClassLabels(ClassLabels mapping) {
        return new CsvOptions(header, delimiter, skipLines, labels, categorical, ignored, nonFiniteAllowed,
                mapping, classNames);
    }

    /**
     * Declares the classes in index order: every label must then be one of them (a name, or
     * under {@link ClassLabels#INDICES} an index below their count), which keeps the class
     * indices of a training file and a test file the same.
     */
    public CsvOptions withClassNames(String... names) {
        return new CsvOptions(header, delimiter, skipLines, labels, categorical, ignored, nonFiniteAllowed,
                classLabels, List.of(names));
    }

    /** How the text of a classification label becomes a class index. */
    public enum ClassLabels {
        /**
         * With declared {@code classNames}: a label equal to a declared name takes its
         * position, otherwise it must be an index below their count. Without: if every label
         * in the file is a non-negative integer, as {@link #INDICES}; otherwise as {@link #NAMES}.
         */
        AUTO,
        /**
         * Each label is the class index itself, an integer in {@code [0, k)}; {@code k} is the
         * number of declared class names, or else the largest label plus 1 (labels 1..3 thus
         * give an empty class 0: use {@link #NAMES} to map them to 0..2).
         */
        INDICES,
        /**
         * Each label is a name: the declared class names in their order, or else the distinct
         * labels of the file sorted (numerically when all are numbers, otherwise by
         * {@link String#compareTo}), so {@code -1, 1} become classes 0 and 1.
         */
        NAMES
    }

    /**
     * A column chosen by its header name or by its index from 0 (negative counts from the end).
     *
     * @param name  the header name, or null when chosen by index
     * @param index the index when {@code name} is null; ignored otherwise
     */
    public record Column(String name, int index) {
        public Column {
            if (name != null && name.isBlank()) {
                throw new IllegalArgumentException("a column name must not be blank; choose the column by index instead");
            }
        }

        public static Column named(String name) {
            if (name == null) {
                throw new IllegalArgumentException("a column name must not be null");
            }
            return new Column(name, 0);
        }

        public static Column at(int index) {
            return new Column(null, index);
        }

        static Column[] allNamed(String... names) {
            List<Column> columns = new ArrayList<>(names.length);
            for (String name : names) {
                columns.add(named(name));
            }
            return columns.toArray(new Column[0]);
        }

        public boolean byName() {
            return name != null;
        }

        @Override
        public String toString() {
            return byName() ? "'" + name + "'" : "index " + index;
        }
    }

    static String describe(char delimiter) {
        return switch (delimiter) {
            case DETECT_DELIMITER -> "detect";
            case '\t' -> "tab";
            case ' ' -> "space";
            case '\n' -> "line feed";
            case '\r' -> "carriage return";
            default -> "'" + delimiter + "'";
        };
    }
}
