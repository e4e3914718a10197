package dev.descent.kernel;

/**
 * {@link ScalarGemm} for {@code C = alpha · op(A) · Bᵀ + beta · C} (B stored n×k) with few rows:
 * the forward product {@code x·Wᵀ} of a small batch. The packed path copies W into k-rows with
 * a transposing copy, which for one row of C is the whole cost (2–3 GFLOP/s at 1×256×784);
 * here each element is a dot product of a row of op(A) with a row of W, both read in place,
 * eight rows of W at a time so that eight independent sums hide the latency of the additions.
 *
 * <p>Each element gets the packed path's arithmetic exactly: the same k-blocks, a sum from
 * {@code 0f} adding {@code a·b} in order of p within each block, then
 * {@code beta·c + alpha·sum} for the first block ({@code c + ...} for {@code beta == 1},
 * {@code 0 + ...} for {@code beta == 0}) and {@code c + alpha·sum} for the others. Results are
 * the same bits as through the packed path, whichever band of C a thread computes.
 */
final class ScalarRowProduct {
    /** Rows of C up to which this path is faster than packing W (measured at 256×784). */
    static final int MAX_ROWS = 3;
    /** Rows of W per pass over a row of op(A). */
    private static final int ROWS = 8;

    private ScalarRowProduct() {
    }

    /**
     * Rows {@code [m0, m1)} × columns {@code [n0, n1)} of C, for {@code k > 0}.
     *
     * @param line a buffer of at least {@code k} floats, for a row of op(A) when A is stored transposed
     */
    static void multiplyTransposed(boolean transposeA, int m0, int m1, int n0, int n1, int k, float alpha,
                                   float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb,
                                   float beta, float[] c, int cOffset, int ldc, float[] line) {
        int kc = ScalarGemm.balanced(k, ScalarGemm.KC, 1);
        for (int i = m0; i < m1; i++) {
            float[] x = a;
            int x0 = aOffset + i * lda;
            if (transposeA) {
                for (int p = 0; p < k; p++) {
                    line[p] = a[aOffset + p * lda + i];
                }
                x = line;
                x0 = 0;
            }
            int row = cOffset + i * ldc;
            for (int pc = 0; pc < k; pc += kc) {
                int kcur = Math.min(kc, k - pc);
                float blockBeta = pc == 0 ? beta : 1f;
                int j = n0;
                for (; j + ROWS <= n1; j += ROWS) {
                    dots8(kcur, alpha, blockBeta, x, x0 + pc, b, bOffset + j * ldb + pc, ldb, c, row + j);
                }
                for (; j < n1; j++) {
                    float s = 0f;
                    int w = bOffset + j * ldb + pc;
                    for (int p = 0; p < kcur; p++) {
                        s += x[x0 + pc + p] * b[w + p];
                    }
                    c[row + j] = update(c[row + j], s, alpha, blockBeta);
                }
            }
        }
    }

    /** Eight dot products of {@code x[x0 ..]} with rows of W from {@code b[w0]}, {@code ldb} apart, into {@code c[c0 ..]}. */
    private static void dots8(int kc, float alpha, float beta, float[] x, int x0, float[] b, int w0, int ldb,
                              float[] c, int c0) {
        int w1 = w0 + ldb;
        int w2 = w1 + ldb;
        int w3 = w2 + ldb;
        int w4 = w3 + ldb;
        int w5 = w4 + ldb;
        int w6 = w5 + ldb;
        int w7 = w6 + ldb;
        float s0 = 0f;
        float s1 = 0f;
        float s2 = 0f;
        float s3 = 0f;
        float s4 = 0f;
        float s5 = 0f;
        float s6 = 0f;
        float s7 = 0f;
        for (int p = 0; p < kc; p++) {
            float xp = x[x0 + p];
            s0 += xp * b[w0 + p];
            s1 += xp * b[w1 + p];
            s2 += xp * b[w2 + p];
            s3 += xp * b[w3 + p];
            s4 += xp * b[w4 + p];
            s5 += xp * b[w5 + p];
            s6 += xp * b[w6 + p];
            s7 += xp * b[w7 + p];
        }
        c[c0] = update(c[c0], s0, alpha, beta);
        c[c0 + 1] = update(c[c0 + 1], s1, alpha, beta);
        c[c0 + 2] = update(c[c0 + 2], s2, alpha, beta);
        c[c0 + 3] = update(c[c0 + 3], s3, alpha, beta);
        c[c0 + 4] = update(c[c0 + 4], s4, alpha, beta);
        c[c0 + 5] = update(c[c0 + 5], s5, alpha, beta);
        c[c0 + 6] = update(c[c0 + 6], s6, alpha, beta);
        c[c0 + 7] = update(c[c0 + 7], s7, alpha, beta);
    }

    /** One element of the packed path's {@code C = alpha · acc + beta · C} ({@code beta == 0}: C not read). */
    private static float update(float c, float s, float alpha, float beta) {
        if (beta == 1f) {
            return c + alpha * s;
        }
        return (beta == 0f ? 0f : beta * c) + alpha * s;
    }
}
