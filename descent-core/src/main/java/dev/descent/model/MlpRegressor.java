package dev.descent.model;

import dev.descent.data.RegressionDataset;
import dev.descent.data.Standardization;
import dev.descent.optim.OptimizerConfig;
import dev.descent.random.Rng;
import dev.descent.tensor.Tensor;
import dev.descent.train.EarlyStopping;
import dev.descent.train.Trainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A multilayer perceptron for regression with the interface and defaults of scikit-learn's
 * {@code MLPRegressor}: {@link #fit}, {@link #partialFit}, {@link #predict}, {@link #score}
 * (R²), and {@link #save} to a model file that {@link Predictor#load} and
 * {@code descent predict MODEL} read. One target ({@code float[] y}) or several (a
 * {@link RegressionDataset} with {@code [n, k]} targets).
 *
 * <pre>{@code
 * RegressionDataset diabetes = BuiltInDatasets.diabetes();
 * MlpRegressor reg = new MlpRegressor().withLearningRate(0.01).withSeed(3).fit(diabetes);
 * float[] progression = reg.predict(rows);
 * reg.save(Path.of("diabetes.safetensors"));
 * }</pre>
 *
 * <p><b>The model</b> is {@code Linear → activation} per hidden width, then a linear output
 * per target, trained on the mean squared error {@code mean((ŷ − y)²)}. scikit-learn minimises
 * half of it, {@code ½·mean((ŷ − y)²)}: the same minimiser, and the gradients differ by the
 * constant factor 2, which Adam's update ignores (up to its ε). Features are standardised
 * with the training statistics first ({@link #withStandardize}, on by default, saved with the
 * model); the targets are used as given (the outputs start near 0, so large targets are
 * learnt faster scaled, or with a larger learning rate).
 *
 * <p><b>Training</b> is that of {@link MlpClassifier}: the one {@link Trainer}, mini-batches
 * of {@code min(batchSize, n)}, Adam, at most {@code maxEpochs} epochs, stopping when the
 * training loss has not fallen by more than {@code tol} for more than {@code patience}
 * epochs; with {@link #withEarlyStopping(double)} a random share of the rows is held out and
 * training stops when its loss (the mean squared error, so in squared target units, not
 * scikit-learn's R²; both rank epochs alike) has not fallen by more than {@code tol}, then the
 * best weights are put back ({@link EarlyStopping}).
 *
 * <p><b>alpha.</b> scikit-learn adds {@code (α/m)·W} to the gradient of its half mean squared
 * error on a batch of m examples. As Descent's loss is twice that, Descent adds
 * {@code (2α/b)·W} to the weight matrices' gradients (b = {@code min(batchSize, n)}, fixed when
 * the optimizer is made; biases not penalised): the whole gradient is exactly twice
 * scikit-learn's, so the minimiser is the same, save for the last smaller batch of an epoch.
 *
 * <p><b>Seeds.</b> One seed ({@link #withSeed}) fixes the initial weights, the validation
 * split and every epoch's order: the same seed and data give bit-identical weights.
 * Configuration methods return a new, unfitted estimator. Not thread-safe.
 */
public final class MlpRegressor {
    private static final String NAME = "MlpRegressor";
    /** The output's name for one target, as {@code descent train} names it. */
    private static final String TARGET = "target";
    private final MlpSettings settings;
    private MlpTraining training;

    /** scikit-learn's defaults: one hidden layer of 100 ReLUs, Adam lr 10⁻³, α 10⁻⁴, batches of 200, 200 epochs. */
    public MlpRegressor() {
        this(MlpSettings.DEFAULTS);
    }

    private MlpRegressor(MlpSettings settings) {
        this.settings = settings;
    }

    private MlpRegressor(MlpTraining training) {
        this.settings = training.settings();
        this.training = training;
    }

    /** The widths of the hidden layers, in order ({@code hidden_layer_sizes}); none gives linear regression. */
    public MlpRegressor withHiddenLayers(int... widths) {
        return new MlpRegressor(settings.withHiddenLayers(Arrays.stream(widths).boxed().toList()));
    }

    /** One of {@link dev.descent.nn.ModelSpec#ACTIVATIONS}: relu (default), tanh, sigmoid, gelu, … */
    public MlpRegressor withActivation(String activation) {
        return new MlpRegressor(settings.withActivation(activation));
    }

    /** Adam's learning rate ({@code learning_rate_init}, 10⁻³). */
    public MlpRegressor withLearningRate(double lr) {
        return new MlpRegressor(settings.withLearningRate(lr));
    }

    /** Another optimizer, e.g. {@code new Sgd(0.01).withMomentum(0.9)} ({@code solver='sgd'}). */
    public MlpRegressor withOptimizer(OptimizerConfig optimizer) {
        return new MlpRegressor(settings.withOptimizer(optimizer));
    }

    /** Examples per step, capped at the number of examples ({@code batch_size}, 200). */
    public MlpRegressor withBatchSize(int batchSize) {
        return new MlpRegressor(settings.withBatchSize(batchSize));
    }

    /** The most epochs {@link #fit} runs ({@code max_iter}, 200). */
    public MlpRegressor withMaxEpochs(int epochs) {
        return new MlpRegressor(settings.withMaxEpochs(epochs));
    }

    /** The L2 strength, scikit-learn's {@code alpha} (10⁻⁴); see the class comment. */
    public MlpRegressor withAlpha(double alpha) {
        return new MlpRegressor(settings.withAlpha(alpha));
    }

    /** Holds out a random {@code validationFraction} of the rows and stops on their loss ({@code early_stopping}). */
    public MlpRegressor withEarlyStopping(double validationFraction) {
        return new MlpRegressor(settings.withEarlyStopping(true, validationFraction));
    }

    /** Trains on all the data, stopping when the training loss stops falling (the default). */
    public MlpRegressor withoutEarlyStopping() {
        return new MlpRegressor(settings.withEarlyStopping(false, settings.validationFraction()));
    }

    /**
     * Stops after more than {@code epochs} epochs in a row without an improvement of more than
     * {@code tolerance} ({@code n_iter_no_change} 10, {@code tol} 10⁻⁴).
     */
    public MlpRegressor withPatience(int epochs, double tolerance) {
        return new MlpRegressor(settings.withStopping(epochs, tolerance));
    }

    /** Seeds the initial weights, the validation split and the shuffling ({@code random_state}, 0). */
    public MlpRegressor withSeed(long seed) {
        return new MlpRegressor(settings.withSeed(seed));
    }

    /** Whether to standardise the features with the training statistics first (true). */
    public MlpRegressor withStandardize(boolean standardize) {
        return new MlpRegressor(settings.withStandardize(standardize));
    }

    /**
     * Trains a new network on rows x and one target per row; returns this estimator.
     *
     * @throws IllegalArgumentException for empty, ragged or non-finite x or y, or a y of another length
     */
    public MlpRegressor fit(float[][] x, float[] y) {
        return fit(dataset(x, y, NAME + ".fit"));
    }

    /** Trains a new network on a data set of one or more targets per row; returns this estimator. */
    public MlpRegressor fit(RegressionDataset data) {
        String call = NAME + ".fit";
        requireTrainable(data, call);
        RegressionDataset train = data;
        RegressionDataset validation = null;
        if (settings.earlyStopping()) {
            int n = data.size();
            if (n < 2) {
                throw new IllegalArgumentException(call + ": early stopping holds out rows to validate on, which needs"
                        + " at least 2 rows; the data has " + n);
            }
            int held = (int) Math.min(n - 1, Math.max(1, Math.ceil(settings.validationFraction() * n)));
            int[] order = new Rng(MlpTraining.Seeds.of(settings.seed()).split()).permutation(n);
            validation = data.subset(Arrays.copyOfRange(order, 0, held)).withName(data.name() + "/validation");
            int[] rest = Arrays.copyOfRange(order, held, n);
            Arrays.sort(rest);
            train = data.subset(rest).withName(data.name() + "/train");
        }
        MlpTraining fresh = start(train);
        fresh.train(fresh.prepare(train), validation == null ? null : fresh.prepare(validation),
                settings.maxEpochs(), settings.earlyStopping()
                        ? new EarlyStopping(EarlyStopping.Metric.VALIDATION_LOSS, settings.patience(),
                                settings.tolerance(), true)
                        : new TrainingLossPlateau(settings.patience(), settings.tolerance()));
        training = fresh;
        return this;
    }

    /**
     * One epoch on (x, y) from the current weights; the first call starts the network (and
     * fits the standardisation on this x). The optimizer's state carries over from call to
     * call; no early stopping.
     */
    public MlpRegressor partialFit(float[][] x, float[] y) {
        return partialFit(dataset(x, y, NAME + ".partialFit"), NAME + ".partialFit");
    }

    /** One epoch on a data set, as {@link #partialFit(float[][], float[])}. */
    public MlpRegressor partialFit(RegressionDataset data) {
        return partialFit(data, NAME + ".partialFit");
    }

    private MlpRegressor partialFit(RegressionDataset data, String call) {
        requireTrainable(data, call);
        if (training == null) {
            training = start(data);
        } else {
            FeatureRows.requireWidth(data.featureCount(), training.features(), call);
            if (data.targetCount() != training.outputs()) {
                throw new IllegalArgumentException(call + ": the data has " + data.targetCount() + " targets per row"
                        + " but the model predicts " + training.outputs());
            }
        }
        training.train(training.prepare(data), null, 1, null);
        return this;
    }

    private MlpTraining start(RegressionDataset train) {
        Standardization.Fitted scaling = settings.standardize() ? new Standardization().fit(train) : null;
        int k = train.targetCount();
        List<String> names = k == 1 ? List.of(TARGET) : ModelBundle.indexNames(k);
        return MlpTraining.fresh(settings, train.featureCount(), ModelBundle.Task.REGRESSION, names, scaling);
    }

    /** The prediction for each row of a one-target model. */
    public float[] predict(float[][] x) {
        float[][] values = predictValues(x);
        if (training.outputs() != 1) {
            throw new IllegalStateException(NAME + ".predict: the model predicts " + training.outputs()
                    + " targets per row; use predictValues");
        }
        float[] column = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            column[i] = values[i][0];
        }
        return column;
    }

    /** The predictions for each row, rows × targets. */
    public float[][] predictValues(float[][] x) {
        String call = NAME + ".predict";
        MlpTraining fitted = fitted(call);
        FeatureRows.requirePredictable(x, fitted.features(), call);
        return fitted.predictor().predictValues(x);
    }

    /** The predictions for each example of a data set of raw features, examples × targets. */
    public float[][] predictValues(RegressionDataset data) {
        String call = NAME + ".predict";
        MlpTraining fitted = fitted(call);
        FeatureRows.requireWidth(data.featureCount(), fitted.features(), call);
        FeatureRows.requireFinite(data.features(), call);
        return fitted.predictor().predictValues(data);
    }

    /**
     * The coefficient of determination R² = 1 − Σ(y − ŷ)² / Σ(y − ȳ)² on (x, y); for constant
     * y, 1 when the predictions are exact and 0 otherwise (as scikit-learn's {@code r2_score}).
     */
    public double score(float[][] x, float[] y) {
        if (y.length != x.length) {
            throw new IllegalArgumentException(NAME + ".score: x has " + x.length + " rows but y has " + y.length
                    + " targets");
        }
        float[][] predicted = predictValues(x);
        return r2(predicted, Tensor.wrap(y, y.length, 1), 0);
    }

    /** R² on a data set, the mean over its targets (scikit-learn's {@code uniform_average}). */
    public double score(RegressionDataset data) {
        float[][] predicted = predictValues(data);
        Tensor targets = data.targets().rank() == 1 ? data.targets().reshape(data.size(), 1) : data.targets();
        double sum = 0;
        for (int c = 0; c < data.targetCount(); c++) {
            sum += r2(predicted, targets, c);
        }
        return sum / data.targetCount();
    }

    private static double r2(float[][] predicted, Tensor targets, int column) {
        int n = predicted.length;
        double mean = 0;
        for (int i = 0; i < n; i++) {
            mean += targets.get(i, column);
        }
        mean /= n;
        double residual = 0;
        double total = 0;
        for (int i = 0; i < n; i++) {
            double y = targets.get(i, column);
            residual += (y - predicted[i][column]) * (y - predicted[i][column]);
            total += (y - mean) * (y - mean);
        }
        if (total == 0) {
            return residual == 0 ? 1 : 0;
        }
        return 1 - residual / total;
    }

    /**
     * Writes the model (weights, architecture, standardisation, settings) to one safetensors
     * file, replacing it atomically: {@link #load}, {@link Predictor#load} and
     * {@code descent predict} read it.
     */
    public void save(Path file) throws IOException {
        fitted(NAME + ".save").save(file, NAME);
    }

    /**
     * Reads a model saved by {@link #save}, or any regression model saved with its bundle (a
     * run directory stands for its {@code model.safetensors}). It predicts as the saved one
     * did, bit for bit; {@link #partialFit} trains it further with a new Adam optimizer at the
     * saved learning rate.
     *
     * @throws IllegalArgumentException when the file holds a classifier
     */
    public static MlpRegressor load(Path path) throws IOException {
        Path file = Files.isDirectory(path) ? path.resolve("model.safetensors") : path;
        ModelBundle.Loaded loaded = ModelBundle.load(file);
        if (loaded.bundle().task() != ModelBundle.Task.REGRESSION) {
            throw new IllegalArgumentException(file + " holds a classifier; load it with MlpClassifier.load");
        }
        return new MlpRegressor(MlpTraining.loaded(loaded, file.toString()));
    }

    /** The number of targets the model predicts per row. */
    public int targetCount() {
        return fitted(NAME + ".targetCount").outputs();
    }

    /** The number of features the model was fitted on. */
    public int featureCount() {
        return fitted(NAME + ".featureCount").features();
    }

    /** The mean training loss (MSE) of every epoch so far, over fits' and partial fits' epochs ({@code loss_curve_}). */
    public double[] lossCurve() {
        return fitted(NAME + ".lossCurve").lossCurve();
    }

    /** The held-out R² after each epoch with early stopping ({@code validation_scores_}); else empty. */
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
                    + " partialFit(x, y) or MlpRegressor.load(file) first");
        }
        return training;
    }

    private static RegressionDataset dataset(float[][] x, float[] y, String call) {
        Tensor features = FeatureRows.matrix(x, call);
        if (y == null || y.length != x.length) {
            throw new IllegalArgumentException(call + ": x has " + x.length + " rows but y has "
                    + (y == null ? "none" : y.length + " targets") + "; give one target per row");
        }
        for (int i = 0; i < y.length; i++) {
            if (!Float.isFinite(y[i])) {
                throw new IllegalArgumentException(call + ": y[row " + i + "] is " + y[i] + "; targets must be finite");
            }
        }
        return new RegressionDataset("x", features, Tensor.wrap(y.clone(), y.length), List.of());
    }

    private static void requireTrainable(RegressionDataset data, String call) {
        if (data.size() == 0) {
            throw new IllegalArgumentException(call + ": dataset '" + data.name() + "' is empty");
        }
        FeatureRows.requireFinite(data.features(), call);
    }
}
