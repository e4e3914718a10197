package dev.descent.kernel;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Matrix-product throughput in GFLOP/s (2·m·n·k flops per product), measured the way the peer
 * baseline ({@code torch_gemm.py}) is: median of several samples of back-to-back calls, each
 * sample lasting at least 5 ms, after a warm-up long enough for the JIT (the Vector API kernel
 * needs about half a second of calls before it runs at full speed).
 *
 * <p>{@link #main} prints the table for the MLP's shapes; run it alone on the machine, e.g.
 * {@code flock /tmp/cpu.lock java --add-modules jdk.incubator.vector -cp descent-core/target/classes
 * dev.descent.kernel.GemmBenchmark}.
 */
public final class GemmBenchmark {
    private static final long WARMUP_NANOS = 700_000_000L;
    private static final long SAMPLE_NANOS = 5_000_000L;
    private static final int SAMPLES = 15;
    private static final int ATTEMPTS = 3;
    /** A measurement during which other processes used more cores than this is repeated. */
    private static final double MAX_FOREIGN_CORES = 0.25;

    private GemmBenchmark() {
    }

    /** One product to measure, with the operands stored as training passes them. */
    public record Shape(String name, int m, int n, int k, boolean transposeA, boolean transposeB) {
        @Override
        public String toString() {
            return name + " " + m + "×" + n + "×" + k + (transposeA ? " Aᵀ" : "") + (transposeB ? " Bᵀ" : "");
        }
    }

    /**
     * The MLP's products for a batch: forward {@code x·Wᵀ} (W is 256×784 as {@code nn.Linear}
     * stores it), weight gradient {@code dYᵀ·x}, input gradient {@code dY·W}.
     */
    public static List<Shape> mlpShapes(int batch) {
        return List.of(
                new Shape("fwd B=" + batch, batch, 256, 784, false, true),
                new Shape("wgrad B=" + batch, 256, 784, batch, true, false),
                new Shape("igrad B=" + batch, batch, 784, 256, false, false));
    }

    /**
     * GFLOP/s of {@code kernels.gemm} for one shape on {@code threads} threads: the median of
     * samples of at least 5 ms each, after at least 0.7 s of warm-up calls. On Linux a
     * measurement during which other processes used more than a quarter of a core is repeated
     * (up to 3 attempts). Sets {@link ComputeThreads#setThreads} for the duration and restores
     * it, so run nothing else on Descent's kernels meanwhile.
     */
    public static double gflops(int m, int n, int k, boolean transposeA, boolean transposeB, int threads,
                                Kernels kernels) {
        return run(m, n, k, transposeA, transposeB, threads, kernels).gflops();
    }

    /** A measurement and how many cores other processes used meanwhile (NaN if unknown). */
    record Result(double gflops, double foreignCores) {
    }

    static Result run(int m, int n, int k, boolean transposeA, boolean transposeB, int threads, Kernels kernels) {
        int previous = ComputeThreads.threads();
        ComputeThreads.setThreads(threads);
        try {
            return measure(m, n, k, transposeA, transposeB, kernels);
        } finally {
            ComputeThreads.setThreads(previous);
        }
    }

    private static Result measure(int m, int n, int k, boolean transposeA, boolean transposeB, Kernels kernels) {
        SplittableRandom random = new SplittableRandom(42);
        float[] a = randomMatrix(m * k, random);
        float[] b = randomMatrix(k * n, random);
        float[] c = new float[m * n];
        int lda = transposeA ? m : k;
        int ldb = transposeB ? k : n;
        Runnable product = () -> kernels.gemm(transposeA, transposeB, m, n, k,
                1f, a, 0, lda, b, 0, ldb, 0f, c, 0, n);
        long start = System.nanoTime();
        int calls = 0;
        while (System.nanoTime() - start < WARMUP_NANOS || calls < 10) {
            product.run();
            calls++;
        }
        long perCall = Math.max(1, (System.nanoTime() - start) / calls);
        int reps = (int) Math.max(1, SAMPLE_NANOS / perCall + 1);
        double flops = 2.0 * m * n * k * reps;
        double[] rates = new double[SAMPLES];
        Result result = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            CpuMonitor monitor = CpuMonitor.start();
            for (int s = 0; s < SAMPLES; s++) {
                long t0 = System.nanoTime();
                for (int r = 0; r < reps; r++) {
                    product.run();
                }
                rates[s] = flops / (System.nanoTime() - t0);
            }
            Arrays.sort(rates);
            result = new Result(rates[SAMPLES / 2], monitor.foreignCores());
            if (!(result.foreignCores() > MAX_FOREIGN_CORES)) {
                break;
            }
        }
        return result;
    }

    private static float[] randomMatrix(int size, SplittableRandom random) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return x;
    }

    /**
     * Prints a Markdown table: one row per shape, one column per kernel and thread count.
     * Arguments (optional): {@code vector}, {@code scalar} or {@code both} (default), then shapes
     * as {@code MxNxK[:ta][:tb]} to replace the default list.
     */
    public static void main(String[] args) {
        String which = args.length > 0 ? args[0] : "both";
        List<Kernels> kernels = new ArrayList<>();
        Kernels vector = KernelProvider.vectorOrNull();
        if (!which.equals("scalar")) {
            if (vector == null) {
                System.out.println("(vector kernels unavailable: " + KernelProvider.selection() + ")");
            } else {
                kernels.add(vector);
            }
        }
        if (!which.equals("vector")) {
            kernels.add(KernelProvider.scalar());
        }
        List<Shape> shapes = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            shapes.add(parse(args[i]));
        }
        if (shapes.isEmpty()) {
            shapes.addAll(mlpShapes(64));
            shapes.addAll(mlpShapes(256));
            shapes.add(new Shape("square", 1024, 1024, 1024, false, false));
        }
        int[] threadCounts = Runtime.getRuntime().availableProcessors() > 1 ? new int[] {1, 2} : new int[] {1};
        PrintWriter out = new PrintWriter(System.out, true);
        out.println("java " + System.getProperty("java.version") + ", " + KernelProvider.selection());
        printTable(kernels, threadCounts, shapes, out);
    }

    /**
     * Measures every shape with every kernel and thread count and prints a Markdown table, one
     * row per shape as soon as it is measured. A star marks a figure measured while other
     * processes kept using the CPU.
     */
    public static void printTable(List<Kernels> kernels, int[] threadCounts, List<Shape> shapes, PrintWriter out) {
        StringBuilder header = new StringBuilder("| shape (m×n×k) |");
        StringBuilder rule = new StringBuilder("|---|");
        for (Kernels kernel : kernels) {
            for (int t : threadCounts) {
                header.append(' ').append(kernel.name()).append(' ').append(t).append("T |");
                rule.append("---:|");
            }
        }
        out.println(header);
        out.println(rule);
        out.flush();
        for (Shape shape : shapes) {
            StringBuilder row = new StringBuilder("| " + shape + " |");
            for (Kernels kernel : kernels) {
                for (int t : threadCounts) {
                    Result r = run(shape.m(), shape.n(), shape.k(), shape.transposeA(), shape.transposeB(), t, kernel);
                    row.append(String.format(Locale.ROOT, " %.1f%s |", r.gflops(),
                            r.foreignCores() > MAX_FOREIGN_CORES ? "*" : ""));
                }
            }
            out.println(row);
            out.flush();
        }
    }

    private static Shape parse(String text) {
        String[] parts = text.split(":");
        String[] dims = parts[0].split("x");
        if (dims.length != 3) {
            throw new IllegalArgumentException("shape must look like MxNxK[:ta][:tb], got '" + text + "'");
        }
        boolean ta = Arrays.asList(parts).contains("ta");
        boolean tb = Arrays.asList(parts).contains("tb");
        return new Shape("custom", Integer.parseInt(dims[0]), Integer.parseInt(dims[1]), Integer.parseInt(dims[2]), ta, tb);
    }
}
