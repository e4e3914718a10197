package dev.descent.linear;

import dev.descent.data.Dataset;
import dev.descent.data.LabelEncoder;
import dev.descent.loss.ClassificationLoss;
import dev.descent.model.ModelBundle;
import dev.descent.nn.Linear;
import dev.descent.nn.Sequential;
import dev.descent.solver.SolverResult;
import dev.descent.tensor.Tensor;
import dev.descent.train.EmpiricalRisk;
import dev.descent.train.Objective;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The fitting and scoring the linear classifiers share: a loss on class indices plus λ‖W‖²,
 * and the {@link LabelEncoder} between the labels the caller uses and those indices, so that
 * {@link #predict} answers in the caller's labels, as scikit-learn's {@code classes_} does.
 */
abstract class LinearClassifier extends LinearModel {
    private static final int CHUNK = 4096;
    private FitSummary summary;
    private LabelEncoder encoder;

    /**
     * The classes of {@code y}, any integers, sorted: at least {@code fewest} of them.
     *
     * @param estimator what needs them, for the message
     */
    static LabelEncoder classesOf(int[] y, int fewest, String estimator) {
        LabelEncoder classes = LabelEncoder.fit(y);
        if (classes.classCount() < fewest) {
            throw new IllegalArgumentException(estimator + " needs labels of at least " + fewest
                    + " classes, but y has only " + classes.classNames());
        }
        return classes;
    }

    /** The classes of a data set: its labels are the indices 0…k−1, named by its class names. */
    static LabelEncoder classesOf(Dataset data) {
        return data.classNames().isEmpty() ? LabelEncoder.ofIndices(data.classes())
                : LabelEncoder.ofIndices(data.classNames());
    }

    /** Fits {@code outputs} scores per example to the class indices {@code y} by minimising (1/n) Σ loss + λ‖W‖². */
    void fitClassifier(Tensor x, int[] y, LabelEncoder classes, int outputs, ClassificationLoss loss,
                       double lambda, FitMethod method) {
        if (method instanceof FitMethod.ClosedForm || method instanceof FitMethod.Newton) {
            throw new IllegalArgumentException(getClass().getSimpleName()
                    + " supports neither a closed form nor Newton's method here; use FitMethod.fullBatch(...) or"
                    + " FitMethod.miniBatch(...)");
        }
        requireFiniteMatrix(x, y.length);
        Dataset data = new Dataset("training set", x, y, classes.classCount());
        Sequential model = createModel(x.dim(1), outputs);
        encoder = classes;
        EmpiricalRisk risk = EmpiricalRisk.of(model, loss, data, CHUNK).withL2(lambda, "*.weight");
        summary = GradientFitting.run(model, risk, data, Objective.of(loss), lambda, method);
    }

    /** Binary logistic regression on class indices 0/1 by Newton's method on the exact double-precision objective. */
    void fitByNewton(Tensor x, int[] y, LabelEncoder classes, double lambda, FitMethod.Newton newton) {
        requireFiniteMatrix(x, y.length);
        int d = x.dim(1);
        Sequential model = createModel(d, 1);
        encoder = classes;
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
     * One pass of mini-batch training on (x, labels y) from the current weights; before the
     * first fit it starts a zero layer of {@code outputs} scores for {@code classes}, and after
     * it {@code classes} must be the model's.
     *
     * @throws IllegalArgumentException for a label not among the classes
     */
    void partialFitClassifier(Tensor x, int[] y, LabelEncoder classes, int outputs, ClassificationLoss loss,
                              double lambda, FitMethod.MiniBatch method) {
        requireFiniteMatrix(x, y.length);
        if (y.length == 0) {
            throw new IllegalArgumentException("no labels: the training set is empty");
        }
        int[] indices = classes.transform(y);
        if (!fitted()) {
            createModel(x.dim(1), outputs);
            encoder = classes;
        } else {
            requireFeatures(x);
        }
        Dataset data = new Dataset("training set", x, indices, classes.classCount());
        EmpiricalRisk risk = EmpiricalRisk.of(model(), loss, data, CHUNK).withL2(lambda, "*.weight");
        summary = partialFitPass(data, risk, Objective.of(loss), lambda, method);
    }

    /** Takes a saved classifier as the fitted model, its classes labelled and named as saved. */
    void adoptClassifier(ModelBundle.Loaded loaded) {
        adopt(loaded);
        encoder = loaded.bundle().classLabels();
        summary = new FitSummary("loaded", Double.NaN, 0, "read from a model file");
    }

    /** Saves the layer with its classes: their names, and their labels ({@link ModelBundle#classLabels()}). */
    void saveClassifier(Path file, Map<String, String> info) throws IOException {
        saveBundle(file, bundle(ModelBundle.Task.CLASSIFICATION, classNames(), info).withClassLabels(encoder()));
    }

    /** The encoder between the labels and the class indices the layer scores. */
    LabelEncoder encoder() {
        requireFitted();
        return encoder;
    }

    /** The number of classes (at least 2). */
    int classCount() {
        return encoder().classCount();
    }

    /**
     * The class labels, sorted: the distinct labels of the training y (scikit-learn's
     * {@code classes_}), or 0…k−1 after a fit on a {@link Dataset}. {@link #predict} answers
     * with these, and the scores of {@link LogisticRegression#predictProba} are in their order.
     */
    public int[] classes() {
        return encoder().classes();
    }

    /** One name per class, in the order of {@link #classes()}: the labels as text, or a data set's class names. */
    public List<String> classNames() {
        return encoder().classNames();
    }

    /** The predicted class label of each row, one of {@link #classes()}. */
    public int[] predict(Tensor x) {
        return encoder().inverseTransform(predictIndices(x));
    }

    /** The predicted class index of each row, 0…k−1. */
    abstract int[] predictIndices(Tensor x);

    /** The accuracy of {@link #predict} on (x, labels y). */
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
}
