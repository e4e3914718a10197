package dev.descent.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Both implementations of {@link Kernels#gemm} against a double-precision oracle, on shapes
 * that hit every tail: sizes below, at and just past the register tile (8 rows × 32 columns with
 * AVX-512; 4 rows for scalar), the few-row paths of the vector kernel (m <= 4, or 16 with Bᵀ),
 * past the cache blocks (k > 256, m > 120) and a leading dimension
 * wider than the matrix with non-zero offsets. {@link GemmSmallShapesTest} covers the short-sum
 * and few-row paths in detail.
 */
class GemmTest {
    private static final int[] SIZES = {1, 4, 5, 7, 8, 13, 16, 17, 31, 33, 100};

    @AfterEach
    void restoreThreads() {
        ComputeThreads.setThreads(Runtime.getRuntime().availableProcessors());
    }

    static Stream<Kernels> kernels() {
        return TestKernels.all().stream();
    }

    static Stream<Arguments> shapes() {
        List<Arguments> cases = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(1);
        for (Kernels kernel : TestKernels.all()) {
            for (boolean ta : new boolean[] {false, true}) {
                for (boolean tb : new boolean[] {false, true}) {
                    for (int m : SIZES) {
                        // every m with a few n, k to keep the suite fast
                        int n = SIZES[random.nextInt(SIZES.length)];
                        int k = SIZES[random.nextInt(SIZES.length)];
                        cases.add(Arguments.of(kernel, ta, tb, m, n, k));
                        cases.add(Arguments.of(kernel, ta, tb, n, m, k));
                        cases.add(Arguments.of(kernel, ta, tb, k, n, m));
                    }
                    cases.add(Arguments.of(kernel, ta, tb, 207, 65, 300));
                    cases.add(Arguments.of(kernel, ta, tb, 130, 207, 513));
                    cases.add(Arguments.of(kernel, ta, tb, 64, 256, 784));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} ta={1} tb={2} {3}x{4}x{5}")
    @MethodSource("shapes")
    void matchesReference(Kernels kernel, boolean ta, boolean tb, int m, int n, int k) {
        check(kernel, ta, tb, m, n, k, 1f, 0f, 0, 0);
        check(kernel, ta, tb, m, n, k, -0.75f, 1.5f, 3, 5);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void alphaAndBetaVariants(Kernels kernel) {
        for (float[] ab : new float[][] {{1, 1}, {2, 0}, {0.5f, -1}, {0, 2}, {0, 0}, {-1, 0.25f}}) {
            check(kernel, false, true, 37, 45, 29, ab[0], ab[1], 2, 7);
            check(kernel, true, false, 37, 45, 29, ab[0], ab[1], 2, 7);
            check(kernel, false, true, 2, 45, 29, ab[0], ab[1], 2, 7);
            check(kernel, true, false, 3, 45, 29, ab[0], ab[1], 2, 7);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void betaZeroIgnoresNaNInC(Kernels kernel) {
        for (int size : new int[] {1, 3, 5, 40, 300}) { // 300: several k-blocks
            SplittableRandom random = new SplittableRandom(size);
            float[] a = ReferenceKernels.random(size * size, random);
            float[] b = ReferenceKernels.random(size * size, random);
            float[] c = new float[size * size];
            Arrays.fill(c, Float.NaN);
            kernel.gemm(false, false, size, size, size, 1f, a, 0, size, b, 0, size, 0f, c, 0, size);
            for (float v : c) {
                assertThat(v).isNotNaN();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void emptyDimensions(Kernels kernel) {
        float[] c = {1, 2, 3, 4};
        kernel.gemm(false, false, 2, 2, 0, 1f, new float[0], 0, 1, new float[0], 0, 2, 0.5f, c, 0, 2);
        assertThat(c).containsExactly(0.5f, 1f, 1.5f, 2f);
        kernel.gemm(false, false, 0, 2, 3, 1f, new float[0], 0, 3, new float[6], 0, 2, 0f, c, 0, 2);
        assertThat(c).containsExactly(0.5f, 1f, 1.5f, 2f);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void badArgumentsAreNamed(Kernels kernel) {
        float[] x = new float[12];
        assertThatThrownBy(() -> kernel.gemm(false, false, 3, 4, 3, 1f, x, 0, 2, x, 0, 4, 0f, new float[12], 0, 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lda");
        assertThatThrownBy(() -> kernel.gemm(false, false, 3, 4, 3, 1f, x, 0, 3, x, 1, 4, 0f, new float[12], 0, 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("B (3×4, offset 1, ld 4)");
        assertThatThrownBy(() -> kernel.gemm(false, false, -1, 4, 3, 1f, x, 0, 3, x, 0, 4, 0f, x, 0, 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("m=-1");
    }

    /** Runs one product with offsets and padded leading dimensions and compares with the oracle. */
    static void check(Kernels kernel, boolean ta, boolean tb, int m, int n, int k,
                      float alpha, float beta, int offset, int pad) {
        SplittableRandom random = new SplittableRandom(31L * m + 17L * n + k);
        int aRows = ta ? k : m;
        int aColumns = ta ? m : k;
        int bRows = tb ? n : k;
        int bColumns = tb ? k : n;
        int lda = aColumns + pad;
        int ldb = bColumns + pad;
        int ldc = n + pad;
        float[] a = ReferenceKernels.random(offset + aRows * lda, random);
        float[] b = ReferenceKernels.random(offset + bRows * ldb, random);
        float[] c = ReferenceKernels.random(offset + m * ldc, random);
        float[] before = c.clone();
        double[][] expected = ReferenceKernels.gemm(ta, tb, m, n, k, alpha, a, offset, lda, b, offset, ldb,
                beta, c, offset, ldc);
        kernel.gemm(ta, tb, m, n, k, alpha, a, offset, lda, b, offset, ldb, beta, c, offset, ldc);
        for (int i = 0; i < c.length; i++) {
            int row = (i - offset) / ldc;
            int column = (i - offset) % ldc;
            if (i < offset || column >= n) {
                assertThat(c[i]).as("element outside C at %d", i).isEqualTo(before[i]);
                continue;
            }
            double want = expected[0][row * n + column];
            double tolerance = ReferenceKernels.tolerance(expected[1][row * n + column]);
            if (Math.abs(c[i] - want) > tolerance) {
                throw new AssertionError(String.format("%s ta=%b tb=%b %dx%dx%d alpha=%s beta=%s: C[%d][%d] = %s,"
                                + " expected %s ± %s", kernel.name(), ta, tb, m, n, k, alpha, beta, row, column,
                        c[i], want, tolerance));
            }
        }
    }
}
