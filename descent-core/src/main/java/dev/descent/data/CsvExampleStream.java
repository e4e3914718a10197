package dev.descent.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows of a CSV file (plain or gzip) one at a time, for {@link StreamingBatches}: numeric
 * feature columns and one label column holding class indices 0, 1, 2, … Memory stays at one
 * line whatever the file's size. Categorical columns and class names need the whole file to
 * know their values, so they are refused here; read such files with {@link CsvReader}.
 *
 * <p>The options are {@link CsvOptions}'s (header, delimiter, label and ignored columns,
 * skipped lines). Errors name the file, the line and the column, as {@link CsvReader}'s do.
 */
public final class CsvExampleStream implements ExampleStream {
    private final String source;
    private final BufferedReader in;
    private final CsvOptions options;
    private final CsvReaderCells cells;
    private final CsvReaderColumns columns;
    private final int[] featureColumns;
    private final int labelColumn;
    private final int classes;
    private int lineNumber;

    private CsvExampleStream(InputStream input, String source, CsvOptions options, int classes) {
        this.source = source;
        this.options = options;
        this.classes = classes;
        this.in = CsvReader.reader(input, source);
        for (int i = 0; i < options.skipLines(); i++) {
            readLine();
        }
        String first = readLine();
        if (first == null) {
            close();
            throw new DataException(source + ": the file is empty; there is nothing to train on.");
        }
        char delimiter = options.delimiter() == CsvOptions.DETECT_DELIMITER
                ? CsvReaderCells.detectDelimiter(first) : options.delimiter();
        this.cells = new CsvReaderCells(delimiter);
        int width = cells.split(first);
        List<String> names = null;
        if (options.header()) {
            names = new ArrayList<>();
            for (int c = 0; c < width; c++) {
                names.add(cells.cell(c));
            }
        }
        this.columns = new CsvReaderColumns(source, lineNumber, names, width, options);
        if (columns.labelColumns().length != 1) {
            throw new IllegalArgumentException(source + ": streaming reads one label column, not "
                    + columns.labelColumns().length);
        }
        this.labelColumn = columns.labelColumns()[0];
        List<Integer> features = new ArrayList<>();
        for (int c = 0; c < width; c++) {
            switch (columns.role(c)) {
                case NUMERIC -> features.add(c);
                case CATEGORICAL -> throw new IllegalArgumentException(source + ": " + columns.describe(c)
                        + " is categorical, but a stream cannot know its categories in advance; read the file"
                        + " into memory with CsvReader, or encode the column as numbers first");
                default -> { }
            }
        }
        this.featureColumns = features.stream().mapToInt(Integer::intValue).toArray();
        if (!options.header()) {
            pending = first; // the first line is data
        }
    }

    private String pending;

    /**
     * Opens a file; {@code classes} is the number of classes (labels must be in 0..classes−1),
     * needed up front because the model's output width depends on it.
     */
    public static CsvExampleStream open(Path file, CsvOptions options, int classes) {
        return new CsvExampleStream(CsvReader.open(file), file.toString(), options, classes);
    }

    /** Reads from {@code input} (e.g. standard input), named {@code source} in messages. */
    public static CsvExampleStream of(InputStream input, String source, CsvOptions options, int classes) {
        return new CsvExampleStream(input, source, options, classes);
    }

    @Override
    public int featureCount() {
        return featureColumns.length;
    }

    /**
     * The stream's columns as a {@link TableSchema}, so that a model trained on it reads new
     * files by column name: numeric features, ignored columns, and a label column of class
     * indices {@code 0..classes−1}.
     */
    public TableSchema schema() {
        List<TableSchema.Column> schemaColumns = new ArrayList<>();
        for (int c = 0; c < columns.width(); c++) {
            TableSchema.Role role = switch (columns.role(c)) {
                case NUMERIC -> TableSchema.Role.NUMERIC;
                case LABEL -> TableSchema.Role.LABEL;
                default -> TableSchema.Role.IGNORED;
            };
            schemaColumns.add(TableSchema.Column.of(columns.name(c), role));
        }
        return new TableSchema(options.header(), cells.delimiter(), options.skipLines(), schemaColumns,
                new TableSchema.Classes(List.of(), classes, CsvOptions.ClassLabels.INDICES));
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public int next(float[] features) {
        String line;
        do {
            line = pending != null ? pending : readLine();
            pending = null;
            if (line == null) {
                return -1;
            }
        } while (line.isBlank());
        int found = cells.split(line);
        if (found != columns.width()) {
            throw new DataException(source + " line " + lineNumber + ": found " + found + " cells but the first row has "
                    + columns.width() + "; fix or remove this line.");
        }
        for (int f = 0; f < featureColumns.length; f++) {
            int c = featureColumns[f];
            double value;
            try {
                value = cells.number(c);
            } catch (NumberFormatException e) {
                throw new DataException(source + " line " + lineNumber + ", " + columns.describe(c)
                        + ": expected a number, found '" + cells.cell(c) + "'; fix the cell.");
            }
            if (!Double.isFinite(value) && !options.nonFiniteAllowed()) {
                throw new DataException(source + " line " + lineNumber + ", " + columns.describe(c) + ": " + value
                        + " is not a finite number; fix the cell, or allow it with CsvOptions.withNonFiniteAllowed(true).");
            }
            features[f] = (float) value;
        }
        String text = cells.cell(labelColumn).trim();
        int label;
        try {
            label = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            label = -1;
        }
        if (label < 0 || label >= classes) {
            throw new DataException(source + " line " + lineNumber + ", the label in " + columns.describe(labelColumn)
                    + ": '" + text + "' is not a class index 0.." + (classes - 1) + "; a stream needs integer class"
                    + " indices (or read the file into memory with CsvReader, which also maps class names).");
        }
        return label;
    }

    private String readLine() {
        try {
            String line = in.readLine();
            if (line != null) {
                lineNumber++;
            }
            return line;
        } catch (IOException e) {
            throw new UncheckedIOException(source + " line " + (lineNumber + 1) + ": could not read (" + e + ")", e);
        }
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException(source + ": could not close (" + e + ")", e);
        }
    }
}
