package dev.descent.data;

import dev.descent.tensor.Tensor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the sparse text format of SVMlight and LibSVM into dense features:
 *
 * <pre>
 * # comments run from '#' to the end of a line
 * +1 qid:3 1:0.5 7:1.25 30:-2   ← label, optional query id (ignored), index:value pairs
 * -1 2:1 7:0.5
 * </pre>
 *
 * <p>Indices count from 1 and must increase along a line; missing indices are 0. Feature
 * {@code i} becomes column {@code i − 1}. The dimension is the largest index in the file,
 * unless {@link Options#withDimension} fixes it (do so for a test file, so that it matches
 * its training file).
 *
 * <p>The features are loaded densely, so a sparse file can become huge: beyond
 * {@link Options#maxDimension()} features or {@link Options#maxValues()} floats in all, the
 * reader stops with an error that names the size found and the option to raise.
 *
 * <p>For classification the labels must be integers (such as {@code -1}/{@code +1} or
 * {@code 1..7}); they are mapped to classes {@code 0..k−1} in increasing order, or in the order
 * of {@link Options#withClassLabels}, and the class names record the original labels
 * ({@code "-1", "1"}). Every problem is a {@link DataException} naming the file, the line
 * (from 1), the token (from 1; the label is token 1), what was found and the fix.
 */
public final class LibSvmReader {
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    private LibSvmReader() {
    }

    /**
     * How {@link LibSvmReader} reads a file.
     *
     * @param dimension    the number of features, or 0 for the largest index in the file
     * @param maxDimension the most features accepted, at least 1
     * @param maxValues    the most floats accepted in the dense {@code [n, d]} features, at least 1
     * @param classLabels  for classification: the label values in class order, or empty for all
     *                     labels of the file in increasing order
     */
    public record Options(int dimension, int maxDimension, long maxValues, List<Long> classLabels) {
        /** 100 000 features. */
        public static final int DEFAULT_MAX_DIMENSION = 100_000;
        /** 100 million floats: 400 MB of features. */
        public static final long DEFAULT_MAX_VALUES = 100_000_000L;

        public Options {
            if (maxDimension < 1) {
                throw new IllegalArgumentException("maxDimension must be at least 1, got " + maxDimension);
            }
            if (maxValues < 1) {
                throw new IllegalArgumentException("maxValues must be at least 1, got " + maxValues);
            }
            if (dimension < 0 || dimension > maxDimension) {
                throw new IllegalArgumentException("dimension must be in [0, maxDimension = " + maxDimension
                        + "] (0: the largest index in the file), got " + dimension);
            }
            classLabels = List.copyOf(classLabels);
            if (new HashSet<>(classLabels).size() != classLabels.size()) {
                throw new IllegalArgumentException("classLabels must be distinct, got " + classLabels);
            }
        }

        /** Dimension from the file, at most {@link #DEFAULT_MAX_DIMENSION} features and {@link #DEFAULT_MAX_VALUES} floats. */
        public static Options defaults() {
            return new Options(0, DEFAULT_MAX_DIMENSION, DEFAULT_MAX_VALUES, List.of());
        }

        /** Exactly {@code features} columns; an index above it is an error. Raises maxDimension if needed. */
        public Options withDimension(int features) {
            return new Options(features, Math.max(maxDimension, features), maxValues, classLabels);
        }

        public Options withMaxDimension(int features) {
            return new Options(dimension, features, maxValues, classLabels);
        }

        public Options withMaxValues(long floats) {
            return new Options(dimension, maxDimension, floats, classLabels);
        }

        /** Declares the label values in class order, e.g. {@code -1, 1}; any other label is an error. */
        public Options withClassLabels(long... labels) {
            List<Long> values = new ArrayList<>(labels.length);
            for (long label : labels) {
                values.add(label);
            }
            return new Options(dimension, maxDimension, maxValues, values);
        }
    }

    /** Reads a classification file; the data set is named after the file. */
    public static Dataset classification(Path file, Options options) {
        return classification(CsvReader.open(file), file.toString(), CsvReader.datasetName(file), options);
    }

    /**
     * Reads a classification file from a stream (plain or gzip) to its end, and closes it.
     *
     * @param source names the input in messages, e.g. a file name
     */
    public static Dataset classification(InputStream in, String source, String name, Options options) {
        Parse parse = parse(in, source, options, true);
        List<Long> order = options.classLabels().isEmpty()
                ? new ArrayList<>(new TreeSet<>(parse.classValues))
                : options.classLabels();
        Map<Long, Integer> classOf = new HashMap<>();
        List<String> names = new ArrayList<>(order.size());
        for (int c = 0; c < order.size(); c++) {
            classOf.put(order.get(c), c);
            names.add(Long.toString(order.get(c)));
        }
        int[] labels = new int[parse.rows];
        for (int r = 0; r < parse.rows; r++) {
            labels[r] = classOf.get((long) parse.labels[r]);
        }
        return new Dataset(name, parse.dense(), labels, order.size(), names);
    }

    /** Reads a regression file (one real target per line); the data set is named after the file. */
    public static RegressionDataset regression(Path file, Options options) {
        return regression(CsvReader.open(file), file.toString(), CsvReader.datasetName(file), options);
    }

    /**
     * Reads a regression file from a stream (plain or gzip) to its end, and closes it.
     *
     * @param source names the input in messages, e.g. a file name
     */
    public static RegressionDataset regression(InputStream in, String source, String name, Options options) {
        Parse parse = parse(in, source, options, false);
        float[] targets = new float[parse.rows];
        for (int r = 0; r < parse.rows; r++) {
            targets[r] = (float) parse.labels[r];
        }
        return new RegressionDataset(name, parse.dense(), Tensor.wrap(targets, parse.rows), List.of());
    }

    private static Parse parse(InputStream in, String source, Options options, boolean classification) {
        Parse parse = new Parse(source, options, classification);
        try (BufferedReader reader = CsvReader.reader(in, source)) {
            parse.readAll(reader);
        } catch (IOException e) {
            throw new DataException(source + ": could not read after line " + parse.lineNumber + " (" + e
                    + "); the file is corrupt or unreadable.", e);
        }
        return parse;
    }

    /** One pass over the lines into sparse rows. */
    private static final class Parse {
        private final String source;
        private final Options options;
        private final boolean classification;
        private final Set<Long> declared;
        /** Distinct class label values, for classification. */
        private final Set<Long> classValues = new HashSet<>();
        private int lineNumber;
        private int rows;
        private double[] labels = new double[1024];
        private int[] rowEnds = new int[1024];
        private int[] indices = new int[4096];
        private float[] values = new float[4096];
        private int stored;
        private int maxIndex;

        Parse(String source, Options options, boolean classification) {
            this.source = source;
            this.options = options;
            this.classification = classification;
            this.declared = new HashSet<>(options.classLabels());
        }

        void readAll(BufferedReader in) throws IOException {
            for (String line; (line = in.readLine()) != null; ) {
                lineNumber++;
                int comment = line.indexOf('#');
                int end = comment >= 0 ? comment : line.length();
                line(line, end);
            }
            if (rows == 0) {
                throw new DataException(source + ": no data lines" + (lineNumber == 0 ? " (the file is empty)"
                        : " in " + lineNumber + " lines (all blank or comments)") + "; expected lines like"
                        + " '+1 1:0.5 7:1.25' (a label, then index:value pairs with indices from 1).");
            }
        }

        private void line(String line, int end) {
            int token = 0;
            int previousIndex = 0;
            int i = 0;
            while (true) {
                while (i < end && isSpace(line.charAt(i))) {
                    i++;
                }
                if (i >= end) {
                    break;
                }
                int start = i;
                while (i < end && !isSpace(line.charAt(i))) {
                    i++;
                }
                token++;
                if (token == 1) {
                    label(line, start, i);
                } else {
                    previousIndex = pair(line, start, i, token, previousIndex);
                }
            }
            if (token > 0) {
                rowEnds[rows++] = stored; // label() made room
            }
        }

        private void label(String line, int start, int end) {
            String text = line.substring(start, end);
            double value;
            try {
                value = CsvReaderNumbers.parse(line, start, end);
            } catch (NumberFormatException e) {
                throw new DataException(where(1, text) + ": expected a label (a number), found '" + text + "'"
                        + (text.contains(",") ? "; multi-label lines are not supported" : "")
                        + (text.contains(":") ? "; every line must start with its label" : "")
                        + ". Fix or remove the line.");
            }
            if (!Double.isFinite(value)) {
                throw new DataException(where(1, text) + ": the label is " + text + "; labels must be finite numbers,"
                        + " fix or remove the line.");
            }
            if (classification) {
                if (value != Math.rint(value) || Math.abs(value) > (1L << 53)) {
                    throw new DataException(where(1, text) + ": expected an integer class label, found " + text
                            + "; fix the line, or read real-valued targets with LibSvmReader.regression.");
                }
                long classValue = (long) value;
                if (!declared.isEmpty() && !declared.contains(classValue)) {
                    throw new DataException(where(1, text) + ": the label " + classValue + " is not one of the"
                            + " declared class labels " + options.classLabels() + "; fix the line, or add it"
                            + " with Options.withClassLabels.");
                }
                classValues.add(classValue);
            }
            if (rows == labels.length) {
                rowEnds = Arrays.copyOf(rowEnds, rows * 2);
                labels = Arrays.copyOf(labels, rows * 2);
            }
            labels[rows] = value;
        }

        /** Reads {@code index:value}; returns the index. */
        private int pair(String line, int start, int end, int token, int previousIndex) {
            int colon = line.indexOf(':', start);
            if (colon < 0 || colon >= end) {
                String text = line.substring(start, end);
                throw new DataException(where(token, text) + ": expected index:value, found '" + text + "'; fix the"
                        + " token (the label comes first, then pairs such as 3:0.5 separated by spaces).");
            }
            if (colon - start == 3 && line.regionMatches(true, start, "qid", 0, 3)) {
                return previousIndex; // ranking query id: not a feature
            }
            int index = index(line, start, colon, end, token);
            if (index <= 0) {
                throw new DataException(where(token, line.substring(start, end)) + ": feature index " + index
                        + " is not allowed; LibSVM indices count from 1, so fix the file (shift every index by 1"
                        + " if it counts from 0).");
            }
            if (index == previousIndex) {
                throw new DataException(where(token, line.substring(start, end)) + ": feature index " + index
                        + " appears twice on this line; keep one of the two values.");
            }
            if (index < previousIndex) {
                throw new DataException(where(token, line.substring(start, end)) + ": feature index " + index
                        + " comes after index " + previousIndex + "; indices must increase along a line, so sort"
                        + " the pairs of this line by index.");
            }
            if (options.dimension() > 0 && index > options.dimension()) {
                throw new DataException(where(token, line.substring(start, end)) + ": feature index " + index
                        + " exceeds the declared dimension " + options.dimension() + "; raise it with"
                        + " Options.withDimension(" + index + ") or more, or remove the feature.");
            }
            if (index > options.maxDimension()) {
                throw new DataException(where(token, line.substring(start, end)) + ": feature index " + index
                        + " exceeds the limit of " + options.maxDimension() + " features (the data are loaded"
                        + " densely); raise it with Options.withMaxDimension(" + index + ") or more if the memory"
                        + " allows.");
            }
            double value;
            try {
                value = CsvReaderNumbers.parse(line, colon + 1, end);
            } catch (NumberFormatException e) {
                throw new DataException(where(token, line.substring(start, end)) + ": expected a number after the"
                        + " colon, found '" + line.substring(colon + 1, end) + "'; fix the value.");
            }
            if (!Float.isFinite((float) value)) {
                throw new DataException(where(token, line.substring(start, end)) + ": the value "
                        + line.substring(colon + 1, end) + " is not a finite float32 number; fix or remove it.");
            }
            if (stored == indices.length) {
                if (stored >= MAX_ARRAY / 2) {
                    throw new DataException(source + " line " + lineNumber + ": more than " + stored
                            + " stored values; split the file.");
                }
                indices = Arrays.copyOf(indices, stored * 2);
                values = Arrays.copyOf(values, stored * 2);
            }
            indices[stored] = index;
            values[stored] = (float) value;
            stored++;
            maxIndex = Math.max(maxIndex, index);
            return index;
        }

        private int index(String line, int start, int colon, int end, int token) {
            boolean negative = line.charAt(start) == '-';
            int i = negative || line.charAt(start) == '+' ? start + 1 : start;
            if (i == colon) {
                throw badIndex(line, start, end, token);
            }
            long index = 0;
            for (; i < colon; i++) {
                char c = line.charAt(i);
                if (c < '0' || c > '9') {
                    throw badIndex(line, start, end, token);
                }
                index = Math.min(index * 10 + (c - '0'), Integer.MAX_VALUE);
            }
            return (int) (negative ? -index : index);
        }

        private DataException badIndex(String line, int start, int end, int token) {
            String text = line.substring(start, end);
            return new DataException(where(token, text) + ": expected an integer feature index before the colon, found '"
                    + text + "'; fix the token.");
        }

        private static boolean isSpace(char c) {
            return c == ' ' || c == '\t';
        }

        private String where(int token, String text) {
            return source + " line " + lineNumber + ", token " + token + " '" + text + "'";
        }

        Tensor dense() {
            int d = options.dimension() > 0 ? options.dimension() : maxIndex;
            if (d == 0) {
                throw new DataException(source + ": none of the " + rows + " lines has a feature (index:value);"
                        + " check the file, or fix the dimension with Options.withDimension.");
            }
            long total = (long) rows * d;
            if (total > MAX_ARRAY) {
                throw new DataException(source + ": " + rows + " rows × " + d + " features = " + total
                        + " floats do not fit in one Java array (at most " + MAX_ARRAY + "); split the file.");
            }
            if (total > options.maxValues()) {
                throw new DataException(source + ": " + rows + " rows × " + d + " features = " + total
                        + " floats exceed the limit of " + options.maxValues() + " for dense features; raise it"
                        + " with Options.withMaxValues(" + total + ") if the memory allows (4 bytes per float),"
                        + " or read fewer rows or features.");
            }
            float[] dense = new float[(int) total];
            int from = 0;
            for (int r = 0; r < rows; r++) {
                int base = r * d;
                for (int k = from; k < rowEnds[r]; k++) {
                    dense[base + indices[k] - 1] = values[k];
                }
                from = rowEnds[r];
            }
            return Tensor.wrap(dense, rows, d);
        }
    }
}
