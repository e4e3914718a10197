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
 * Time of the reduction kernels (sum, dot, max, allFinite) on 1024 and 200 704 = 784·256
 * elements: plain Java cannot auto-vectorise a float sum (it must keep the sequential order),
 * so these show the largest gap between the vector and scalar kernels; allFinite runs on every
 * gradient each step.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ReductionBenchmark {

    @Param({"vector", "scalar"})
    public String kernels;

    @Param({"1024", "200704"})
    public int n;

    private Kernels k;
    private float[] x;
    private float[] y;

    @Setup
    public void setUp() {
        k = KernelChoice.named(kernels);
        x = RandomArrays.uniform(n, 1);
        y = RandomArrays.uniform(n, 2);
    }

    @Benchmark
    public float sum() {
        return k.sum(n, x, 0);
    }

    @Benchmark
    public float dot() {
        return k.dot(n, x, 0, y, 0);
    }

    @Benchmark
    public float max() {
        return k.max(n, x, 0);
    }

    /** The common case, every value finite, which has to read the whole range. */
    @Benchmark
    public boolean allFinite() {
        return k.allFinite(n, x, 0);
    }
}
