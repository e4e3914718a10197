package dev.descent.cli;

import dev.descent.autodiff.Tape;
import dev.descent.data.Dataset;
import dev.descent.data.DatasetLocator;
import dev.descent.kernel.KernelProvider;
import dev.descent.kernel.KernelWarmup;
import dev.descent.nn.ModelSpec;
import dev.descent.nn.Models;
import dev.descent.nn.Sequential;
import dev.descent.random.Rng;
import dev.descent.tensor.Tensor;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code descent bench infer}: FMNIST-MLP inference throughput, PyTorch's {@code inference}
 * part of {@code torch_mlp.py}; with {@code --model cnn}, the FMNIST-CNN's
 * ({@link ModelSpec#fmnistCnn()}, the {@code inference} part of {@code torch_cnn.py}). The model,
 * freshly initialised (the weights do not change the speed), runs forward only on a no-grad
 * tape, in evaluation mode, over the 10 000 examples of the Fashion-MNIST test set in order, at
 * batch 1024 by default with the last partial batch kept (784 rows at batch 1024, as PyTorch's
 * {@code range(0, n, B)} slices); 1 untimed warm-up pass, then 10 timed passes (3 for the CNN,
 * as its peer); samples/s = passes × 10 000 / wall time.
 *
 * <p>The batches are cut from the test set once, before the warm-up, as PyTorch's slices are
 * views taken outside the forward pass. Full batches and the last partial batch run on a tape
 * each: a tape reuses its buffers only for the shapes of its previous step, so one tape fed
 * alternating shapes would allocate new activation buffers at every shape change. Also
 * reports the heap bytes allocated per timed pass (all threads) and the garbage collections
 * during the timed passes: both 0 when the forward pass recycles everything.
 */
@Command(name = "infer", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "FMNIST-MLP (or --model cnn: FMNIST-CNN) inference throughput on the test set, forward only"
                + " (samples/s).")
final class BenchInferCommand implements Callable<Integer> {
    private static final int FEATURES = BenchData.FEATURES;
    private static final int CLASSES = BenchData.CLASSES;
    private static final int EXAMPLES = BenchData.TEST_EXAMPLES;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "1024", description = "Batch size.")
    int batch;

    @Option(names = "--warmup", paramLabel = "PASSES", defaultValue = "1",
            description = "Untimed warm-up passes over the test set.")
    int warmup;

    @Option(names = "--passes", paramLabel = "PASSES",
            description = "Timed passes over the test set (default: 10 for the MLP, 3 for the CNN, as the peers).")
    Integer passes;

    @Option(names = "--model", paramLabel = "MODEL", defaultValue = "mlp",
            description = "mlp (FMNIST-MLP, torch_mlp.py) or cnn (FMNIST-CNN, torch_cnn.py).")
    String modelName;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Fashion-MNIST directory (default: searched).")
    Path dataDir;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Seed of the weights.")
    long seed;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Mixin
    ThreadsOption threadsOption;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final DatasetLocator locator;

    BenchInferCommand() {
        this(DatasetLocator.fromSystem());
    }

    /** With the given data-set search (tests: one that finds nothing, to exercise the random fallback). */
    BenchInferCommand(DatasetLocator locator) {
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
        boolean cnn = switch (modelName) {
            case "mlp" -> false;
            case "cnn" -> true;
            default -> throw new IllegalArgumentException("--model must be mlp or cnn, got '" + modelName + "'");
        };
        int passes = this.passes != null ? this.passes : cnn ? 3 : 10;
        if (passes <= 0) {
            throw new IllegalArgumentException("--passes must be ≥ 1, got " + passes);
        }
        int threads = threadsOption.apply();
        // the kernels compile while the data loads (and up to 1 s more if the JIT needs it)
        BenchData.Source source = KernelWarmup.during(() -> BenchData.test(locator, dataDir, seed));
        Dataset test = source.data();
        String dataSource = source.description();
        int examples = test.size();
        if (batch > examples) {
            throw new IllegalArgumentException("--batch must be in 1.." + examples + ", got " + batch);
        }

        Sequential model = cnn ? ModelSpec.fmnistCnn().build(new Rng(seed).split())
                : Models.mlp(new Rng(seed).split(), FEATURES, 256, 128, CLASSES);
        String name = cnn ? "FMNIST-CNN" : "FMNIST-MLP";
        model.eval();
        Tensor[] inputs = slices(test, batch);
        Tape fullBatches = Tape.noGradRecycling();
        Tape lastBatch = examples % batch == 0 ? fullBatches : Tape.noGradRecycling();

        for (int i = 0; i < warmup; i++) {
            pass(model, inputs, fullBatches, lastBatch);
        }
        AllocationMeter allocation = AllocationMeter.start();
        long start = System.nanoTime();
        for (int i = 0; i < passes; i++) {
            pass(model, inputs, fullBatches, lastBatch);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double bytesPerPass = allocation.supported() ? (double) allocation.bytes() / passes : -1;
        long collections = allocation.collections();
        double samplesPerSecond = (double) passes * examples / seconds;

        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.printf(Locale.ROOT, "{\"benchmark\":\"%s\",\"samples_per_second\":%.1f,\"batch\":%d,"
                            + "\"threads\":%d,\"timed_passes\":%d,\"examples\":%d,\"batches_per_pass\":%d,"
                            + "\"seconds\":%.4f,\"allocated_bytes_per_pass\":%.1f,\"gc_collections\":%d,"
                            + "\"kernel_provider\":\"%s\",\"jdk\":\"%s\",\"data\":\"%s\"}%n",
                    cnn ? "fmnist-cnn-inference" : "fmnist-mlp-inference",
                    samplesPerSecond, batch, threads, passes, examples, inputs.length, seconds, bytesPerPass,
                    collections, KernelProvider.kernels().name(), System.getProperty("java.version"),
                    BenchData.jsonEscape(dataSource));
        } else {
            out.printf(Locale.ROOT, "%s inference: %,.0f samples/s (batch %d, %d thread%s, %d timed pass%s over"
                            + " %,d examples in %d batches each, %.2f s)%n"
                            + "  heap allocated per pass: %s, garbage collections: %d%n"
                            + "  %s · JDK %s · data: %s%n",
                    name, samplesPerSecond, batch, threads, threads == 1 ? "" : "s", passes, passes == 1 ? "" : "es",
                    examples, inputs.length, seconds,
                    bytesPerPass < 0 ? "not measurable on this JVM" : String.format(Locale.ROOT, "%.1f bytes", bytesPerPass),
                    collections, KernelProvider.selection(), System.getProperty("java.version"), dataSource);
        }
        out.flush();
        return 0;
    }

    /** One forward pass over every batch, the last partial one included. */
    private static void pass(Sequential model, Tensor[] inputs, Tape fullBatches, Tape lastBatch) {
        for (int i = 0; i < inputs.length; i++) { // indexed: no iterator per pass
            Tape tape = i == inputs.length - 1 ? lastBatch : fullBatches;
            tape.reset();
            model.forward(tape.input(inputs[i]));
        }
    }

    /** The data set's rows in order, cut into batches of {@code batch} rows and a last smaller one. */
    private static Tensor[] slices(Dataset data, int batch) {
        float[] all = data.features().data();
        int rows = data.size();
        int columns = data.featureCount();
        Tensor[] slices = new Tensor[(rows + batch - 1) / batch];
        for (int s = 0; s < slices.length; s++) {
            int from = s * batch;
            int size = Math.min(batch, rows - from);
            float[] values = new float[size * columns];
            System.arraycopy(all, from * columns, values, 0, values.length);
            slices[s] = Tensor.wrap(values, size, columns);
        }
        return slices;
    }
}
