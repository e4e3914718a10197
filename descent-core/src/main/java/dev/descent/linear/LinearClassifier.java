package dev.descent.linear;

import dev.descent.data.Dataset;
import dev.descent.loss.ClassificationLoss;
import dev.descent.nn.Linear;
import dev.descent.nn.Sequential;
import dev.descent.solver.SolverResult;
import dev.descent.tensor.Tensor;
import dev.descent.train.EmpiricalRisk;
import dev.descent.train.Objective;

/** The fitting and scoring the linear classifiers share: a loss on integer labels plus λ‖W‖². */
abstract class LinearClassifier extends LinearModel {
    private static final int CHUNK = 4096;
    private FitSummary summary;
    private int classes;

    /** Fits {@code outputs} scores per example by minimising (1/n) Σ loss + λ‖W‖². */
    void fitClassifier(Tensor x, int[] y, int outputs, ClassificationLoss loss, double lambda, FitMethod method) {
        if (method instanceof FitMethod.ClosedForm || method instanceof FitMethod.Newton) {
            throw new IllegalArgumentException(getClass().getSimpleName()
                    + " supports neither a closed form nor Newton's method here; use FitMethod.fullBatch(...) or"
                    + " FitMethod.miniBatch(...)");
        }
        requireFiniteMatrix(x, y.length);
        classes = Math.max(2, maxLabel(y) + 1);
        Dataset data = new Dataset("training set", x, y, classes);
        Sequential model = createModel(x.dim(1), outputs);
        EmpiricalRisk risk = EmpiricalRisk.of(model, loss, data, CHUNK).withL2(lambda, "*.weight");
        summary = GradientFitting.run(model, risk, data, Objective.of(loss), lambda, method);
    }

    /** Binary logistic regression by Newton's method on the exact double-precision objective. */
    void fitByNewton(Tensor x, int[] y, double lambda, FitMethod.Newton newton) {
        requireFiniteMatrix(x, y.length);
        classes = 2;
        int d = x.dim(1);
        Sequential model = createModel(d, 1);
        BinaryLogisticObjective objective = new BinaryLogisticObjective(x, y, lambda);
        SolverResult result = newton.solver().minimize(objective, new double[d + 1], newton.stopping());
        Linear layer = (Linear) model.layers().get(0);
        for (int j = 0; j < d; j++) {
            layer.weight().value().set(j, (float) result.x()[j]);
        }
        layer.bias().value().set(0, (float) result.x()[d]);
        summary = new FitSummary(newton.solver().toString(), result.value(), result.iterations(), result.message());
    }

    /** The number of classes seen in training (at least 2). */
    int classes() {
        requireFitted();
        return classes;
    }

    /** The predicted class of each row. */
    public abstract int[] predict(Tensor x);

    /** The accuracy of {@link #predict} on (x, y). */
    public double score(Tensor x, int[] y) {
        int[] predicted = predict(x);
        if (predicted.length != y.length) {
            throw new IllegalArgumentException(predicted.length + " rows of features but " + y.length + " labels");
        }
        int correct = 0;
        for (int i = 0; i < y.length; i++) {
            correct += predicted[i] == y[i] ? 1 : 0;
        }
        return (double) correct / y.length;
    }

    /** How the last fit went. */
    public FitSummary summary() {
        requireFitted();
        return summary;
    }

    static int maxLabel(int[] y) {
        if (y.length == 0) {
            throw new IllegalArgumentException("no labels: the training set is empty");
        }
        int max = 0;
        for (int i = 0; i < y.length; i++) {
            if (y[i] < 0) {
                throw new IllegalArgumentException("label " + y[i] + " of example " + i + " is negative");
            }
            max = Math.max(max, y[i]);
        }
        return max;
    }
}
