package dev.descent.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a header-less CSV of numbers whose last column is an integer class label, such as
 * scikit-learn's {@code digits.csv.gz}. Every bad cell is reported by line and column
 * (both counted from 1), with the value found and the value expected.
 */
final class LabeledCsvReader {
    /** The parsed table: {@code rows × featureColumns} features, row-major, and one label per row. */
    record Table(float[] features, int[] labels, int featureColumns) {
        int rows() {
            return labels.length;
        }
    }

    /** What the cells must hold. */
    record Expect(int classes, double minFeature, double maxFeature) {
    }

    private LabeledCsvReader() {
    }

    /**
     * @param source names the input in messages, e.g. a file name
     */
    static Table read(BufferedReader in, String source, Expect expect) {
        List<float[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        int columns = -1;
        int lineNumber = 0;
        try {
            for (String line; (line = in.readLine()) != null; ) {
                lineNumber++;
                if (line.isBlank()) {
                    continue; // a trailing newline or spacer line carries no example
                }
                String[] cells = line.split(",", -1);
                if (columns < 0) {
                    columns = cells.length;
                    if (columns < 2) {
                        throw new DataException(source + " line " + lineNumber + ": found " + columns
                                + " column, expected at least 2 (features, then the label); is this comma-separated?");
                    }
                } else if (cells.length != columns) {
                    throw new DataException(source + " line " + lineNumber + ": found " + cells.length
                            + " columns, expected " + columns + " like the first line; fix or remove this line.");
                }
                float[] features = new float[columns - 1];
                for (int c = 0; c < columns - 1; c++) {
                    features[c] = feature(cells[c], source, lineNumber, c + 1, expect);
                }
                rows.add(features);
                labels.add(label(cells[columns - 1], source, lineNumber, columns, expect));
            }
        } catch (IOException e) {
            throw new DataException(source + ": could not read after line " + lineNumber + " (" + e
                    + "); the file is corrupt or unreadable.", e);
        }
        if (rows.isEmpty()) {
            throw new DataException(source + ": no data lines; expected rows of numbers with the label last.");
        }
        int featureColumns = columns - 1;
        float[] flat = new float[rows.size() * featureColumns];
        int[] labelArray = new int[rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            System.arraycopy(rows.get(r), 0, flat, r * featureColumns, featureColumns);
            labelArray[r] = labels.get(r);
        }
        return new Table(flat, labelArray, featureColumns);
    }

    private static float feature(String cell, String source, int line, int column, Expect expect) {
        double value;
        try {
            value = Double.parseDouble(cell.trim());
        } catch (NumberFormatException e) {
            throw new DataException(where(source, line, column) + ": expected a number, found '" + cell + "'.");
        }
        if (!(value >= expect.minFeature() && value <= expect.maxFeature())) {
            throw new DataException(where(source, line, column) + ": expected a number in [" + expect.minFeature()
                    + ", " + expect.maxFeature() + "], found " + cell.trim() + ".");
        }
        return (float) value;
    }

    private static int label(String cell, String source, int line, int column, Expect expect) {
        int value;
        try {
            value = Integer.parseInt(cell.trim());
        } catch (NumberFormatException e) {
            throw new DataException(where(source, line, column) + " (the label): expected an integer class label,"
                    + " found '" + cell + "'.");
        }
        if (value < 0 || value >= expect.classes()) {
            throw new DataException(where(source, line, column) + " (the label): expected a class in 0.."
                    + (expect.classes() - 1) + ", found " + value + ".");
        }
        return value;
    }

    private static String where(String source, int line, int column) {
        return source + " line " + line + ", column " + column;
    }
}
