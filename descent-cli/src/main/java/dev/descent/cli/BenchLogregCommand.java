package dev.descent.cli;

import dev.descent.data.BatchOptions;
import dev.descent.data.Dataset;
import dev.descent.data.DatasetLocator;
import dev.descent.data.MiniBatches;
import dev.descent.kernel.KernelWarmup;
import dev.descent.loss.SoftmaxCrossEntropy;
import dev.descent.nn.Models;
import dev.descent.nn.Sequential;
import dev.descent.optim.Sgd;
import dev.descent.random.Rng;
import dev.descent.train.Trainer;
import java.nio.file.Path;
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

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Fashion-MNIST directory (default: searched).")
    Path dataDir;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Seed of weights and shuffles.")
    long seed;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

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
        if (batch <= 0 || batch > EXAMPLES) {
            throw new IllegalArgumentException("--batch must be in 1.." + EXAMPLES + ", got " + batch);
        }
        if (warmup < 0) {
            throw new IllegalArgumentException("--warmup must be ≥ 0, got " + warmup);
        }
        int timedSteps = steps != null ? steps : EXAMPLES / batch;
        if (timedSteps <= 0 || timedSteps > EXAMPLES / batch) {
            throw new IllegalArgumentException("--steps must be in 1.." + EXAMPLES / batch + ", got " + timedSteps);
        }
        int threads = threadsOption.apply();
        // the kernels compile while the data loads (and up to 1 s more if the JIT needs it)
        BenchData.Source source = KernelWarmup.during(() -> BenchData.train(locator, dataDir, seed));
        Dataset train = source.data();
        String dataSource = source.description();

        Rng rng = new Rng(seed);
        Sequential model = Models.logisticRegression(rng.split(), FEATURES, CLASSES);
        Trainer trainer = new Trainer(model, new SoftmaxCrossEntropy(),
                new Sgd(0.05).withMomentum(0.9).build(model.namedParameters()));
        MiniBatches batches = new MiniBatches(train, BatchOptions.shuffled(batch, rng.nextLong()).withDropLast());

        TrainingThroughput.Measurement measured = TrainingThroughput.measure(trainer, batches, threads, warmup,
                timedSteps);
        TrainingThroughput.print(spec.commandLine().getOut(), json, "fmnist-logreg-train",
                "Fashion-MNIST logistic regression training", measured, dataSource);
        return 0;
    }
}
