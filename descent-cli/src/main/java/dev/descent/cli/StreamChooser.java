package dev.descent.cli;

import dev.descent.data.CsvExampleStream;
import dev.descent.data.CsvOptions;
import dev.descent.data.CsvReader;
import dev.descent.data.Dataset;
import dev.descent.data.LibSvmExampleStream;
import dev.descent.data.StreamingBatches;
import dev.descent.data.TableSchema;
import dev.descent.model.Preprocessing;
import java.nio.file.Path;

/**
 * {@code --stream}: training batches read from a CSV file (again every epoch) or from standard
 * input (once) through a bounded shuffle buffer, and an optional in-memory test file.
 */
final class StreamChooser {
    private StreamChooser() {
    }

    /** The stream and what it will be evaluated on ({@code test} may be null). */
    record StreamData(String source, StreamingBatches batches, int featureCount, int classes, Dataset test,
                      Preprocessing preprocessing) {
    }

    /** A LibSVM file streamed, densified to {@code features} features. */
    static StreamData libsvm(String file, int features, int classes, int batchSize, int shuffleBuffer, long seed) {
        requireClasses(classes);
        StreamingBatches batches = file.equals("-")
                ? StreamingBatches.readOnce(LibSvmExampleStream.of(System.in, "standard input", features, classes),
                        batchSize, shuffleBuffer, seed)
                : StreamingBatches.rereadable(() -> LibSvmExampleStream.open(Path.of(file), features, classes), features,
                        batchSize, shuffleBuffer, seed);
        return new StreamData((file.equals("-") ? "standard input" : file) + " (LibSVM, streamed through a shuffle"
                + " buffer of " + shuffleBuffer + ")", batches, features, classes, null, Preprocessing.vectors(features));
    }

    private static void requireClasses(int classes) {
        if (classes < 2) {
            throw new IllegalArgumentException("--stream needs --classes K (at least 2): a stream's labels are not known"
                    + " before it is read, and the model's output width depends on them");
        }
    }

    static StreamData choose(String csv, CsvOptions options, int classes, int batchSize, int shuffleBuffer, long seed,
                             Path testCsv) {
        requireClasses(classes);
        StreamingBatches batches;
        int features;
        String source;
        TableSchema schema;
        if (csv.equals("-")) {
            CsvExampleStream stdin = CsvExampleStream.of(System.in, "standard input", options, classes);
            features = stdin.featureCount();
            schema = stdin.schema();
            batches = StreamingBatches.readOnce(stdin, batchSize, shuffleBuffer, seed);
            source = "standard input";
        } else {
            Path file = Path.of(csv);
            try (CsvExampleStream probe = CsvExampleStream.open(file, options, classes)) {
                features = probe.featureCount();
                schema = probe.schema();
            }
            batches = StreamingBatches.rereadable(() -> CsvExampleStream.open(file, options, classes), features,
                    batchSize, shuffleBuffer, seed);
            source = csv;
        }
        DatasetChooser.requireDistinctNames(schema, source);
        Dataset test = testCsv == null ? null : CsvReader.classification(testCsv, options).dataset();
        if (test != null && test.featureCount() != features) {
            throw new IllegalArgumentException("--test-csv " + testCsv + " has " + test.featureCount()
                    + " features but the stream " + source + " has " + features + "; both files need the same"
                    + " feature columns (check --label-column and --categorical, or give a --test-csv cut from the"
                    + " same table)");
        }
        return new StreamData(source + " (streamed through a shuffle buffer of " + shuffleBuffer + ")", batches,
                features, classes, test, new Preprocessing(Preprocessing.Input.TABLE, features, schema, null));
    }
}
