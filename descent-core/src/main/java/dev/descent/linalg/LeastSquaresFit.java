package dev.descent.linalg;

import java.util.Arrays;
import java.util.Objects;

/**
 * The result of {@link LeastSquares#fit}: the minimiser {@code (w, b)} of
 * {@code (1/n) Σᵢ (xᵢᵀw + b − yᵢ)² + λ‖w‖²}, the value of that objective at it, and how it was
 * found. Without an intercept, {@code b = 0}.
 *
 * @param weights one weight per feature column (copied in and out)
 * @param intercept the unpenalised bias {@code b}
 * @param objective {@code (1/n) Σᵢ (xᵢᵀw + b − yᵢ)² + λ‖w‖²} at the solution, evaluated on the inputs
 * @param lambda the ridge penalty λ (0 for ordinary least squares)
 * @param solver the solver used
 * @param rank how many feature columns were independent (after centring, with an intercept):
 *     the number of columns, except for {@link LeastSquaresSolver#MINIMUM_NORM} on
 *     rank-deficient data, where the weights are the minimum-norm solution
 */
public record LeastSquaresFit(double[] weights, double intercept, double objective, double lambda,
        LeastSquaresSolver solver, int rank) {

    public LeastSquaresFit {
        weights = weights.clone();
    }

    @Override
    public double[] weights() {
        return weights.clone();
    }

    /** The prediction {@code xᵀw + b} for one row of features. */
    public double predict(double[] features) {
        if (features.length != weights.length) {
            throw new IllegalArgumentException("predict: the fit has " + weights.length
                    + " weights but the row has " + features.length + " features");
        }
        double sum = intercept;
        for (int j = 0; j < weights.length; j++) {
            sum += features[j] * weights[j];
        }
        return sum;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LeastSquaresFit fit && Arrays.equals(weights, fit.weights)
                && Double.compare(intercept, fit.intercept) == 0 && Double.compare(objective, fit.objective) == 0
                && Double.compare(lambda, fit.lambda) == 0 && solver == fit.solver && rank == fit.rank;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(weights) + Objects.hash(intercept, objective, lambda, solver, rank);
    }

    @Override
    public String toString() {
        return "LeastSquaresFit[weights=" + Arrays.toString(weights) + ", intercept=" + intercept
                + ", objective=" + objective + ", lambda=" + lambda + ", solver=" + solver + ", rank=" + rank + "]";
    }
}
