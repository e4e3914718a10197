package dev.descent.linear;

import dev.descent.autodiff.SoftmaxOps;
import dev.descent.loss.BinaryCrossEntropyWithLogits;
import dev.descent.loss.SoftmaxCrossEntropy;
import dev.descent.solver.Lbfgs;
import dev.descent.solver.StoppingCriteria;
import dev.descent.tensor.Tensor;

/**
 * Logistic regression, binary or multinomial, minimising the mean cross-entropy plus λ‖W‖²
 * (the intercepts not penalised):
 *
 * <ul>
 *   <li>two classes: one score z = xᵀw + b per example and the logistic loss
 *       log(1 + e^(−y·z)) (the lectures' model; labels 0/1 map to y = −1/+1);</li>
 *   <li>k &gt; 2 classes: k scores and the softmax cross-entropy (multinomial).</li>
 * </ul>
 *
 * It has no closed form; by default it is fitted by full-batch L-BFGS; {@link #withMethod}
 * takes any solver or optimizer, and {@link FitMethod#newton()} Newton's method (IRLS) for two
 * classes.
 *
 * <pre>{@code
 * LogisticRegression clf = new LogisticRegression(1e-4).fit(x, labels);
 * double accuracy = clf.score(xTest, labelsTest);
 * }</pre>
 */
public final class LogisticRegression extends LinearClassifier {
    private final double lambda;
    private final FitMethod method;

    /** Unpenalised logistic regression. */
    public LogisticRegression() {
        this(0);
    }

    /** Logistic regression with penalty λ‖W‖². */
    public LogisticRegression(double lambda) {
        this(lambda, FitMethod.fullBatch(Lbfgs.defaults(),
                StoppingCriteria.defaults().withGradientTolerance(1e-6).withMaxIterations(1000)));
    }

    private LogisticRegression(double lambda, FitMethod method) {
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("λ must be a finite number ≥ 0, got " + lambda);
        }
        this.lambda = lambda;
        this.method = method;
    }

    /** The same model fitted by another method (a new, unfitted estimator). */
    public LogisticRegression withMethod(FitMethod newMethod) {
        return new LogisticRegression(lambda, newMethod);
    }

    /** Fits to features x [n, d] and labels 0..k−1; returns this estimator. */
    public LogisticRegression fit(Tensor x, int[] y) {
        boolean binary = maxLabel(y) <= 1;
        if (method instanceof FitMethod.Newton newton) {
            if (!binary) {
                throw new IllegalArgumentException("FitMethod.newton() fits binary logistic regression only (labels 0/1);"
                        + " for " + (maxLabel(y) + 1) + " classes use L-BFGS: FitMethod.fullBatch(Lbfgs.defaults(), …)");
            }
            fitByNewton(x, y, lambda, newton);
            return this;
        }
        fitClassifier(x, y, binary ? 1 : maxLabel(y) + 1,
                binary ? new BinaryCrossEntropyWithLogits() : new SoftmaxCrossEntropy(), lambda, method);
        return this;
    }

    /** Class probabilities, [n, k]: each row sums to 1. */
    public Tensor predictProba(Tensor x) {
        Tensor scores = outputs(x);
        int n = scores.dim(0);
        if (scores.dim(1) == 1) {
            Tensor p = Tensor.zeros(n, 2);
            for (int i = 0; i < n; i++) {
                double positive = 1 / (1 + Math.exp(-scores.get(i)));
                p.set(i, 0, (float) (1 - positive));
                p.set(i, 1, (float) positive);
            }
            return p;
        }
        SoftmaxOps.softmaxRows(scores.data(), scores.data(), n, scores.dim(1));
        return scores;
    }

    @Override
    public int[] predict(Tensor x) {
        Tensor scores = outputs(x);
        int n = scores.dim(0);
        int k = scores.dim(1);
        int[] predicted = new int[n];
        for (int i = 0; i < n; i++) {
            if (k == 1) {
                predicted[i] = scores.get(i) > 0 ? 1 : 0; // z = 0 goes to class 0, as in scikit-learn
            } else {
                int best = 0;
                for (int c = 1; c < k; c++) {
                    if (scores.get(i, c) > scores.get(i, best)) {
                        best = c;
                    }
                }
                predicted[i] = best;
            }
        }
        return predicted;
    }

    @Override
    public String toString() {
        return "LogisticRegression(λ=" + lambda + ") by " + method;
    }
}
