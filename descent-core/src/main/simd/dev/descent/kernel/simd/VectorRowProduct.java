package dev.descent.kernel.simd;

import static dev.descent.kernel.simd.VectorGemm.LANES;
import static dev.descent.kernel.simd.VectorGemm.SPECIES;

import jdk.incubator.vector.FloatVector;

/**
 * The product for a single row of C ({@code m == 1}: batch-1 training and inference), without
 * packing. With one row there is nothing to reuse a packed panel for, and packing B costs more
 * than the product itself (for {@code x·Wᵀ} at 256×784: 5 GFLOP/s packed).
 *
 * <p>{@code op(B) = Bᵀ} (B stored n×k): each element of C is a dot product of the row with a
 * row of B, four rows of B at a time. {@code op(B) = B}: C accumulates rows of B scaled by
 * the row's values, four vectors of C at a time. Both run on the calling thread: the work is at
 * most a few hundred thousand flops and memory-bound. Like the blocked path, {@code beta} is
 * applied first and each element ends with one fused {@code C += alpha · sum}.
 */
final class VectorRowProduct {
    private VectorRowProduct() {
    }

    /**
     * {@code c[0..n) = alpha · row · op(B) + beta · c}, with {@code row} holding op(A)'s only row
     * contiguously from index 0 (k values).
     */
    static void multiply(boolean transposeB, int n, int k, float alpha, float[] row,
                         float[] b, int bOffset, int ldb, float beta, float[] c, int cOffset, float[] lanes) {
        if (beta == 0f) {
            java.util.Arrays.fill(c, cOffset, cOffset + n, 0f);
        } else if (beta != 1f) {
            VectorKernels.scaleRange(n, beta, c, cOffset);
        }
        if (k == 0 || alpha == 0f) {
            return;
        }
        if (transposeB) {
            dots(n, k, alpha, row, b, bOffset, ldb, c, cOffset, lanes);
        } else {
            combineRows(n, k, alpha, row, b, bOffset, ldb, c, cOffset);
        }
    }

    /**
     * {@code c[j] += alpha · dot(row, B[j])}, four rows of B per pass over the row. The four
     * vector sums are stored in {@code lanes} (4 vectors long) and reduced from there: four
     * vector reductions inlined here pushed C2 past its inlining budget on JDK 17, and it boxed
     * a vector per step.
     */
    private static void dots(int n, int k, float alpha, float[] row, float[] b, int bOffset, int ldb,
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
                FloatVector x = FloatVector.fromArray(SPECIES, row, p);
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
                c[ci] = finish(lanes, r * LANES, row, b, b0 + r * ldb, bound, k, alpha, c[ci]);
            }
        }
        for (; j < n; j++) {
            int b0 = bOffset + j * ldb;
            FloatVector s0 = FloatVector.zero(SPECIES);
            for (int p = 0; p < bound; p += LANES) {
                s0 = FloatVector.fromArray(SPECIES, row, p).fma(FloatVector.fromArray(SPECIES, b, b0 + p), s0);
            }
            s0.intoArray(lanes, 0);
            c[cOffset + j] = finish(lanes, 0, row, b, b0, bound, k, alpha, c[cOffset + j]);
        }
    }

    /** The vector sum stored at {@code lanes[from ..]} plus the scalar tail of the dot product, then {@code c + alpha · sum}. */
    private static float finish(float[] lanes, int from, float[] row, float[] b, int bRow, int tailFrom, int k,
                                float alpha, float c) {
        float s = Lanes.sumStored(lanes, from);
        for (int p = tailFrom; p < k; p++) {
            s = Math.fma(row[p], b[bRow + p], s);
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
