package dev.descent.kernel.simd;

import static dev.descent.kernel.simd.VectorGemm.LANES;
import static dev.descent.kernel.simd.VectorGemm.SPECIES;

import jdk.incubator.vector.FloatVector;

/**
 * Products with a few rows of C (batch 1 to 4, or 12 for {@code x·Wᵀ}), without packing.
 * With so few rows there is little to reuse a packed panel for, and packing B costs more than
 * the product itself (for {@code x·Wᵀ} at 256×784: 5 GFLOP/s packed).
 *
 * <p>{@code op(B) = Bᵀ} (B stored n×k, {@link #multiplyTransposed}): each element of C is a dot
 * product of a row of op(A) with a row of B, four rows of A against four rows of B at a time,
 * or one row against four. {@code op(B) = B} ({@link #multiply}): a row of C accumulates rows of
 * B scaled by the row's values, four vectors of C at a time. The work is at most a few hundred
 * thousand flops a row and memory-bound. Like the blocked path, {@code beta} is applied first
 * and each element ends with one fused {@code C += alpha · sum}.
 */
final class VectorRowProduct {
    private VectorRowProduct() {
    }

    /**
     * {@code c[0..n) = alpha · row · B + beta · c} (B stored k×n), with {@code row} holding a row
     * of op(A) contiguously from index 0 (k values).
     */
    static void multiply(int n, int k, float alpha, float[] row,
                         float[] b, int bOffset, int ldb, float beta, float[] c, int cOffset) {
        if (beta == 0f) {
            java.util.Arrays.fill(c, cOffset, cOffset + n, 0f);
        } else if (beta != 1f) {
            VectorKernels.scaleRange(n, beta, c, cOffset);
        }
        if (k == 0 || alpha == 0f) {
            return;
        }
        combineRows(n, k, alpha, row, b, bOffset, ldb, c, cOffset);
    }

    /**
     * {@code C = alpha · A · Bᵀ + beta · C} for {@code rows} rows of C, B stored n×k: the
     * forward product {@code x·Wᵀ} of a small batch. Row {@code r} of A holds {@code k} values
     * from {@code a[a0 + r·lda]}. Four rows of A against four rows of B at a time (16 dot
     * products per pass, eight vector loads per 16 fused multiply-adds, against five per four
     * one row at a time); leftover rows go one at a time. Each element is computed the same way
     * whichever tile or pass it falls in: vector sums over k in lanes, reduced in a fixed order
     * ({@link Lanes}), then the tail of k in order.
     *
     * @param lanes at least 16 vectors long
     */
    static void multiplyTransposed(int rows, int n, int k, float alpha, float[] a, int a0, int lda,
                                   float[] b, int bOffset, int ldb, float beta, float[] c, int cOffset, int ldc,
                                   float[] lanes) {
        for (int r = 0; r < rows; r++) {
            int row = cOffset + r * ldc;
            if (beta == 0f) {
                java.util.Arrays.fill(c, row, row + n, 0f);
            } else if (beta != 1f) {
                VectorKernels.scaleRange(n, beta, c, row);
            }
        }
        if (k == 0 || alpha == 0f) {
            return;
        }
        int r = 0;
        for (; r + 4 <= rows; r += 4) {
            dots4(n, k, alpha, a, a0 + r * lda, lda, b, bOffset, ldb, c, cOffset + r * ldc, ldc, lanes);
        }
        for (; r < rows; r++) {
            dots(n, k, alpha, a, a0 + r * lda, b, bOffset, ldb, c, cOffset + r * ldc, lanes);
        }
    }

    /**
     * Four rows of {@link #multiplyTransposed}: 16 vector sums per four rows of B, stored in
     * {@code lanes} and finished by {@link #finish4x4} (out of line, to keep this loop within
     * C2's inlining budget); columns left over at the end go one at a time.
     */
    private static void dots4(int n, int k, float alpha, float[] a, int a0, int lda, float[] b, int bOffset, int ldb,
                              float[] c, int c0, int ldc, float[] lanes) {
        int bound = SPECIES.loopBound(k);
        int a1 = a0 + lda;
        int a2 = a1 + lda;
        int a3 = a2 + lda;
        int j = 0;
        for (; j + 4 <= n; j += 4) {
            int b0 = bOffset + j * ldb;
            int b1 = b0 + ldb;
            int b2 = b1 + ldb;
            int b3 = b2 + ldb;
            FloatVector s00 = FloatVector.zero(SPECIES);
            FloatVector s01 = FloatVector.zero(SPECIES);
            FloatVector s02 = FloatVector.zero(SPECIES);
            FloatVector s03 = FloatVector.zero(SPECIES);
            FloatVector s10 = FloatVector.zero(SPECIES);
            FloatVector s11 = FloatVector.zero(SPECIES);
            FloatVector s12 = FloatVector.zero(SPECIES);
            FloatVector s13 = FloatVector.zero(SPECIES);
            FloatVector s20 = FloatVector.zero(SPECIES);
            FloatVector s21 = FloatVector.zero(SPECIES);
            FloatVector s22 = FloatVector.zero(SPECIES);
            FloatVector s23 = FloatVector.zero(SPECIES);
            FloatVector s30 = FloatVector.zero(SPECIES);
            FloatVector s31 = FloatVector.zero(SPECIES);
            FloatVector s32 = FloatVector.zero(SPECIES);
            FloatVector s33 = FloatVector.zero(SPECIES);
            for (int p = 0; p < bound; p += LANES) {
                FloatVector w0 = FloatVector.fromArray(SPECIES, b, b0 + p);
                FloatVector w1 = FloatVector.fromArray(SPECIES, b, b1 + p);
                FloatVector w2 = FloatVector.fromArray(SPECIES, b, b2 + p);
                FloatVector w3 = FloatVector.fromArray(SPECIES, b, b3 + p);
                FloatVector x = FloatVector.fromArray(SPECIES, a, a0 + p);
                s00 = x.fma(w0, s00);
                s01 = x.fma(w1, s01);
                s02 = x.fma(w2, s02);
                s03 = x.fma(w3, s03);
                x = FloatVector.fromArray(SPECIES, a, a1 + p);
                s10 = x.fma(w0, s10);
                s11 = x.fma(w1, s11);
                s12 = x.fma(w2, s12);
                s13 = x.fma(w3, s13);
                x = FloatVector.fromArray(SPECIES, a, a2 + p);
                s20 = x.fma(w0, s20);
                s21 = x.fma(w1, s21);
                s22 = x.fma(w2, s22);
                s23 = x.fma(w3, s23);
                x = FloatVector.fromArray(SPECIES, a, a3 + p);
                s30 = x.fma(w0, s30);
                s31 = x.fma(w1, s31);
                s32 = x.fma(w2, s32);
                s33 = x.fma(w3, s33);
            }
            s00.intoArray(lanes, 0);
            s01.intoArray(lanes, LANES);
            s02.intoArray(lanes, 2 * LANES);
            s03.intoArray(lanes, 3 * LANES);
            s10.intoArray(lanes, 4 * LANES);
            s11.intoArray(lanes, 5 * LANES);
            s12.intoArray(lanes, 6 * LANES);
            s13.intoArray(lanes, 7 * LANES);
            s20.intoArray(lanes, 8 * LANES);
            s21.intoArray(lanes, 9 * LANES);
            s22.intoArray(lanes, 10 * LANES);
            s23.intoArray(lanes, 11 * LANES);
            s30.intoArray(lanes, 12 * LANES);
            s31.intoArray(lanes, 13 * LANES);
            s32.intoArray(lanes, 14 * LANES);
            s33.intoArray(lanes, 15 * LANES);
            finish4x4(lanes, a, a0, lda, b, b0, ldb, bound, k, alpha, c, c0 + j, ldc);
        }
        if (j < n) {
            for (int r = 0; r < 4; r++) {
                dots(n - j, k, alpha, a, a0 + r * lda, b, bOffset + j * ldb, ldb, c, c0 + r * ldc + j, lanes);
            }
        }
    }

    /** {@link #finish} for the 4×4 sums {@link #dots4} stored in {@code lanes}, row of A by row of A. */
    private static void finish4x4(float[] lanes, float[] a, int a0, int lda, float[] b, int b0, int ldb, int bound,
                                  int k, float alpha, float[] c, int c0, int ldc) {
        for (int r = 0; r < 4; r++) {
            for (int q = 0; q < 4; q++) {
                int ci = c0 + r * ldc + q;
                c[ci] = finish(lanes, (4 * r + q) * LANES, a, a0 + r * lda, b, b0 + q * ldb, bound, k, alpha, c[ci]);
            }
        }
    }

    /**
     * {@code c[j] += alpha · dot(row, B[j])}, four rows of B per pass over the row. The four
     * vector sums are stored in {@code lanes} (4 vectors long) and reduced from there: four
     * vector reductions inlined here pushed C2 past its inlining budget on JDK 17, and it boxed
     * a vector per step.
     */
    private static void dots(int n, int k, float alpha, float[] row, int rowOffset, float[] b, int bOffset, int ldb,
                             float[] c, int cOffset, float[] lanes) {
        int bound = SPECIES.loopBound(k);
        int j = 0;
        for (; j + 4 <= n; j += 4) {
            int b0 = bOffset + j * ldb;
            int b1 = b0 + ldb;
            int b2 = b1 + ldb;
            int b3 = b2 + ldb;
            FloatVector s0 = FloatVector.zero(SPECIES);
            FloatVector s1 = FloatVector.zero(SPECIES);
            FloatVector s2 = FloatVector.zero(SPECIES);
            FloatVector s3 = FloatVector.zero(SPECIES);
            for (int p = 0; p < bound; p += LANES) {
                FloatVector x = FloatVector.fromArray(SPECIES, row, rowOffset + p);
                s0 = x.fma(FloatVector.fromArray(SPECIES, b, b0 + p), s0);
                s1 = x.fma(FloatVector.fromArray(SPECIES, b, b1 + p), s1);
                s2 = x.fma(FloatVector.fromArray(SPECIES, b, b2 + p), s2);
                s3 = x.fma(FloatVector.fromArray(SPECIES, b, b3 + p), s3);
            }
            s0.intoArray(lanes, 0);
            s1.intoArray(lanes, LANES);
            s2.intoArray(lanes, 2 * LANES);
            s3.intoArray(lanes, 3 * LANES);
            for (int r = 0; r < 4; r++) {
                int ci = cOffset + j + r;
                c[ci] = finish(lanes, r * LANES, row, rowOffset, b, b0 + r * ldb, bound, k, alpha, c[ci]);
            }
        }
        for (; j < n; j++) {
            int b0 = bOffset + j * ldb;
            FloatVector s0 = FloatVector.zero(SPECIES);
            for (int p = 0; p < bound; p += LANES) {
                s0 = FloatVector.fromArray(SPECIES, row, rowOffset + p)
                        .fma(FloatVector.fromArray(SPECIES, b, b0 + p), s0);
            }
            s0.intoArray(lanes, 0);
            c[cOffset + j] = finish(lanes, 0, row, rowOffset, b, b0, bound, k, alpha, c[cOffset + j]);
        }
    }

    /** The vector sum stored at {@code lanes[from ..]} plus the scalar tail of the dot product, then {@code c + alpha · sum}. */
    private static float finish(float[] lanes, int from, float[] row, int rowOffset, float[] b, int bRow,
                                int tailFrom, int k, float alpha, float c) {
        float s = Lanes.sumStored(lanes, from);
        for (int p = tailFrom; p < k; p++) {
            s = Math.fma(row[rowOffset + p], b[bRow + p], s);
        }
        return Math.fma(s, alpha, c);
    }

    /** {@code c[j] += alpha · Σ_p row[p] · B[p][j]}, four vectors of columns per pass over k. */
    private static void combineRows(int n, int k, float alpha, float[] row, float[] b, int bOffset, int ldb,
                                    float[] c, int cOffset) {
        FloatVector va = FloatVector.broadcast(SPECIES, alpha);
        int j = 0;
        for (; j + 4 * LANES <= n; j += 4 * LANES) {
            FloatVector s0 = FloatVector.zero(SPECIES);
            FloatVector s1 = FloatVector.zero(SPECIES);
            FloatVector s2 = FloatVector.zero(SPECIES);
            FloatVector s3 = FloatVector.zero(SPECIES);
            for (int p = 0; p < k; p++) {
                int bi = bOffset + p * ldb + j;
                FloatVector x = FloatVector.broadcast(SPECIES, row[p]);
                s0 = x.fma(FloatVector.fromArray(SPECIES, b, bi), s0);
                s1 = x.fma(FloatVector.fromArray(SPECIES, b, bi + LANES), s1);
                s2 = x.fma(FloatVector.fromArray(SPECIES, b, bi + 2 * LANES), s2);
                s3 = x.fma(FloatVector.fromArray(SPECIES, b, bi + 3 * LANES), s3);
            }
            int ci = cOffset + j;
            s0.fma(va, FloatVector.fromArray(SPECIES, c, ci)).intoArray(c, ci);
            s1.fma(va, FloatVector.fromArray(SPECIES, c, ci + LANES)).intoArray(c, ci + LANES);
            s2.fma(va, FloatVector.fromArray(SPECIES, c, ci + 2 * LANES)).intoArray(c, ci + 2 * LANES);
            s3.fma(va, FloatVector.fromArray(SPECIES, c, ci + 3 * LANES)).intoArray(c, ci + 3 * LANES);
        }
        for (; j + LANES <= n; j += LANES) {
            FloatVector s0 = FloatVector.zero(SPECIES);
            for (int p = 0; p < k; p++) {
                s0 = FloatVector.broadcast(SPECIES, row[p]).fma(FloatVector.fromArray(SPECIES, b, bOffset + p * ldb + j), s0);
            }
            s0.fma(va, FloatVector.fromArray(SPECIES, c, cOffset + j)).intoArray(c, cOffset + j);
        }
        for (; j < n; j++) {
            // the same fma chain a vector lane would run
            float s = 0f;
            for (int p = 0; p < k; p++) {
                s = Math.fma(row[p], b[bOffset + p * ldb + j], s);
            }
            c[cOffset + j] = Math.fma(s, alpha, c[cOffset + j]);
        }
    }
}
