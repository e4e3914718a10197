package dev.descent.kernel;

import static org.assertj.core.api.Assertions.assertThat;

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
 * The paths for short sums and few rows, in both implementations: {@code k <= 4} (the batch-1
 * weight gradient, row-wise fused updates of C), few rows times Bᵀ (the small-batch forward
 * product: dot products, or columns of C in vectors), and partial row panels of the scalar
 * kernel. Against the double-precision oracle on shapes that hit every tail (k = 1, 2, 3, 5;
 * odd m and n; every transpose; beta 0, 1 and other; offsets and padded leading dimensions),
 * and bit for bit against the general path, whose arithmetic these paths reproduce: a product
 * must not change a bit when more rows or columns are computed alongside, which is also what
 * makes a thread split of C safe.
 */
class GemmSmallShapesTest {
    private static final float[] BETAS = {0f, 1f, -0.5f};

    @AfterEach
    void restoreThreads() {
        ComputeThreads.setThreads(Runtime.getRuntime().availableProcessors());
    }

    static Stream<Kernels> kernels() {
        return TestKernels.all().stream();
    }

    static Stream<Arguments> transposes() {
        List<Arguments> cases = new ArrayList<>();
        for (Kernels kernel : TestKernels.all()) {
            for (boolean ta : new boolean[] {false, true}) {
                for (boolean tb : new boolean[] {false, true}) {
                    cases.add(Arguments.of(kernel, ta, tb));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} ta={1} tb={2}")
    @MethodSource("transposes")
    void shortSumsMatchReference(Kernels kernel, boolean ta, boolean tb) {
        // m, n: single, odd, below / at / past a vector and a register tile, a long row (785 > NC 512)
        int[][] shapes = {{1, 1}, {1, 33}, {3, 17}, {17, 3}, {7, 31}, {9, 47}, {33, 45}, {40, 785}};
        for (int k : new int[] {1, 2, 3, 4, 5}) {
            for (int[] s : shapes) {
                for (float beta : BETAS) {
                    GemmTest.check(kernel, ta, tb, s[0], s[1], k, 1f, beta, 3, 5);
                    GemmTest.check(kernel, ta, tb, s[0], s[1], k, -0.75f, beta, 0, 0);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0} ta={1} tb={2}")
    @MethodSource("transposes")
    void fewRowsMatchReference(Kernels kernel, boolean ta, boolean tb) {
        // every row count up to past a vector of rows; k below, at and past a vector, and past a k-block
        for (int m = 1; m <= 17; m++) {
            for (int n : new int[] {1, 7, 9, 33}) {
                for (int k : new int[] {5, 16, 17, 300}) {
                    float beta = BETAS[(m + n + k) % BETAS.length];
                    GemmTest.check(kernel, ta, tb, m, n, k, 1f, beta, 3, 5);
                }
            }
        }
        for (float beta : BETAS) {
            GemmTest.check(kernel, ta, tb, 16, 256, 784, 0.5f, beta, 1, 2);
            GemmTest.check(kernel, ta, tb, 1, 256, 784, 1f, beta, 1, 2);
            GemmTest.check(kernel, ta, tb, 16, 10, 128, 1f, beta, 0, 0);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void betaZeroIgnoresNaNInC(Kernels kernel) {
        int[][] shapes = {{1, 35, 1}, {37, 35, 1}, {19, 33, 3}, {1, 35, 40}, {3, 35, 40}, {12, 35, 40}, {16, 35, 300}};
        for (int[] s : shapes) {
            for (int t = 0; t < 4; t++) {
                boolean ta = (t & 1) != 0;
                boolean tb = (t & 2) != 0;
                int m = s[0];
                int n = s[1];
                int k = s[2];
                SplittableRandom random = new SplittableRandom(m + n + k);
                float[] a = ReferenceKernels.random(m * k, random);
                float[] b = ReferenceKernels.random(k * n, random);
                float[] c = new float[m * n];
                Arrays.fill(c, Float.NaN);
                kernel.gemm(ta, tb, m, n, k, 1f, a, 0, ta ? m : k, b, 0, tb ? k : n, 0f, c, 0, n);
                for (float v : c) {
                    assertThat(v).as("%s %dx%dx%d ta=%b tb=%b", kernel.name(), m, n, k, ta, tb).isNotNaN();
                }
            }
        }
    }

    /**
     * A short sum gives the bits of the general path: {@code k <= 4} terms against five whose
     * last columns of op(A) are zero (adding an exact zero changes no sum: none of these sums
     * can be -0), on shapes whose five-term product takes the packed, blocked path.
     */
    @ParameterizedTest(name = "{0} ta={1} tb={2}")
    @MethodSource("transposes")
    void shortSumsGiveTheBitsOfTheGeneralPath(Kernels kernel, boolean ta, boolean tb) {
        int wide = 5;
        for (int k = 1; k <= 4; k++) {
            for (int[] s : new int[][] {{37, 45}, {256, 130}, {20, 785}}) {
                for (float beta : BETAS) {
                    int m = s[0];
                    int n = s[1];
                    SplittableRandom random = new SplittableRandom(k * 1000 + m);
                    float[] a = ReferenceKernels.random(m * wide, random);
                    float[] b = ReferenceKernels.random(wide * n, random);
                    float[] c = ReferenceKernels.random(m * n, random);
                    // op(A)[i][p] = 0 for p >= k; the first k columns copied into a k-column A
                    float[] aShort = new float[m * k];
                    for (int i = 0; i < m; i++) {
                        for (int p = 0; p < wide; p++) {
                            int at = ta ? p * m + i : i * wide + p;
                            if (p >= k) {
                                a[at] = 0f;
                            } else {
                                aShort[ta ? p * m + i : i * k + p] = a[at];
                            }
                        }
                    }
                    float[] bShort = new float[k * n];
                    for (int p = 0; p < k; p++) {
                        for (int j = 0; j < n; j++) {
                            bShort[tb ? j * k + p : p * n + j] = b[tb ? j * wide + p : p * n + j];
                        }
                    }
                    float[] shortSum = c.clone();
                    float[] general = c.clone();
                    kernel.gemm(ta, tb, m, n, k, 0.75f, aShort, 0, ta ? m : k, bShort, 0, tb ? k : n,
                            beta, shortSum, 0, n);
                    kernel.gemm(ta, tb, m, n, wide, 0.75f, a, 0, ta ? m : wide, b, 0, tb ? wide : n,
                            beta, general, 0, n);
                    assertThat(Arrays.equals(shortSum, general))
                            .as("%s %dx%dx%d ta=%b tb=%b beta=%s", kernel.name(), m, n, k, ta, tb, beta).isTrue();
                }
            }
        }
    }

    /**
     * Computing some columns of C alone, or some rows, gives the bits those elements get in
     * the whole product: each element's arithmetic depends on the shape's path, never on the
     * neighbours computed with it. Rows are compared only between products on the same
     * arithmetic: the vector kernel's dot products over lanes (at most 12 rows with Bᵀ) sum in
     * another order than its blocked path, and its few-row path without Bᵀ (at most 4 rows) sums
     * k in one block, as the blocked path does only up to k = 256.
     */
    @ParameterizedTest(name = "{0} ta={1} tb={2}")
    @MethodSource("transposes")
    void neighbouringRowsAndColumnsChangeNoBits(Kernels kernel, boolean ta, boolean tb) {
        int rows = 20;
        int n = 45;
        for (int k : new int[] {1, 2, 3, 4, 5, 17, 40, 200}) {
            SplittableRandom random = new SplittableRandom(k);
            float[] a = ReferenceKernels.random(rows * k, random);
            float[] b = ReferenceKernels.random(k * n, random);
            float[] c = ReferenceKernels.random(rows * n, random);
            int lda = ta ? rows : k;
            int ldb = tb ? k : n;
            float[] whole = c.clone();
            kernel.gemm(ta, tb, rows, n, k, 1f, a, 0, lda, b, 0, ldb, 1.5f, whole, 0, n);
            for (int m = 1; m <= rows; m++) {
                boolean sameArithmetic = kernel == KernelProvider.scalar() || k <= 4 || !tb || m > 12;
                // the first m rows of A, stored as the gemm call expects for m rows
                float[] aRows = new float[m * k];
                for (int i = 0; i < m; i++) {
                    for (int p = 0; p < k; p++) {
                        aRows[ta ? p * m + i : i * k + p] = a[ta ? p * rows + i : i * k + p];
                    }
                }
                // columns [3, 3 + width) of C computed alone, for those m rows
                int first = 3;
                int width = 19;
                float[] part = c.clone();
                kernel.gemm(ta, tb, m, width, k, 1f, aRows, 0, ta ? m : k, b, tb ? first * ldb : first, ldb,
                        1.5f, part, first, n);
                float[] reference = sameArithmetic ? whole : c.clone();
                if (!sameArithmetic) {
                    kernel.gemm(ta, tb, m, n, k, 1f, aRows, 0, ta ? m : k, b, 0, ldb, 1.5f, reference, 0, n);
                }
                for (int i = 0; i < m; i++) {
                    for (int j = first; j < first + width; j++) {
                        if (Float.floatToRawIntBits(part[i * n + j]) != Float.floatToRawIntBits(reference[i * n + j])) {
                            throw new AssertionError(String.format("%s ta=%b tb=%b k=%d: rows [0, %d) × columns"
                                            + " [%d, %d) alone differ at C[%d][%d]: %s, not %s", kernel.name(), ta,
                                    tb, k, m, first, first + width, i, j, part[i * n + j], reference[i * n + j]));
                        }
                    }
                }
            }
        }
    }
}
