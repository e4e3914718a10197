package dev.descent.metrics;

/**
 * Regression metrics of n predicted values ŷ_i against targets y_i, named as scikit-learn's
 * {@code root_mean_squared_error}, {@code mean_absolute_error}, {@code r2_score} and
 * {@code max_error}:
 *
 * <pre>
 *   RMSE = √( (1/n) Σ_i (y_i − ŷ_i)² )
 *   MAE  = (1/n) Σ_i |y_i − ŷ_i|
 *   R²   = 1 − SS_res / SS_tot,   SS_res = Σ_i (y_i − ŷ_i)²,   SS_tot = Σ_i (y_i − ȳ)²,   ȳ = (1/n) Σ_i y_i
 *   max error = max_i |y_i − ŷ_i|
 * </pre>
 *
 * As in scikit-learn, R² is 1 for a perfect prediction, 0 for predicting ȳ everywhere, negative
 * for worse; when the targets are constant (SS_tot = 0) it is 1 if the prediction is perfect and
 * 0 otherwise, and with fewer than two values it is NaN. With no values every metric is NaN; a
 * NaN among the predictions or targets makes the metrics NaN.
 *
 * @param count n, the number of values compared
 * @param rootMeanSquaredError RMSE, in the targets' unit
 * @param meanAbsoluteError MAE, in the targets' unit
 * @param r2Score the coefficient of determination R²
 * @param maxError the largest absolute error
 */
public record RegressionReport(long count, double rootMeanSquaredError, double meanAbsoluteError, double r2Score,
        double maxError) {

    public RegressionReport {
        if (count < 0) {
            throw new IllegalArgumentException("count must be ≥ 0, got " + count);
        }
    }

    /** RMSE², the mean of the squared errors. */
    public double meanSquaredError() {
        return rootMeanSquaredError * rootMeanSquaredError;
    }

    /**
     * R² from the sums, with scikit-learn's conventions for constant targets (1 if perfect, else 0)
     * and for fewer than two values (NaN).
     */
    static double r2(long count, double residualSumOfSquares, double totalSumOfSquares) {
        if (count < 2 || Double.isNaN(residualSumOfSquares) || Double.isNaN(totalSumOfSquares)) {
            return Double.NaN;
        }
        if (totalSumOfSquares == 0) {
            return residualSumOfSquares == 0 ? 1 : 0;
        }
        return 1 - residualSumOfSquares / totalSumOfSquares;
    }

    @Override
    public String toString() {
        return "RegressionReport[n=" + count + ", RMSE=" + rootMeanSquaredError + ", MAE=" + meanAbsoluteError
                + ", R²=" + r2Score + ", max error=" + maxError + "]";
    }
}
