package dev.descent.kernel;

import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Cache-blocked matrix product in plain Java, shaped so that C2 auto-vectorises the inner loop.
 *
 * <p>C2 vectorises {@code acc[j] += a * row[j]} only when both arrays are indexed by the same
 * variable with no offset (otherwise it cannot rule out an overlap at different offsets:
 * 4–6 GFLOP/s instead of 20–50). So op(B) is packed into one array per k-step, {@code rows[p]},
 * and each group of {@link #MR} rows of C is accumulated in {@code MR} separate arrays, all
 * indexed by {@code j}. op(A) is packed into MR-row panels so the transpose flags never reach
 * the inner loop.
 *
 * <p>Like the vector kernel: the first k-block sets {@code C = alpha · acc + beta · C}, later
 * ones add {@code alpha · acc}, k-blocks depend only on k, and threads split only the output, so
 * the result does not depend on the thread count.
 *
 * <p>Two shapes skip the packing, with the same arithmetic per element, hence the same bits: a
 * short sum ({@code k <= 4}, the batch-1 weight gradient: {@link ScalarSmallK}) and up to three
 * rows times Bᵀ (the batch-1 forward product: {@link ScalarRowProduct}). A last panel of one or
 * two rows accumulates only those rows.
 */
final class ScalarGemm {
    /** Rows of C accumulated together; each packed B row is loaded once for all of them. */
    static final int MR = 4;
    /** Column alignment of thread bands. */
    static final int NR = 16;
    static final int KC = 256;
    static final int MC = 64;
    static final int NC = 512;
    static final long PARALLEL_MIN_FLOPS = 1_000_000;

    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);
    private static final Supplier<Call> CALL = () -> WORKSPACE.get().call;

    private ScalarGemm() {
    }

    static void gemm(boolean transposeA, boolean transposeB, int m, int n, int k,
                     float alpha, float[] a, int aOffset, int lda,
                     float[] b, int bOffset, int ldb,
                     float beta, float[] c, int cOffset, int ldc) {
        GemmCall.run(CALL, transposeA, transposeB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb,
                beta, c, cOffset, ldc);
    }

    /**
     * Per-thread buffers, allocated by the thread that uses them. Each array gets a
     * {@link ScratchPadding#FLOATS} tail so that no cache line it writes is shared with another
     * thread's buffer, wherever the allocator or the garbage collector puts it.
     */
    private static final class Workspace {
        final float[] packedA = ScratchPadding.floats(MC * KC);
        final float[][] rows = new float[KC][];
        final float[][] acc = new float[MR][];
        /** One row of C while it is updated. */
        final float[] line = ScratchPadding.floats(NC);
        final Call call = new Call();
        private float[] aRow = new float[0];

        Workspace() {
            for (int p = 0; p < KC; p++) {
                rows[p] = ScratchPadding.floats(NC);
            }
            for (int r = 0; r < MR; r++) {
                acc[r] = ScratchPadding.floats(NC);
            }
        }
    }

    /** A row buffer of at least {@code k} floats from the calling thread's workspace. */
    private static float[] aRow(Workspace w, int k) {
        if (w.aRow.length < k + ScratchPadding.FLOATS) {
            w.aRow = ScratchPadding.floats(k);
        }
        return w.aRow;
    }

    /** One product; each band runs with the workspace of the thread that runs it. */
    private static final class Call extends GemmCall {
        Call() {
            super(MR, NR, PARALLEL_MIN_FLOPS);
        }

        /**
         * Short sums split rows: split by columns (the default when m <= n), two threads
         * updating halves of the same rows of C ran 1024×1024×1 at 10–28 GFLOP/s, by rows at
         * 25–32 (17 on one thread).
         */
        @Override
        protected boolean splitsColumns(int m, int n, int k) {
            return k <= ScalarSmallK.MAX_K ? false : super.splitsColumns(m, n, k);
        }

        @Override
        protected void runBand(int m0, int m1, int n0, int n1) {
            // A short sum (k = batch 1 in a weight gradient): row-wise updates of C, no packed A.
            if (k <= ScalarSmallK.MAX_K && k > 0 && alpha != 0f) {
                Workspace w = WORKSPACE.get();
                ScalarSmallK.band(transposeA, transposeB, m0, m1, n0, n1, k, alpha, a, aOffset, lda,
                        b, bOffset, ldb, beta, c, cOffset, ldc, w.rows, w.line, NC);
                return;
            }
            // A few rows times Wᵀ: dot products with W in place, no transposing copy of W.
            if (transposeB && m <= ScalarRowProduct.MAX_ROWS && k > 0 && alpha != 0f) {
                ScalarRowProduct.multiplyTransposed(transposeA, m0, m1, n0, n1, k, alpha, a, aOffset, lda,
                        b, bOffset, ldb, beta, c, cOffset, ldc, transposeA ? aRow(WORKSPACE.get(), k) : null);
                return;
            }
            region(WORKSPACE.get(), transposeA, transposeB, m0, m1, n0, n1, k, alpha,
                    a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
        }
    }

    private static void region(Workspace w, boolean transposeA, boolean transposeB,
                               int m0, int m1, int n0, int n1, int k, float alpha,
                               float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb,
                               float beta, float[] c, int cOffset, int ldc) {
        if (m0 >= m1 || n0 >= n1) {
            return;
        }
        if (k == 0 || alpha == 0f) {
            scale(beta, c, cOffset, ldc, m0, m1, n0, n1);
            return;
        }
        int kc = balanced(k, KC, 1);
        int mc = balanced(m1 - m0, MC, MR);
        int nc = balanced(n1 - n0, NC, 1);
        for (int jc = n0; jc < n1; jc += nc) {
            int ncur = Math.min(nc, n1 - jc);
            for (int pc = 0; pc < k; pc += kc) {
                int kcur = Math.min(kc, k - pc);
                if (transposeB) {
                    packBTransposed(b, bOffset, ldb, pc, kcur, jc, ncur, w.rows);
                } else {
                    packB(b, bOffset, ldb, pc, kcur, jc, ncur, w.rows);
                }
                for (int ic = m0; ic < m1; ic += mc) {
                    int mcur = Math.min(mc, m1 - ic);
                    if (transposeA) {
                        packATransposed(a, aOffset, lda, ic, mcur, pc, kcur, w.packedA);
                    } else {
                        packA(a, aOffset, lda, ic, mcur, pc, kcur, w.packedA);
                    }
                    for (int ir = 0; ir < mcur; ir += MR) {
                        int rows = Math.min(MR, mcur - ir);
                        // a last panel of 1–3 rows (batch 1: the only one) computes only those
                        switch (rows) {
                            case 1 -> panel1(kcur, ncur, w.packedA, ir * kcur, w.rows, w.acc[0]);
                            case 2 -> panel2(kcur, ncur, w.packedA, ir * kcur, w.rows, w.acc);
                            default -> panel(kcur, ncur, w.packedA, ir * kcur, w.rows, w.acc);
                        }
                        // the first k-block also applies beta; later ones accumulate
                        updateC(rows, ncur, alpha, pc == 0 ? beta : 1f, w.acc,
                                c, cOffset + (ic + ir) * ldc + jc, ldc, w.line);
                    }
                }
            }
        }
    }

    static int balanced(int extent, int max, int tile) {
        int blocks = (extent + max - 1) / max;
        int size = (extent + blocks - 1) / blocks;
        return (size + tile - 1) / tile * tile;
    }

    /** {@code acc[r][0..nc) = sum_p A-panel[p][r] · rows[p][0..nc)} for the MR rows of one panel. */
    private static void panel(int kc, int nc, float[] packedA, int aPanel, float[][] rows, float[][] acc) {
        float[] acc0 = acc[0];
        float[] acc1 = acc[1];
        float[] acc2 = acc[2];
        float[] acc3 = acc[3];
        Arrays.fill(acc0, 0, nc, 0f);
        Arrays.fill(acc1, 0, nc, 0f);
        Arrays.fill(acc2, 0, nc, 0f);
        Arrays.fill(acc3, 0, nc, 0f);
        for (int p = 0; p < kc; p++) {
            int ai = aPanel + p * MR;
            float a0 = packedA[ai];
            float a1 = packedA[ai + 1];
            float a2 = packedA[ai + 2];
            float a3 = packedA[ai + 3];
            float[] row = rows[p];
            for (int j = 0; j < nc; j++) {
                float bj = row[j];
                acc0[j] += a0 * bj;
                acc1[j] += a1 * bj;
                acc2[j] += a2 * bj;
                acc3[j] += a3 * bj;
            }
        }
    }

    /** {@link #panel} for a panel whose only valid row is the first. */
    private static void panel1(int kc, int nc, float[] packedA, int aPanel, float[][] rows, float[] acc0) {
        Arrays.fill(acc0, 0, nc, 0f);
        for (int p = 0; p < kc; p++) {
            float a0 = packedA[aPanel + p * MR];
            float[] row = rows[p];
            for (int j = 0; j < nc; j++) {
                acc0[j] += a0 * row[j];
            }
        }
    }

    /** {@link #panel} for a panel whose valid rows are the first two. */
    private static void panel2(int kc, int nc, float[] packedA, int aPanel, float[][] rows, float[][] acc) {
        float[] acc0 = acc[0];
        float[] acc1 = acc[1];
        Arrays.fill(acc0, 0, nc, 0f);
        Arrays.fill(acc1, 0, nc, 0f);
        for (int p = 0; p < kc; p++) {
            int ai = aPanel + p * MR;
            float a0 = packedA[ai];
            float a1 = packedA[ai + 1];
            float[] row = rows[p];
            for (int j = 0; j < nc; j++) {
                float bj = row[j];
                acc0[j] += a0 * bj;
                acc1[j] += a1 * bj;
            }
        }
    }

    /**
     * {@code C = alpha · acc + beta · C} ({@code beta == 0}: C is not read). Applying beta here,
     * not in a pass before the product, saves a sweep over C and keeps two threads from writing
     * the cache lines at their band edges in lockstep. Each row of C goes through {@code line}
     * (copied in, updated, copied back) so that the update loop indexes every array by the same
     * {@code j}, which C2 vectorises; {@code c[row + j] += ...} it did not.
     */
    private static void updateC(int validRows, int nc, float alpha, float beta, float[][] acc, float[] c, int cRow,
                                int ldc, float[] line) {
        for (int r = 0; r < validRows; r++) {
            float[] accRow = acc[r];
            int row = cRow + r * ldc;
            ScalarSmallK.load(nc, beta, c, row, line);
            for (int j = 0; j < nc; j++) {
                line[j] += alpha * accRow[j];
            }
            System.arraycopy(line, 0, c, row, nc);
        }
    }

    private static void packB(float[] b, int bOffset, int ldb, int pc, int kc, int jc, int nc, float[][] rows) {
        for (int p = 0; p < kc; p++) {
            System.arraycopy(b, bOffset + (pc + p) * ldb + jc, rows[p], 0, nc);
        }
    }

    private static void packBTransposed(float[] b, int bOffset, int ldb, int pc, int kc, int jc, int nc,
                                        float[][] rows) {
        for (int j = 0; j < nc; j++) {
            int src = bOffset + (jc + j) * ldb + pc;
            for (int p = 0; p < kc; p++) {
                rows[p][j] = b[src + p];
            }
        }
    }

    private static void packA(float[] a, int aOffset, int lda, int ic, int mc, int pc, int kc, float[] packed) {
        for (int ir = 0; ir < mc; ir += MR) {
            int rows = Math.min(MR, mc - ir);
            int dst = ir * kc;
            for (int r = 0; r < MR; r++) {
                if (r < rows) {
                    int src = aOffset + (ic + ir + r) * lda + pc;
                    for (int p = 0; p < kc; p++) {
                        packed[dst + p * MR + r] = a[src + p];
                    }
                } else {
                    for (int p = 0; p < kc; p++) {
                        packed[dst + p * MR + r] = 0f;
                    }
                }
            }
        }
    }

    private static void packATransposed(float[] a, int aOffset, int lda, int ic, int mc, int pc, int kc,
                                        float[] packed) {
        for (int ir = 0; ir < mc; ir += MR) {
            int rows = Math.min(MR, mc - ir);
            int dst = ir * kc;
            int src = aOffset + pc * lda + ic + ir;
            for (int p = 0; p < kc; p++) {
                for (int r = 0; r < MR; r++) {
                    packed[dst + p * MR + r] = r < rows ? a[src + p * lda + r] : 0f;
                }
            }
        }
    }

    /** {@code C = beta · C} on a block; {@code beta == 0} writes zeros, whatever C held. */
    private static void scale(float beta, float[] c, int cOffset, int ldc, int m0, int m1, int n0, int n1) {
        if (beta == 1f) {
            return;
        }
        for (int i = m0; i < m1; i++) {
            int row = cOffset + i * ldc + n0;
            if (beta == 0f) {
                Arrays.fill(c, row, row + n1 - n0, 0f);
            } else {
                for (int j = row; j < row + n1 - n0; j++) {
                    c[j] *= beta;
                }
            }
        }
    }
}
