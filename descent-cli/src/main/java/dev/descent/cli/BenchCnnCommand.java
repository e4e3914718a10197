package dev.descent.cli;

import dev.descent.data.DatasetLocator;
import dev.descent.nn.ModelSpec;
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

    @Option(names = "--batch", paramLabel = "B", defaultValue = "64", description = "Batch size.")
    int batch;

    @Option(names = "--warmup", paramLabel = "STEPS", defaultValue = "20", description = "Untimed warm-up steps.")
    int warmup;

    @Option(names = "--steps", paramLabel = "STEPS",
            description = "Timed steps (default: enough for about 6000 examples, at least 20).")
    Integer steps;

    @Mixin
    BenchDataOptions data;

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
        int timedSteps = steps != null ? steps : Math.max(20, (6000 + Math.max(batch, 1) - 1) / Math.max(batch, 1));
        TrainingThroughput.runFashionMnist(spec.commandLine().getOut(), locator, data, batch, warmup,
                timedSteps, threadsOption, rng -> ModelSpec.fmnistCnn().build(rng),
                "fmnist-cnn-train", "FMNIST-CNN training");
        return 0;
    }
}
