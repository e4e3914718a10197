package dev.descent.linear;

import dev.descent.autodiff.SoftmaxOps;
import dev.descent.data.Dataset;
import dev.descent.data.LabelEncoder;
import dev.descent.loss.BinaryCrossEntropyWithLogits;
import dev.descent.loss.ClassificationLoss;
import dev.descent.loss.SoftmaxCrossEntropy;
import dev.descent.model.ModelBundle;
import dev.descent.optim.Sgd;
import dev.descent.solver.Lbfgs;
import dev.descent.solver.StoppingCriteria;
import dev.descent.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Logistic regression, binary or multinomial, minimising the mean cross-entropy plus λ‖W‖²
 * (the intercepts not penalised):
 *
 * <ul>
 *   <li>two classes: one score z = xᵀw + b per example and the logistic loss
 *       log(1 + e^(−y·z)) (the lectures' model; the first class maps to y = −1, the second to
 *       y = +1);</li>
 *   <li>k &gt; 2 classes: k scores and the softmax cross-entropy (multinomial).</li>
 * </ul>
 *
 * <p><b>Labels.</b> As in scikit-learn, the labels may be any integers: {−1, 1}, {1, 2} or
 * {0, 1} are all two classes. The classes are the distinct labels, sorted ({@link #classes()},
 * scikit-learn's {@code classes_}); {@link #predict} returns labels from them, and the columns
 * of {@link #predictProba} are in their order. A {@link Dataset}'s labels are already the
 * indices of its classes, so a fit on one has classes 0…k−1, named by its class names.
 *
 * It has no closed form; by default it is fitted by full-batch L-BFGS until the gradient has
 * fallen by 10⁵ from its start ({@link StoppingCriteria#forFloat32()}, as the objective is
 * computed in float32), or as far as float32 lets it ({@link dev.descent.solver.StopReason#PRECISION_LIMIT},
 * also convergence); {@link #withMethod}
 * takes any solver or optimizer, and {@link FitMethod#newton()} Newton's method (IRLS) for two
 * classes.
 *
 * <p><b>scikit-learn's C.</b> {@code sklearn.linear_model.LogisticRegression(C=C)} (penalty
 * l2, the multinomial loss for k &gt; 2 classes, one weight vector for two) minimises
 * {@code C·Σᵢ loss + ½‖W‖²}. Divided by {@code C·n}, that is this objective with
 * {@code λ = 1/(2·C·n)}, which depends on the number of rows: {@link #ofC(double)} keeps C and
 * resolves λ at each fit from that fit's n ({@link #lambdaFor(int)}), so it fits the same
 * weights as scikit-learn on any data.
 *
 * <p><b>Partial fits.</b> {@link #partialFit(Tensor, int[], int[])} takes one pass of
 * mini-batch training over the rows it is given from the current weights (starting from zero
 * at the first call), minimising that pass's objective (λ from its own n under
 * {@link #ofC}); the optimizer's state carries over between passes. It uses the
 * {@link FitMethod.MiniBatch} given to {@link #withMethod}, otherwise SGD with lr 0.01 in
 * batches of 32 (seed 0).
 *
 * <p><b>Saving.</b> {@link #save} writes a model file ({@code ModelSpec.linear}, the class
 * names and labels, the penalty) that {@link #load}, {@link dev.descent.model.Predictor#load}
 * and {@code descent predict} read; a binary model is saved as its one logit with two class
 * names. A loaded model predicts the saved labels; files saved before the labels were kept
 * load with the labels 0…k−1, as they were fitted.
 *
 * <pre>{@code
 * LogisticRegression clf = LogisticRegression.ofC(1.0).fit(x, labels);   // sklearn's default C
 * double accuracy = clf.score(xTest, labelsTest);
 * clf.save(Path.of("clf.safetensors"));
 * }</pre>
 */
public final class LogisticRegression extends LinearClassifier {
    private static final String NAME = "LogisticRegression";
    private static final FitMethod.MiniBatch PARTIAL_FIT = new FitMethod.MiniBatch(new Sgd(0.01), null, 1, 32, 0);
    private final Penalty penalty;
    private final FitMethod method;

    /** Unpenalised logistic regression. */
    public LogisticRegression() {
        this(0);
    }

    /** Logistic regression with penalty λ‖W‖². */
    public LogisticRegression(double lambda) {
        this(new Penalty(Penalty.Kind.LAMBDA, lambda), defaultMethod());
    }

    private LogisticRegression(Penalty penalty, FitMethod method) {
        this.penalty = penalty;
        this.method = method;
    }

    /**
     * L-BFGS until the gradient has fallen by 10⁵ ({@link StoppingCriteria#forFloat32()}): the
     * objective is computed in float32, where an absolute tolerance such as 10⁻⁶ may be out of
     * reach, depending on the scale of the features.
     */
    private static FitMethod defaultMethod() {
        return FitMethod.fullBatch(Lbfgs.defaults(), StoppingCriteria.forFloat32().withMaxIterations(1000));
    }

    /**
     * scikit-learn's {@code LogisticRegression(C=c)}: the objective {@code C·Σ loss + ½‖W‖²},
     * that is λ = 1/(2·C·n) for a fit on n rows.
     *
     * @param c the inverse of the penalty's strength, finite and &gt; 0 (scikit-learn's default is 1)
     */
    public static LogisticRegression ofC(double c) {
        return new LogisticRegression(new Penalty(Penalty.Kind.INVERSE_C, c), defaultMethod());
    }

    /** The same model fitted by another method (a new, unfitted estimator). */
    public LogisticRegression withMethod(FitMethod newMethod) {
        return new LogisticRegression(penalty, newMethod);
    }

    /** The λ of a fit on {@code n} rows: the one given, or 1/(2·C·n) for {@link #ofC}. */
    public double lambdaFor(int n) {
        return penalty.lambda(n);
    }

    /**
     * Fits to features x [n, d] and labels y, any integers, of at least two classes (see the
     * class comment); returns this estimator.
     */
    public LogisticRegression fit(Tensor x, int[] y) {
        LabelEncoder classes = classesOf(y, 2, NAME);
        return fit(x, classes.transform(y), classes);
    }

    /** Fits to a data set, for its number of classes, keeping its class names; returns this estimator. */
    public LogisticRegression fit(Dataset data) {
        if (data.classes() < 2) {
            throw new IllegalArgumentException("dataset '" + data.name() + "' has " + data.classes() + " class;"
                    + " logistic regression needs at least 2");
        }
        return fit(data.features(), data.labels(), classesOf(data));
    }

    /** Fits to the class indices {@code y} of {@code classes}. */
    private LogisticRegression fit(Tensor x, int[] y, LabelEncoder classes) {
        double lambda = penalty.lambda(y.length);
        boolean binary = classes.classCount() == 2;
        if (method instanceof FitMethod.Newton newton) {
            if (!binary) {
                throw new IllegalArgumentException("FitMethod.newton() fits binary logistic regression only (two"
                        + " classes); for " + classes.classCount() + " classes use L-BFGS: FitMethod.fullBatch("
                        + "Lbfgs.defaults(), …)");
            }
            fitByNewton(x, y, classes, lambda, newton);
            return this;
        }
        fitClassifier(x, y, classes, binary ? 1 : classes.classCount(), loss(classes.classCount()), lambda, method);
        return this;
    }

    /**
     * One pass of mini-batch training on (x, labels y) from the current weights (see the class
     * comment). The first call, unless the model was fitted or loaded, starts a zero model for
     * {@code classes}, every label that may appear (they need not all be in this y), as
     * scikit-learn's {@code partial_fit(X, y, classes)}; later calls may give the same classes.
     *
     * @throws IllegalArgumentException when a label is not among the classes, or the classes differ from the model's
     */
    public LogisticRegression partialFit(Tensor x, int[] y, int[] classes) {
        LabelEncoder encoder = classesOf(classes, 2, NAME + ".partialFit's classes");
        if (fitted() && !Arrays.equals(encoder.classes(), classes())) {
            throw new IllegalArgumentException("partialFit: classes are " + Arrays.toString(encoder.classes())
                    + " but the model has classes " + Arrays.toString(classes()));
        }
        FitMethod.MiniBatch pass = method instanceof FitMethod.MiniBatch miniBatch ? miniBatch : PARTIAL_FIT;
        // a loaded two-class model may score both classes (softmax) rather than one logit
        int k = encoder.classCount();
        int outputs = fitted() ? layer().outFeatures() : k == 2 ? 1 : k;
        partialFitClassifier(x, y, fitted() ? encoder() : encoder, outputs, outputs == 1
                ? new BinaryCrossEntropyWithLogits() : new SoftmaxCrossEntropy(), penalty.lambda(y.length), pass);
        return this;
    }

    /** One more pass, after a first {@code partialFit(x, y, classes)}, a fit or a load. */
    public LogisticRegression partialFit(Tensor x, int[] y) {
        if (!fitted()) {
            throw new IllegalStateException("partialFit: the first call must say which classes there are:"
                    + " partialFit(x, y, classes)");
        }
        return partialFit(x, y, classes());
    }

    private static ClassificationLoss loss(int classes) {
        return classes == 2 ? new BinaryCrossEntropyWithLogits() : new SoftmaxCrossEntropy();
    }

    /** Class probabilities, [n, k], columns in the order of {@link #classes()}: each row sums to 1. */
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

    /** The scores x·Wᵀ + b, [n, 1] for two classes (the logit of the second class), else [n, k]. */
    public Tensor decisionFunction(Tensor x) {
        return outputs(x);
    }

    @Override
    int[] predictIndices(Tensor x) {
        Tensor scores = outputs(x);
        int n = scores.dim(0);
        int k = scores.dim(1);
        int[] predicted = new int[n];
        for (int i = 0; i < n; i++) {
            if (k == 1) {
                predicted[i] = scores.get(i) > 0 ? 1 : 0; // z = 0 goes to the first class, as in scikit-learn
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

    /**
     * Writes the fitted model to one safetensors file: one linear layer ({@code 0.weight},
     * {@code 0.bias}), the class names and labels, and the penalty; a binary model keeps its one
     * logit.
     */
    public void save(Path file) throws IOException {
        saveClassifier(file, penalty.info(NAME));
    }

    /**
     * Reads a model saved by {@link #save} (or any classifier of one linear layer on raw
     * features): it predicts as the saved one did; its penalty is the saved one, its fit
     * method the default.
     *
     * @throws IllegalArgumentException naming the file when it holds another kind of model
     */
    public static LogisticRegression load(Path file) throws IOException {
        ModelBundle.Loaded loaded = readBundle(file, ModelBundle.Task.CLASSIFICATION, NAME);
        LogisticRegression model = new LogisticRegression(Penalty.fromInfo(loaded.bundle().info(), file.toString()),
                defaultMethod());
        model.adoptClassifier(loaded);
        return model;
    }

    @Override
    public String toString() {
        return NAME + "(" + penalty.describe() + ") by " + method;
    }
}
