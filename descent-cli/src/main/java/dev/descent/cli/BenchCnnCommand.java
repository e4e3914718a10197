package dev.descent.cli;

import dev.descent.data.BatchOptions;
import dev.descent.data.Dataset;
import dev.descent.data.DatasetLocator;
import dev.descent.data.MiniBatches;
import dev.descent.kernel.KernelWarmup;
import dev.descent.loss.SoftmaxCrossEntropy;
import dev.descent.nn.ModelSpec;
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
 * {@code descent bench cnn}: the FMNIST-CNN training throughput, PyTorch's {@code throughput}
 * part of {@code torch_cnn.py}. {@link ModelSpec#fmnistCnn()}, softmax cross-entropy, SGD lr 0.05
 * momentum 0.9; 20 untimed warm-up steps, then enough timed steps for about 6 000 examples (at
 * least 20); samples/s = timed samples / wall time. Also reports the heap bytes allocated per
 * timed step and the garbage collections during the timed steps.
 */
@Command(name = "cnn", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "FMNIST-CNN training throughput (samples/s).")
final class BenchCnnCommand implements Callable<Integer> {
    private static final int EXAMPLES = BenchData.TRAIN_EXAMPLES;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "64", description = "Batch size.")
    int batch;

    @Option(names = "--warmup", paramLabel = "STEPS", defaultValue = "20", description = "Untimed warm-up steps.")
    int warmup;

    @Option(names = "--steps", paramLabel = "STEPS",
            description = "Timed steps (default: enough for about 6000 examples, at least 20).")
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

    BenchCnnCommand() {
        this(DatasetLocator.fromSystem());
    }

    /** With the given data-set search (tests: one that finds nothing, to exercise the random fallback). */
    BenchCnnCommand(DatasetLocator locator) {
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
        int timedSteps = steps != null ? steps : Math.max(20, (6000 + batch - 1) / batch);
        if (timedSteps <= 0 || timedSteps > EXAMPLES / batch) {
            throw new IllegalArgumentException("--steps must be in 1.." + EXAMPLES / batch + ", got " + timedSteps);
        }
        int threads = threadsOption.apply();
        // the kernels compile while the data loads (and up to 1 s more if the JIT needs it)
        BenchData.Source source = KernelWarmup.during(() -> BenchData.train(locator, dataDir, seed));
        Dataset train = source.data();

        Rng rng = new Rng(seed);
        Sequential model = ModelSpec.fmnistCnn().build(rng.split());
        Trainer trainer = new Trainer(model, new SoftmaxCrossEntropy(),
                new Sgd(0.05).withMomentum(0.9).build(model.namedParameters()));
        MiniBatches batches = new MiniBatches(train, BatchOptions.shuffled(batch, rng.nextLong()).withDropLast());

        TrainingThroughput.Measurement measured = TrainingThroughput.measure(trainer, batches, threads, warmup,
                timedSteps);
        TrainingThroughput.print(spec.commandLine().getOut(), json, "fmnist-cnn-train", "FMNIST-CNN training",
                measured, source.description());
        return 0;
    }
}
