package dev.descent.data;

import dev.descent.data.CsvOptions.ClassLabels;
import dev.descent.data.TableSchema.Classes;
import dev.descent.data.TableSchema.LabelPolicy;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a new CSV file the way a {@link TableSchema} says the training file was read, a
 * chunk of rows at a time: memory is one chunk plus one line, whatever the file's size. Get
 * one from {@link TableSchema#reader}.
 *
 * <p>Every problem is a {@link DataException} naming the file, the line (from 1, counting the
 * header, skipped and blank lines), the column, what was found and how to fix it.
 */
public final class TableSchemaReader implements Closeable {
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;
    private static final int INITIAL_ROWS = 1024;

    /**
     * Consecutive rows of a file.
     *
     * @param features    {@code rows × featureCount}, row-major, in the schema's feature
     *                    layout: numbers as read and one-hot 0/1, not standardised
     * @param lineNumbers each row's line in the file, from 1, counting the header, skipped and
     *                    blank lines
     * @param labels      for classification, each row's class index into the schema's classes;
     *                    null when labels are not read
     * @param targets     for regression, {@code rows × targetCount}, row-major, in the schema's
     *                    target order; null when labels are not read
     */
    public record Chunk(float[] features, int[] lineNumbers, int[] labels, float[] targets) {
        public int rows() {
            return lineNumbers.length;
        }
    }

    private final TableSchema schema;
    private final String source;
    private final BufferedReader in;
    private final int featureCount;
    private final int targetCount;
    /** Null for regression. */
    private final Classes classes;
    private final Map<String, Integer> classIndex = new HashMap<>();
    private CsvReaderCells cells;
    private TableSchemaLayout layout;
    private char delimiter;
    private int lineNumber;
    private int headerLine = -1;
    private int firstRowLine = -1;
    /** Without a header the first line, read to learn the width, is also the first row. */
    private String pending;
    private long rowsRead;
    private boolean finished;
    private boolean closed;

    TableSchemaReader(TableSchema schema, InputStream input, String source, LabelPolicy policy) {
        if (source == null || policy == null) {
            throw new IllegalArgumentException("source and policy must not be null, got " + source + " and " + policy);
        }
        this.schema = schema;
        this.source = source;
        this.featureCount = schema.featureCount();
        this.targetCount = schema.labelNames().size();
        this.classes = schema.classification() ? schema.classes() : null;
        if (classes != null) {
            for (int i = 0; i < classes.names().size(); i++) {
                classIndex.put(classes.names().get(i), i);
            }
        }
        this.in = CsvReader.reader(input, source);
        try {
            start(policy);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Reads up to the header or first row: fixes the delimiter and where each column goes. */
    private void start(LabelPolicy policy) {
        String first = null;
        while (lineNumber < schema.skipLines() && (first = readLine()) != null) {
            // skipped, as in training
        }
        do {
            first = readLine();
        } while (first != null && first.isBlank());
        if (first == null) {
            throw noDataRows();
        }
        delimiter = isDetectable(schema.delimiter()) ? CsvReaderCells.detectDelimiter(first) : schema.delimiter();
        cells = new CsvReaderCells(delimiter);
        int width = cells.split(first);
        if (width < 0) {
            throw unterminatedQuote();
        }
        if (schema.header()) {
            headerLine = lineNumber;
            List<String> names = new ArrayList<>(width);
            for (int c = 0; c < width; c++) {
                names.add(cells.cell(c));
            }
            layout = TableSchemaLayout.byName(schema, names, source, lineNumber, policy);
        } else {
            firstRowLine = lineNumber;
            pending = first;
            layout = TableSchemaLayout.byPosition(schema, width, source, lineNumber, policy, delimiter);
        }
    }

    /** New files may use another of the delimiters CsvReader detects; any other is kept as trained. */
    private static boolean isDetectable(char delimiter) {
        return delimiter == ',' || delimiter == ';' || delimiter == '\t';
    }

    /** The next line, without a leading byte-order mark; null at the end of the file. */
    private String readLine() {
        try {
            String line = in.readLine();
            if (line == null) {
                return null;
            }
            lineNumber++;
            return lineNumber == 1 && line.startsWith("\uFEFF") ? line.substring(1) : line;
        } catch (IOException e) {
            throw new DataException(source + ": could not read after line " + lineNumber + " (" + e
                    + "); the file is corrupt or unreadable.", e);
        }
    }

    /** The next line that holds a row, or null at the end. */
    private String nextRowLine() {
        if (pending != null) {
            String line = pending;
            pending = null;
            return line;
        }
        String line;
        do {
            line = readLine();
        } while (line != null && line.isBlank());
        return line;
    }

    /**
     * The next rows, at most {@code maxRows}; null once the file is exhausted. Arrays grow with
     * the rows actually read, so a large {@code maxRows} reads the rest of the file.
     *
     * @throws DataException for a bad row, or when the file has no data rows at all
     * @throws IllegalArgumentException when {@code maxRows < 1}
     */
    public Chunk next(int maxRows) {
        if (maxRows < 1) {
            throw new IllegalArgumentException("maxRows must be at least 1, got " + maxRows);
        }
        if (closed && !finished) {
            throw new IllegalStateException(source + ": the reader is closed");
        }
        if (finished) {
            return null;
        }
        ChunkBuffers buffers = new ChunkBuffers(maxRows);
        for (String line; buffers.rows < maxRows && (line = nextRowLine()) != null; ) {
            buffers.ensureCapacity();
            row(line, buffers);
            buffers.rows++;
        }
        if (buffers.rows < maxRows) {
            finished = true;
        }
        rowsRead += buffers.rows;
        if (rowsRead == 0) {
            throw noDataRows();
        }
        return buffers.rows == 0 ? null : buffers.chunk();
    }

    /** Growing arrays for one chunk, trimmed to the rows read at the end. */
    private final class ChunkBuffers {
        private final int maxRows;
        private int rows;
        private int capacity;
        private float[] features = new float[0];
        private int[] lineNumbers = new int[0];
        private int[] labels;
        private float[] targets;

        ChunkBuffers(int maxRows) {
            this.maxRows = maxRows;
            if (layout.labelsRead()) {
                labels = classes != null ? new int[0] : null;
                targets = classes == null ? new float[0] : null;
            }
        }

        void ensureCapacity() {
            if (rows < capacity) {
                return;
            }
            long grown = Math.min(maxRows, Math.max(INITIAL_ROWS, (long) capacity * 2));
            long widest = Math.max(Math.max(featureCount, targetCount), 1);
            if (grown * widest > MAX_ARRAY) {
                grown = MAX_ARRAY / widest;
                if (grown <= rows) {
                    throw new DataException(source + " line " + lineNumber + ": more than " + rows + " rows of "
                            + widest + " numbers do not fit in one float array; read the file in smaller chunks"
                            + " with TableSchemaReader.next(maxRows).");
                }
            }
            capacity = (int) grown;
            features = Arrays.copyOf(features, capacity * featureCount);
            lineNumbers = Arrays.copyOf(lineNumbers, capacity);
            if (labels != null) {
                labels = Arrays.copyOf(labels, capacity);
            }
            if (targets != null) {
                targets = Arrays.copyOf(targets, capacity * targetCount);
            }
        }

        Chunk chunk() {
            if (rows == capacity) {
                return new Chunk(features, lineNumbers, labels, targets);
            }
            return new Chunk(Arrays.copyOf(features, rows * featureCount), Arrays.copyOf(lineNumbers, rows),
                    labels == null ? null : Arrays.copyOf(labels, rows),
                    targets == null ? null : Arrays.copyOf(targets, rows * targetCount));
        }
    }

    private void row(String line, ChunkBuffers buffers) {
        int found = cells.split(line);
        if (found < 0) {
            throw unterminatedQuote();
        }
        int width = layout.width();
        if (found != width) {
            throw wrongCellCount(found, width);
        }
        int row = buffers.rows;
        int base = row * featureCount;
        for (int c = 0; c < width; c++) {
            switch (layout.role(c)) {
                case NUMERIC -> buffers.features[base + layout.offset(c)] = feature(c);
                case CATEGORICAL -> buffers.features[base + layout.offset(c) + category(c)] = 1;
                case LABEL -> {
                    if (classes != null) {
                        buffers.labels[row] = classIndex(c);
                    } else {
                        buffers.targets[row * targetCount + layout.offset(c)] = target(c);
                    }
                }
                default -> { }
            }
        }
        buffers.lineNumbers[row] = lineNumber;
    }

    private float feature(int column) {
        if (cells.isEmpty(column)) {
            throw new DataException(where(column) + ": the cell is empty; the model needs a number here, so fill"
                    + " it in or remove the row.");
        }
        float value;
        try {
            value = (float) cells.number(column);
        } catch (NumberFormatException e) {
            throw new DataException(where(column) + ": expected a number, found '" + cells.cell(column)
                    + "'; the model was trained on numbers in this column, so fix the cell or remove the row.");
        }
        if (!Float.isFinite(value)) {
            throw new DataException(where(column) + ": found '" + cells.cell(column) + "', which is not a finite"
                    + " float32 number; fix the cell or remove the row.");
        }
        return value;
    }

    private int category(int column) {
        String text = cells.cell(column);
        int index = layout.category(column, text);
        if (index >= 0) {
            return index;
        }
        if (text.isEmpty()) {
            throw new DataException(where(column) + ": the categorical cell is empty; fill in one of the categories"
                    + " the model knows " + layout.categories(column) + " or remove the row.");
        }
        throw new DataException(where(column) + ": the category '" + text + "' was not seen in training; the model"
                + " knows " + layout.categories(column) + ". Fix the cell or remove the row (categories are"
                + " case-sensitive).");
    }

    private int classIndex(int column) {
        String text = cells.cell(column);
        String here = where(column) + ", the label";
        if (text.isEmpty()) {
            throw new DataException(here + ": the cell is empty; fill in the class or remove the row, or read the"
                    + " file without labels (LabelPolicy.IGNORED).");
        }
        if (classes.format() != ClassLabels.INDICES) {
            Integer index = classIndex.get(text);
            if (index != null) {
                return index;
            }
            if (classes.format() == ClassLabels.NAMES) {
                throw new DataException(here + ": the class '" + text + "' is not one of the model's classes "
                        + classes.names() + "; fix the label or remove the row (class names are case-sensitive).");
            }
        }
        int index = indexOrMinusOne(text);
        if (index < 0 || index >= classes.count()) {
            String range = "0.." + (classes.count() - 1);
            String expected = classes.format() == ClassLabels.AUTO
                    ? "one of the model's classes " + classes.names() + " or a class index " + range
                    : "a class index, an integer in " + range
                    + (classes.names().isEmpty() ? "" : " for the classes " + classes.names());
            throw new DataException(here + ": expected " + expected + ", found '" + text
                    + "'; fix the label or remove the row.");
        }
        return index;
    }

    private static int indexOrMinusOne(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private float target(int column) {
        String here = where(column) + ", a regression target";
        if (cells.isEmpty(column)) {
            throw new DataException(here + ": the cell is empty; fill it in or remove the row, or read the file"
                    + " without targets (LabelPolicy.IGNORED).");
        }
        float value;
        try {
            value = (float) cells.number(column);
        } catch (NumberFormatException e) {
            throw new DataException(here + ": expected a number, found '" + cells.cell(column)
                    + "'; fix the cell or remove the row.");
        }
        if (!Float.isFinite(value)) {
            throw new DataException(here + ": found '" + cells.cell(column) + "', which is not a finite float32"
                    + " number; fix the cell or remove the row.");
        }
        return value;
    }

    private String where(int column) {
        return source + " line " + lineNumber + ", " + layout.describe(column);
    }

    private DataException unterminatedQuote() {
        return new DataException(source + " line " + lineNumber + ", cell " + (cells.unterminatedQuote() + 1)
                + ": a quote is opened but not closed on this line; close it (quoted cells cannot span lines).");
    }

    private DataException wrongCellCount(int found, int width) {
        String reference = headerLine > 0 ? "the header (line " + headerLine + ")"
                : "the first row (line " + firstRowLine + ")";
        String detail = found < width
                ? layout.describe(found) + " is missing"
                : "the extra cell at index " + width + " is '" + cells.cell(width) + "'";
        return new DataException(source + " line " + lineNumber + ": found " + found + " cells but " + reference
                + " has " + width + "; " + detail + ". Fix or remove this line (the delimiter is "
                + CsvOptions.describe(delimiter) + "; quote cells that contain it).");
    }

    private DataException noDataRows() {
        String reason;
        if (lineNumber == 0) {
            reason = " (the file is empty)";
        } else if (headerLine > 0) {
            reason = " after the header on line " + headerLine + " (" + lineNumber + " lines in all)";
        } else {
            reason = " in " + lineNumber + " lines (" + (lineNumber <= schema.skipLines()
                    ? "all skipped: the first " + schema.skipLines() + " are skipped, as in training" : "all blank") + ")";
        }
        return new DataException(source + ": no data rows" + reason + "; expected "
                + (schema.header() ? "a header line, then " : "") + "one line per example.");
    }

    /** The schema the file is read with. */
    public TableSchema schema() {
        return schema;
    }

    /** Whether the chunks carry labels or targets: the file has the label columns and they are read. */
    public boolean hasLabels() {
        return layout.labelsRead();
    }

    /** The delimiter found in this file. */
    public char delimiter() {
        return delimiter;
    }

    /** Closes the file; further calls do nothing. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            in.close();
        } catch (IOException e) {
            throw new DataException(source + ": could not close the file (" + e + ").", e);
        }
    }
}
