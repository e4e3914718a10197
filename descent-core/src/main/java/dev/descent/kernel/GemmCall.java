package dev.descent.kernel;

import java.util.function.Supplier;

/**
 * The arguments of one matrix product and how it runs: on the calling thread, or split into
 * bands of C ({@link OutputSplit}) over {@link ComputeThreads}. Shared by the scalar and the
 * vector product, which add only {@link #runBand}.
 *
 * <p>Each thread keeps one instance, created by that thread in its per-thread workspace, and
 * reuses it for every call, so a call allocates nothing. The argument fields are set before the
 * parts run and the arrays are cleared after; subclasses only read them.
 */
public abstract class GemmCall implements ComputeThreads.Task {
    private final int rowTile;
    private final int columnTile;
    private final long parallelMinFlops;

    protected boolean transposeA;
    protected boolean transposeB;
    protected int m;
    protected int n;
    protected int k;
    protected float alpha;
    protected float beta;
    protected float[] a;
    protected float[] b;
    protected float[] c;
    protected int aOffset;
    protected int lda;
    protected int bOffset;
    protected int ldb;
    protected int cOffset;
    protected int ldc;
    private int parts;
    private boolean splitColumns;

    /**
     * @param rowTile          rows of C a band of rows is a multiple of
     * @param columnTile       columns of C a band of columns is a multiple of
     * @param parallelMinFlops below this many flops (2·m·n·k) a product runs on the calling thread
     */
    protected GemmCall(int rowTile, int columnTile, long parallelMinFlops) {
        this.rowTile = rowTile;
        this.columnTile = columnTile;
        this.parallelMinFlops = parallelMinFlops;
    }

    /**
     * {@code C = alpha · op(A) · op(B) + beta · C} with the calling thread's instance, which
     * {@code threadCall} returns; see {@link Kernels#gemm} for the arguments.
     *
     * @throws IllegalArgumentException as {@link GemmArguments#check}
     */
    public static void run(Supplier<? extends GemmCall> threadCall,
                           boolean transposeA, boolean transposeB, int m, int n, int k,
                           float alpha, float[] a, int aOffset, int lda,
                           float[] b, int bOffset, int ldb,
                           float beta, float[] c, int cOffset, int ldc) {
        GemmArguments.check(transposeA, transposeB, m, n, k, a, aOffset, lda, b, bOffset, ldb, c, cOffset, ldc);
        if (m == 0 || n == 0) {
            return;
        }
        GemmCall call = threadCall.get();
        call.set(transposeA, transposeB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
        try {
            if (call.parts == 1) {
                call.runPart(0);
            } else {
                ComputeThreads.run(call.parts, call);
            }
        } finally {
            call.clear();
        }
    }

    private void set(boolean transposeA, boolean transposeB, int m, int n, int k, float alpha,
                     float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb,
                     float beta, float[] c, int cOffset, int ldc) {
        this.transposeA = transposeA;
        this.transposeB = transposeB;
        this.m = m;
        this.n = n;
        this.k = k;
        this.alpha = alpha;
        this.a = a;
        this.aOffset = aOffset;
        this.lda = lda;
        this.b = b;
        this.bOffset = bOffset;
        this.ldb = ldb;
        this.beta = beta;
        this.c = c;
        this.cOffset = cOffset;
        this.ldc = ldc;
        this.splitColumns = splitsColumns(m, n, k);
        this.parts = OutputSplit.parts(m, n, k, rowTile, columnTile, parallelMinFlops, splitColumns);
    }

    /**
     * Whether threads get bands of columns of C (true) or of rows: by default
     * {@link OutputSplit#splitsColumns}, which keeps the operand each part packs small. A path
     * that packs nothing may prefer rows, whose bands share no cache line of C inside a row.
     * Either way every element is computed as on one thread.
     */
    protected boolean splitsColumns(int m, int n, int k) {
        return OutputSplit.splitsColumns(m, n);
    }

    private void clear() {
        a = null;
        b = null;
        c = null;
    }

    /** Computes band {@code part}: whole column tiles of every row, or whole row tiles of every column. */
    @Override
    public final void runPart(int part) {
        if (splitColumns) {
            runBand(0, m,
                    OutputSplit.start(part, parts, n, columnTile), OutputSplit.start(part + 1, parts, n, columnTile));
        } else {
            runBand(OutputSplit.start(part, parts, m, rowTile), OutputSplit.start(part + 1, parts, m, rowTile),
                    0, n);
        }
    }

    /**
     * Computes rows {@code [m0, m1)} × columns {@code [n0, n1)} of C (possibly empty), on
     * whichever thread runs the part: per-thread buffers must come from that thread's workspace.
     */
    protected abstract void runBand(int m0, int m1, int n0, int n1);
}
