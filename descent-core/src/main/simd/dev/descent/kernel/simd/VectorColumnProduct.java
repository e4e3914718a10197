package dev.descent.kernel.simd;

import static dev.descent.kernel.simd.VectorGemm.KC;
import static dev.descent.kernel.simd.VectorGemm.LANES;
import static dev.descent.kernel.simd.VectorGemm.SPECIES;

import jdk.incubator.vector.FloatVector;

/**
 * {@code C = alpha · op(A) · Bᵀ + beta · C} with B stored n×k and at most {@link #MAX_ROWS}
 * rows: the forward product {@code x·Wᵀ} of a small batch (13–16 rows with AVX-512; fewer go
 * through {@link VectorRowProduct}), computed column by column of C, one vector holding a whole
 * column.
 *
 * <p>The blocked path must copy W into column panels with a transposing copy (200 000 scalar
 * stores at 256×784), which at 16 rows costs more than the product (56–70 GFLOP/s). Here the
 * roles are swapped: op(A)ᵀ, which is small, is packed k-step by k-step into one zero-padded
 * vector per step ({@code m} useful lanes), and W is read in place, row by row, one broadcast
 * per value: {@code column_j += W[j][p] · op(A)[*][p]}, for {@link #ROWS} rows of W at a time.
 * Every element of C gets exactly the blocked path's arithmetic: the same balanced k-blocks,
 * a fused multiply-add chain from zero over each block, then {@code fma(sum, alpha, beta·c)}
 * for the first block and {@code fma(sum, alpha, c)} for the others. Results are the same bits
 * as through {@link VectorGemm}'s packed path, whatever band of columns a thread computes.
 */
final class VectorColumnProduct {
    /** Rows of C a product may have: one vector's lanes. */
    static final int MAX_ROWS = LANES;
    /** Rows of W (columns of C) per register tile: eight accumulators, eight broadcasts and one load per step. */
    static final int ROWS = 8;

    private VectorColumnProduct() {
    }

    /**
     * Rows {@code [0, m)} × columns {@code [n0, n1)} of C, for {@code m <= MAX_ROWS},
     * {@code k > 0} and {@code alpha != 0}.
     *
     * @param packed at least {@code min(k, KC) · LANES} floats
     * @param tile   at least {@code ROWS · LANES} floats
     */
    static void multiply(boolean transposeA, int m, int n0, int n1, int k, float alpha,
                         float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb,
                         float beta, float[] c, int cOffset, int ldc, float[] packed, float[] tile) {
        if (m <= 0 || n0 >= n1) {
            return;
        }
        int kc = VectorGemm.balanced(k, KC, 1);
        // op(A)[i][p] = a[aOffset + i·aRowStep + p·aStep]
        int aRowStep = transposeA ? 1 : lda;
        int aStep = transposeA ? lda : 1;
        for (int pc = 0; pc < k; pc += kc) {
            int kcur = Math.min(kc, k - pc);
            for (int p = 0; p < kcur; p++) {
                int src = aOffset + (pc + p) * aStep;
                int dst = p * LANES;
                for (int i = 0; i < m; i++) {
                    packed[dst + i] = a[src + i * aRowStep];
                }
                for (int i = m; i < LANES; i++) {
                    packed[dst + i] = 0f;
                }
            }
            // the first k-block also applies beta; later ones accumulate (beta = 1)
            float blockBeta = pc == 0 ? beta : 1f;
            int j = n0;
            for (; j + ROWS <= n1; j += ROWS) {
                columns8(kcur, packed, b, bOffset + j * ldb + pc, ldb, tile);
                update(tile, ROWS, m, alpha, blockBeta, c, cOffset + j, ldc);
            }
            for (; j < n1; j++) {
                column(kcur, packed, b, bOffset + j * ldb + pc, tile);
                update(tile, 1, m, alpha, blockBeta, c, cOffset + j, ldc);
            }
        }
    }

    /** {@code tile[r] = Σ_p W[r][p] · packed[p]} for eight rows of W from {@code b[w0]}, {@code ldb} apart. */
    private static void columns8(int kc, float[] packed, float[] b, int w0, int ldb, float[] tile) {
        FloatVector c0 = FloatVector.zero(SPECIES);
        FloatVector c1 = FloatVector.zero(SPECIES);
        FloatVector c2 = FloatVector.zero(SPECIES);
        FloatVector c3 = FloatVector.zero(SPECIES);
        FloatVector c4 = FloatVector.zero(SPECIES);
        FloatVector c5 = FloatVector.zero(SPECIES);
        FloatVector c6 = FloatVector.zero(SPECIES);
        FloatVector c7 = FloatVector.zero(SPECIES);
        int w1 = w0 + ldb;
        int w2 = w1 + ldb;
        int w3 = w2 + ldb;
        int w4 = w3 + ldb;
        int w5 = w4 + ldb;
        int w6 = w5 + ldb;
        int w7 = w6 + ldb;
        for (int p = 0; p < kc; p++) {
            FloatVector x = FloatVector.fromArray(SPECIES, packed, p * LANES);
            c0 = FloatVector.broadcast(SPECIES, b[w0 + p]).fma(x, c0);
            c1 = FloatVector.broadcast(SPECIES, b[w1 + p]).fma(x, c1);
            c2 = FloatVector.broadcast(SPECIES, b[w2 + p]).fma(x, c2);
            c3 = FloatVector.broadcast(SPECIES, b[w3 + p]).fma(x, c3);
            c4 = FloatVector.broadcast(SPECIES, b[w4 + p]).fma(x, c4);
            c5 = FloatVector.broadcast(SPECIES, b[w5 + p]).fma(x, c5);
            c6 = FloatVector.broadcast(SPECIES, b[w6 + p]).fma(x, c6);
            c7 = FloatVector.broadcast(SPECIES, b[w7 + p]).fma(x, c7);
        }
        c0.intoArray(tile, 0);
        c1.intoArray(tile, LANES);
        c2.intoArray(tile, 2 * LANES);
        c3.intoArray(tile, 3 * LANES);
        c4.intoArray(tile, 4 * LANES);
        c5.intoArray(tile, 5 * LANES);
        c6.intoArray(tile, 6 * LANES);
        c7.intoArray(tile, 7 * LANES);
    }

    /** {@link #columns8} for one row of W. */
    private static void column(int kc, float[] packed, float[] b, int w0, float[] tile) {
        FloatVector c0 = FloatVector.zero(SPECIES);
        for (int p = 0; p < kc; p++) {
            c0 = FloatVector.broadcast(SPECIES, b[w0 + p]).fma(FloatVector.fromArray(SPECIES, packed, p * LANES), c0);
        }
        c0.intoArray(tile, 0);
    }

    /**
     * {@code C[i][r] = fma(tile[r][i], alpha, beta·C[i][r])} for {@code r < columns}, {@code i < m}
     * ({@code beta == 0}: C not read), as the blocked path's edge update does it.
     */
    private static void update(float[] tile, int columns, int m, float alpha, float beta, float[] c, int c0, int ldc) {
        for (int i = 0; i < m; i++) {
            int row = c0 + i * ldc;
            for (int r = 0; r < columns; r++) {
                float old = beta == 0f ? 0f : beta == 1f ? c[row + r] : c[row + r] * beta;
                c[row + r] = Math.fma(tile[r * LANES + i], alpha, old);
            }
        }
    }
}
