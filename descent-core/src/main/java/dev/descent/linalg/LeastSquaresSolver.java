package dev.descent.linalg;

/**
 * How {@link LeastSquares} solves the centred ridge problem
 * {@code min_w (1/n)‖X_c w − y_c‖² + λ‖w‖²}.
 */
public enum LeastSquaresSolver {
    /**
     * The normal equations {@code (X_cᵀX_c/n + λI) w = X_cᵀy_c/n} by {@link Cholesky}. Fast:
     * {@code X_cᵀX_c} is one streamed pass over the rows ({@code nd²/2} multiply-adds, no copy of
     * the data), then {@code d³/6} for the factor. Forming {@code X_cᵀX_c} squares the condition
     * number, so it refuses nearly collinear columns that {@link #QR} still solves. Measured:
     * ridge on 60000 × 784 float32 features in 1.3–1.5 s.
     */
    CHOLESKY {
        @Override
        MinimumNormLeastSquares.Solution solve(CentredProblem problem) {
            return new MinimumNormLeastSquares.Solution(problem.solveByNormalEquations(), problem.columns());
        }
    },

    /**
     * Householder {@link dev.descent.linalg.QR QR} on the augmented system
     * {@code [X_c; √(nλ) I] w ≈ [y_c; 0]}, whose squared residual is {@code n} times the ridge
     * objective (on {@code X_c} alone when {@code λ = 0}). Accurate on ill-conditioned data, at
     * about twice the flops of {@link #CHOLESKY} and one double-precision copy of the
     * {@code (n + d) × d} system. Measured: ridge on 60000 × 784 float32 features in 7–10 s.
     */
    QR {
        @Override
        MinimumNormLeastSquares.Solution solve(CentredProblem problem) {
            return new MinimumNormLeastSquares.Solution(problem.solveByQR(), problem.columns());
        }
    },

    /**
     * The minimum-norm solution, for any rank ({@link MinimumNormLeastSquares}): where
     * {@link #CHOLESKY} and {@link #QR} refuse a column that depends on the others (a
     * duplicate, a constant beside the intercept, more columns than rows), this returns, of all
     * the weights that fit equally well, those of least ‖w‖, as NumPy's {@code lstsq} and
     * scikit-learn's {@code LinearRegression} do; {@link LeastSquaresFit#rank()} says how many
     * columns were independent. With full rank it is the unique solution, as accurate as
     * {@link #QR}: a QR of the {@code (n + d) × d} system (one double-precision copy), then a
     * QR with column pivoting of the {@code d × d} triangle ({@code O(d³)}). Measured: least
     * squares on 20000 × 400 float32 features in 1.6–2.2 s, against 1.6–3.2 s by QR and
     * 0.5–0.9 s by Cholesky.
     */
    MINIMUM_NORM {
        @Override
        MinimumNormLeastSquares.Solution solve(CentredProblem problem) {
            return problem.solveByMinimumNorm();
        }
    };

    /** The weights {@code w} of the centred problem, and how many columns were independent. */
    abstract MinimumNormLeastSquares.Solution solve(CentredProblem problem);
}
