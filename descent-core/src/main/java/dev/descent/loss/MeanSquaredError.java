package dev.descent.loss;

/**
 * Mean squared error {@code (1/n) Σ (p_i − t_i)²} over all elements (PyTorch's
 * {@code MSELoss}): the least-squares objective.
 */
public final class MeanSquaredError extends ElementwiseRegressionLoss {

    @Override
    double loss(double residual) {
        return residual * residual;
    }

    @Override
    float derivative(float residual) {
        return 2f * residual;
    }

    @Override
    public String toString() {
        return "MeanSquaredError()";
    }
}
