package dev.descent.linalg;

import dev.descent.tensor.Tensor;

/**
 * Closed-form linear least squares and ridge regression: the exact minimiser of
 * <pre>
 *   L(w, b) = (1/n) Σᵢ (xᵢᵀw + b − yᵢ)² + λ‖w‖²
 * </pre>
 * over the weights {@code w} and the intercept {@code b}, for {@code n} rows {@code xᵢ} of
 * {@code d} features and targets {@code yᵢ}. {@code λ = 0} is ordinary least squares; the
 * intercept is never penalised, and is fixed at 0 {@link #withFitIntercept without one}. This
 * is the mean-squared-error objective (plus the L2 penalty λ‖w‖²) that the gradient-based
 * trainers minimise, with the same {@code 1/n} scaling, so their results compare directly.
 *
 * <p>Method (Hastie, Tibshirani &amp; Friedman, <i>The Elements of Statistical Learning</i>,
 * 2nd ed., §3.4.1): centring the features and targets by their means,
 * {@code X_c = X − 1x̄ᵀ} and {@code y_c = y − ȳ}, removes the unpenalised intercept exactly;
 * setting the gradient of {@code L} to zero then gives
 * <pre>
 *   (X_cᵀX_c/n + λI) w = X_cᵀy_c/n,    b = ȳ − x̄ᵀw
 * </pre>
 * solved by {@link LeastSquaresSolver#CHOLESKY} or, via the augmented system
 * {@code [X_c; √(nλ) I]}, by {@link LeastSquaresSolver#QR}. Float32 inputs are widened to
 * double as they are read; all arithmetic is in double.
 *
 * <p>When the weights are not determined, {@link LeastSquaresSolver#CHOLESKY} and
 * {@link LeastSquaresSolver#QR} throw a {@link RankDeficientException} naming the feature
 * column, and suggest a ridge penalty {@code λ > 0}, which always gives a unique answer, or
 * {@link LeastSquaresSolver#MINIMUM_NORM}, which returns the minimum-norm solution (NumPy's
 * {@code lstsq} on the centred data, scikit-learn's {@code LinearRegression}). With
 * {@code λ = 0} that happens when there are fewer rows than unknowns; when, beside an
 * intercept, a column is constant (its spread about its mean is not above
 * {@link #columnTolerance the column tolerance} times its norm); or when a column depends on
 * the earlier ones: by Cholesky, a pivot not above {@link Cholesky#DEFAULT_RELATIVE_PIVOT_TOLERANCE}
 * of its diagonal entry ({@code 1 − R² ≤ 1e-12}); by QR, a part orthogonal to the earlier
 * columns not above the column tolerance times the column's norm. The minimum-norm solver
 * applies the same column tolerance to decide the rank ({@link LeastSquaresFit#rank()}).
 *
 * <p>Example: {@code LeastSquares.ridge(1e-3).withSolver(LeastSquaresSolver.QR).fit(features, targets)}.
 *
 * @param lambda the ridge penalty λ: finite and ≥ 0
 * @param fitIntercept whether to fit the unpenalised intercept {@code b} (otherwise {@code b = 0})
 * @param solver how to solve the normal equations
 */
public record LeastSquares(double lambda, boolean fitIntercept, LeastSquaresSolver solver) {
    /**
     * The column tolerance for float32 inputs: their values carry a relative rounding error of
     * up to 2⁻²⁴ ≈ 6e-8, so a column within 1e-6 (about 16 roundings) of the span of the others
     * cannot be told apart from one that lies in it.
     */
    public static final double FLOAT32_COLUMN_TOLERANCE = 1e-6;

    /** The column tolerance for double inputs: QR's own, above the rounding noise of the decomposition. */
    public static final double DOUBLE_COLUMN_TOLERANCE = QR.DEFAULT_RELATIVE_DIAGONAL_TOLERANCE;

    public LeastSquares {
        if (!(Double.isFinite(lambda) && lambda >= 0)) {
            throw new IllegalArgumentException("lambda (the ridge penalty) must be finite and ≥ 0 (0 = ordinary"
                    + " least squares), got " + lambda);
        }
        if (solver == null) {
            throw new IllegalArgumentException("solver must be LeastSquaresSolver.CHOLESKY or QR, got null");
        }
    }

    /** Ordinary least squares with an intercept, by Cholesky. */
    public static LeastSquares ordinary() {
        return new LeastSquares(0, true, LeastSquaresSolver.CHOLESKY);
    }

    /** Ridge regression with penalty {@code lambda} and an unpenalised intercept, by Cholesky. */
    public static LeastSquares ridge(double lambda) {
        return new LeastSquares(lambda, true, LeastSquaresSolver.CHOLESKY);
    }

    public LeastSquares withLambda(double value) {
        return new LeastSquares(value, fitIntercept, solver);
    }

    public LeastSquares withFitIntercept(boolean value) {
        return new LeastSquares(lambda, value, solver);
    }

    public LeastSquares withSolver(LeastSquaresSolver value) {
        return new LeastSquares(lambda, fitIntercept, value);
    }

    /** Fits float32 features {@code [n, d]} to targets {@code [n]} or {@code [n, 1]}. */
    public LeastSquaresFit fit(Tensor features, Tensor targets) {
        return fit(RegressionData.of(features, targets));
    }

    /** Fits row-major float32 features {@code [n, d]}, {@code n = targets.length}. */
    public LeastSquaresFit fit(float[] features, float[] targets) {
        return fit(RegressionData.of(features, targets));
    }

    /** Fits row-major features {@code [n, d]}, {@code n = targets.length}. */
    public LeastSquaresFit fit(double[] features, double[] targets) {
        return fit(RegressionData.of(features, targets));
    }

    /** Fits the rows of {@code features} to {@code targets}. */
    public LeastSquaresFit fit(DoubleMatrix features, double[] targets) {
        return fit(RegressionData.of(features, targets));
    }

    /** {@link #FLOAT32_COLUMN_TOLERANCE} for float32 features, else {@link #DOUBLE_COLUMN_TOLERANCE}. */
    static double columnTolerance(boolean float32) {
        return float32 ? FLOAT32_COLUMN_TOLERANCE : DOUBLE_COLUMN_TOLERANCE;
    }

    private LeastSquaresFit fit(RegressionData data) {
        int d = data.columns();
        double tolerance = columnTolerance(data.float32());
        double[] means = fitIntercept ? data.columnMeans() : new double[d];
        double targetMean = fitIntercept ? data.targetMean() : 0;
        if (lambda == 0 && solver != LeastSquaresSolver.MINIMUM_NORM) {
            requireEnoughRows(data);
            if (fitIntercept) {
                requireNoConstantColumn(data, means, tolerance);
            }
        }
        double[] centredTargets = data.targets().clone();
        for (int i = 0; i < centredTargets.length; i++) {
            centredTargets[i] -= targetMean;
        }
        RowReader centredFeatures = fitIntercept ? data.features().minus(means) : data.features();
        MinimumNormLeastSquares.Solution solution = solveExplained(new CentredProblem(centredFeatures, centredTargets,
                data.rows(), d, lambda, tolerance, data.columnNorms()), data);
        double[] weights = solution.x();
        double intercept = 0;
        if (fitIntercept) {
            intercept = targetMean;
            for (int j = 0; j < d; j++) {
                intercept -= means[j] * weights[j];
            }
        }
        return new LeastSquaresFit(weights, intercept, objective(data, weights, intercept), lambda, solver,
                solution.rank());
    }

    /** Solves, turning a decomposition's failure into one that speaks of feature columns. */
    private MinimumNormLeastSquares.Solution solveExplained(CentredProblem problem, RegressionData data) {
        String context = description() + (fitIntercept ? " (on feature columns centred by their means, which"
                + " accounts for the intercept)" : "") + ": ";
        try {
            return solver.solve(problem);
        } catch (NotPositiveDefiniteException e) {
            int j = e.pivotIndex();
            String fixes = data.float32()
                    ? " or drop the column" // QR refuses the same columns at float32 precision
                    : String.format(", drop the column, or use LeastSquaresSolver.QR, which resolves columns down to"
                            + " %.0e of their norm (forming the normal equations squares the conditioning)",
                            DOUBLE_COLUMN_TOLERANCE);
            throw new RankDeficientException(String.format(
                    "%sfeature column %d %s: pivot %d of the normal equations is %.3g, %.3g of its diagonal entry,"
                            + " not above %.0e. Add a ridge penalty (λ > 0)%s, or use LeastSquaresSolver.MINIMUM_NORM"
                            + " for the minimum-norm solution.",
                    context, j, RankDeficientException.dependenceOnEarlierColumns(j), j, e.pivot(),
                    e.pivot() / e.diagonal(), Cholesky.DEFAULT_RELATIVE_PIVOT_TOLERANCE, fixes), j, e);
        } catch (RankDeficientException e) {
            throw new RankDeficientException(context + e.getMessage() + " LeastSquaresSolver.MINIMUM_NORM gives the"
                    + " minimum-norm solution instead.", e.column(), e);
        }
    }

    private void requireEnoughRows(RegressionData data) {
        int n = data.rows();
        int d = data.columns();
        int unknowns = d + (fitIntercept ? 1 : 0);
        if (n < unknowns) {
            throw new RankDeficientException(description() + " with " + d + " feature columns"
                    + (fitIntercept ? " and an intercept" : "") + " needs at least " + unknowns + " rows, got " + n
                    + ": the weights are not determined. Add a ridge penalty (λ > 0), collect more rows, or use"
                    + " LeastSquaresSolver.MINIMUM_NORM for the minimum-norm solution.",
                    Math.max(0, n - (fitIntercept ? 1 : 0)));
        }
    }

    /**
     * A column constant up to the tolerance duplicates the intercept; centring leaves only
     * rounding noise in it, which neither decomposition would recognise as zero.
     */
    private void requireNoConstantColumn(RegressionData data, double[] means, double tolerance) {
        int d = data.columns();
        double[] sumSquares = new double[d];
        double[] centredSumSquares = new double[d];
        double[] row = new double[d];
        for (int i = 0; i < data.rows(); i++) {
            data.features().read(i, row);
            for (int j = 0; j < d; j++) {
                double centred = row[j] - means[j];
                sumSquares[j] += row[j] * row[j];
                centredSumSquares[j] += centred * centred;
            }
        }
        for (int j = 0; j < d; j++) {
            if (centredSumSquares[j] <= tolerance * tolerance * sumSquares[j]) {
                throw new RankDeficientException(String.format("%s: feature column %d is constant (every value ≈ %s,"
                        + " spread within %.0e of its norm), so beside the intercept its weight is not determined."
                        + " Drop the column, fit without an intercept, add a ridge penalty (λ > 0), or use"
                        + " LeastSquaresSolver.MINIMUM_NORM (which gives it weight 0).",
                        description(), j, means[j], tolerance), j);
            }
        }
    }

    /** {@code (1/n) Σᵢ (xᵢᵀw + b − yᵢ)² + λ‖w‖²} on the data as given. */
    private double objective(RegressionData data, double[] weights, double intercept) {
        double[] row = new double[data.columns()];
        double sumSquares = 0;
        for (int i = 0; i < data.rows(); i++) {
            data.features().read(i, row);
            double residual = intercept - data.targets()[i];
            for (int j = 0; j < row.length; j++) {
                residual += row[j] * weights[j];
            }
            sumSquares += residual * residual;
        }
        double squaredNorm = 0;
        for (double w : weights) {
            squaredNorm += w * w;
        }
        return sumSquares / data.rows() + lambda * squaredNorm;
    }

    private String description() {
        return (lambda == 0 ? "ordinary least squares" : "ridge regression (λ = " + lambda + ")") + " by " + solver;
    }
}
