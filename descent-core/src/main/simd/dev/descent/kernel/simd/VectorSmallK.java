package dev.descent.kernel.simd;

import static dev.descent.kernel.simd.VectorGemm.LANES;
import static dev.descent.kernel.simd.VectorGemm.SPECIES;

import jdk.incubator.vector.FloatVector;

/**
 * Products with a short sum ({@code 1 <= k <=} {@link #MAX_K}): {@code C = beta·C + alpha·Σ_p
 * a_p b_pᵀ}, where {@code a_p} is column p of op(A) and {@code b_p} row p of op(B). At batch 1
 * the weight gradient {@code dW += dYᵀ·x} is such a product with {@code k = 1}: an outer
 * product. Packing A and B into panels for the register tile gains nothing there (each packed
 * value is used once or a few times) and a whole tile round trip per {@code k}-step cost more
 * than the product (13–17 GFLOP/s at 256×784×1).
 *
 * <p>Here every row of C is one pass of fused multiply-adds over its columns, vectorised over
 * the columns: {@code c_i[j] = fma(Σ_p a_ip·b_p[j], alpha, beta·c_i[j])}, C read and written
 * once. The rows of op(B) are read in place when B is stored k×n, and copied into a k×n buffer
 * first when it is stored transposed (k·n values, against m·n for C). The arithmetic of each
 * element is exactly that of the blocked path ({@link VectorGemm}) and of
 * {@link VectorRowProduct} for {@code k} below a vector: the sum starts from a {@code +0} fma,
 * adds the terms in order {@code p = 0, 1, ...} with fma, and ends with one
 * {@code fma(sum, alpha, beta·c)} (beta applied to the row first, C not read when beta is 0).
 * Results are therefore the same bits as before this path existed, and every element is
 * computed the same way whichever band of C it falls in, so the thread count never matters.
 *
 * <p>The shape decides everything before the loops: one method per {@code k}, each a row loop
 * around a branch-free column loop plus a scalar tail that runs the same fma chain as a lane.
 */
final class VectorSmallK {
    /** Longest sum handled here; longer ones go through the packed, blocked path. */
    static final int MAX_K = 4;

    private VectorSmallK() {
    }

    /**
     * Rows {@code [m0, m1)} × columns {@code [n0, n1)} of {@code C = alpha·op(A)·op(B) + beta·C},
     * for {@code 1 <= k <= MAX_K} and {@code alpha != 0}.
     *
     * @param buffer at least {@code k · (n1 - n0)} floats, for op(B) when B is stored transposed
     * @param zeros  at least {@code n1 - n0} zeros, read instead of C when {@code beta == 0}
     */
    static void band(boolean transposeA, boolean transposeB, int m0, int m1, int n0, int n1, int k, float alpha,
                     float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb,
                     float beta, float[] c, int cOffset, int ldc, float[] buffer, float[] zeros) {
        int width = n1 - n0;
        if (m0 >= m1 || width <= 0) {
            return;
        }
        // op(B) row p starts at rows[bRow + p·bStride], columns n0.. contiguous
        float[] rows;
        int bRow;
        int bStride;
        if (transposeB) {
            for (int p = 0; p < k; p++) {
                int src = bOffset + n0 * ldb + p;
                int dst = p * width;
                for (int j = 0; j < width; j++) {
                    buffer[dst + j] = b[src + j * ldb];
                }
            }
            rows = buffer;
            bRow = 0;
            bStride = width;
        } else {
            rows = b;
            bRow = bOffset + n0;
            bStride = ldb;
        }
        // op(A)[i][p] = a[aOffset + i·aRowStep + p·aStep]
        int aRowStep = transposeA ? 1 : lda;
        int aStep = transposeA ? lda : 1;
        int a0 = aOffset + m0 * aRowStep;
        int c0 = cOffset + m0 * ldc + n0;
        int count = m1 - m0;
        switch (k) {
            case 1 -> rows1(count, width, alpha, a, a0, aRowStep, rows, bRow, beta, c, c0, ldc, zeros);
            case 2 -> rows2(count, width, alpha, a, a0, aRowStep, aStep, rows, bRow, bStride, beta, c, c0, ldc, zeros);
            case 3 -> rows3(count, width, alpha, a, a0, aRowStep, aStep, rows, bRow, bStride, beta, c, c0, ldc, zeros);
            case 4 -> rows4(count, width, alpha, a, a0, aRowStep, aStep, rows, bRow, bStride, beta, c, c0, ldc, zeros);
            default -> throw new IllegalArgumentException("k must be in [1, " + MAX_K + "], got " + k);
        }
    }

    /**
     * Where {@code c = fma(sum, alpha, old)} reads its old values: {@code zeros} when
     * {@code beta == 0} (C is not read, so NaN there is ignored), else C itself.
     */
    private static float[] oldValues(float beta, float[] c, float[] zeros) {
        return beta == 0f ? zeros : c;
    }

    /**
     * Offset of row {@code row}'s old values in {@link #oldValues}: 0 in the zeros, else the row
     * of C, first scaled by beta unless beta is 1 (as the blocked path's {@code beta · C}; the
     * row is then in L1 for the pass that follows).
     */
    private static int oldRow(int width, float beta, float[] c, int row) {
        if (beta == 0f) {
            return 0;
        }
        if (beta != 1f) {
            VectorKernels.scaleRange(width, beta, c, row);
        }
        return row;
    }

    private static void rows1(int count, int width, float alpha, float[] a, int a0, int aRowStep,
                              float[] b, int b0, float beta, float[] c, int c0, int ldc,
                              float[] zeros) {
        FloatVector va = FloatVector.broadcast(SPECIES, alpha);
        FloatVector zero = FloatVector.zero(SPECIES);
        int bound = SPECIES.loopBound(width);
        float[] old = oldValues(beta, c, zeros);
        for (int i = 0; i < count; i++) {
            int row = c0 + i * ldc;
            int from = oldRow(width, beta, c, row);
            float x0 = a[a0 + i * aRowStep];
            FloatVector v0 = FloatVector.broadcast(SPECIES, x0);
            int j = 0;
            for (; j < bound; j += LANES) {
                FloatVector s = v0.fma(FloatVector.fromArray(SPECIES, b, b0 + j), zero);
                s.fma(va, FloatVector.fromArray(SPECIES, old, from + j)).intoArray(c, row + j);
            }
            for (; j < width; j++) {
                float s = Math.fma(x0, b[b0 + j], 0f);
                c[row + j] = Math.fma(s, alpha, old[from + j]);
            }
        }
    }

    private static void rows2(int count, int width, float alpha, float[] a, int a0, int aRowStep, int aStep,
                              float[] b, int b0, int bStride, float beta, float[] c, int c0, int ldc,
                              float[] zeros) {
        FloatVector va = FloatVector.broadcast(SPECIES, alpha);
        FloatVector zero = FloatVector.zero(SPECIES);
        int bound = SPECIES.loopBound(width);
        float[] old = oldValues(beta, c, zeros);
        int b1 = b0 + bStride;
        for (int i = 0; i < count; i++) {
            int row = c0 + i * ldc;
            int from = oldRow(width, beta, c, row);
            int ai = a0 + i * aRowStep;
            float x0 = a[ai];
            float x1 = a[ai + aStep];
            FloatVector v0 = FloatVector.broadcast(SPECIES, x0);
            FloatVector v1 = FloatVector.broadcast(SPECIES, x1);
            int j = 0;
            for (; j < bound; j += LANES) {
                FloatVector s = v0.fma(FloatVector.fromArray(SPECIES, b, b0 + j), zero);
                s = v1.fma(FloatVector.fromArray(SPECIES, b, b1 + j), s);
                s.fma(va, FloatVector.fromArray(SPECIES, old, from + j)).intoArray(c, row + j);
            }
            for (; j < width; j++) {
                float s = Math.fma(x0, b[b0 + j], 0f);
                s = Math.fma(x1, b[b1 + j], s);
                c[row + j] = Math.fma(s, alpha, old[from + j]);
            }
        }
    }

    private static void rows3(int count, int width, float alpha, float[] a, int a0, int aRowStep, int aStep,
                              float[] b, int b0, int bStride, float beta, float[] c, int c0, int ldc,
                              float[] zeros) {
        FloatVector va = FloatVector.broadcast(SPECIES, alpha);
        FloatVector zero = FloatVector.zero(SPECIES);
        int bound = SPECIES.loopBound(width);
        float[] old = oldValues(beta, c, zeros);
        int b1 = b0 + bStride;
        int b2 = b1 + bStride;
        for (int i = 0; i < count; i++) {
            int row = c0 + i * ldc;
            int from = oldRow(width, beta, c, row);
            int ai = a0 + i * aRowStep;
            float x0 = a[ai];
            float x1 = a[ai + aStep];
            float x2 = a[ai + 2 * aStep];
            FloatVector v0 = FloatVector.broadcast(SPECIES, x0);
            FloatVector v1 = FloatVector.broadcast(SPECIES, x1);
            FloatVector v2 = FloatVector.broadcast(SPECIES, x2);
            int j = 0;
            for (; j < bound; j += LANES) {
                FloatVector s = v0.fma(FloatVector.fromArray(SPECIES, b, b0 + j), zero);
                s = v1.fma(FloatVector.fromArray(SPECIES, b, b1 + j), s);
                s = v2.fma(FloatVector.fromArray(SPECIES, b, b2 + j), s);
                s.fma(va, FloatVector.fromArray(SPECIES, old, from + j)).intoArray(c, row + j);
            }
            for (; j < width; j++) {
                float s = Math.fma(x0, b[b0 + j], 0f);
                s = Math.fma(x1, b[b1 + j], s);
                s = Math.fma(x2, b[b2 + j], s);
                c[row + j] = Math.fma(s, alpha, old[from + j]);
            }
        }
    }

    private static void rows4(int count, int width, float alpha, float[] a, int a0, int aRowStep, int aStep,
                              float[] b, int b0, int bStride, float beta, float[] c, int c0, int ldc,
                              float[] zeros) {
        FloatVector va = FloatVector.broadcast(SPECIES, alpha);
        FloatVector zero = FloatVector.zero(SPECIES);
        int bound = SPECIES.loopBound(width);
        float[] old = oldValues(beta, c, zeros);
        int b1 = b0 + bStride;
        int b2 = b1 + bStride;
        int b3 = b2 + bStride;
        for (int i = 0; i < count; i++) {
            int row = c0 + i * ldc;
            int from = oldRow(width, beta, c, row);
            int ai = a0 + i * aRowStep;
            float x0 = a[ai];
            float x1 = a[ai + aStep];
            float x2 = a[ai + 2 * aStep];
            float x3 = a[ai + 3 * aStep];
            FloatVector v0 = FloatVector.broadcast(SPECIES, x0);
            FloatVector v1 = FloatVector.broadcast(SPECIES, x1);
            FloatVector v2 = FloatVector.broadcast(SPECIES, x2);
            FloatVector v3 = FloatVector.broadcast(SPECIES, x3);
            int j = 0;
            for (; j < bound; j += LANES) {
                FloatVector s = v0.fma(FloatVector.fromArray(SPECIES, b, b0 + j), zero);
                s = v1.fma(FloatVector.fromArray(SPECIES, b, b1 + j), s);
                s = v2.fma(FloatVector.fromArray(SPECIES, b, b2 + j), s);
                s = v3.fma(FloatVector.fromArray(SPECIES, b, b3 + j), s);
                s.fma(va, FloatVector.fromArray(SPECIES, old, from + j)).intoArray(c, row + j);
            }
            for (; j < width; j++) {
                float s = Math.fma(x0, b[b0 + j], 0f);
                s = Math.fma(x1, b[b1 + j], s);
                s = Math.fma(x2, b[b2 + j], s);
                s = Math.fma(x3, b[b3 + j], s);
                c[row + j] = Math.fma(s, alpha, old[from + j]);
            }
        }
    }
}
