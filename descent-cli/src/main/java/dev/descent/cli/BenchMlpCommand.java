package dev.descent.cli;

import dev.descent.data.DatasetLocator;
import dev.descent.nn.Models;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code descent bench mlp}: the FMNIST-MLP training throughput benchmark of
 * {@code BENCHMARKS.md}. Linear(784,256)-ReLU-Linear(256,128)-ReLU-Linear(128,10), softmax
 * cross-entropy, SGD lr 0.05 momentum 0.9; 50 untimed warm-up steps, then one timed epoch of
 * ⌊60000/B⌋ full batches (5 000 steps at batch 1); samples/s = timed samples / wall time.
 * Also reports the heap bytes allocated per timed step (all threads) and the garbage
 * collections during the timed epoch: both 0 when the training step recycles everything.
 */
@Command(name = "mlp", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "FMNIST-MLP training throughput (samples/s).")
final class BenchMlpCommand implements Callable<Integer> {
    private static final int FEATURES = BenchData.FEATURES;
    private static final int CLASSES = BenchData.CLASSES;
    private static final int EXAMPLES = BenchData.TRAIN_EXAMPLES;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "64", description = "Batch size.")
    int batch;

    @Option(names = "--warmup", paramLabel = "STEPS", defaultValue = "50", description = "Untimed warm-up steps.")
    int warmup;

    @Option(names = "--steps", paramLabel = "STEPS",
            description = "Timed steps (default: one epoch, ⌊60000/B⌋; 5000 at batch 1).")
    Integer steps;

    @Mixin
    BenchDataOptions data;

    @Mixin
    ThreadsOption threadsOption;

    @Option(names = "--serve", description = "Serve the dashboard while the steps are timed (a live run written"
            + " beside, and --serve-pages pages reading it): compare with a run without it for serving's cost.")
    boolean serve;

    @Option(names = "--serve-pages", paramLabel = "N", defaultValue = "1",
            description = "Open pages (event streams) reading the dashboard with --serve.")
    int servePages;

    @Option(names = "--rounds", paramLabel = "R", defaultValue = "0",
            description = "With --serve: time the steps R times without and R times with the dashboard, alternating"
                    + " in this JVM, and print the paired ratio (what serving costs).")
    int rounds;

    @Mixin
    ServeOptions serveOptions;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The "with" arm of --rounds: a dashboard started for each timed epoch and closed after it. */
    private final class ServingRounds {
        private BenchServing serving;
        private boolean told;

        void switchTo(boolean on) {
            if (on) { // says where it serves (and warns about --host) once, not every round
                serving = BenchServing.start(serveOptions, servePages, told ? null : spec.commandLine().getErr());
                told = true;
            } else {
                serving.close();
            }
        }
    }

    @Override
    public Integer call() {
        int timedSteps = steps != null ? steps : (batch == 1 ? 5000 : EXAMPLES / Math.max(batch, 1));
        if (rounds != 0) {
            if (!serve || rounds < 2 || rounds > 1000) {
                throw new IllegalArgumentException("--rounds " + rounds + ": give 2..1000 rounds, with --serve (it"
                        + " compares training with and without the dashboard)");
            }
            ServingRounds serving = new ServingRounds();
            TrainingThroughput.compareFashionMnist(spec.commandLine().getOut(), DatasetLocator.fromSystem(), data,
                    batch, warmup, timedSteps, threadsOption, rng -> Models.mlp(rng, FEATURES, 256, 128, CLASSES),
                    rounds, serving::switchTo);
            return 0;
        }
        try (BenchServing serving = serve ? BenchServing.start(serveOptions, servePages, spec.commandLine().getErr())
                : null) {
            TrainingThroughput.runFashionMnist(spec.commandLine().getOut(), DatasetLocator.fromSystem(), data, batch,
                    warmup, timedSteps, threadsOption, rng -> Models.mlp(rng, FEATURES, 256, 128, CLASSES),
                    "fmnist-mlp-train", "FMNIST-MLP training",
                    serving == null ? TrainingThroughput.TimedSection.NONE : serving.timedSection());
        }
        return 0;
    }
}
