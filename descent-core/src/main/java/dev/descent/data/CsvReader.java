package dev.descent.data;

import dev.descent.tensor.Tensor;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Reads a table of examples from a CSV file into a {@link Dataset} (classification) or a
 * {@link RegressionDataset}, as {@link CsvOptions} describes.
 *
 * <pre>{@code
 * Dataset penguins = CsvReader.classification(Path.of("penguins.csv"),
 *         CsvOptions.defaults().withLabel("species").withCategorical("island")).dataset();
 * }</pre>
 *
 * <ul>
 *   <li>A file that starts with the gzip signature ({@code 1f 8b}) is decompressed on the fly,
 *       whatever its name. Text is UTF-8; a leading byte-order mark is skipped.</li>
 *   <li>The file is streamed line by line into primitive arrays: memory is about the final
 *       float32 features plus one line.</li>
 *   <li>Blank lines are skipped. Cells are trimmed; a cell in double quotes may contain the
 *       delimiter, and {@code ""} stands for a quote.</li>
 *   <li>Every problem is a {@link DataException} naming the file, the line (from 1, counting
 *       the header and skipped lines), the column (header name and index from 0), what was
 *       found and how to fix it.</li>
 * </ul>
 *
 * <p>The data set is named after the file, without {@code .gz} and its extension. The result's
 * {@link TableSchema} reads new files (for prediction) into the same features.
 */
public final class CsvReader {
    private static final int BUFFER_BYTES = 1 << 16;

    private CsvReader() {
    }

    /**
     * What a CSV file became, with what the features are.
     *
     * @param dataset      the examples
     * @param featureNames one per feature column: the header name (or {@code column<index>}
     *                     without a header), and {@code name=category} for one-hot columns
     * @param categories   each categorical column's name → its categories in one-hot order
     * @param schema       how the file was read, to save with a model and read new files the
     *                     same way; null when the result was built without one
     */
    public record Classification(Dataset dataset, List<String> featureNames, Map<String, List<String>> categories,
                                 TableSchema schema) {
        public Classification {
            featureNames = List.copyOf(featureNames);
            categories = Collections.unmodifiableMap(new LinkedHashMap<>(categories));
        }

        /** A result without a schema. */
        public Classification(Dataset dataset, List<String> featureNames, Map<String, List<String>> categories) {
            this(dataset, featureNames, categories, null);
        }
    }

    /**
     * What a CSV file became, with what the features are; the feature names are also in the
     * data set.
     *
     * @param categories each categorical column's name → its categories in one-hot order
     * @param schema     how the file was read, to save with a model and read new files the same
     *                   way; null when the result was built without one
     */
    public record Regression(RegressionDataset dataset, Map<String, List<String>> categories, TableSchema schema) {
        public Regression {
            categories = Collections.unmodifiableMap(new LinkedHashMap<>(categories));
        }

        /** A result without a schema. */
        public Regression(RegressionDataset dataset, Map<String, List<String>> categories) {
            this(dataset, categories, null);
        }
    }

    /** Reads a classification table: one integer or text label per row, see {@link CsvOptions.ClassLabels}. */
    public static Classification classification(Path file, CsvOptions options) {
        return classification(open(file), file.toString(), datasetName(file), options);
    }

    /**
     * Reads a classification table from a stream (plain or gzip) to its end, and closes it.
     *
     * @param source names the input in messages, e.g. a file name
     * @param name   the data set's name
     */
    public static Classification classification(InputStream in, String source, String name, CsvOptions options) {
        CsvReaderTable table = read(in, source, options, true);
        Dataset dataset = new Dataset(name, Tensor.wrap(table.features(), table.rows(), table.featureCount()),
                table.labels(), table.classes(), table.classNames());
        return new Classification(dataset, table.featureNames(), table.categories(), table.schema());
    }

    /**
     * Reads a regression table: targets {@code [n]} for one label column, {@code [n, k]} for
     * {@code k} label columns ({@link CsvOptions#withLabels}).
     */
    public static Regression regression(Path file, CsvOptions options) {
        return regression(open(file), file.toString(), datasetName(file), options);
    }

    /**
     * Reads a regression table from a stream (plain or gzip) to its end, and closes it.
     *
     * @param source names the input in messages, e.g. a file name
     * @param name   the data set's name
     */
    public static Regression regression(InputStream in, String source, String name, CsvOptions options) {
        CsvReaderTable table = read(in, source, options, false);
        Tensor targets = table.targetCount() == 1
                ? Tensor.wrap(table.targets(), table.rows())
                : Tensor.wrap(table.targets(), table.rows(), table.targetCount());
        RegressionDataset dataset = new RegressionDataset(name,
                Tensor.wrap(table.features(), table.rows(), table.featureCount()), targets, table.featureNames());
        return new Regression(dataset, table.categories(), table.schema());
    }

    private static CsvReaderTable read(InputStream in, String source, CsvOptions options, boolean classification) {
        // Closing the reader also ends a gzip stream's Inflater, which holds native memory.
        try (BufferedReader reader = reader(in, source)) {
            return CsvReaderTable.read(reader, source, options, classification);
        } catch (IOException e) {
            throw new DataException(source + ": could not close the file (" + e + ").", e);
        }
    }

    static InputStream open(Path file) {
        if (Files.isDirectory(file)) {
            throw new DataException(file + ": expected a file but this is a directory; pass the file inside it.");
        }
        try {
            return Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new DataException(file + ": file not found; check the path.", e);
        } catch (IOException e) {
            throw new DataException(file + ": could not open the file (" + e + "); check that it is readable.", e);
        }
    }

    /**
     * A UTF-8 line reader over {@code in}, decompressing it when it starts with the gzip
     * signature. Shared with {@link LibSvmReader}.
     */
    static BufferedReader reader(InputStream in, String source) {
        try {
            // A BufferedInputStream supports mark/reset for the two-byte peek at the signature.
            InputStream buffered = new BufferedInputStream(in, BUFFER_BYTES);
            buffered.mark(2);
            int first = buffered.read();
            int second = buffered.read();
            buffered.reset();
            InputStream content = first == 0x1f && second == 0x8b ? new GZIPInputStream(buffered, BUFFER_BYTES) : buffered;
            return new BufferedReader(new InputStreamReader(content, StandardCharsets.UTF_8), BUFFER_BYTES);
        } catch (IOException e) {
            closeQuietly(in, e);
            throw new DataException(source + ": starts like a gzip file but its gzip header is corrupt (" + e.getMessage()
                    + "); download or compress it again.", e);
        }
    }

    private static void closeQuietly(InputStream in, IOException failure) {
        try {
            in.close();
        } catch (IOException closing) {
            failure.addSuppressed(closing);
        }
    }

    /** {@code iris.csv.gz} → {@code iris}. */
    static String datasetName(Path file) {
        Path fileName = file.getFileName();
        String name = fileName == null ? file.toString() : fileName.toString();
        if (name.endsWith(".gz")) {
            name = name.substring(0, name.length() - 3);
        }
        int dot = name.lastIndexOf('.');
        if (dot > 0) {
            name = name.substring(0, dot);
        }
        return name.isBlank() ? "csv" : name;
    }
}
