package dev.descent.cli;

import dev.descent.data.Batch;
import dev.descent.data.BatchOptions;
import dev.descent.data.DatasetLocator;
import dev.descent.data.MiniBatches;
import dev.descent.kernel.KernelProvider;
import dev.descent.kernel.KernelWarmup;
import dev.descent.loss.SoftmaxCrossEntropy;
import dev.descent.nn.Sequential;
import dev.descent.optim.Sgd;
import dev.descent.random.Rng;
import dev.descent.train.Trainer;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The training-throughput protocol that {@code bench mlp}, {@code logreg} and {@code cnn} share:
 * untimed warm-up steps (spanning epochs if need be), then {@code timedSteps} whole batches of
 * a fresh epoch, timed, with the heap bytes they allocate and the collections they cause.
 */
final class TrainingThroughput {

    /** One measurement; {@code bytesPerStep} is -1 where the JVM cannot count allocations. */
    record Measurement(int batch, int threads, int timedSteps, double seconds, float lastLoss, double bytesPerStep,
                       long collections, double uptimeAtStart) {
        double samplesPerSecond() {
            return (double) timedSteps * batch / seconds;
        }
    }

    private TrainingThroughput() {
    }

    /**
     * A Fashion-MNIST training benchmark as {@code bench mlp}, {@code logreg} and {@code cnn} run
     * it: the options checked, the kernels warmed while the training set loads, then the model
     * that {@code model} builds, softmax cross-entropy and SGD lr 0.05 momentum 0.9 on shuffled
     * full batches, measured and printed.
     *
     * @throws IllegalArgumentException naming the option that is out of range
     */
    static void runFashionMnist(PrintWriter out, DatasetLocator locator, BenchDataOptions data, int batch,
                                int warmup, int timedSteps, ThreadsOption threadsOption,
                                Function<Rng, Sequential> model, String benchmark, String label) {
        runFashionMnist(out, locator, data, batch, warmup, timedSteps, threadsOption, model, benchmark, label,
                TimedSection.NONE);
    }

    /** Told when the timed steps start and end (bench mlp --serve measures what serving costs in between). */
    record TimedSection(Runnable start, Runnable end) {
        static final TimedSection NONE = new TimedSection(() -> { }, () -> { });
    }

    static void runFashionMnist(PrintWriter out, DatasetLocator locator, BenchDataOptions data, int batch,
                                int warmup, int timedSteps, ThreadsOption threadsOption,
                                Function<Rng, Sequential> model, String benchmark, String label, TimedSection section) {
        Prepared p = prepare(locator, data, batch, warmup, timedSteps, threadsOption, model);
        print(out, data.json, benchmark, label, measure(p.trainer(), p.batches(), p.threads(), warmup, timedSteps,
                section), p.source().description());
    }

    /**
     * {@code bench mlp --serve --rounds R}: after the warm-up, the timed steps {@code rounds} times without and
     * {@code rounds} times with {@code serving} switched on, alternating in one JVM, so both arms share its
     * compilation and memory layout; prints each arm's median and the median of the paired ratios.
     */
    static void compareFashionMnist(PrintWriter out, DatasetLocator locator, BenchDataOptions data, int batch,
                                    int warmup, int timedSteps, ThreadsOption threadsOption,
                                    Function<Rng, Sequential> model, int rounds, Consumer<Boolean> serving) {
        Prepared p = prepare(locator, data, batch, warmup, timedSteps, threadsOption, model);
        double[] without = new double[rounds];
        double[] with = new double[rounds];
        double[] ratio = new double[rounds];
        measure(p.trainer(), p.batches(), p.threads(), warmup, timedSteps); // the warm-up, and one round discarded
        for (int r = 0; r < rounds; r++) {
            without[r] = measure(p.trainer(), p.batches(), p.threads(), 0, timedSteps).samplesPerSecond();
            serving.accept(true);
            with[r] = measure(p.trainer(), p.batches(), p.threads(), 0, timedSteps).samplesPerSecond();
            serving.accept(false);
            ratio[r] = with[r] / without[r];
        }
        double medianRatio = median(ratio);
        if (data.json) {
            out.printf(Locale.ROOT, "{\"benchmark\":\"fmnist-mlp-train-serve\",\"rounds\":%d,\"batch\":%d,"
                            + "\"threads\":%d,\"samples_per_second_without\":%.1f,\"samples_per_second_with\":%.1f,"
                            + "\"median_ratio\":%.4f,\"ratio_q1\":%.4f,\"ratio_q3\":%.4f,\"jdk\":\"%s\"}%n", rounds,
                    batch, p.threads(), median(without), median(with), medianRatio, quantile(ratio, 0.25),
                    quantile(ratio, 0.75), System.getProperty("java.version"));
        } else {
            out.printf(Locale.ROOT, "FMNIST-MLP training, %d rounds of %d steps (batch %d, %d threads):%n"
                            + "  without serving %,.0f samples/s, with %,.0f (medians)%n"
                            + "  with / without, paired by round: median %.4f (quartiles %.4f, %.4f): serving costs"
                            + " %.1f%%%n  %s · JDK %s · data: %s%n", rounds, timedSteps, batch, p.threads(),
                    median(without), median(with), medianRatio, quantile(ratio, 0.25), quantile(ratio, 0.75),
                    100 * (1 - medianRatio), KernelProvider.selection(), System.getProperty("java.version"),
                    p.source().description());
        }
        out.flush();
    }

    private static double median(double[] values) {
        return quantile(values, 0.5);
    }

    private static double quantile(double[] values, double q) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        double at = q * (sorted.length - 1);
        int below = (int) Math.floor(at);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (at - below) * (sorted[above] - sorted[below]);
    }

    /** The options checked, the data loaded (the kernels warming meanwhile), the model and its trainer built. */
    private record Prepared(Trainer trainer, MiniBatches batches, int threads, BenchData.Source source) {
    }

    private static Prepared prepare(DatasetLocator locator, BenchDataOptions data, int batch, int warmup,
                                    int timedSteps, ThreadsOption threadsOption, Function<Rng, Sequential> model) {
        Path dataDir = data.dataDir;
        long seed = data.seed;
        int examples = BenchData.TRAIN_EXAMPLES;
        if (batch <= 0 || batch > examples) {
            throw new IllegalArgumentException("--batch must be in 1.." + examples + ", got " + batch);
        }
        if (warmup < 0) {
            throw new IllegalArgumentException("--warmup must be ≥ 0, got " + warmup);
        }
        if (timedSteps <= 0 || timedSteps > examples / batch) {
            throw new IllegalArgumentException("--steps must be in 1.." + examples / batch + ", got " + timedSteps);
        }
        int threads = threadsOption.apply();
        // the kernels compile while the data loads (and up to 1 s more if the JIT needs it)
        BenchData.Source source = KernelWarmup.during(() -> BenchData.train(locator, dataDir, seed));
        Rng rng = new Rng(seed);
        Sequential network = model.apply(rng.split());
        Trainer trainer = new Trainer(network, new SoftmaxCrossEntropy(),
                new Sgd(0.05).withMomentum(0.9).build(network.namedParameters()));
        MiniBatches batches = new MiniBatches(source.data(),
                BatchOptions.shuffled(batch, rng.nextLong()).withDropLast());
        return new Prepared(trainer, batches, threads, source);
    }

    static Measurement measure(Trainer trainer, MiniBatches batches, int threads, int warmup, int timedSteps) {
        return measure(trainer, batches, threads, warmup, timedSteps, TimedSection.NONE);
    }

    static Measurement measure(Trainer trainer, MiniBatches batches, int threads, int warmup, int timedSteps,
                               TimedSection section) {
        for (int done = 0; done < warmup; ) {
            int now = Math.min(warmup - done, batches.batchesPerEpoch());
            run(trainer, batches.nextEpoch().iterator(), now);
            done += now;
        }
        Iterator<Batch> timed = batches.nextEpoch().iterator();
        // When the timed part starts, in JVM time: set beside the JIT's compilation log
        // (-XX:+PrintCompilation) it shows how much of it ran before the kernels were compiled.
        double uptimeAtStart = ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0;
        AllocationMeter allocation = AllocationMeter.start();
        section.start().run();
        long start = System.nanoTime();
        float lastLoss = run(trainer, timed, timedSteps);
        double seconds = (System.nanoTime() - start) / 1e9;
        section.end().run();
        double bytesPerStep = allocation.supported() ? (double) allocation.bytes() / timedSteps : -1;
        return new Measurement(batches.batchSize(), threads, timedSteps, seconds, lastLoss, bytesPerStep,
                allocation.collections(), uptimeAtStart);
    }

    /** One JSON object ({@code benchmark} names it) or three lines of text starting with {@code label}. */
    static void print(PrintWriter out, boolean json, String benchmark, String label, Measurement m, String dataSource) {
        if (json) {
            out.printf(Locale.ROOT, "{\"benchmark\":\"%s\",\"samples_per_second\":%.1f,\"batch\":%d,"
                            + "\"threads\":%d,\"timed_steps\":%d,\"seconds\":%.4f,\"last_loss\":%.6f,"
                            + "\"allocated_bytes_per_step\":%.1f,\"gc_collections\":%d,"
                            + "\"jvm_uptime_at_start_s\":%.3f,\"kernel_provider\":\"%s\",\"jdk\":\"%s\",\"data\":\"%s\"}%n",
                    benchmark, m.samplesPerSecond(), m.batch(), m.threads(), m.timedSteps(), m.seconds(), m.lastLoss(),
                    m.bytesPerStep(), m.collections(), m.uptimeAtStart(), KernelProvider.kernels().name(),
                    System.getProperty("java.version"), BenchData.jsonEscape(dataSource));
        } else {
            out.printf(Locale.ROOT, "%s: %,.0f samples/s (batch %d, %d thread%s, %d timed steps in %.2f s,"
                            + " last loss %.4f)%n  heap allocated per step: %s, garbage collections: %d%n"
                            + "  %s · JDK %s · data: %s%n",
                    label, m.samplesPerSecond(), m.batch(), m.threads(), m.threads() == 1 ? "" : "s", m.timedSteps(),
                    m.seconds(), m.lastLoss(), m.bytesPerStep() < 0 ? "not measurable on this JVM"
                            : String.format(Locale.ROOT, "%.1f bytes", m.bytesPerStep()),
                    m.collections(), KernelProvider.selection(), System.getProperty("java.version"), dataSource);
        }
        out.flush();
    }

    private static float run(Trainer trainer, Iterator<Batch> batches, int steps) {
        float loss = Float.NaN;
        for (int i = 0; i < steps && batches.hasNext(); i++) {
            Batch b = batches.next();
            loss = trainer.step(b.features(), b.labels());
        }
        return loss;
    }
}
