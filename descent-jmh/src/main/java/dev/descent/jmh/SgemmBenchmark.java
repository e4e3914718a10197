package dev.descent.jmh;

import dev.descent.kernel.ComputeThreads;
import dev.descent.kernel.GemmBenchmark;
import dev.descent.kernel.GemmBenchmark.Shape;
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
 * Time of one matrix product {@code C = op(A)·op(B)} ({@link Kernels#gemm}) on the FMNIST-MLP's
 * first layer, with the operands stored and transposed as training passes them, plus a 1024³
 * product to compare with BLAS figures: the products are most of a training step, so a kernel
 * change shows here first. GFLOP/s = 2·m·n·k / time.
 *
 * <p>Shapes ({@code m×n×k}): {@code fwd-B<b>} is {@code x·Wᵀ}, b×256×784 with B transposed;
 * {@code wgrad-B64} is {@code dYᵀ·x}, 256×784×64 with A transposed; {@code igrad-B64} is
 * {@code dY·W}, 64×784×256; {@code square-1024} is 1024×1024×1024.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SgemmBenchmark {

    @Param({"vector", "scalar"})
    public String kernels;

    @Param({"fwd-B1", "fwd-B16", "fwd-B64", "wgrad-B64", "igrad-B64", "square-1024"})
    public String shape;

    /** Compute threads ({@link ComputeThreads}); try {@code -p threads=2} for both cores. */
    @Param({"1"})
    public int threads;

    private Kernels k;
    private Shape s;
    private float[] a;
    private float[] b;
    private float[] c;
    private int lda;
    private int ldb;

    @Setup
    public void setUp() {
        k = KernelChoice.named(kernels);
        ComputeThreads.setThreads(threads);
        s = parse(shape);
        a = RandomArrays.uniform(s.m() * s.k(), 1);
        b = RandomArrays.uniform(s.k() * s.n(), 2);
        c = new float[s.m() * s.n()];
        lda = s.transposeA() ? s.m() : s.k();
        ldb = s.transposeB() ? s.k() : s.n();
    }

    @Benchmark
    public float[] gemm() {
        k.gemm(s.transposeA(), s.transposeB(), s.m(), s.n(), s.k(), 1f, a, 0, lda, b, 0, ldb, 0f, c, 0, s.n());
        return c;
    }

    /** {@code fwd-B64}, {@code wgrad-B64}, {@code igrad-B64} (any batch) or {@code square-N}. */
    static Shape parse(String name) {
        String[] parts = name.split("-B?", 2); // kind, then batch or size
        if (parts.length == 2 && parts[0].equals("square")) {
            int n = Integer.parseInt(parts[1]);
            return new Shape(name, n, n, n, false, false);
        }
        int product = parts.length < 2 ? -1 : switch (parts[0]) {
            case "fwd" -> 0;
            case "wgrad" -> 1;
            case "igrad" -> 2;
            default -> -1;
        };
        if (product < 0) {
            throw new IllegalArgumentException(
                    "shape must be fwd-B<b>, wgrad-B<b>, igrad-B<b> or square-<n>, got '" + name + "'");
        }
        // The same products, stored the same way, as `descent bench gemm` measures.
        return GemmBenchmark.mlpShapes(Integer.parseInt(parts[1])).get(product);
    }
}
