package dev.descent.linalg;

/**
 * The Cholesky decomposition {@code A = LLᵀ} of a symmetric positive-definite matrix, with
 * {@code L} lower triangular with a positive diagonal, and the solution of {@code Ax = b} by
 * two triangular solves.
 *
 * <p>Algorithm (Cholesky–Banachiewicz, row by row; Golub &amp; Van Loan, <i>Matrix
 * Computations</i>, 4th ed., §4.2):
 * <pre>
 *   for i = 0 … n−1, for j = 0 … i:
 *     s = a_ij − Σ_{k&lt;j} l_ik l_jk
 *     l_ij = s / l_jj            (j &lt; i)
 *     l_ii = √s                  (j = i; s is the pivot)
 * </pre>
 *
 * <p>When it fails: pivot {@code j} is {@code a_jj} minus the part of it explained by rows
 * {@code 0…j−1}; for normal equations {@code XᵀX} it is the squared norm of column {@code j} of
 * {@code X} left over after projecting out columns {@code 0…j−1}, so {@code pivot / a_jj = 1 − R²}
 * of column {@code j} regressed on the earlier ones. The decomposition refuses a pivot that is
 * not above {@code relativePivotTolerance × a_jj} ({@link #DEFAULT_RELATIVE_PIVOT_TOLERANCE} by
 * default) and throws a {@link NotPositiveDefiniteException} naming the pivot: a smaller pivot
 * is indistinguishable from rounding noise (of order {@code n·ε·a_jj}, ε = 2.2e-16), and a
 * solution through it would be noise too. The test is relative to each column's own diagonal,
 * so the scale of a feature does not matter.
 *
 * <p>Only the lower triangle is used, but the matrix must be symmetric to within
 * {@link #SYMMETRY_TOLERANCE} of its largest diagonal entry; the error names the first
 * asymmetric pair.
 */
public final class Cholesky {
    /**
     * Pivots not above this fraction of their diagonal entry are refused: 1e-12 sits just above
     * the rounding noise of an exactly singular matrix of size up to about 1000, and refuses
     * columns with {@code 1 − R² ≤ 1e-12} (a variance inflation factor of at least 1e12).
     */
    public static final double DEFAULT_RELATIVE_PIVOT_TOLERANCE = 1e-12;

    /** Largest {@code |a_ij − a_ji|} accepted, as a fraction of the largest diagonal entry. */
    public static final double SYMMETRY_TOLERANCE = 1e-10;

    /** Row {@code i} of {@code L}, entries {@code 0…i}. */
    private final double[][] lower;

    private Cholesky(double[][] lower) {
        this.lower = lower;
    }

    /** Decomposes {@code a} with the {@link #DEFAULT_RELATIVE_PIVOT_TOLERANCE default pivot tolerance}. */
    public static Cholesky decompose(DoubleMatrix a) {
        return decompose(a, DEFAULT_RELATIVE_PIVOT_TOLERANCE);
    }

    /**
     * Decomposes {@code a}, refusing any pivot not above {@code relativePivotTolerance} times
     * its diagonal entry.
     *
     * @throws NotPositiveDefiniteException naming the first failing pivot
     * @throws IllegalArgumentException if {@code a} is not square or not symmetric, or the
     *     tolerance is outside {@code [0, 1)}
     */
    public static Cholesky decompose(DoubleMatrix a, double relativePivotTolerance) {
        if (!(relativePivotTolerance >= 0 && relativePivotTolerance < 1)) {
            throw new IllegalArgumentException("relativePivotTolerance must be in [0, 1), got " + relativePivotTolerance);
        }
        if (a.rows() != a.columns()) {
            throw new IllegalArgumentException("Cholesky needs a square matrix, got " + a.shape());
        }
        requireFiniteAndSymmetric(a);
        int n = a.rows();
        double[][] lower = new double[n][];
        for (int i = 0; i < n; i++) {
            double[] li = new double[i + 1];
            lower[i] = li;
            for (int j = 0; j <= i; j++) {
                double[] lj = lower[j];
                double s = a.get(i, j);
                for (int k = 0; k < j; k++) {
                    s -= li[k] * lj[k];
                }
                if (j < i) {
                    li[j] = s / lj[j];
                } else {
                    requireSafePivot(i, s, a.get(i, i), relativePivotTolerance);
                    li[i] = Math.sqrt(s);
                }
            }
        }
        return new Cholesky(lower);
    }

    /** The order {@code n} of the decomposed matrix. */
    public int size() {
        return lower.length;
    }

    /** A copy of {@code L} as a full {@code n × n} matrix, zero above the diagonal. */
    public DoubleMatrix lower() {
        int n = size();
        DoubleMatrix l = DoubleMatrix.zeros(n, n);
        for (int i = 0; i < n; i++) {
            System.arraycopy(lower[i], 0, l.data(), i * n, i + 1);
        }
        return l;
    }

    /** The solution {@code x} of {@code Ax = b}: forward solve {@code Ly = b}, back solve {@code Lᵀx = y}. */
    public double[] solve(double[] b) {
        int n = size();
        if (b.length != n) {
            throw new IllegalArgumentException("Cholesky.solve: the right-hand side has length " + b.length
                    + " but the matrix is " + n + " × " + n);
        }
        double[] x = b.clone();
        for (int i = 0; i < n; i++) {
            double[] li = lower[i];
            double s = x[i];
            for (int k = 0; k < i; k++) {
                s -= li[k] * x[k];
            }
            x[i] = s / li[i];
        }
        // Lᵀ by columns of Lᵀ = rows of L, so the loop reads L row by row
        for (int i = n - 1; i >= 0; i--) {
            double[] li = lower[i];
            x[i] /= li[i];
            double xi = x[i];
            for (int k = 0; k < i; k++) {
                x[k] -= li[k] * xi;
            }
        }
        return x;
    }

    private static void requireSafePivot(int j, double pivot, double diagonal, double tolerance) {
        if (pivot > 0 && pivot > tolerance * diagonal) {
            return;
        }
        throw new NotPositiveDefiniteException(String.format(
                "Cholesky: the matrix is not positive definite: pivot %d is %.3g, not above %.0e × its"
                        + " diagonal entry %.4g. If the matrix is XᵀX, column %d of X %s: add a ridge penalty"
                        + " (λ > 0), or solve the least-squares problem by QR, which tolerates worse"
                        + " conditioning.",
                j, pivot, tolerance, diagonal, j, RankDeficientException.dependenceOnEarlierColumns(j)),
                j, pivot, diagonal);
    }

    private static void requireFiniteAndSymmetric(DoubleMatrix a) {
        int n = a.rows();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (!Double.isFinite(a.get(i, j))) {
                    throw new IllegalArgumentException("Cholesky needs finite entries, but a[" + i + ", " + j
                            + "] is " + a.get(i, j));
                }
            }
        }
        double largestDiagonal = 0;
        for (int i = 0; i < n; i++) {
            largestDiagonal = Math.max(largestDiagonal, Math.abs(a.get(i, i)));
        }
        double tolerance = SYMMETRY_TOLERANCE * largestDiagonal;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                if (!(Math.abs(a.get(i, j) - a.get(j, i)) <= tolerance)) {
                    throw new IllegalArgumentException(String.format("Cholesky needs a symmetric matrix: a[%d, %d] = %s"
                            + " but a[%d, %d] = %s (allowed difference %.3g, %.0e × the largest diagonal entry)",
                            i, j, a.get(i, j), j, i, a.get(j, i), tolerance, SYMMETRY_TOLERANCE));
                }
            }
        }
    }
}
