package dev.descent.kernel;

import java.util.Arrays;

/**
 * {@link ScalarGemm} for a short sum ({@code 1 <= k <=} {@link #MAX_K}): {@code C = beta·C +
 * alpha·Σ_p a_p b_pᵀ}, the batch-1 weight gradient ({@code k = 1}, an outer product) and its
 * neighbours. The packed path computes four rows of C in accumulators and then adds them to C
 * in a loop C2 does not vectorise (C is indexed with an offset); for {@code k = 1} that
 * bookkeeping is all the work there is.
 *
 * <p>Here each row of C is copied into a line buffer, updated there in one pass over its
 * columns, and copied back: every array of the pass is indexed by the same {@code j} with no
 * offset, which is what C2 needs to vectorise it (see {@link ScalarGemm}). The rows of op(B)
 * for a block of columns are copied into {@code k} such buffers first. Each element gets
 * exactly the arithmetic of the packed path, {@code beta·c + alpha·(((0 + a_0·b_0) + a_1·b_1)
 * + ...)} with {@code beta·c} replaced by {@code c} for {@code beta == 1} and by 0 (C not read)
 * for {@code beta == 0}, so results are the same bits as before and independent of the band,
 * hence of the thread count. One method per {@code k}, picked once per block of columns.
 */
final class ScalarSmallK {
    /** Longest sum handled here; longer ones use the packed path. */
    static final int MAX_K = 4;

    private ScalarSmallK() {
    }

    /**
     * Rows {@code [m0, m1)} × columns {@code [n0, n1)} of {@code C = alpha·op(A)·op(B) + beta·C},
     * for {@code 1 <= k <= MAX_K} and {@code alpha != 0}.
     *
     * @param rows at least {@code k} buffers of {@code blockColumns} floats, for the rows of op(B)
     * @param line a buffer of {@code blockColumns} floats, for one row of C
     */
    static void band(boolean transposeA, boolean transposeB, int m0, int m1, int n0, int n1, int k, float alpha,
                     float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb,
                     float beta, float[] c, int cOffset, int ldc, float[][] rows, float[] line, int blockColumns) {
        if (m0 >= m1 || n0 >= n1) {
            return;
        }
        // op(A)[i][p] = a[aOffset + i·aRowStep + p·aStep]
        int aRowStep = transposeA ? 1 : lda;
        int aStep = transposeA ? lda : 1;
        int nc = ScalarGemm.balanced(n1 - n0, blockColumns, 1);
        for (int jc = n0; jc < n1; jc += nc) {
            int width = Math.min(nc, n1 - jc);
            for (int p = 0; p < k; p++) {
                float[] row = rows[p];
                if (transposeB) {
                    int src = bOffset + jc * ldb + p;
                    for (int j = 0; j < width; j++) {
                        row[j] = b[src + j * ldb];
                    }
                } else {
                    System.arraycopy(b, bOffset + p * ldb + jc, row, 0, width);
                }
            }
            int a0 = aOffset + m0 * aRowStep;
            int c0 = cOffset + m0 * ldc + jc;
            int count = m1 - m0;
            switch (k) {
                case 1 -> rows1(count, width, alpha, a, a0, aRowStep, rows, beta, c, c0, ldc, line);
                case 2 -> rows2(count, width, alpha, a, a0, aRowStep, aStep, rows, beta, c, c0, ldc, line);
                case 3 -> rows3(count, width, alpha, a, a0, aRowStep, aStep, rows, beta, c, c0, ldc, line);
                case 4 -> rows4(count, width, alpha, a, a0, aRowStep, aStep, rows, beta, c, c0, ldc, line);
                default -> throw new IllegalArgumentException("k must be in [1, " + MAX_K + "], got " + k);
            }
        }
    }

    /**
     * {@code line[0 .. width) = beta · c[row ..]}: a copy for {@code beta == 1}, zeros for
     * {@code beta == 0} (C not read), else the products {@code beta · c} the packed path forms.
     */
    static void load(int width, float beta, float[] c, int row, float[] line) {
        if (beta == 0f) {
            Arrays.fill(line, 0, width, 0f);
            return;
        }
        System.arraycopy(c, row, line, 0, width);
        if (beta != 1f) {
            for (int j = 0; j < width; j++) {
                line[j] = beta * line[j];
            }
        }
    }

    private static void rows1(int count, int width, float alpha, float[] a, int a0, int aRowStep,
                              float[][] rows, float beta, float[] c, int c0, int ldc, float[] line) {
        float[] r0 = rows[0];
        for (int i = 0; i < count; i++) {
            int row = c0 + i * ldc;
            load(width, beta, c, row, line);
            float x0 = a[a0 + i * aRowStep];
            for (int j = 0; j < width; j++) {
                line[j] += alpha * (0f + x0 * r0[j]);
            }
            System.arraycopy(line, 0, c, row, width);
        }
    }

    private static void rows2(int count, int width, float alpha, float[] a, int a0, int aRowStep, int aStep,
                              float[][] rows, float beta, float[] c, int c0, int ldc, float[] line) {
        float[] r0 = rows[0];
        float[] r1 = rows[1];
        for (int i = 0; i < count; i++) {
            int row = c0 + i * ldc;
            load(width, beta, c, row, line);
            int ai = a0 + i * aRowStep;
            float x0 = a[ai];
            float x1 = a[ai + aStep];
            for (int j = 0; j < width; j++) {
                line[j] += alpha * (0f + x0 * r0[j] + x1 * r1[j]);
            }
            System.arraycopy(line, 0, c, row, width);
        }
    }

    private static void rows3(int count, int width, float alpha, float[] a, int a0, int aRowStep, int aStep,
                              float[][] rows, float beta, float[] c, int c0, int ldc, float[] line) {
        float[] r0 = rows[0];
        float[] r1 = rows[1];
        float[] r2 = rows[2];
        for (int i = 0; i < count; i++) {
            int row = c0 + i * ldc;
            load(width, beta, c, row, line);
            int ai = a0 + i * aRowStep;
            float x0 = a[ai];
            float x1 = a[ai + aStep];
            float x2 = a[ai + 2 * aStep];
            for (int j = 0; j < width; j++) {
                line[j] += alpha * (0f + x0 * r0[j] + x1 * r1[j] + x2 * r2[j]);
            }
            System.arraycopy(line, 0, c, row, width);
        }
    }

    private static void rows4(int count, int width, float alpha, float[] a, int a0, int aRowStep, int aStep,
                              float[][] rows, float beta, float[] c, int c0, int ldc, float[] line) {
        float[] r0 = rows[0];
        float[] r1 = rows[1];
        float[] r2 = rows[2];
        float[] r3 = rows[3];
        for (int i = 0; i < count; i++) {
            int row = c0 + i * ldc;
            load(width, beta, c, row, line);
            int ai = a0 + i * aRowStep;
            float x0 = a[ai];
            float x1 = a[ai + aStep];
            float x2 = a[ai + 2 * aStep];
            float x3 = a[ai + 3 * aStep];
            for (int j = 0; j < width; j++) {
                line[j] += alpha * (0f + x0 * r0[j] + x1 * r1[j] + x2 * r2[j] + x3 * r3[j]);
            }
            System.arraycopy(line, 0, c, row, width);
        }
    }
}
