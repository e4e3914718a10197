package dev.descent.kernel;

/**
 * Checks the arguments of {@link Kernels#gemm} once, before any work, so that a wrong leading
 * dimension fails with a message naming it instead of silently reading a neighbouring row or
 * failing deep inside a packing loop.
 */
public final class GemmArguments {
    private GemmArguments() {
    }

    /**
     * @throws IllegalArgumentException naming the first bad argument
     */
    public static void check(boolean transposeA, boolean transposeB, int m, int n, int k,
                             float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb,
                             float[] c, int cOffset, int ldc) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("gemm dimensions must be >= 0, got m=" + m + ", n=" + n + ", k=" + k);
        }
        // op(A) is m×k: stored m×k, or k×m when transposed.
        matrix("A", transposeA ? k : m, transposeA ? m : k, a, aOffset, lda, m > 0 && n > 0 && k > 0);
        matrix("B", transposeB ? n : k, transposeB ? k : n, b, bOffset, ldb, m > 0 && n > 0 && k > 0);
        matrix("C", m, n, c, cOffset, ldc, m > 0 && n > 0);
    }

    private static void matrix(String name, int rows, int columns, float[] x, int offset, int ld, boolean used) {
        if (ld < Math.max(1, columns)) {
            throw new IllegalArgumentException("ld" + name.toLowerCase() + " must be >= max(1, " + columns
                    + ") (the row width of " + name + "), got " + ld);
        }
        if (!used) {
            return;
        }
        if (x == null) {
            throw new IllegalArgumentException(name + " is null");
        }
        long last = offset + (long) (rows - 1) * ld + columns - 1;
        if (offset < 0 || last >= x.length) {
            throw new IllegalArgumentException(name + " (" + rows + "×" + columns + ", offset " + offset + ", ld " + ld
                    + ") needs indices up to " + last + " but the array holds " + x.length);
        }
    }
}
