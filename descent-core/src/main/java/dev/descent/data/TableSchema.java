package dev.descent.data;

import dev.descent.data.CsvOptions.ClassLabels;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The shape of a training table, saved with a model so that new CSV files can be read into
 * exactly the feature layout the model was trained on.
 *
 * <p>{@link CsvReader} gives the schema of the file it read
 * ({@link CsvReader.Classification#schema()}, {@link CsvReader.Regression#schema()});
 * {@link #toMap()} and {@link #fromMap} carry it through a model file; {@link #reader} reads new
 * files in chunks of bounded size:
 * <pre>{@code
 * TableSchema schema = CsvReader.classification(train, options).schema();
 * try (TableSchemaReader reader = schema.reader(in, "new.csv", LabelPolicy.OPTIONAL)) {
 *     for (TableSchemaReader.Chunk chunk; (chunk = reader.next(4096)) != null; ) {
 *         predict(chunk.features(), chunk.rows());
 *     }
 * }
 * }</pre>
 *
 * <p>New files are matched to the schema as follows.
 * <ul>
 *   <li>With a header in the training file, columns are matched by name, in any order; a new
 *       file may leave out the ignored columns and, unless the labels are
 *       {@link LabelPolicy#REQUIRED}, the label columns. Columns the model does not know are
 *       errors.</li>
 *   <li>Without a header, columns are taken by position: a new file has the training file's
 *       width, or that width less the label columns when it has no labels.</li>
 *   <li>The delimiter is detected in each new file (comma, semicolon or tab, as
 *       {@link CsvReader} does); a training delimiter outside those three is used as is.</li>
 *   <li>The first {@code skipLines} lines are skipped, as in training. Features come out raw
 *       (numbers as read, categories one-hot 0/1), not standardised; numeric cells must be
 *       finite, and a category must be one seen in training.</li>
 * </ul>
 *
 * @param header    whether the training file's first line (after {@code skipLines}) named
 *                  the columns; new files must then have a header too
 * @param delimiter the training file's cell separator
 * @param skipLines lines before the header or first row that are not data, skipped in new
 *                  files too
 * @param columns   the training file's columns in file order
 * @param labels    what the label columns hold: {@link Classes} or {@link Targets}
 */
public record TableSchema(boolean header, char delimiter, int skipLines, List<Column> columns, Labels labels) {

    /**
     * Validates the parts against each other; throws {@link IllegalArgumentException} naming
     * the field.
     */
    public TableSchema {
        if (delimiter == CsvOptions.DETECT_DELIMITER || delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
            throw new IllegalArgumentException("delimiter must be the separator the file used, not a quote, a line"
                    + " break or DETECT_DELIMITER; got " + CsvOptions.describe(delimiter));
        }
        if (skipLines < 0) {
            throw new IllegalArgumentException("skipLines must be at least 0, got " + skipLines);
        }
        columns = List.copyOf(columns);
        if (labels == null) {
            throw new IllegalArgumentException("labels must be Classes or Targets, got null");
        }
        List<String> labelNames = new ArrayList<>();
        boolean hasFeature = false;
        for (Column column : columns) {
            hasFeature |= column.role() == Role.NUMERIC || column.role() == Role.CATEGORICAL;
            if (column.role() == Role.LABEL) {
                labelNames.add(column.name());
            }
        }
        if (!hasFeature) {
            throw new IllegalArgumentException("columns must hold at least one numeric or categorical column, got "
                    + columns);
        }
        if (labels instanceof Classes && labelNames.size() != 1) {
            throw new IllegalArgumentException("columns must hold exactly one label column for classification, got "
                    + labelNames.size() + " " + labelNames);
        }
        if (labels instanceof Targets targets && !new HashSet<>(targets.names()).equals(new HashSet<>(labelNames))) {
            throw new IllegalArgumentException("targets " + targets.names()
                    + " must name the label columns " + labelNames);
        }
        if (labels instanceof Targets targets && targets.names().size() != labelNames.size()) {
            throw new IllegalArgumentException("columns must not share a name among the label columns, got "
                    + labelNames);
        }
    }

    /** What a column of the training file was for. */
    public enum Role {
        /** One feature, the number in the cell. */
        NUMERIC,
        /** One 0/1 feature per category, in the column's category order. */
        CATEGORICAL,
        /** Not read; new files may leave it out. */
        IGNORED,
        /** A class label or a regression target. */
        LABEL
    }

    /**
     * One column of the training file.
     *
     * @param name       the header name, or {@code column<index>} without a header
     * @param role       what the column is for
     * @param categories for a categorical column, its categories in one-hot order; empty
     *                   otherwise
     */
    public record Column(String name, Role role, List<String> categories) {
        public Column {
            if (name == null) {
                throw new IllegalArgumentException("a column name must not be null");
            }
            if (role == null) {
                throw new IllegalArgumentException("column '" + name + "': role must be one of NUMERIC, CATEGORICAL,"
                        + " IGNORED, LABEL, got null");
            }
            categories = List.copyOf(categories);
            if (role == Role.CATEGORICAL && categories.isEmpty()) {
                throw new IllegalArgumentException("column '" + name + "': a categorical column needs at least one"
                        + " category, got none");
            }
            if (role != Role.CATEGORICAL && !categories.isEmpty()) {
                throw new IllegalArgumentException("column '" + name + "': only categorical columns have categories,"
                        + " but this " + role + " column has " + categories);
            }
            if (new HashSet<>(categories).size() != categories.size()) {
                throw new IllegalArgumentException("column '" + name + "': categories must be distinct, got "
                        + categories);
            }
        }

        /** A numeric, ignored or label column. */
        public static Column of(String name, Role role) {
            return new Column(name, role, List.of());
        }

        /** A categorical column with its categories in one-hot order. */
        public static Column categorical(String name, List<String> categories) {
            return new Column(name, Role.CATEGORICAL, categories);
        }

        /** How many features this column becomes: 1 numeric, one per category, else 0. */
        public int featureCount() {
            return switch (role) {
                case NUMERIC -> 1;
                case CATEGORICAL -> categories.size();
                default -> 0;
            };
        }
    }

    /** What the label columns hold. */
    public sealed interface Labels permits Classes, Targets {
    }

    /**
     * One label column of class labels.
     *
     * @param names  the class names in index order; empty when the labels were integer
     *               indices without names
     * @param count  the number of classes (the model's output width)
     * @param format how labels are written in files: {@link ClassLabels#NAMES} a class name,
     *               {@link ClassLabels#INDICES} an index in {@code [0, count)},
     *               {@link ClassLabels#AUTO} a class name, otherwise an index
     */
    public record Classes(List<String> names, int count, ClassLabels format) implements Labels {
        public Classes {
            names = List.copyOf(names);
            if (count < 1) {
                throw new IllegalArgumentException("classes.count must be at least 1, got " + count);
            }
            if (!names.isEmpty() && names.size() != count) {
                throw new IllegalArgumentException("classes.names must hold one name per class (" + count
                        + "), got " + names.size() + " " + names);
            }
            if (new HashSet<>(names).size() != names.size()) {
                throw new IllegalArgumentException("classes.names must be distinct, got " + names);
            }
            if (format == null) {
                throw new IllegalArgumentException("classes.format must be AUTO, INDICES or NAMES, got null");
            }
            if (format != ClassLabels.INDICES && names.isEmpty()) {
                throw new IllegalArgumentException("classes.format " + format + " reads class names, but"
                        + " classes.names is empty; use INDICES");
            }
        }
    }

    /**
     * Regression targets.
     *
     * @param names the label columns in target order: target {@code j} of a row is column
     *              {@code names.get(j)}
     */
    public record Targets(List<String> names) implements Labels {
        public Targets {
            names = List.copyOf(names);
            if (names.isEmpty()) {
                throw new IllegalArgumentException("targets must name at least one column, got none");
            }
            if (new HashSet<>(names).size() != names.size()) {
                throw new IllegalArgumentException("targets must be distinct, got " + names);
            }
        }
    }

    /** Whether a new file must, may, or need not carry the label columns. */
    public enum LabelPolicy {
        /** The label columns must be present and are read (evaluation). */
        REQUIRED,
        /** Read the label columns when present; a file without them has no labels (prediction). */
        OPTIONAL,
        /** Label columns may be present but are not read, so bad labels do not stop a prediction. */
        IGNORED
    }

    /** Whether the labels are classes (otherwise regression targets). */
    public boolean classification() {
        return labels instanceof Classes;
    }

    /** The classes; throws {@link IllegalStateException} for a regression schema. */
    public Classes classes() {
        if (labels instanceof Classes classes) {
            return classes;
        }
        throw new IllegalStateException("this schema is for regression; it has targets " + labels + ", not classes");
    }

    /** The regression targets; throws {@link IllegalStateException} for a classification schema. */
    public Targets targets() {
        if (labels instanceof Targets targets) {
            return targets;
        }
        throw new IllegalStateException("this schema is for classification; it has classes, not targets");
    }

    /** Features per row: 1 per numeric column plus 1 per category of each categorical column. */
    public int featureCount() {
        int count = 0;
        for (Column column : columns) {
            count += column.featureCount();
        }
        return count;
    }

    /**
     * One name per feature in file order, as {@link CsvReader} names them: the column name, or
     * {@code name=category} for a one-hot feature.
     */
    public List<String> featureNames() {
        List<String> names = new ArrayList<>();
        for (Column column : columns) {
            if (column.role() == Role.NUMERIC) {
                names.add(column.name());
            }
            for (String category : column.categories()) {
                names.add(column.name() + "=" + category);
            }
        }
        return List.copyOf(names);
    }

    /**
     * The positions of the first two columns that share a name, or an empty array when every
     * name is distinct. New files are matched to a saved model's columns by name, so a model
     * should be trained only on a table whose names are distinct.
     */
    public int[] repeatedColumns() {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            Integer earlier = seen.put(columns.get(i).name(), i);
            if (earlier != null) {
                return new int[] {earlier, i};
            }
        }
        return new int[0];
    }

    /** The label columns' names: the class label column, or the targets in target order. */
    public List<String> labelNames() {
        if (labels instanceof Targets targets) {
            return targets.names();
        }
        for (Column column : columns) {
            if (column.role() == Role.LABEL) {
                return List.of(column.name());
            }
        }
        throw new AssertionError("the constructor checked that there is one label column");
    }

    /**
     * Reads a new file (plain or gzip, UTF-8, optional byte-order mark) in chunks; the header
     * or first row is read now, so column errors are thrown here. Close the reader when done.
     *
     * @param in     the file's bytes; closed by {@link TableSchemaReader#close()}
     * @param source names the file in messages
     * @throws DataException when the file does not fit the schema
     */
    public TableSchemaReader reader(InputStream in, String source, LabelPolicy policy) {
        return new TableSchemaReader(this, in, source, policy);
    }

    /** Opens {@code file} and reads it in chunks, see {@link #reader(InputStream, String, LabelPolicy)}. */
    public TableSchemaReader reader(Path file, LabelPolicy policy) {
        return reader(CsvReader.open(file), file.toString(), policy);
    }

    /**
     * Reads a whole new file into one chunk: memory is about the final features.
     *
     * @throws DataException when the file does not fit the schema or has no data rows
     */
    public TableSchemaReader.Chunk readAll(Path file, LabelPolicy policy) {
        try (TableSchemaReader reader = reader(file, policy)) {
            return reader.next(Integer.MAX_VALUE);
        }
    }

    /**
     * This schema as a tree of {@link java.util.LinkedHashMap}, {@link List}, {@link String},
     * {@link Integer} and {@link Boolean}, ready to be written as JSON:
     * <pre>{@code
     * {"header": true, "delimiter": ",", "skipLines": 0,
     *  "columns": [{"name": "island", "role": "categorical", "categories": ["Biscoe", "Dream"]},
     *              {"name": "bill_length_mm", "role": "numeric"},
     *              {"name": "species", "role": "label"}],
     *  "classes": {"names": ["Adelie", "Gentoo"], "count": 2, "format": "names"}}
     * }</pre>
     * A regression schema has {@code "targets": ["a", "b"]} instead of {@code "classes"}.
     */
    public Map<String, Object> toMap() {
        return TableSchemaMaps.toMap(this);
    }

    /**
     * The schema that {@link #toMap()} wrote. Numbers may be any {@link Number} or an object
     * whose {@code toString()} is the integer; keys that are not part of the schema are
     * ignored.
     *
     * @param source names the map in messages: the file, then after {@code ": "} where the map
     *               sits in it; {@code "model.json: preprocessing"} gives messages such as
     *               {@code model.json: preprocessing.columns[2].categories: …}, a plain
     *               {@code "schema.json"} gives {@code schema.json: columns[2].categories: …}
     * @throws IllegalArgumentException naming the source and the field when something is
     *     missing or malformed
     */
    public static TableSchema fromMap(Map<String, ?> map, String source) {
        return TableSchemaMaps.fromMap(map, source);
    }
}
