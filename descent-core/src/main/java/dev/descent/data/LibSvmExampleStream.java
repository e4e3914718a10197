package dev.descent.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The lines of a LibSVM / SVMLight file ({@code label index:value …}, indices from 1) one at a
 * time, for {@link StreamingBatches}, densified into a fixed number of features. Labels must
 * be class indices 0..K−1, except that a binary file's −1/+1 labels are read as 0/1. Comments
 * after {@code #} and {@code qid:} tokens are skipped. {@link LibSvmReader} reads a whole file
 * into memory instead, and maps arbitrary labels.
 */
public final class LibSvmExampleStream implements ExampleStream {
    private final String source;
    private final BufferedReader in;
    private final int dimension;
    private final int classes;
    private int lineNumber;

    private LibSvmExampleStream(InputStream input, String source, int dimension, int classes) {
        this.source = source;
        this.in = CsvReader.reader(input, source);
        this.dimension = dimension;
        this.classes = classes;
    }

    /** Opens a file whose feature indices go up to {@code dimension}, with {@code classes} classes. */
    public static LibSvmExampleStream open(Path file, int dimension, int classes) {
        requireShape(dimension, classes);
        return new LibSvmExampleStream(CsvReader.open(file), file.toString(), dimension, classes);
    }

    public static LibSvmExampleStream of(InputStream input, String source, int dimension, int classes) {
        requireShape(dimension, classes);
        return new LibSvmExampleStream(input, source, dimension, classes);
    }

    private static void requireShape(int dimension, int classes) {
        if (dimension < 1) {
            throw new IllegalArgumentException("LibSVM stream: the dimension must be ≥ 1, got " + dimension
                    + " (a stream cannot find the largest index before reading everything)");
        }
        Sampling.requirePositive("LibSVM stream: classes", classes);
    }

    @Override
    public int featureCount() {
        return dimension;
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public int next(float[] features) {
        while (true) {
            String line = readLine();
            if (line == null) {
                return -1;
            }
            int comment = line.indexOf('#');
            String content = (comment >= 0 ? line.substring(0, comment) : line).trim();
            if (!content.isEmpty()) {
                return parse(content, features);
            }
        }
    }

    private int parse(String line, float[] features) {
        Arrays.fill(features, 0f);
        String[] tokens = line.split("\\s+");
        int label = label(tokens[0]);
        int previous = 0;
        for (int t = 1; t < tokens.length; t++) {
            String token = tokens[t];
            int colon = token.indexOf(':');
            if (colon <= 0) {
                throw error("expected index:value, found '" + token + "'");
            }
            if (token.regionMatches(true, 0, "qid", 0, 3) && colon == 3) {
                continue;
            }
            int index;
            double value;
            try {
                index = Integer.parseInt(token.substring(0, colon));
                value = CsvReaderNumbers.parse(token, colon + 1, token.length());
            } catch (NumberFormatException e) {
                throw error("expected index:value with an integer index and a number, found '" + token + "'");
            }
            if (index <= previous) {
                throw error(index <= 0 ? "feature index " + index + " is not allowed; indices count from 1"
                        : "feature index " + index + " does not increase after " + previous + "; sort the pairs");
            }
            if (index > dimension) {
                throw error("feature index " + index + " exceeds the dimension " + dimension + " given for the stream");
            }
            if (!Float.isFinite((float) value)) {
                throw error("the value of feature " + index + " is not a finite float32 number");
            }
            features[index - 1] = (float) value;
            previous = index;
        }
        return label;
    }

    private int label(String text) {
        double value;
        try {
            value = CsvReaderNumbers.parse(text, 0, text.length());
        } catch (NumberFormatException e) {
            throw error("expected a label first, found '" + text + "'");
        }
        if (value == -1 && classes == 2) {
            return 0; // the binary −1/+1 convention
        }
        if (value != Math.rint(value) || value < 0 || value >= classes) {
            throw error("the label " + text + " is not a class index 0.." + (classes - 1)
                    + (classes == 2 ? " (or −1/+1)" : ""));
        }
        return (int) value;
    }

    private DataException error(String problem) {
        return new DataException(source + " line " + lineNumber + ": " + problem + "; fix or remove the line.");
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
