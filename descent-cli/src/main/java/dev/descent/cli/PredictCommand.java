package dev.descent.cli;

import dev.descent.io.AtomicFileWriter;
import dev.descent.model.ModelBundle;
import dev.descent.model.Predictor;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code descent predict MODEL}: a saved model's predictions on new data (a CSV file by column
 * names, standard input, a LibSVM file, an IDX folder) or on one of its run's splits, as CSV.
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Predict with a trained model on new data: one CSV row per example, keyed by the input's line"
                + " number (CSV) or the example's index, with the predicted class and one probability column per"
                + " class (or the predicted values of a regression model), and the true label when the input has it.",
                "The saved preprocessing (column order, one-hot categories, standardisation) is applied; CSV columns are"
                + " matched by name, in any order, and the label column may be absent."})
final class PredictCommand implements Callable<Integer> {

    @CommandLine.Mixin
    ModelDataOptions data;

    @Option(names = "--output", paramLabel = "FILE", description = "Write the CSV here, replacing it only once every"
            + " row is predicted (default: standard output).")
    Path output;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Predictor predictor = Predictor.load(data.model);
        if (output == null) {
            try (PredictionInput input = data.open(predictor, false); Writer writer = new UncloseableWriter(out)) {
                write(predictor, input, writer);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the predictions (" + FileErrors.reason(e) + ")", e);
            }
            return 0;
        }
        checkOutput(output);
        long[] written = {0};
        try (PredictionInput input = data.open(predictor, false)) {
            // atomic: a bad row half-way or a full disk leaves the old file (or none), never a part
            AtomicFileWriter.writeText(output, writer -> written[0] = write(predictor, input, writer));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + output + " (" + FileErrors.reason(e) + ")", e);
        }
        out.println("wrote " + written[0] + " predictions to " + output);
        out.flush();
        return 0;
    }

    /** Writes the header and every row; returns the number of rows (at least 1 once the header is out). */
    private static long write(Predictor predictor, PredictionInput input, Writer writer) throws IOException {
        boolean classifier = predictor.task() == ModelBundle.Task.CLASSIFICATION;
        List<String> names = predictor.outputNames();
        int k = predictor.outputCount();
        long count = 0;
        boolean headerWritten = false;
        StringBuilder line = new StringBuilder();
        char[] chars = new char[256];
        float[] out = new float[0];
        for (PredictionInput.Rows rows; (rows = input.next()) != null; ) {
            boolean labelled = classifier ? rows.labels() != null : rows.targets() != null;
            if (!headerWritten) {
                writer.write(header(input.keyName(), classifier, names, labelled));
                headerWritten = true;
            }
            if (out.length < rows.count() * k) {
                out = new float[rows.count() * k];
            }
            if (rows.prepared()) {
                predictor.outputsOfPrepared(rows.features(), rows.count(), out);
            } else {
                predictor.outputs(rows.features(), rows.count(), out);
            }
            int[] predicted = classifier ? predictor.argmax(out, rows.count()) : null;
            if (classifier) {
                predictor.probabilitiesInPlace(out, rows.count());
            }
            for (int r = 0; r < rows.count(); r++) {
                line.setLength(0);
                line.append(rows.keys()[r]);
                if (classifier) {
                    line.append(',').append(cell(names.get(predicted[r])));
                    if (labelled) {
                        line.append(',').append(cell(names.get(rows.labels()[r])));
                    }
                    for (int c = 0; c < k; c++) {
                        // the text of String.format(Locale.ROOT, "%.6f", p), without the formatter's cost
                        FixedDecimals.appendSix(line.append(','), out[r * k + c]);
                    }
                } else {
                    for (int c = 0; c < k; c++) {
                        line.append(',').append(out[r * k + c]);
                    }
                    if (labelled) {
                        for (int c = 0; c < k; c++) {
                            line.append(',').append(rows.targets()[r * k + c]);
                        }
                    }
                }
                line.append('\n');
                if (chars.length < line.length()) {
                    chars = new char[2 * line.length()];
                }
                line.getChars(0, line.length(), chars, 0);
                writer.write(chars, 0, line.length());
            }
            count += rows.count();
            writer.flush(); // a stream's predictions leave as they are made
        }
        return count;
    }

    private static String header(String key, boolean classifier, List<String> names, boolean labelled) {
        StringBuilder header = new StringBuilder(key);
        if (classifier) {
            header.append(",predicted");
            if (labelled) {
                header.append(",label");
            }
            for (String name : names) {
                header.append(',').append(cell("p_" + name));
            }
        } else if (names.size() == 1) {
            header.append(",predicted");
            if (labelled) {
                header.append(',').append(cell(names.get(0)));
            }
        } else {
            for (String name : names) {
                header.append(',').append(cell("predicted_" + name));
            }
            if (labelled) {
                for (String name : names) {
                    header.append(',').append(cell(name));
                }
            }
        }
        return header.append('\n').toString();
    }

    /** A CSV cell: quoted when it holds a delimiter, a quote or a line break. */
    static String cell(String text) {
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }

    private static void checkOutput(Path file) {
        Path absolute = file.toAbsolutePath();
        Path directory = absolute.getParent();
        if (directory == null || !Files.isDirectory(directory)) {
            throw new IllegalArgumentException("--output " + file + ": the folder " + directory + " does not exist;"
                    + " create it first");
        }
        if (Files.isDirectory(absolute)) {
            throw new IllegalArgumentException("--output " + file + " is a folder; give a file name");
        }
    }

    /** Standard output must stay open after the predictions are written. */
    private static final class UncloseableWriter extends BufferedWriter {
        UncloseableWriter(PrintWriter out) {
            super(out);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
