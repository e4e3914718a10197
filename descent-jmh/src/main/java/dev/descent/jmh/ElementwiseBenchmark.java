package dev.descent.jmh;

import dev.descent.kernel.Kernels;
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
 * Time of the elementwise kernels a training step calls between its matrix products (axpy,
 * ReLU forward and backward), on 1024 elements (in L1, where call overhead and loop tails
 * show) and on 200 704 = 784·256 (the first layer's weights, 800 kB, where cache bandwidth
 * does): C2 auto-vectorises some of the scalar loops, so the Vector API has to earn its place.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ElementwiseBenchmark {

    @Param({"vector", "scalar"})
    public String kernels;

    @Param({"1024", "200704"})
    public int n;

    private Kernels k;
    private float[] x;
    private float[] y;
    private float[] out;

    @Setup
    public void setUp() {
        k = KernelChoice.named(kernels);
        x = RandomArrays.uniform(n, 1);
        y = RandomArrays.uniform(n, 2);
        out = new float[n];
    }

    /** {@code y += α·x}: a small α keeps y finite however many calls the run makes. */
    @Benchmark
    public float[] axpy() {
        k.axpy(n, 1e-6f, x, 0, y, 0);
        return y;
    }

    @Benchmark
    public float[] reluForward() {
        k.relu(n, x, 0, out, 0);
        return out;
    }

    /** Accumulates {@code x > 0 ? y : 0} into {@code out}, as the backward pass does. */
    @Benchmark
    public float[] reluBackward() {
        k.reluBackwardAccumulate(n, x, 0, y, 0, out, 0);
        return out;
    }
}
