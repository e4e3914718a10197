package dev.descent.data;

import dev.descent.data.CsvOptions.ClassLabels;
import dev.descent.data.CsvReaderColumns.Role;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One pass over a CSV file, line by line, into growing primitive buffers; then the one-hot
 * columns are laid out and the labels numbered. {@link CsvReader} is the public face.
 */
final class CsvReaderTable {
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;
    private static final int INITIAL_ROWS = 1024;

    private final String source;
    private final CsvOptions options;
    private final boolean classification;

    private CsvReaderColumns columns;
    private CsvReaderCells cells;
    private char delimiter;
    private int headerLine = -1;
    private int rows;
    private int capacityRows;
    private int numericCount;
    /** For each column, its slot among the numeric or the categorical columns, or among the labels. */
    private int[] slot;
    private float[] numeric = new float[0];
    private int[][] categoryCodes;
    private List<Map<String, Integer>> categoryIds;
    private List<List<String>> categoryTexts;
    private CsvReaderClasses classes;
    private int[] labelCodes = new int[0];
    private float[] targets = new float[0];
    private int targetCount;

    // The results, after read().
    private float[] features;
    private final List<String> featureNames = new ArrayList<>();
    private final Map<String, List<String>> categories = new LinkedHashMap<>();
    /** For each column, its categories in one-hot order; empty unless categorical. */
    private final List<List<String>> columnCategories = new ArrayList<>();

    private CsvReaderTable(String source, CsvOptions options, boolean classification) {
        this.source = source;
        this.options = options;
        this.classification = classification;
    }

    static CsvReaderTable read(BufferedReader in, String source, CsvOptions options, boolean classification) {
        CsvReaderTable table = new CsvReaderTable(source, options, classification);
        table.readAll(in);
        table.assemble();
        return table;
    }

    private void readAll(BufferedReader in) {
        int lineNumber = 0;
        try {
            String line = null;
            while (lineNumber < options.skipLines() && (line = in.readLine()) != null) {
                lineNumber++;
            }
            for (; (line = in.readLine()) != null; ) {
                lineNumber++;
                if (lineNumber == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1); // a byte-order mark, as spreadsheet programs write
                }
                if (line.isBlank()) {
                    continue;
                }
                if (columns == null) {
                    start(line, lineNumber);
                    if (options.header()) {
                        continue;
                    }
                }
                row(line, lineNumber);
            }
        } catch (IOException e) {
            throw new DataException(source + ": could not read after line " + lineNumber + " (" + e
                    + "); the file is corrupt or unreadable.", e);
        }
        if (rows == 0) {
            throw new DataException(source + ": no data rows" + emptyReason(lineNumber)
                    + "; expected " + (options.header() ? "a header line, then " : "") + "one line per example"
                    + " with cells separated by " + describeDelimiter() + ".");
        }
    }

    private String emptyReason(int lines) {
        if (lines == 0) {
            return " (the file is empty)";
        }
        if (headerLine > 0) {
            return " after the header on line " + headerLine + " (" + lines + " lines in all)";
        }
        return " in " + lines + " lines (" + (lines <= options.skipLines() ? "all skipped by skipLines" : "all blank")
                + ")";
    }

    private String describeDelimiter() {
        char shown = delimiter != 0 ? delimiter : options.delimiter();
        return shown == CsvOptions.DETECT_DELIMITER ? "commas, semicolons or tabs" : CsvOptions.describe(shown);
    }

    /** The first non-blank line: fixes the delimiter, the width and the role of every column. */
    private void start(String line, int lineNumber) {
        delimiter = options.delimiter() == CsvOptions.DETECT_DELIMITER
                ? CsvReaderCells.detectDelimiter(line) : options.delimiter();
        cells = new CsvReaderCells(delimiter);
        int width = cells.split(line);
        if (width < 0) {
            throw new DataException(source + " line " + lineNumber + ", cell " + (cells.unterminatedQuote() + 1)
                    + ": a quote is opened but not closed on this line; close it (quoted cells cannot span lines).");
        }
        if (width < 2) {
            throw new DataException(source + " line " + lineNumber + ": found 1 column with the delimiter "
                    + CsvOptions.describe(delimiter) + (options.delimiter() == CsvOptions.DETECT_DELIMITER
                    ? " (detected)" : "") + ", expected at least 2 (features and a label); set the delimiter"
                    + " with CsvOptions.withDelimiter.");
        }
        List<String> names = null;
        if (options.header()) {
            headerLine = lineNumber;
            names = new ArrayList<>(width);
            for (int c = 0; c < width; c++) {
                names.add(cells.cell(c));
            }
        }
        columns = new CsvReaderColumns(source, lineNumber, names, width, options);
        if (classification && options.labels().size() != 1) {
            throw new IllegalArgumentException("classification reads one label column, but the options name "
                    + options.labels().size() + ": " + options.labels() + "; several only for regression");
        }
        slot = new int[width];
        int categoricalCount = 0;
        int[] labelColumns = columns.labelColumns();
        for (int c = 0; c < width; c++) {
            switch (columns.role(c)) {
                case NUMERIC -> slot[c] = numericCount++;
                case CATEGORICAL -> slot[c] = categoricalCount++;
                default -> { }
            }
        }
        for (int i = 0; i < labelColumns.length; i++) {
            slot[labelColumns[i]] = i;
        }
        categoryCodes = new int[categoricalCount][];
        categoryIds = new ArrayList<>();
        categoryTexts = new ArrayList<>();
        for (int k = 0; k < categoricalCount; k++) {
            categoryCodes[k] = new int[0];
            categoryIds.add(new HashMap<>());
            categoryTexts.add(new ArrayList<>());
        }
        targetCount = labelColumns.length;
        classes = new CsvReaderClasses(options.classLabels(), options.classNames());
    }

    private void row(String line, int lineNumber) {
        int found = cells.split(line);
        if (found < 0) {
            throw new DataException(where(lineNumber, cells.unterminatedQuote())
                    + ": a quote is opened but not closed on this line; close it (quoted cells cannot span lines).");
        }
        int width = columns.width();
        if (found != width) {
            throw wrongCellCount(lineNumber, found, width);
        }
        ensureCapacity();
        int numericBase = rows * numericCount;
        for (int c = 0; c < width; c++) {
            switch (columns.role(c)) {
                case NUMERIC -> numeric[numericBase + slot[c]] = feature(c, lineNumber);
                case CATEGORICAL -> categoryCodes[slot[c]][rows] = category(c, lineNumber);
                case LABEL -> label(c, lineNumber);
                default -> { }
            }
        }
        rows++;
    }

    private DataException wrongCellCount(int lineNumber, int found, int width) {
        if (rows == 0 && headerLine > 0) {
            return headerDoesNotFit(lineNumber, found, width);
        }
        String reference = headerLine > 0 ? "the header (line " + headerLine + ")" : "the first row";
        String detail = found < width
                ? columns.describe(found) + " is missing"
                : "the extra cell at index " + width + " is '" + cells.cell(width) + "'";
        return new DataException(source + " line " + lineNumber + ": found " + found + " cells but " + reference
                + " has " + width + "; " + detail + ". Fix or remove this line (the delimiter is "
                + CsvOptions.describe(delimiter) + "; quote cells that contain it).");
    }

    /**
     * The first row already disagrees with the header: the header is the line to blame. A first
     * line of numbers is most likely scikit-learn's (row count, feature count, class names).
     */
    private DataException headerDoesNotFit(int lineNumber, int found, int width) {
        boolean numbersFirst = columns.name(0).matches("[-+]?\\d+(\\.\\d*)?");
        String fix = numbersFirst
                ? "it starts with a number, so it is likely not a header but a line of counts (as in scikit-learn's"
                + " data files); skip it and read the file without a header with"
                + " CsvOptions.withSkipLines(" + headerLine + ").withHeader(false)."
                : "fix the header, or, if the file has no header, read it with CsvOptions.withHeader(false).";
        return new DataException(source + " line " + headerLine + ": the header has " + width + " cells but the first"
                + " row (line " + lineNumber + ") has " + found + "; " + fix);
    }

    private void ensureCapacity() {
        if (rows < capacityRows) {
            return;
        }
        long capacity = Math.max(INITIAL_ROWS, (long) rows * 2);
        long widest = Math.max(Math.max(numericCount, targetCount), 1);
        if (capacity * widest > MAX_ARRAY) {
            capacity = MAX_ARRAY / widest;
            if (capacity <= rows) {
                throw new DataException(source + ": more than " + rows + " rows of " + widest
                        + " numbers do not fit in one float array; split the file or read fewer columns"
                        + " (CsvOptions.withIgnored).");
            }
        }
        int newRows = (int) capacity;
        capacityRows = newRows;
        numeric = Arrays.copyOf(numeric, newRows * numericCount);
        for (int k = 0; k < categoryCodes.length; k++) {
            categoryCodes[k] = Arrays.copyOf(categoryCodes[k], newRows);
        }
        if (classification) {
            labelCodes = Arrays.copyOf(labelCodes, newRows);
        } else {
            targets = Arrays.copyOf(targets, newRows * targetCount);
        }
    }

    private float feature(int column, int lineNumber) {
        if (cells.isEmpty(column)) {
            if (options.nonFiniteAllowed()) {
                return Float.NaN;
            }
            throw new DataException(where(lineNumber, column) + ": the cell is empty; fill it in or remove the row,"
                    + " or read empty cells as NaN with CsvOptions.withNonFiniteAllowed(true).");
        }
        float value;
        try {
            value = (float) cells.number(column);
        } catch (NumberFormatException e) {
            throw new DataException(where(lineNumber, column) + ": expected a number, found '" + cells.cell(column)
                    + "'; fix the cell, or if the column holds categories one-hot encode it with"
                    + " CsvOptions.withCategorical(" + selector(column) + ") or skip it with withIgnored("
                    + selector(column) + ").");
        }
        if (!Float.isFinite(value) && !options.nonFiniteAllowed()) {
            throw new DataException(where(lineNumber, column) + ": found '" + cells.cell(column) + "', which is not"
                    + " a finite float32 number; fix or remove the row, or allow NaN and infinite values with"
                    + " CsvOptions.withNonFiniteAllowed(true).");
        }
        return value;
    }

    private int category(int column, int lineNumber) {
        if (cells.isEmpty(column) && !options.nonFiniteAllowed()) {
            throw new DataException(where(lineNumber, column) + ": the categorical cell is empty; fill it in or"
                    + " remove the row, or make empty cells a category \"\" with"
                    + " CsvOptions.withNonFiniteAllowed(true).");
        }
        int k = slot[column];
        String text = cells.cell(column);
        Integer id = categoryIds.get(k).get(text);
        if (id == null) {
            id = categoryTexts.get(k).size();
            categoryIds.get(k).put(text, id);
            categoryTexts.get(k).add(text);
        }
        return id;
    }

    private void label(int column, int lineNumber) {
        if (classification) {
            try {
                labelCodes[rows] = classes.code(cells.cell(column));
            } catch (IllegalArgumentException e) {
                throw new DataException(where(lineNumber, column) + ", the label: " + e.getMessage() + ".");
            }
            return;
        }
        if (cells.isEmpty(column)) {
            throw new DataException(where(lineNumber, column) + ", a regression target: the cell is empty; every"
                    + " row needs a target, so fill it in or remove the row.");
        }
        float value;
        try {
            value = (float) cells.number(column);
        } catch (NumberFormatException e) {
            throw new DataException(where(lineNumber, column) + ", a regression target: expected a number, found '"
                    + cells.cell(column) + "'; fix the cell, or read class labels with CsvReader.classification.");
        }
        if (!Float.isFinite(value)) {
            throw new DataException(where(lineNumber, column) + ", a regression target: found '"
                    + cells.cell(column) + "', which is not a finite float32 number; fix or remove the row.");
        }
        targets[rows * targetCount + slot[column]] = value;
    }

    private String where(int lineNumber, int column) {
        return source + " line " + lineNumber + ", " + columns.describe(column);
    }

    private String selector(int column) {
        return headerLine > 0 ? "\"" + columns.name(column) + "\"" : "Column.at(" + column + ")";
    }

    /** Lays out the features with one-hot columns in place, in the file's column order. */
    private void assemble() {
        int width = columns.width();
        int[][] rank = new int[categoryCodes.length][];
        int featureCount = numericCount;
        for (int c = 0; c < width; c++) {
            List<String> order = List.of();
            if (columns.role(c) == Role.CATEGORICAL) {
                int k = slot[c];
                order = CsvReaderClasses.sorted(categoryTexts.get(k));
                rank[k] = CsvReaderClasses.ranks(categoryTexts.get(k), order);
                categories.put(columns.name(c), order);
                featureCount += order.size();
            }
            columnCategories.add(order);
        }
        long total = (long) rows * featureCount;
        if (total > MAX_ARRAY) {
            throw new DataException(source + ": " + rows + " rows of " + featureCount + " features (after one-hot"
                    + " encoding) do not fit in one float array; one-hot encode fewer columns or split the file.");
        }
        if (categoryCodes.length == 0) {
            features = numeric.length == total ? numeric : Arrays.copyOf(numeric, (int) total);
            for (int c = 0; c < width; c++) {
                if (columns.role(c) == Role.NUMERIC) {
                    featureNames.add(columns.name(c));
                }
            }
        } else {
            features = new float[(int) total];
            int offset = 0;
            for (int c = 0; c < width; c++) {
                if (columns.role(c) == Role.NUMERIC) {
                    int from = slot[c];
                    for (int r = 0; r < rows; r++) {
                        features[r * featureCount + offset] = numeric[r * numericCount + from];
                    }
                    featureNames.add(columns.name(c));
                    offset++;
                } else if (columns.role(c) == Role.CATEGORICAL) {
                    int k = slot[c];
                    List<String> order = columnCategories.get(c);
                    for (int r = 0; r < rows; r++) {
                        features[r * featureCount + offset + rank[k][categoryCodes[k][r]]] = 1;
                    }
                    for (String category : order) {
                        featureNames.add(columns.name(c) + "=" + category);
                    }
                    offset += order.size();
                }
            }
        }
        numeric = null;
        categoryCodes = null;
        if (classification) {
            classes.finish(labelCodes, rows);
            labelCodes = Arrays.copyOf(labelCodes, rows);
        } else {
            targets = Arrays.copyOf(targets, rows * targetCount);
        }
    }

    /**
     * Reads a header-less table in which every cell is a finite number, such as
     * scikit-learn's diabetes files; returns {@code rows × columns} values, row-major.
     */
    static float[] readNumbers(BufferedReader in, String source, char delimiter, int rows, int columns) {
        CsvReaderCells cells = new CsvReaderCells(delimiter);
        float[] values = new float[Math.multiplyExact(rows, columns)];
        int row = 0;
        int lineNumber = 0;
        try {
            for (String line; (line = in.readLine()) != null; ) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                if (row == rows || cells.split(line) != columns) {
                    throw new DataException(source + " line " + lineNumber + ": expected " + rows + " rows of "
                            + columns + " numbers separated by " + CsvOptions.describe(delimiter)
                            + "; the resource was replaced by another file, restore it.");
                }
                for (int c = 0; c < columns; c++) {
                    float value;
                    try {
                        value = (float) cells.number(c);
                    } catch (NumberFormatException e) {
                        value = Float.NaN;
                    }
                    if (!Float.isFinite(value)) {
                        throw new DataException(source + " line " + lineNumber + ", column index " + c
                                + ": expected a finite number, found '" + cells.cell(c) + "'; restore the file.");
                    }
                    values[row * columns + c] = value;
                }
                row++;
            }
        } catch (IOException e) {
            throw new DataException(source + ": could not read after line " + lineNumber + " (" + e
                    + "); the file is corrupt or unreadable.", e);
        }
        if (row != rows) {
            throw new DataException(source + ": expected " + rows + " rows, found " + row
                    + "; the resource was replaced by another file, restore it.");
        }
        return values;
    }

    int rows() {
        return rows;
    }

    int featureCount() {
        return featureNames.size();
    }

    /** {@code rows × featureCount}, row-major. */
    float[] features() {
        return features;
    }

    List<String> featureNames() {
        return Collections.unmodifiableList(featureNames);
    }

    /** Categorical column name → its categories in one-hot order, in column order. */
    Map<String, List<String>> categories() {
        return Collections.unmodifiableMap(categories);
    }

    int[] labels() {
        return labelCodes;
    }

    int classes() {
        return classes.classes();
    }

    List<String> classNames() {
        return classes.names();
    }

    /** {@code rows × targetCount}, row-major. */
    float[] targets() {
        return targets;
    }

    int targetCount() {
        return targetCount;
    }

    /** What a new file needs to be read the same way: the columns' roles, categories and the labels. */
    TableSchema schema() {
        List<TableSchema.Column> schemaColumns = new ArrayList<>(columns.width());
        for (int c = 0; c < columns.width(); c++) {
            schemaColumns.add(new TableSchema.Column(columns.name(c), TableSchema.Role.valueOf(columns.role(c).name()),
                    columnCategories.get(c)));
        }
        return new TableSchema(options.header(), delimiter, options.skipLines(), schemaColumns, schemaLabels());
    }

    private TableSchema.Labels schemaLabels() {
        if (!classification) {
            List<String> targetNames = new ArrayList<>(targetCount);
            for (int column : columns.labelColumns()) {
                targetNames.add(columns.name(column));
            }
            return new TableSchema.Targets(targetNames);
        }
        // Declared names keep the options' format; otherwise the file showed names or indices.
        ClassLabels format = !options.classNames().isEmpty() ? options.classLabels()
                : classes.names().isEmpty() ? ClassLabels.INDICES : ClassLabels.NAMES;
        return new TableSchema.Classes(classes.names(), classes.classes(), format);
    }
}
