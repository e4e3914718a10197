package dev.descent.jmh;

import dev.descent.kernel.ComputeThreads;
import dev.descent.kernel.KernelProvider;
import dev.descent.loss.SoftmaxCrossEntropy;
import dev.descent.nn.Models;
import dev.descent.nn.Sequential;
import dev.descent.optim.Sgd;
import dev.descent.random.Rng;
import dev.descent.tensor.Tensor;
import dev.descent.train.Trainer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time of one whole FMNIST-MLP training step at batch 64 (forward, loss, backward, gradient
 * check, SGD with momentum 0.9), built as {@code descent bench mlp} builds it, on random data
 * of Fashion-MNIST's shape: what the kernels add up to. Run with {@code -prof gc}: the step
 * recycles every buffer, so {@code gc.alloc.rate.norm} should be about 0 B/op.
 *
 * <p>The whole library uses the kernels {@link KernelProvider#kernels()} chooses once per JVM,
 * so the {@code kernels} parameter works through the {@value KernelProvider#PROPERTY} system
 * property and needs a fresh fork per parameter value (JMH's default; not {@code -f 0}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class TrainingStepBenchmark {
    private static final int BATCH = 64;
    private static final int FEATURES = 784;
    private static final int CLASSES = 10;
    /** Distinct batches cycled through (16 384 examples), so the model does not just memorise one. */
    private static final int BATCHES = 256;

    @Param({"vector", "scalar"})
    public String kernels;

    /** Compute threads; {@code BENCHMARKS.md} reports batch 64 on 2. */
    @Param({"1", "2"})
    public int threads;

    private Trainer trainer;
    private Tensor[] features;
    private int[][] labels;
    private int next;

    @Setup
    public void setUp() {
        System.setProperty(KernelProvider.PROPERTY, kernels);
        String chosen = KernelProvider.kernels().name();
        if (!chosen.equals(kernels)) {
            throw new IllegalStateException("asked for " + kernels + " kernels, got " + chosen + " ("
                    + KernelProvider.selection() + "); run with at least one fork and --add-modules jdk.incubator.vector");
        }
        ComputeThreads.setThreads(threads);
        Rng rng = new Rng(0);
        Sequential model = Models.mlp(rng.split(), FEATURES, 256, 128, CLASSES);
        trainer = new Trainer(model, new SoftmaxCrossEntropy(),
                new Sgd(0.05).withMomentum(0.9).build(model.namedParameters()));
        features = new Tensor[BATCHES];
        labels = new int[BATCHES][BATCH];
        for (int b = 0; b < BATCHES; b++) {
            float[] pixels = new float[BATCH * FEATURES];
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = rng.nextFloat();
            }
            features[b] = Tensor.wrap(pixels, BATCH, FEATURES);
            for (int i = 0; i < BATCH; i++) {
                labels[b][i] = rng.nextInt(CLASSES);
            }
        }
    }

    /** One step; returns the batch's loss (the trainer throws if training diverges). */
    @Benchmark
    public float step() {
        int b = next;
        next = (b + 1) % BATCHES;
        return trainer.step(features[b], labels[b]);
    }
}
