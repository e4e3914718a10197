package dev.descent.linear;

import dev.descent.loss.HingeLoss;
import dev.descent.model.ModelBundle;
import dev.descent.optim.Sgd;
import dev.descent.schedule.InverseTimeDecay;
import dev.descent.tensor.Tensor;

/**
 * A linear support vector machine for two classes (labels 0/1), minimising the soft-margin
 * objective with the hinge loss:
 *
 * <pre>  (1/n) Σᵢ max(0, 1 − yᵢ(xᵢᵀw + b)) + λ‖w‖²,   yᵢ ∈ {−1, +1}</pre>
 *
 * The hinge is not differentiable at the margin, so the default fit is mini-batch subgradient
 * descent with an inverse-time decaying step, which converges on this convex objective; any
 * other {@link FitMethod} may be given.
 *
 * <pre>{@code LinearSvm svm = new LinearSvm(1e-3).fit(x, labels);}</pre>
 */
public final class LinearSvm extends LinearClassifier {
    private final double lambda;
    private final FitMethod method;

    public LinearSvm(double lambda) {
        this(lambda, FitMethod.miniBatch(new Sgd(0.1), new InverseTimeDecay(0.1, 0.01), 30, 32, 42));
    }

    private LinearSvm(double lambda, FitMethod method) {
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("λ must be a finite number ≥ 0, got " + lambda);
        }
        this.lambda = lambda;
        this.method = method;
    }

    /** The same model fitted by another method (a new, unfitted estimator). */
    public LinearSvm withMethod(FitMethod newMethod) {
        return new LinearSvm(lambda, newMethod);
    }

    /** Fits to features x [n, d] and labels 0/1; returns this estimator. */
    public LinearSvm fit(Tensor x, int[] y) {
        if (maxLabel(y) > 1) {
            throw new IllegalArgumentException("LinearSvm separates two classes, labels 0 and 1; got label "
                    + maxLabel(y) + " (use LogisticRegression for more classes)");
        }
        fitClassifier(x, y, 2, ModelBundle.indexNames(2), 1, new HingeLoss(), lambda, method);
        return this;
    }

    /** The signed score xᵀw + b of each row: positive means class 1. */
    public float[] decisionFunction(Tensor x) {
        return outputs(x).data();
    }

    @Override
    public int[] predict(Tensor x) {
        float[] scores = decisionFunction(x);
        int[] predicted = new int[scores.length];
        for (int i = 0; i < scores.length; i++) {
            predicted[i] = scores[i] > 0 ? 1 : 0;
        }
        return predicted;
    }

    @Override
    public String toString() {
        return "LinearSvm(λ=" + lambda + ") by " + method;
    }
}
