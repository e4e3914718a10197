package dev.descent.model;

import dev.descent.data.Dataset;
import dev.descent.data.HoldOutSplit;
import dev.descent.data.LabelEncoder;
import dev.descent.data.Splits;
import dev.descent.data.Standardization;
import dev.descent.optim.OptimizerConfig;
import dev.descent.tensor.Tensor;
import dev.descent.train.EarlyStopping;
import dev.descent.train.Trainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A multilayer perceptron classifier with the interface and defaults of scikit-learn's
 * {@code MLPClassifier}: {@link #fit}, {@link #partialFit}, {@link #predict},
 * {@link #predictProba}, {@link #score} (accuracy), and {@link #save} to a model file that
 * {@link Predictor#load} and {@code descent predict MODEL} read.
 *
 * <pre>{@code
 * Dataset iris = BuiltInDatasets.iris();
 * MlpClassifier clf = new MlpClassifier().withHiddenLayers(32).withSeed(7).fit(iris);
 * int[] labels = clf.predict(new float[][] {{5.1f, 3.5f, 1.4f, 0.2f}});    // 0, "setosa"
 * clf.save(Path.of("iris.safetensors"));
 * float[][] p = Predictor.load(Path.of("iris.safetensors")).predictProba(rows);  // the same bits
 * }</pre>
 *
 * <p><b>Labels.</b> As in scikit-learn, {@link #fit(float[][], int[])} takes any integer labels:
 * {−1, 1} or {1, 2} are two classes. The classes are the distinct labels, sorted
 * ({@link #classes()}, scikit-learn's {@code classes_}); {@link #predict} answers with them and
 * {@link #predictProba}'s columns follow their order. A {@link Dataset}'s labels are the
 * indices of its classes, so a fit on one has classes 0…k−1, named by its class names. A saved
 * model keeps its labels; files saved before it did load with the labels 0…k−1.
 *
 * <p><b>The model.</b> {@code Linear → activation} per hidden width, then one logit per class
 * ({@link dev.descent.nn.ModelSpec#mlp}), trained with the softmax cross-entropy (the mean of
 * −log p over the batch). Two classes get two logits and a softmax too, where scikit-learn has
 * one logistic unit: the same family of models. The weights start as PyTorch's
 * {@code nn.Linear} (uniform in ±1/√fan_in) where scikit-learn uses Glorot's uniform range.
 * Features are standardised with the training statistics first ({@link #withStandardize},
 * on by default, saved with the model); scikit-learn leaves scaling to a pipeline.
 *
 * <p><b>Training</b> goes through the one {@link Trainer}: mini-batches of
 * {@code min(batchSize, n)} (default 200) in a new order each epoch, Adam with lr 10⁻³ (β
 * 0.9, 0.999, ε 10⁻⁸) by default, at most {@code maxEpochs} (200) epochs. Without early
 * stopping it stops when the mean training loss has not fallen by more than {@code tol}
 * (10⁻⁴) for more than {@code patience} (10) epochs in a row; with
 * {@link #withEarlyStopping(double)} it holds out that stratified share of the data and stops
 * when the held-out accuracy has not risen by more than {@code tol} for more than
 * {@code patience} epochs, then puts back the best weights ({@link EarlyStopping}).
 *
 * <p><b>alpha.</b> scikit-learn's {@code alpha} adds {@code (α/2m)·Σ‖W‖²} to its loss on a
 * batch of m examples, so {@code (α/m)·W} to each weight matrix's gradient (biases are not
 * penalised). Descent adds the same {@code (α/b)·W} with b = {@code min(batchSize, n)} fixed
 * when the optimizer is made (the first fit or partial fit), through
 * {@link dev.descent.optim.Regularizer#l2} on the {@code *.weight} parameters, before Adam's
 * scaling as in scikit-learn. The one difference is the last, smaller batch of an epoch,
 * where scikit-learn divides by its own size.
 *
 * <p><b>Seeds.</b> One seed ({@link #withSeed}, default 0) fixes the initial weights, the
 * validation split and every epoch's order: the same seed and data give bit-identical
 * weights. Configuration methods return a new, unfitted estimator; the estimator itself is
 * changed only by fitting. Not thread-safe.
 */
public final class MlpClassifier {
    private static final String NAME = "MlpClassifier";
    private final MlpSettings settings;
    private MlpTraining training;

    /** scikit-learn's defaults: one hidden layer of 100 ReLUs, Adam lr 10⁻³, α 10⁻⁴, batches of 200, 200 epochs. */
    public MlpClassifier() {
        this(MlpSettings.DEFAULTS);
    }

    private MlpClassifier(MlpSettings settings) {
        this.settings = settings;
    }

    private MlpClassifier(MlpTraining training) {
        this.settings = training.settings();
        this.training = training;
    }

    /** The widths of the hidden layers, in order ({@code hidden_layer_sizes}); none gives softmax regression. */
    public MlpClassifier withHiddenLayers(int... widths) {
        return new MlpClassifier(settings.withHiddenLayers(Arrays.stream(widths).boxed().toList()));
    }

    /** One of {@link dev.descent.nn.ModelSpec#ACTIVATIONS}: relu (default), tanh, sigmoid, gelu, … */
    public MlpClassifier withActivation(String activation) {
        return new MlpClassifier(settings.withActivation(activation));
    }

    /** Adam's learning rate ({@code learning_rate_init}, 10⁻³). */
    public MlpClassifier withLearningRate(double lr) {
        return new MlpClassifier(settings.withLearningRate(lr));
    }

    /** Another optimizer, e.g. {@code new Sgd(0.1).withMomentum(0.9)} ({@code solver='sgd'}). */
    public MlpClassifier withOptimizer(OptimizerConfig optimizer) {
        return new MlpClassifier(settings.withOptimizer(optimizer));
    }

    /** Examples per step, capped at the number of examples ({@code batch_size}, 200). */
    public MlpClassifier withBatchSize(int batchSize) {
        return new MlpClassifier(settings.withBatchSize(batchSize));
    }

    /** The most epochs {@link #fit} runs ({@code max_iter}, 200). */
    public MlpClassifier withMaxEpochs(int epochs) {
        return new MlpClassifier(settings.withMaxEpochs(epochs));
    }

    /** The L2 strength, scikit-learn's {@code alpha} (10⁻⁴); see the class comment. */
    public MlpClassifier withAlpha(double alpha) {
        return new MlpClassifier(settings.withAlpha(alpha));
    }

    /** Holds out {@code validationFraction} of each class and stops on its accuracy ({@code early_stopping}). */
    public MlpClassifier withEarlyStopping(double validationFraction) {
        return new MlpClassifier(settings.withEarlyStopping(true, validationFraction));
    }

    /** Trains on all the data, stopping when the training loss stops falling (the default). */
    public MlpClassifier withoutEarlyStopping() {
        return new MlpClassifier(settings.withEarlyStopping(false, settings.validationFraction()));
    }

    /**
     * Stops after more than {@code epochs} epochs in a row without an improvement of more than
     * {@code tolerance} ({@code n_iter_no_change} 10, {@code tol} 10⁻⁴).
     */
    public MlpClassifier withPatience(int epochs, double tolerance) {
        return new MlpClassifier(settings.withStopping(epochs, tolerance));
    }

    /** Seeds the initial weights, the validation split and the shuffling ({@code random_state}, 0). */
    public MlpClassifier withSeed(long seed) {
        return new MlpClassifier(settings.withSeed(seed));
    }

    /** Whether to standardise the features with the training statistics first (true). */
    public MlpClassifier withStandardize(boolean standardize) {
        return new MlpClassifier(settings.withStandardize(standardize));
    }

    /**
     * Trains a new network on rows x and labels y, any integers of at least two classes (see
     * the class comment; the classes are named by their labels); returns this estimator.
     *
     * @throws IllegalArgumentException for empty, ragged or non-finite x, or labels that do not fit
     */
    public MlpClassifier fit(float[][] x, int[] y) {
        String call = NAME + ".fit";
        Tensor features = FeatureRows.matrix(x, call);
        requireOneLabelPerRow(y, x.length, call);
        LabelEncoder classes = LabelEncoder.fit(y);
        if (classes.classCount() < 2) {
            throw new IllegalArgumentException(call + ": y has only the class " + classes.classNames()
                    + "; a classifier needs labels of at least 2 classes");
        }
        fit(new Dataset("x", features, classes.transform(y), classes.classCount(), classes.classNames()), classes);
        return this;
    }

    /** Trains a new network on a data set, keeping its class names; returns this estimator. */
    public MlpClassifier fit(Dataset data) {
        return fit(data, classesOf(data));
    }

    /** Trains on {@code data}, whose labels are the indices of {@code classes}. */
    private MlpClassifier fit(Dataset data, LabelEncoder classes) {
        String call = NAME + ".fit";
        requireTrainable(data, call);
        Dataset train = data;
        Dataset validation = null;
        if (settings.earlyStopping()) {
            HoldOutSplit split = Splits.holdOut(data, settings.validationFraction(),
                    MlpTraining.Seeds.of(settings.seed()).split());
            train = split.train();
            validation = split.heldOut();
        }
        MlpTraining fresh = start(train, classes);
        fresh.train(fresh.prepare(train), validation == null ? null : fresh.prepare(validation),
                settings.maxEpochs(), settings.earlyStopping()
                        ? new EarlyStopping(EarlyStopping.Metric.VALIDATION_ACCURACY, settings.patience(),
                                settings.tolerance(), true)
                        : new TrainingLossPlateau(settings.patience(), settings.tolerance()));
        training = fresh;
        return this;
    }

    /**
     * One epoch on (x, labels y) from the current weights. The first call starts the network
     * for {@code classes}, every label that may appear (as scikit-learn's {@code classes}
     * argument), fitting the standardisation on this x; later calls may give the same classes or
     * use {@link #partialFit(float[][], int[])}. The optimizer's state carries over from call to
     * call; no early stopping.
     *
     * @throws IllegalArgumentException for a label not among the classes, or classes other than the model's
     */
    public MlpClassifier partialFit(float[][] x, int[] y, int[] classes) {
        String call = NAME + ".partialFit";
        LabelEncoder encoder = LabelEncoder.fit(classes);
        if (encoder.classCount() < 2) {
            throw new IllegalArgumentException(call + ": classes must name at least 2 classes, got "
                    + Arrays.toString(classes));
        }
        if (training != null && !Arrays.equals(encoder.classes(), classes())) {
            throw new IllegalArgumentException(call + ": classes are " + Arrays.toString(encoder.classes())
                    + " but the model was started with " + Arrays.toString(classes()));
        }
        Tensor features = FeatureRows.matrix(x, call);
        requireOneLabelPerRow(y, x.length, call);
        LabelEncoder modelClasses = training != null ? training.bundle().classLabels() : encoder;
        int[] indices;
        try {
            indices = modelClasses.transform(y);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(call + ": " + e.getMessage(), e);
        }
        return partialFit(new Dataset("x", features, indices, modelClasses.classCount(), modelClasses.classNames()),
                modelClasses, call);
    }

    /** One more epoch on (x, y), after a first {@code partialFit(x, y, classes)}, a fit or a load. */
    public MlpClassifier partialFit(float[][] x, int[] y) {
        String call = NAME + ".partialFit";
        if (training == null) {
            throw new IllegalStateException(call + ": the first call must say which classes there are:"
                    + " partialFit(x, y, classes) or partialFit(dataset)");
        }
        return partialFit(x, y, classes());
    }

    /** One epoch on a data set; its number of classes (and names, on the first call) start the network. */
    public MlpClassifier partialFit(Dataset data) {
        return partialFit(data, classesOf(data), NAME + ".partialFit");
    }

    private MlpClassifier partialFit(Dataset data, LabelEncoder classes, String call) {
        requireTrainable(data, call);
        if (training == null) {
            training = start(data, classes);
        } else {
            FeatureRows.requireWidth(data.featureCount(), training.features(), call);
            if (data.classes() != training.outputs()) {
                throw new IllegalArgumentException(call + ": the data has " + data.classes() + " classes but the"
                        + " model was started with " + training.outputs());
            }
        }
        training.train(training.prepare(data), null, 1, null);
        return this;
    }

    private MlpTraining start(Dataset train, LabelEncoder classes) {
        Standardization.Fitted scaling = settings.standardize() ? new Standardization().fit(train) : null;
        return MlpTraining.freshClassifier(settings, train.featureCount(), classes, scaling);
    }

    /** The classes of a data set: its labels are the indices 0…k−1, named by its class names. */
    private static LabelEncoder classesOf(Dataset data) {
        return LabelEncoder.ofIndices(data.classNames().isEmpty() ? ModelBundle.indexNames(data.classes())
                : data.classNames());
    }

    /** The predicted class label of each row, one of {@link #classes()}. */
    public int[] predict(float[][] x) {
        Predictor predictor = fitted(NAME + ".predict", x);
        return labels(predictor.predict(x));
    }

    private int[] labels(int[] indices) {
        return training.bundle().classLabels().inverseTransform(indices);
    }

    /** Each row's probability of each class, rows × classes in the order of {@link #classes()}; each row sums to 1. */
    public float[][] predictProba(float[][] x) {
        Predictor predictor = fitted(NAME + ".predictProba", x);
        return predictor.predictProba(x);
    }

    /**
     * The predicted class label of each example of a data set of raw features; a data set's
     * own labels are class indices, so compare them with this only when the model's classes are
     * 0…k−1 (it was fitted on a data set, or on such labels).
     */
    public int[] predict(Dataset data) {
        return labels(fitted(NAME + ".predict", data).predict(data));
    }

    /** Each example's class probabilities, examples × classes. */
    public float[][] predictProba(Dataset data) {
        return fitted(NAME + ".predictProba", data).predictProba(data);
    }

    /** The accuracy of {@link #predict} on (x, labels y). */
    public double score(float[][] x, int[] y) {
        if (y.length != x.length) {
            throw new IllegalArgumentException(NAME + ".score: x has " + x.length + " rows but y has " + y.length
                    + " labels");
        }
        return accuracy(predict(x), y);
    }

    /** The accuracy of {@link #predict} on a data set, against its labels (class indices; see {@link #predict(Dataset)}). */
    public double score(Dataset data) {
        return accuracy(predict(data), data.labels());
    }

    private static double accuracy(int[] predicted, int[] y) {
        int correct = 0;
        for (int i = 0; i < y.length; i++) {
            correct += predicted[i] == y[i] ? 1 : 0;
        }
        return (double) correct / y.length;
    }

    /**
     * Writes the model (weights, architecture, class names, standardisation, settings) to one
     * safetensors file, replacing it atomically: {@link #load}, {@link Predictor#load} and
     * {@code descent predict} read it.
     */
    public void save(Path file) throws IOException {
        fitted(NAME + ".save").save(file, NAME);
    }

    /**
     * Reads a model saved by {@link #save}, or any classifier saved with its bundle (e.g. by
     * {@code descent train}; a run directory stands for its {@code model.safetensors}). It
     * predicts as the saved one did, bit for bit; {@link #partialFit} trains it further with a
     * new Adam optimizer at the saved learning rate.
     *
     * @throws IllegalArgumentException when the file holds a regression model or a one-logit binary classifier
     */
    public static MlpClassifier load(Path path) throws IOException {
        Path file = Files.isDirectory(path) ? path.resolve("model.safetensors") : path;
        ModelBundle.Loaded loaded = ModelBundle.load(file);
        if (loaded.bundle().task() != ModelBundle.Task.CLASSIFICATION) {
            throw new IllegalArgumentException(file + " holds a regression model; load it with MlpRegressor.load");
        }
        if (loaded.bundle().binaryLogit()) {
            throw new IllegalArgumentException(file + " holds a binary classifier with one logit (binary"
                    + " cross-entropy), not one logit per class; load it with Predictor.load or LogisticRegression.load");
        }
        return new MlpClassifier(MlpTraining.loaded(loaded, file.toString()));
    }

    /** The class names, in the order of {@link #classes()}: a data set's names, or the labels as text. */
    public List<String> classNames() {
        return fitted(NAME + ".classNames").bundle().outputNames();
    }

    /**
     * The class labels, sorted: the distinct labels of the training y (scikit-learn's
     * {@code classes_}), or 0…k−1 after a fit on a data set.
     */
    public int[] classes() {
        return fitted(NAME + ".classes").bundle().classLabels().classes();
    }

    /** The number of classes. */
    public int classCount() {
        return fitted(NAME + ".classCount").outputs();
    }

    /** The number of features the model was fitted on. */
    public int featureCount() {
        return fitted(NAME + ".featureCount").features();
    }

    /** The mean training loss of every epoch so far, over fits' and partial fits' epochs ({@code loss_curve_}). */
    public double[] lossCurve() {
        return fitted(NAME + ".lossCurve").lossCurve();
    }

    /** The held-out accuracy after each epoch with early stopping ({@code validation_scores_}); else empty. */
    public double[] validationScores() {
        return fitted(NAME + ".validationScores").validationScores();
    }

    /** Epochs trained so far ({@code n_iter_}). */
    public int epochsDone() {
        return fitted(NAME + ".epochsDone").epochsDone();
    }

    /** Why the last fit stopped before its last epoch (convergence or early stopping), or null. */
    public String stopReason() {
        return fitted(NAME + ".stopReason").stopReason();
    }

    /** The fitted model as a {@link Predictor}; it shares the weights, so further fitting changes it. */
    public Predictor predictor() {
        return fitted(NAME + ".predictor").predictor();
    }

    @Override
    public String toString() {
        return NAME + "(" + settings.describe() + ")";
    }

    private MlpTraining fitted(String call) {
        if (training == null) {
            throw new IllegalStateException(call + ": this " + NAME + " is not fitted yet; call fit(x, y),"
                    + " partialFit(x, y, classes) or MlpClassifier.load(file) first");
        }
        return training;
    }

    private Predictor fitted(String call, float[][] x) {
        MlpTraining fitted = fitted(call);
        FeatureRows.requirePredictable(x, fitted.features(), call);
        return fitted.predictor();
    }

    private Predictor fitted(String call, Dataset data) {
        MlpTraining fitted = fitted(call);
        FeatureRows.requireWidth(data.featureCount(), fitted.features(), call);
        FeatureRows.requireFinite(data.features(), call);
        return fitted.predictor();
    }

    private static void requireTrainable(Dataset data, String call) {
        if (data.size() == 0) {
            throw new IllegalArgumentException(call + ": dataset '" + data.name() + "' is empty");
        }
        if (data.classes() < 2) {
            throw new IllegalArgumentException(call + ": dataset '" + data.name() + "' has " + data.classes()
                    + " class; a classifier needs at least 2");
        }
        FeatureRows.requireFinite(data.features(), call);
    }

    private static void requireOneLabelPerRow(int[] y, int rows, String call) {
        if (y == null || y.length != rows) {
            throw new IllegalArgumentException(call + ": x has " + rows + " rows but y has "
                    + (y == null ? "none" : y.length + " labels") + "; give one label per row");
        }
    }
}
