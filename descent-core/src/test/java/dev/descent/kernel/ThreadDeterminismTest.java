package dev.descent.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Threads split only the output, so a product must be bit-identical whatever the thread count,
 * and concurrent callers (which bypass the busy pool) must get the same bits too.
 */
class ThreadDeterminismTest {
    @AfterEach
    void restoreThreads() {
        ComputeThreads.setThreads(Runtime.getRuntime().availableProcessors());
    }

    /**
     * Shapes large enough to be split, both ways (columns when m <= n, rows otherwise), with tails;
     * two with so few rows that the vector kernel goes row by row; short sums (k <= 4, row-wise
     * updates of C) split both ways and with Bᵀ; a small batch times Bᵀ (columns of C in vectors).
     */
    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        int[][] shapes = {{64, 256, 784, 0, 1}, {256, 784, 64, 1, 0}, {64, 784, 256, 0, 0}, {301, 97, 515, 1, 1},
            {130, 67, 300, 0, 1}, {3, 1000, 700, 0, 1}, {2, 1500, 800, 1, 0},
            {601, 1001, 2, 1, 0}, {1201, 901, 1, 1, 0}, {703, 801, 3, 0, 1}, {409, 1203, 4, 0, 0},
            {16, 3001, 50, 0, 1}, {13, 2003, 100, 1, 1}, {5, 1001, 300, 0, 1}};
        for (Kernels kernel : TestKernels.all()) {
            for (int[] s : shapes) {
                cases.add(Arguments.of(kernel, s[0], s[1], s[2], s[3] == 1, s[4] == 1));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}x{2}x{3} ta={4} tb={5}")
    @MethodSource("cases")
    void oneTwoAndThreeThreadsGiveTheSameBits(Kernels kernel, int m, int n, int k, boolean ta, boolean tb) {
        ComputeThreads.setThreads(2);
        assertThat(OutputSplit.parts(m, n, k, 8, 32, 2_000_000)).as("the product is split").isGreaterThan(1);
        float[] one = product(kernel, 1, m, n, k, ta, tb);
        float[] two = product(kernel, 2, m, n, k, ta, tb);
        float[] three = product(kernel, 3, m, n, k, ta, tb);
        assertThat(java.util.Arrays.equals(one, two)).as("1 vs 2 threads").isTrue();
        assertThat(java.util.Arrays.equals(one, three)).as("1 vs 3 threads").isTrue();
    }

    @ParameterizedTest(name = "{0} {1}x{2}x{3} ta={4} tb={5}")
    @MethodSource("cases")
    void concurrentCallersGetTheSameBits(Kernels kernel, int m, int n, int k, boolean ta, boolean tb)
            throws Exception {
        float[] expected = product(kernel, 1, m, n, k, ta, tb);
        ComputeThreads.setThreads(2);
        ExecutorService callers = Executors.newFixedThreadPool(3);
        try {
            List<Future<float[]>> results = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                Callable<float[]> call = () -> product(kernel, 2, m, n, k, ta, tb);
                results.add(callers.submit(call));
            }
            for (Future<float[]> result : results) {
                assertThat(java.util.Arrays.equals(result.get(), expected)).isTrue();
            }
        } finally {
            callers.shutdownNow();
        }
    }

    /** alpha·op(A)·op(B) + beta·C for fixed random inputs, on {@code threads} threads. */
    private static float[] product(Kernels kernel, int threads, int m, int n, int k, boolean ta, boolean tb) {
        SplittableRandom random = new SplittableRandom(7);
        float[] a = ReferenceKernels.random(m * k, random);
        float[] b = ReferenceKernels.random(k * n, random);
        float[] c = ReferenceKernels.random(m * n, random);
        if (threads != ComputeThreads.threads()) {
            ComputeThreads.setThreads(threads);
        }
        kernel.gemm(ta, tb, m, n, k, 0.5f, a, 0, ta ? m : k, b, 0, tb ? k : n, -2f, c, 0, n);
        return c;
    }
}
