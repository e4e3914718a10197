package dev.descent.cli;

import dev.descent.autodiff.SoftmaxOps;
import dev.descent.autodiff.Tape;
import dev.descent.data.Dataset;
import dev.descent.tensor.Tensor;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code descent predict RUN_DIR}: class predictions and probabilities for the examples of a split. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Predict with a trained classifier: one CSV row per example (index, predicted class, true class,"
                + " the class probabilities).")
final class PredictCommand implements Callable<Integer> {

    @Parameters(paramLabel = "RUN_DIR", description = "A directory written by 'descent train'.")
    Path runDir;

    @Option(names = "--split", paramLabel = "NAME", defaultValue = "test",
            description = "The run's split to predict: test (default), validation or train.")
    String split;

    @Option(names = "--output", paramLabel = "FILE", description = "Write the CSV here (default: standard output).")
    Path output;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        EvaluateCommand.Loaded loaded = EvaluateCommand.load(runDir, null, spec.commandLine().getOut());
        Dataset data = loaded.split(split);
        loaded.model().eval();
        try (Writer writer = output == null ? new UncloseableWriter(spec.commandLine().getOut())
                : Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
            int k = data.classes();
            StringBuilder header = new StringBuilder("index,predicted,label");
            for (int c = 0; c < k; c++) {
                header.append(",p_").append(data.classNames().isEmpty() ? Integer.toString(c)
                        : data.classNames().get(c).replace(',', ' '));
            }
            writer.write(header + "\n");
            int d = data.featureCount();
            int chunk = 1024;
            Tape tape = Tape.noGrad();
            for (int from = 0; from < data.size(); from += chunk) {
                int rows = Math.min(chunk, data.size() - from);
                float[] x = new float[rows * d];
                System.arraycopy(data.features().data(), from * d, x, 0, x.length);
                tape.reset();
                Tensor logits = loaded.model().forward(tape.input(Tensor.wrap(x, rows, d))).value();
                float[] p = new float[rows * k];
                SoftmaxOps.softmaxRows(logits.data(), p, rows, k);
                for (int r = 0; r < rows; r++) {
                    int best = 0;
                    for (int c = 1; c < k; c++) {
                        if (p[r * k + c] > p[r * k + best]) {
                            best = c;
                        }
                    }
                    StringBuilder line = new StringBuilder().append(from + r).append(',').append(best).append(',')
                            .append(data.label(from + r));
                    for (int c = 0; c < k; c++) {
                        line.append(',').append(String.format(Locale.ROOT, "%.6f", p[r * k + c]));
                    }
                    writer.write(line + "\n");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the predictions: " + e.getMessage(), e);
        }
        if (output != null) {
            spec.commandLine().getOut().println("wrote " + data.size() + " predictions to " + output);
            spec.commandLine().getOut().flush();
        }
        return 0;
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
