package dev.descent.linear;

import dev.descent.data.Dataset;
import dev.descent.loss.ClassificationLoss;
import dev.descent.model.ModelBundle;
import dev.descent.nn.Linear;
import dev.descent.nn.Sequential;
import dev.descent.solver.SolverResult;
import dev.descent.tensor.Tensor;
import dev.descent.train.EmpiricalRisk;
import dev.descent.train.Objective;
import java.util.List;

/** The fitting and scoring the linear classifiers share: a loss on integer labels plus λ‖W‖². */
abstract class LinearClassifier extends LinearModel {
    private static final int CHUNK = 4096;
    private FitSummary summary;
    private int classes;
    private List<String> classNames;

    /** Fits {@code outputs} scores per example by minimising (1/n) Σ loss + λ‖W‖². */
    void fitClassifier(Tensor x, int[] y, int classCount, List<String> names, int outputs, ClassificationLoss loss,
                       double lambda, FitMethod method) {
        if (method instanceof FitMethod.ClosedForm || method instanceof FitMethod.Newton) {
            throw new IllegalArgumentException(getClass().getSimpleName()
                    + " supports neither a closed form nor Newton's method here; use FitMethod.fullBatch(...) or"
                    + " FitMethod.miniBatch(...)");
        }
        requireFiniteMatrix(x, y.length);
        Dataset data = new Dataset("training set", x, y, classCount);
        Sequential model = createModel(x.dim(1), outputs);
        setClasses(classCount, names);
        EmpiricalRisk risk = EmpiricalRisk.of(model, loss, data, CHUNK).withL2(lambda, "*.weight");
        summary = GradientFitting.run(model, risk, data, Objective.of(loss), lambda, method);
    }

    /** Binary logistic regression by Newton's method on the exact double-precision objective. */
    void fitByNewton(Tensor x, int[] y, List<String> names, double lambda, FitMethod.Newton newton) {
        requireFiniteMatrix(x, y.length);
        int d = x.dim(1);
        Sequential model = createModel(d, 1);
        setClasses(2, names);
        BinaryLogisticObjective objective = new BinaryLogisticObjective(x, y, lambda);
        SolverResult result = newton.solver().minimize(objective, new double[d + 1], newton.stopping());
        Linear layer = (Linear) model.layers().get(0);
        for (int j = 0; j < d; j++) {
            layer.weight().value().set(j, (float) result.x()[j]);
        }
        layer.bias().value().set(0, (float) result.x()[d]);
        summary = new FitSummary(newton.solver().toString(), result.value(), result.iterations(), result.message());
    }

    /**
     * One pass of mini-batch training on (x, y) from the current weights; before the first fit
     * it starts a zero layer of {@code outputs} scores for {@code classCount} classes.
     */
    void partialFitClassifier(Tensor x, int[] y, int classCount, int outputs, ClassificationLoss loss, double lambda,
                              FitMethod.MiniBatch method) {
        requireFiniteMatrix(x, y.length);
        requireLabels(y, classCount);
        if (!fitted()) {
            createModel(x.dim(1), outputs);
            setClasses(classCount, ModelBundle.indexNames(classCount));
        } else {
            requireFeatures(x);
        }
        Dataset data = new Dataset("training set", x, y, classCount);
        EmpiricalRisk risk = EmpiricalRisk.of(model(), loss, data, CHUNK).withL2(lambda, "*.weight");
        summary = partialFitPass(data, risk, Objective.of(loss), lambda, method);
    }

    /** Takes a saved classifier as the fitted model, its classes named as saved. */
    void adoptClassifier(ModelBundle.Loaded loaded) {
        adopt(loaded);
        List<String> names = loaded.bundle().outputNames();
        setClasses(names.size(), names);
        summary = new FitSummary("loaded", Double.NaN, 0, "read from a model file");
    }

    private void setClasses(int classCount, List<String> names) {
        classes = classCount;
        classNames = List.copyOf(names);
    }

    /** The number of classes seen in training (at least 2). */
    int classes() {
        requireFitted();
        return classes;
    }

    /** The class names, in label order: a data set's, or "0", "1", … */
    public List<String> classNames() {
        requireFitted();
        return classNames;
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

    static void requireLabels(int[] y, int classCount) {
        if (y.length == 0) {
            throw new IllegalArgumentException("no labels: the training set is empty");
        }
        for (int i = 0; i < y.length; i++) {
            if (y[i] < 0 || y[i] >= classCount) {
                throw new IllegalArgumentException("label " + y[i] + " of example " + i + " is outside [0, " + classCount
                        + ") for " + classCount + " classes");
            }
        }
    }
}
