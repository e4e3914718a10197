package dev.descent.solver;

/**
 * A reusable dense Cholesky factorisation H = L·Lᵀ for Newton steps: factor, then solve
 * H·d = r by two triangular solves. It reads only the lower triangle of H and refuses a pivot
 * that is not safely positive, which is how {@link NewtonMethod} learns that H is not positive
 * definite.
 *
 * <pre>
 *   for j = 0 … n−1:
 *       p = h_jj − Σ_{k&lt;j} l_jk²;   p ≤ tolerance·max_i |h_ii| or NaN  ⇒  not positive definite
 *       l_jj = √p
 *       l_ij = (h_ij − Σ_{k&lt;j} l_ik·l_jk) / l_jj      for i &gt; j
 * </pre>
 *
 * <p>Reference: G. H. Golub, C. F. Van Loan, Matrix Computations, 4th ed. (2013), Algorithm 4.2.1.
 */
final class CholeskyFactor {
    /** Pivots below this fraction of the largest diagonal entry count as not positive. */
    static final double RELATIVE_PIVOT_TOLERANCE = 1e-12;

    private final double[][] lower;

    CholeskyFactor(int size) {
        lower = new double[size][size];
    }

    /**
     * Factors the symmetric matrix whose lower triangle is in {@code h}; false, with the factor
     * left undefined, if it is not (safely) positive definite.
     */
    boolean factor(double[][] h) {
        int n = lower.length;
        double largestDiagonal = 0;
        for (int i = 0; i < n; i++) {
            largestDiagonal = Math.max(largestDiagonal, Math.abs(h[i][i]));
        }
        double tolerance = RELATIVE_PIVOT_TOLERANCE * largestDiagonal;
        for (int j = 0; j < n; j++) {
            double pivot = h[j][j];
            for (int k = 0; k < j; k++) {
                pivot -= lower[j][k] * lower[j][k];
            }
            if (!(pivot > tolerance) || Double.isInfinite(pivot)) {
                return false;
            }
            double diagonal = Math.sqrt(pivot);
            lower[j][j] = diagonal;
            for (int i = j + 1; i < n; i++) {
                double sum = h[i][j];
                for (int k = 0; k < j; k++) {
                    sum -= lower[i][k] * lower[j][k];
                }
                lower[i][j] = sum / diagonal;
            }
        }
        return true;
    }

    /** {@code out ← H⁻¹·rhs} with the last successful factor ({@code out} may be {@code rhs}). */
    void solve(double[] rhs, double[] out) {
        int n = lower.length;
        for (int i = 0; i < n; i++) {
            double sum = rhs[i];
            for (int k = 0; k < i; k++) {
                sum -= lower[i][k] * out[k];
            }
            out[i] = sum / lower[i][i];
        }
        for (int i = n - 1; i >= 0; i--) {
            double sum = out[i];
            for (int k = i + 1; k < n; k++) {
                sum -= lower[k][i] * out[k];
            }
            out[i] = sum / lower[i][i];
        }
    }
}
