package dev.descent.kernel.simd;

import dev.descent.kernel.GemmCall;
import dev.descent.kernel.OutputSplit;
import dev.descent.kernel.ScratchPadding;
import java.util.Arrays;
import java.util.function.Supplier;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * GotoBLAS-style single-precision matrix product with the Vector API.
 *
 * <p>Blocking (loops from outside in): columns of C in blocks of {@code nc}; the sum over k in
 * blocks of {@code kc}, packing that block of op(B) into column panels {@link #NR} wide; rows of
 * C in blocks of {@code mc}, packing that block of op(A) into row panels {@link #MR} high; then
 * an {@code MR × NR} register tile per panel pair. The transpose flags are handled only by the
 * packing, so the micro-kernel has one form, no branches and unit-stride loads.
 *
 * <p>Why it is shaped like this (measured, see KERNELS.md): the micro-kernel only fills a tile
 * buffer, always the same way (a store-or-accumulate branch inside it cost 4× on JDK 17); a
 * separate step then does {@code C = alpha · tile + beta · C} for the first k-block and
 * {@code C += alpha · tile} for the others. Tiles that stick out of C are
 * computed whole from zero-padded panels and only their inside is added, with the same fused
 * multiply-add, so every element sees the same arithmetic. Block sizes are balanced
 * ({@code k = 784} runs as four blocks of 196, not 3 × 256 + 16) and the k-blocks depend only
 * on k, so a thread split of the output never changes a result bit.
 *
 * <p>Three shapes skip the packing, chosen by shape before any loop: a short sum
 * ({@code k <= 4}, the batch-1 weight gradient: {@link VectorSmallK}), very few rows
 * ({@link VectorRowProduct}), and up to a vector's worth of rows times Bᵀ (the small-batch
 * forward product: {@link VectorColumnProduct}). The first and the last give the same bits as
 * the packed path; the row products with Bᵀ sum k in vector lanes. Threads get bands of whole tiles of C ({@link OutputSplit}, run by {@link GemmCall}); each
 * thread packs into its own {@link Workspace}.
 */
final class VectorGemm {
    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    static final int LANES = SPECIES.length();
    /**
     * Rows of the register tile, chosen so that C2 keeps every accumulator in a register. 8 rows
     * of two vectors are 16 accumulators: on AVX-512 (32 registers) that leaves room for the
     * operands. On AVX2 (16 registers) C2 spills accumulators to the stack inside the k loop, and
     * a spilled accumulator makes the loop wait on a store and reload every step. JDK 17's C2
     * fits 6 rows (12 accumulators, two B vectors, a broadcast: the shape of BLIS's and
     * OpenBLAS's Haswell kernels). JDK 25's C2 loads every broadcast of a step before its
     * multiply-adds and still spills one accumulator at 5 and 6 rows; 4 rows (8 accumulators)
     * fit. Measured with JMH on one Zen 3 core (BENCHMARKS.md, "GEMM register tile on AVX2"):
     * on JDK 17, 6 rows run 1.26–1.63× faster than 8; on JDK 25, 4 rows 1.13–1.37× faster than 8.
     * The row count changes no result: every element sums over k in the same order
     * ({@code MicroKernelTest}, {@code TileHeightTest}). {@code -Ddescent.gemm.mr=4|6|8} overrides
     * it, to measure the others.
     */
    static final int MR = tileRows(Integer.getInteger("descent.gemm.mr", defaultTileRows()));
    /** Columns of the register tile: two vectors. */
    static final int NR = 2 * LANES;
    static final int KC = 256;
    static final int MC = 120;
    static final int NC = 1024 / NR * NR;
    /**
     * Products with at most this many rows go through {@link VectorRowProduct}, unpacked
     * (measured at 256×784: faster than packing up to 4 rows for B; for Bᵀ, whose packing is a
     * transposing copy, the dot products four rows by four beat packing up to 16 rows and
     * {@link VectorColumnProduct} up to 12: 86 against 62 GFLOP/s at 8 rows, on a par at 12,
     * 92 against 112 at 16). With Bᵀ, 13 to {@link #COLUMN_PRODUCT_MAX_ROWS} rows go
     * through {@link VectorColumnProduct}.
     */
    static final int ROW_PRODUCT_MAX_ROWS = 4;
    static final int ROW_PRODUCT_MAX_ROWS_TRANSPOSED_B = 12;
    /**
     * Products with Bᵀ and at most this many rows go through {@link VectorColumnProduct}, one
     * vector's rows at a time: one pass on AVX-512, up to four on AVX2. On AVX2 the packed path
     * spent a fifth of a batch-16 training step transposing W into panels; passes that read W in
     * place cost less up to 32 rows (two threads, Zen 3: 16×256×784 50 → 87 GFLOP/s, 32×256×784
     * 53–83 → 88–90) and more at 64 (88–102 → 89).
     */
    static final int COLUMN_PRODUCT_MAX_ROWS = LANES < 16 ? 32 : 16;
    /** Below this many flops (2·m·n·k) a product runs on the calling thread. */
    static final long PARALLEL_MIN_FLOPS = 2_000_000;

    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);
    private static final Supplier<Call> CALL = () -> WORKSPACE.get().call;

    private VectorGemm() {
    }

    static void gemm(boolean transposeA, boolean transposeB, int m, int n, int k,
                     float alpha, float[] a, int aOffset, int lda,
                     float[] b, int bOffset, int ldb,
                     float beta, float[] c, int cOffset, int ldc) {
        GemmCall.run(CALL, transposeA, transposeB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb,
                beta, c, cOffset, ldc);
    }

    /**
     * Per-thread buffers, allocated by the thread that uses them and padded at the tail so that
     * no other thread's buffer shares a cache line with them (see {@link ScratchPadding}).
     */
    private static final class Workspace {
        float[] packedA = new float[0];
        float[] packedB = new float[0];
        final float[] tile = ScratchPadding.floats(MR * NR);
        private float[] row = new float[0];
        private float[] zeros = new float[0];
        final float[] lanes = ScratchPadding.floats(16 * LANES);
        final Call call = new Call();

        /** {@link #packedB}, grown to at least {@code size} floats. */
        float[] packedB(int size) {
            if (packedB.length < size + ScratchPadding.FLOATS) {
                packedB = ScratchPadding.floats(size);
            }
            return packedB;
        }

        /** At least {@code size} zeros (never written). */
        float[] zeros(int size) {
            if (zeros.length < size) {
                zeros = new float[size];
            }
            return zeros;
        }

        /** A buffer for one row of op(A), at least {@code k} long. */
        float[] row(int k) {
            if (row.length < k + ScratchPadding.FLOATS) {
                row = ScratchPadding.floats(k);
            }
            return row;
        }
    }

    /** One product; each band runs with the workspace of the thread that runs it. */
    private static final class Call extends GemmCall {
        Call() {
            super(MR, NR, PARALLEL_MIN_FLOPS);
        }

        /**
         * Short sums split rows: split by columns (the default when m <= n), two threads
         * updating halves of the same rows of C ran 1024×1024×1 at 14–50 GFLOP/s, by rows at
         * 58–66 (vector kernel; 21 on one thread).
         */
        @Override
        protected boolean splitsColumns(int m, int n, int k) {
            return k <= VectorSmallK.MAX_K ? false : super.splitsColumns(m, n, k);
        }

        @Override
        protected void runBand(int m0, int m1, int n0, int n1) {
            // A short sum (k = batch 1 in a weight gradient): row-wise fused updates of C, unpacked.
            if (k <= VectorSmallK.MAX_K && k > 0 && alpha != 0f) {
                Workspace w = WORKSPACE.get();
                VectorSmallK.band(transposeA, transposeB, m0, m1, n0, n1, k, alpha, a, aOffset, lda,
                        b, bOffset, ldb, beta, c, cOffset, ldc,
                        transposeB ? w.packedB(k * (n1 - n0)) : null, beta == 0f ? w.zeros(n1 - n0) : null);
                return;
            }
            // Few rows: each row of C is computed on its own (or four at a time with Bᵀ), unpacked.
            if (m <= (transposeB ? ROW_PRODUCT_MAX_ROWS_TRANSPOSED_B : ROW_PRODUCT_MAX_ROWS)) {
                rowBand(WORKSPACE.get(), m0, m1, n0, n1);
                return;
            }
            // A small batch times Wᵀ: columns of C in vectors, W read in place, a vector's rows at a time.
            if (transposeB && m <= COLUMN_PRODUCT_MAX_ROWS && k > 0 && alpha != 0f) {
                Workspace w = WORKSPACE.get();
                for (int r0 = m0; r0 < m1; r0 += VectorColumnProduct.MAX_ROWS) {
                    int rows = Math.min(VectorColumnProduct.MAX_ROWS, m1 - r0);
                    VectorColumnProduct.multiply(transposeA, rows, n0, n1, k, alpha,
                            a, aOffset + (transposeA ? r0 : r0 * lda), lda, b, bOffset, ldb,
                            beta, c, cOffset + r0 * ldc, ldc, w.packedB(Math.min(k, KC) * LANES), w.tile);
                }
                return;
            }
            region(WORKSPACE.get(), transposeA, transposeB, m0, m1, n0, n1, k, alpha,
                    a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
        }

        /** Rows [m0, m1) × columns [n0, n1) of C, by {@link VectorRowProduct}. */
        private void rowBand(Workspace w, int m0, int m1, int n0, int n1) {
            if (m0 >= m1 || n0 >= n1) {
                return;
            }
            int bBand = bOffset + (transposeB ? n0 * ldb : n0);
            if (transposeB) {
                // rows of op(A) in place when A is stored m×k, else copied out of Aᵀ
                float[] rows = a;
                int first = aOffset + m0 * lda;
                int step = lda;
                if (transposeA) {
                    rows = w.row((m1 - m0) * k);
                    first = 0;
                    step = k;
                    for (int i = m0; i < m1; i++) {
                        for (int p = 0; p < k; p++) {
                            rows[(i - m0) * k + p] = a[aOffset + p * lda + i];
                        }
                    }
                }
                VectorRowProduct.multiplyTransposed(m1 - m0, n1 - n0, k, alpha, rows, first, step, b, bBand, ldb,
                        beta, c, cOffset + m0 * ldc + n0, ldc, w.lanes);
                return;
            }
            float[] row = w.row(k);
            for (int i = m0; i < m1; i++) {
                for (int p = 0; p < k; p++) {
                    row[p] = transposeA ? a[aOffset + p * lda + i] : a[aOffset + i * lda + p];
                }
                VectorRowProduct.multiply(n1 - n0, k, alpha, row, b, bBand, ldb, beta, c, cOffset + i * ldc + n0);
            }
        }
    }

    /** Computes rows [m0, m1) × columns [n0, n1) of C. */
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
        int nc = balanced(n1 - n0, NC, NR);
        if (w.packedA.length < mc * kc + ScratchPadding.FLOATS) {
            w.packedA = ScratchPadding.floats(mc * kc);
        }
        if (w.packedB.length < nc * kc + ScratchPadding.FLOATS) {
            w.packedB = ScratchPadding.floats(nc * kc);
        }
        float[] packedA = w.packedA;
        float[] packedB = w.packedB;
        for (int jc = n0; jc < n1; jc += nc) {
            int ncur = Math.min(nc, n1 - jc);
            for (int pc = 0; pc < k; pc += kc) {
                int kcur = Math.min(kc, k - pc);
                if (transposeB) {
                    VectorPacking.packBTransposed(b, bOffset, ldb, pc, kcur, jc, ncur, packedB);
                } else {
                    VectorPacking.packB(b, bOffset, ldb, pc, kcur, jc, ncur, packedB);
                }
                for (int ic = m0; ic < m1; ic += mc) {
                    int mcur = Math.min(mc, m1 - ic);
                    if (transposeA) {
                        VectorPacking.packATransposed(a, aOffset, lda, ic, mcur, pc, kcur, packedA);
                    } else {
                        VectorPacking.packA(a, aOffset, lda, ic, mcur, pc, kcur, packedA);
                    }
                    // the first k-block also applies beta; later ones accumulate (beta = 1)
                    macroKernel(kcur, mcur, ncur, packedA, packedB, alpha, pc == 0 ? beta : 1f,
                            c, cOffset + ic * ldc + jc, ldc, w.tile);
                }
            }
        }
    }

    /** 8 rows on 16-lane vectors (AVX-512); on 8-lane vectors 6 before JDK 25 and 4 from it. */
    private static int defaultTileRows() {
        if (LANES >= 16) {
            return 8;
        }
        return Runtime.version().feature() < 25 ? 6 : 4;
    }

    /** {@code rows} if there is a micro-kernel for it (4, 6 or 8), else 8. */
    private static int tileRows(int rows) {
        return rows == 4 || rows == 6 ? rows : 8;
    }

    /** Block size at most {@code max}, a multiple of {@code tile}, splitting {@code extent} into near-equal blocks. */
    static int balanced(int extent, int max, int tile) {
        int blocks = (extent + max - 1) / max;
        int size = (extent + blocks - 1) / blocks;
        return (size + tile - 1) / tile * tile;
    }

    private static void macroKernel(int kc, int mc, int nc, float[] packedA, float[] packedB, float alpha,
                                    float beta, float[] c, int cOffset, int ldc, float[] tile) {
        for (int jr = 0; jr < nc; jr += NR) {
            int bPanel = jr * kc;
            int columns = Math.min(NR, nc - jr);
            for (int ir = 0; ir < mc; ir += MR) {
                int rows = Math.min(MR, mc - ir);
                int cTile = cOffset + ir * ldc + jr;
                if (MR == 8) { // a constant: the JIT keeps one branch
                    microKernel(kc, packedA, ir * kc, packedB, bPanel, tile);
                } else if (MR == 6) {
                    microKernel6(kc, packedA, ir * kc, packedB, bPanel, tile);
                } else {
                    microKernel4(kc, packedA, ir * kc, packedB, bPanel, tile);
                }
                if (rows == MR && columns == NR) {
                    updateTile(tile, alpha, beta, c, cTile, ldc);
                } else {
                    updateEdgeTile(tile, alpha, beta, c, cTile, ldc, rows, columns);
                }
            }
        }
    }

    /**
     * {@code tile = A-panel · B-panel} for 8-row panels (8 × NR): 16 vector accumulators, one broadcast
     * of A and two vector loads of B per step of k, all fused multiply-adds.
     *
     * <p>The result goes to a small buffer, not to C: with the load-fma-store of C in here as
     * well, C2 hit its inlining node limit, stopped inlining the Vector API calls and boxed the
     * accumulators on every step (30 instead of 130+ GFLOP/s).
     */
    static void microKernel(int kc, float[] pa, int aPanel, float[] pb, int bPanel, float[] tile) {
        FloatVector c00 = FloatVector.zero(SPECIES);
        FloatVector c01 = FloatVector.zero(SPECIES);
        FloatVector c10 = FloatVector.zero(SPECIES);
        FloatVector c11 = FloatVector.zero(SPECIES);
        FloatVector c20 = FloatVector.zero(SPECIES);
        FloatVector c21 = FloatVector.zero(SPECIES);
        FloatVector c30 = FloatVector.zero(SPECIES);
        FloatVector c31 = FloatVector.zero(SPECIES);
        FloatVector c40 = FloatVector.zero(SPECIES);
        FloatVector c41 = FloatVector.zero(SPECIES);
        FloatVector c50 = FloatVector.zero(SPECIES);
        FloatVector c51 = FloatVector.zero(SPECIES);
        FloatVector c60 = FloatVector.zero(SPECIES);
        FloatVector c61 = FloatVector.zero(SPECIES);
        FloatVector c70 = FloatVector.zero(SPECIES);
        FloatVector c71 = FloatVector.zero(SPECIES);
        for (int p = 0; p < kc; p++) {
            int ai = aPanel + p * 8;
            int bi = bPanel + p * NR;
            FloatVector b0 = FloatVector.fromArray(SPECIES, pb, bi);
            FloatVector b1 = FloatVector.fromArray(SPECIES, pb, bi + LANES);
            FloatVector av = FloatVector.broadcast(SPECIES, pa[ai]);
            c00 = av.fma(b0, c00);
            c01 = av.fma(b1, c01);
            av = FloatVector.broadcast(SPECIES, pa[ai + 1]);
            c10 = av.fma(b0, c10);
            c11 = av.fma(b1, c11);
            av = FloatVector.broadcast(SPECIES, pa[ai + 2]);
            c20 = av.fma(b0, c20);
            c21 = av.fma(b1, c21);
            av = FloatVector.broadcast(SPECIES, pa[ai + 3]);
            c30 = av.fma(b0, c30);
            c31 = av.fma(b1, c31);
            av = FloatVector.broadcast(SPECIES, pa[ai + 4]);
            c40 = av.fma(b0, c40);
            c41 = av.fma(b1, c41);
            av = FloatVector.broadcast(SPECIES, pa[ai + 5]);
            c50 = av.fma(b0, c50);
            c51 = av.fma(b1, c51);
            av = FloatVector.broadcast(SPECIES, pa[ai + 6]);
            c60 = av.fma(b0, c60);
            c61 = av.fma(b1, c61);
            av = FloatVector.broadcast(SPECIES, pa[ai + 7]);
            c70 = av.fma(b0, c70);
            c71 = av.fma(b1, c71);
        }
        c00.intoArray(tile, 0);
        c01.intoArray(tile, LANES);
        c10.intoArray(tile, NR);
        c11.intoArray(tile, NR + LANES);
        c20.intoArray(tile, 2 * NR);
        c21.intoArray(tile, 2 * NR + LANES);
        c30.intoArray(tile, 3 * NR);
        c31.intoArray(tile, 3 * NR + LANES);
        c40.intoArray(tile, 4 * NR);
        c41.intoArray(tile, 4 * NR + LANES);
        c50.intoArray(tile, 5 * NR);
        c51.intoArray(tile, 5 * NR + LANES);
        c60.intoArray(tile, 6 * NR);
        c61.intoArray(tile, 6 * NR + LANES);
        c70.intoArray(tile, 7 * NR);
        c71.intoArray(tile, 7 * NR + LANES);
    }

    /** {@link #microKernel} for 6-row panels: 12 accumulators, which fit AVX2's 16 registers with the operands on JDK 17. */
    static void microKernel6(int kc, float[] pa, int aPanel, float[] pb, int bPanel, float[] tile) {
        FloatVector c00 = FloatVector.zero(SPECIES);
        FloatVector c01 = FloatVector.zero(SPECIES);
        FloatVector c10 = FloatVector.zero(SPECIES);
        FloatVector c11 = FloatVector.zero(SPECIES);
        FloatVector c20 = FloatVector.zero(SPECIES);
        FloatVector c21 = FloatVector.zero(SPECIES);
        FloatVector c30 = FloatVector.zero(SPECIES);
        FloatVector c31 = FloatVector.zero(SPECIES);
        FloatVector c40 = FloatVector.zero(SPECIES);
        FloatVector c41 = FloatVector.zero(SPECIES);
        FloatVector c50 = FloatVector.zero(SPECIES);
        FloatVector c51 = FloatVector.zero(SPECIES);
        for (int p = 0; p < kc; p++) {
            int ai = aPanel + p * 6;
            int bi = bPanel + p * NR;
            FloatVector b0 = FloatVector.fromArray(SPECIES, pb, bi);
            FloatVector b1 = FloatVector.fromArray(SPECIES, pb, bi + LANES);
            FloatVector av = FloatVector.broadcast(SPECIES, pa[ai]);
            c00 = av.fma(b0, c00);
            c01 = av.fma(b1, c01);
            av = FloatVector.broadcast(SPECIES, pa[ai + 1]);
            c10 = av.fma(b0, c10);
            c11 = av.fma(b1, c11);
            av = FloatVector.broadcast(SPECIES, pa[ai + 2]);
            c20 = av.fma(b0, c20);
            c21 = av.fma(b1, c21);
            av = FloatVector.broadcast(SPECIES, pa[ai + 3]);
            c30 = av.fma(b0, c30);
            c31 = av.fma(b1, c31);
            av = FloatVector.broadcast(SPECIES, pa[ai + 4]);
            c40 = av.fma(b0, c40);
            c41 = av.fma(b1, c41);
            av = FloatVector.broadcast(SPECIES, pa[ai + 5]);
            c50 = av.fma(b0, c50);
            c51 = av.fma(b1, c51);
        }
        c00.intoArray(tile, 0 * NR);
        c01.intoArray(tile, 0 * NR + LANES);
        c10.intoArray(tile, 1 * NR);
        c11.intoArray(tile, 1 * NR + LANES);
        c20.intoArray(tile, 2 * NR);
        c21.intoArray(tile, 2 * NR + LANES);
        c30.intoArray(tile, 3 * NR);
        c31.intoArray(tile, 3 * NR + LANES);
        c40.intoArray(tile, 4 * NR);
        c41.intoArray(tile, 4 * NR + LANES);
        c50.intoArray(tile, 5 * NR);
        c51.intoArray(tile, 5 * NR + LANES);
    }

    /** {@link #microKernel} for 4-row panels: 8 accumulators, which leave AVX2 room for every operand even when C2 loads all four broadcasts first. */
    static void microKernel4(int kc, float[] pa, int aPanel, float[] pb, int bPanel, float[] tile) {
        FloatVector c00 = FloatVector.zero(SPECIES);
        FloatVector c01 = FloatVector.zero(SPECIES);
        FloatVector c10 = FloatVector.zero(SPECIES);
        FloatVector c11 = FloatVector.zero(SPECIES);
        FloatVector c20 = FloatVector.zero(SPECIES);
        FloatVector c21 = FloatVector.zero(SPECIES);
        FloatVector c30 = FloatVector.zero(SPECIES);
        FloatVector c31 = FloatVector.zero(SPECIES);
        for (int p = 0; p < kc; p++) {
            int ai = aPanel + p * 4;
            int bi = bPanel + p * NR;
            FloatVector b0 = FloatVector.fromArray(SPECIES, pb, bi);
            FloatVector b1 = FloatVector.fromArray(SPECIES, pb, bi + LANES);
            FloatVector av = FloatVector.broadcast(SPECIES, pa[ai]);
            c00 = av.fma(b0, c00);
            c01 = av.fma(b1, c01);
            av = FloatVector.broadcast(SPECIES, pa[ai + 1]);
            c10 = av.fma(b0, c10);
            c11 = av.fma(b1, c11);
            av = FloatVector.broadcast(SPECIES, pa[ai + 2]);
            c20 = av.fma(b0, c20);
            c21 = av.fma(b1, c21);
            av = FloatVector.broadcast(SPECIES, pa[ai + 3]);
            c30 = av.fma(b0, c30);
            c31 = av.fma(b1, c31);
        }
        c00.intoArray(tile, 0 * NR);
        c01.intoArray(tile, 0 * NR + LANES);
        c10.intoArray(tile, 1 * NR);
        c11.intoArray(tile, 1 * NR + LANES);
        c20.intoArray(tile, 2 * NR);
        c21.intoArray(tile, 2 * NR + LANES);
        c30.intoArray(tile, 3 * NR);
        c31.intoArray(tile, 3 * NR + LANES);
    }



    /**
     * {@code C = alpha · tile + beta · C} for a whole tile, as one fused multiply-add on
     * {@code beta · C} (on 0 when {@code beta == 0}: C is not read, so NaN there is ignored).
     * Folding beta in here rather than in a pass over C before the product saves a sweep over C,
     * and that pass had two threads writing the cache lines at their band edges in lockstep.
     */
    private static void updateTile(float[] tile, float alpha, float beta, float[] c, int cTile, int ldc) {
        FloatVector va = FloatVector.broadcast(SPECIES, alpha);
        if (beta == 1f) {
            for (int r = 0; r < MR; r++) {
                int row = cTile + r * ldc;
                for (int v = 0; v < NR; v += LANES) {
                    FloatVector.fromArray(SPECIES, tile, r * NR + v)
                            .fma(va, FloatVector.fromArray(SPECIES, c, row + v))
                            .intoArray(c, row + v);
                }
            }
        } else if (beta == 0f) {
            FloatVector zero = FloatVector.zero(SPECIES);
            for (int r = 0; r < MR; r++) {
                int row = cTile + r * ldc;
                for (int v = 0; v < NR; v += LANES) {
                    FloatVector.fromArray(SPECIES, tile, r * NR + v).fma(va, zero).intoArray(c, row + v);
                }
            }
        } else {
            for (int r = 0; r < MR; r++) {
                int row = cTile + r * ldc;
                for (int v = 0; v < NR; v += LANES) {
                    FloatVector.fromArray(SPECIES, tile, r * NR + v)
                            .fma(va, FloatVector.fromArray(SPECIES, c, row + v).mul(beta))
                            .intoArray(c, row + v);
                }
            }
        }
    }

    /** {@link #updateTile} for the part of a tile inside C; {@code Math.fma} rounds as the vector fma does. */
    private static void updateEdgeTile(float[] tile, float alpha, float beta, float[] c, int cTile, int ldc,
                                       int rows, int columns) {
        for (int r = 0; r < rows; r++) {
            int row = cTile + r * ldc;
            for (int j = 0; j < columns; j++) {
                float old = beta == 0f ? 0f : beta == 1f ? c[row + j] : c[row + j] * beta;
                c[row + j] = Math.fma(tile[r * NR + j], alpha, old);
            }
        }
    }

    /** {@code C = beta · C} on a block; {@code beta == 0} writes zeros, whatever C held. */
    private static void scale(float beta, float[] c, int cOffset, int ldc, int m0, int m1, int n0, int n1) {
        if (beta == 1f) {
            return;
        }
        int width = n1 - n0;
        for (int i = m0; i < m1; i++) {
            int row = cOffset + i * ldc + n0;
            if (beta == 0f) {
                Arrays.fill(c, row, row + width, 0f);
            } else {
                VectorKernels.scaleRange(width, beta, c, row);
            }
        }
    }
}
