package dev.descent.kernel;

/**
 * How a matrix product is split between threads: into bands of whole output tiles, never along
 * the sum over k, so every element of C is computed by one thread in one fixed order and the
 * result is bit-identical for any thread count.
 *
 * <p>Each part packs its own copy of the operand it shares with the other parts: A when the
 * columns of C are split, B when the rows are. The split therefore goes along the dimension
 * that makes the shared operand the smaller one ({@code m <= n}: split columns).
 */
public final class OutputSplit {
    private OutputSplit() {
    }

    /**
     * Number of parts for a product: 1 below {@code minFlops} (2·m·n·k) or when there is only one
     * tile to hand out, otherwise up to {@link ComputeThreads#threads()}.
     */
    public static int parts(int m, int n, int k, int rowTile, int columnTile, long minFlops) {
        return parts(m, n, k, rowTile, columnTile, minFlops, splitsColumns(m, n));
    }

    /** {@link #parts(int, int, int, int, int, long)} for bands of columns or of rows, as given. */
    public static int parts(int m, int n, int k, int rowTile, int columnTile, long minFlops, boolean columns) {
        int threads = ComputeThreads.threads();
        if (threads == 1 || 2L * m * n * k < minFlops) {
            return 1;
        }
        int tiles = columns ? ceilDiv(n, columnTile) : ceilDiv(m, rowTile);
        return Math.max(1, Math.min(threads, tiles));
    }

    /** True if the parts are bands of columns of C, false if bands of rows. */
    public static boolean splitsColumns(int m, int n) {
        return m <= n;
    }

    /** First index of band {@code part} of {@code parts} over {@code extent}, aligned to whole tiles. */
    public static int start(int part, int parts, int extent, int tile) {
        if (part >= parts) {
            return extent;
        }
        int tiles = ceilDiv(extent, tile);
        return (int) ((long) tiles * part / parts) * tile;
    }

    static int ceilDiv(int x, int y) {
        return (x + y - 1) / y;
    }
}
