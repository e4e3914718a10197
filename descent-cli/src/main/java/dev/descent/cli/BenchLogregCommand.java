package dev.descent.cli;

import dev.descent.data.DatasetLocator;
import dev.descent.nn.Models;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code descent bench logreg}: the Fashion-MNIST logistic-regression training throughput,
 * PyTorch's {@code logreg} part of {@code torch_mlp.py}. Linear(784,10), softmax
 * cross-entropy, SGD lr 0.05 momentum 0.9; 50 untimed warm-up steps, then one timed epoch of
 * ⌊60000/B⌋ full batches; samples/s = timed samples / wall time. Also reports the heap bytes
 * allocated per timed step (all threads) and the garbage collections during the timed epoch.
 */
@Command(name = "logreg", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Fashion-MNIST logistic-regression training throughput (samples/s).")
final class BenchLogregCommand implements Callable<Integer> {
    private static final int FEATURES = BenchData.FEATURES;
    private static final int CLASSES = BenchData.CLASSES;
    private static final int EXAMPLES = BenchData.TRAIN_EXAMPLES;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "64", description = "Batch size.")
    int batch;

    @Option(names = "--warmup", paramLabel = "STEPS", defaultValue = "50", description = "Untimed warm-up steps.")
    int warmup;

    @Option(names = "--steps", paramLabel = "STEPS", description = "Timed steps (default: one epoch, ⌊60000/B⌋).")
    Integer steps;

    @Mixin
    BenchDataOptions data;

    @Mixin
    ThreadsOption threadsOption;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final DatasetLocator locator;

    BenchLogregCommand() {
        this(DatasetLocator.fromSystem());
    }

    /** With the given data-set search (tests: one that finds nothing, to exercise the random fallback). */
    BenchLogregCommand(DatasetLocator locator) {
        this.locator = locator;
    }

    @Override
    public Integer call() {
        int timedSteps = steps != null ? steps : EXAMPLES / Math.max(batch, 1);
        TrainingThroughput.runFashionMnist(spec.commandLine().getOut(), locator, data, batch, warmup,
                timedSteps, threadsOption,
                rng -> Models.logisticRegression(rng, BenchData.FEATURES, BenchData.CLASSES), "fmnist-logreg-train", "Fashion-MNIST logistic regression training");
        return 0;
    }
}
