package dev.descent.linear;

import dev.descent.loss.HingeLoss;
import dev.descent.data.LabelEncoder;
import dev.descent.optim.Sgd;
import dev.descent.schedule.InverseTimeDecay;
import dev.descent.tensor.Tensor;
import java.util.Arrays;

/**
 * A linear support vector machine for two classes, minimising the soft-margin objective with
 * the hinge loss:
 *
 * <pre>  (1/n) Σᵢ max(0, 1 − yᵢ(xᵢᵀw + b)) + λ‖w‖²,   yᵢ ∈ {−1, +1}</pre>
 *
 * The labels may be any two integers, {−1, 1} as in the formula, {0, 1} or {1, 2}: the first of
 * the sorted {@link #classes()} plays −1, the second +1, and {@link #predict} returns them.
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

    /** Penalty λ‖w‖², fitted by 30 epochs of SGD in batches of 32 with an inverse-time decaying step. */
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

    /** Fits to features x [n, d] and labels y of exactly two classes, any two integers; returns this estimator. */
    public LinearSvm fit(Tensor x, int[] y) {
        LabelEncoder classes = classesOf(y, 2, "LinearSvm");
        if (classes.classCount() > 2) {
            throw new IllegalArgumentException("LinearSvm separates two classes, but y has "
                    + classes.classCount() + ": " + Arrays.toString(classes.classes())
                    + " (use LogisticRegression for more classes)");
        }
        fitClassifier(x, classes.transform(y), classes, 1, new HingeLoss(), lambda, method);
        return this;
    }

    /** The signed score xᵀw + b of each row: positive means the second of {@link #classes()}. */
    public float[] decisionFunction(Tensor x) {
        return outputs(x).data();
    }

    @Override
    int[] predictIndices(Tensor x) {
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
