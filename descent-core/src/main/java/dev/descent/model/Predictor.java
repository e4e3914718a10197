package dev.descent.model;

import dev.descent.autodiff.SoftmaxOps;
import dev.descent.autodiff.Tape;
import dev.descent.data.Dataset;
import dev.descent.data.RegressionDataset;
import dev.descent.kernel.ComputeThreads;
import dev.descent.nn.Layer;
import dev.descent.tensor.Tensor;
import dev.descent.train.Evaluator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A trained model applied to new data: raw features in, the saved preprocessing applied, then
 * the model's forward pass in evaluation mode, in batches of up to {@value #BATCH} rows (fewer
 * for a network with large feature maps).
 *
 * <pre>{@code
 * Predictor predictor = Predictor.load(Path.of("runs/iris-mlp-…"));   // or the .safetensors file
 * int[] classes = predictor.predict(new float[][] {{5.1f, 3.5f, 1.4f, 0.2f}});
 * String name = predictor.outputNames().get(classes[0]);              // "setosa"
 * float[][] p = predictor.predictProba(rows);
 * }</pre>
 *
 * <p>Rows are the raw feature vectors in the model's feature order (for a table: numeric
 * columns as read and one-hot categories, before standardisation); read new tables with
 * {@link dev.descent.data.TableSchema} from {@link #bundle()} to get them from a CSV file by
 * column name. The model's mode is restored after each call. A predictor reuses its buffers:
 * calls are serialised, so use one predictor per thread for parallel prediction.
 */
public final class Predictor {
    /** Rows per forward pass at most; fewer for models with large activations ({@link Evaluator#batchFor}). */
    public static final int BATCH = 1024;

    private final ModelBundle bundle;
    private final Layer model;
    private final int features;
    private final int outputs;
    private final Tape fullBatches = Tape.noGradRecycling();
    private final Tape lastBatch = Tape.noGradRecycling();
    private final int batch;
    private final Tensor fullInput;
    private final RowCopy rowCopy = new RowCopy();
    private Tensor lastInput;

    private Predictor(ModelBundle bundle, Layer model) {
        this.bundle = bundle;
        this.model = model;
        this.features = bundle.spec().inputs();
        this.outputs = bundle.binaryLogit() ? 2 : bundle.spec().outputs();
        this.batch = Evaluator.batchFor(model, BATCH);
        this.fullInput = Tensor.zeros(batch, features);
    }

    /**
     * Loads a model saved with its bundle: a {@code .safetensors} file, or a run directory
     * holding {@code model.safetensors}.
     *
     * @throws IllegalArgumentException naming the path when it is missing or holds no model
     */
    public static Predictor load(Path path) {
        Path file = Files.isDirectory(path) ? path.resolve("model.safetensors") : path;
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(Files.isDirectory(path)
                    ? path + " has no model.safetensors: pass a run directory written by 'descent train' (it prints"
                            + " 'run      DIR'), or the model file itself"
                    : path + " does not exist; pass a run directory or a model .safetensors file");
        }
        try {
            ModelBundle.Loaded loaded = ModelBundle.load(file);
            return new Predictor(loaded.bundle(), loaded.model());
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }

    /** A predictor for a model in memory, with the bundle it would be saved with. */
    public static Predictor of(Layer model, ModelBundle bundle) {
        return new Predictor(bundle, model);
    }

    public ModelBundle bundle() {
        return bundle;
    }

    /** The model itself, weights in place (for example to load other weights of the same architecture). */
    public Layer model() {
        return model;
    }

    public ModelBundle.Task task() {
        return bundle.task();
    }

    /** Class names in output order (classification) or target names (regression). */
    public List<String> outputNames() {
        return bundle.outputNames();
    }

    /** The raw features a row has. */
    public int featureCount() {
        return features;
    }

    /**
     * The outputs per row: classes, or regression targets. A binary classifier saved with one
     * logit z (binary cross-entropy) gives two, {@code [0, z]}: the softmax of those is
     * {@code [1 − σ(z), σ(z)]}, so every classifier is read the same way.
     */
    public int outputCount() {
        return outputs;
    }

    /**
     * The model's outputs (class logits, or regression predictions) for {@code rows} rows of
     * raw features, {@code rows × featureCount()} values, into {@code out},
     * {@code rows × outputCount()} values. {@code raw} is not modified.
     */
    public void outputs(float[] raw, int rows, float[] out) {
        forward(raw, rows, out, true);
    }

    /**
     * As {@link #outputs} for features that are already preprocessed (e.g. a run's own
     * standardised splits): the model's forward pass only.
     */
    public void outputsOfPrepared(float[] features, int rows, float[] out) {
        forward(features, rows, out, false);
    }

    private synchronized void forward(float[] raw, int rows, float[] out, boolean preprocess) {
        if (raw.length < (long) rows * features) {
            throw new IllegalArgumentException("predict: " + rows + " rows of " + features + " features need "
                    + (long) rows * features + " values, got " + raw.length);
        }
        if (out.length < (long) rows * outputs) {
            throw new IllegalArgumentException("predict: the output needs " + (long) rows * outputs + " values, got "
                    + out.length);
        }
        boolean training = model.isTraining();
        model.eval();
        try {
            for (int from = 0; from < rows; from += batch) {
                int n = Math.min(batch, rows - from);
                Tensor input = n == batch ? fullInput : lastInput(n);
                rowCopy.copy(raw, from * features, input.data(), n * features);
                if (preprocess) {
                    bundle.preprocessing().applyInPlace(input.data(), n);
                }
                Tape tape = n == batch ? fullBatches : lastBatch;
                tape.reset();
                Tensor result = model.forward(tape.input(input)).value();
                if (bundle.binaryLogit()) {
                    for (int r = 0; r < n; r++) {
                        out[(from + r) * 2] = 0f;
                        out[(from + r) * 2 + 1] = result.data()[r];
                    }
                } else {
                    System.arraycopy(result.data(), 0, out, from * outputs, n * outputs);
                }
            }
        } finally {
            model.setTraining(training);
        }
    }

    /**
     * Copies a batch of rows into the input tensor, split over the {@link ComputeThreads} when it
     * is large: a batch of 1024 images is 3.2 MB, and copying the 10 000 test images on one thread
     * took 2.6–3 ms a pass, 5 % of the forward pass (two threads: 1.1 ms). The workers are still
     * spinning from the previous batch's products, so the split costs no wake-up.
     */
    private static final class RowCopy implements ComputeThreads.Task {
        /** Below this many floats per thread (256 KiB) the copy stays on the calling thread. */
        private static final int MIN_PART = 64 * 1024;
        /** Parts start on 64-byte boundaries of the target. */
        private static final int ALIGN = 16;

        private float[] source;
        private int sourceOffset;
        private float[] target;
        private int length;
        private int partLength;

        void copy(float[] source, int sourceOffset, float[] target, int length) {
            int parts = Math.min(ComputeThreads.threads(), length / MIN_PART);
            if (parts <= 1) {
                System.arraycopy(source, sourceOffset, target, 0, length);
                return;
            }
            this.source = source;
            this.sourceOffset = sourceOffset;
            this.target = target;
            this.length = length;
            this.partLength = ((length + parts - 1) / parts + ALIGN - 1) / ALIGN * ALIGN;
            try {
                ComputeThreads.run(parts, this);
            } finally {
                this.source = null;
                this.target = null;
            }
        }

        @Override
        public void runPart(int part) {
            int from = part * partLength;
            int to = Math.min(length, from + partLength);
            if (from < to) {
                System.arraycopy(source, sourceOffset + from, target, from, to - from);
            }
        }
    }

    private Tensor lastInput(int rows) {
        if (lastInput == null || lastInput.dim(0) != rows) {
            lastInput = Tensor.zeros(rows, features);
        }
        return lastInput;
    }

    /** Class probabilities (softmax of the logits) for {@code rows} rows, in place over {@code logits}. */
    public void probabilitiesInPlace(float[] logits, int rows) {
        requireClassifier("probabilities");
        if (bundle.binaryLogit()) {
            for (int r = 0; r < rows; r++) { // in double, as LogisticRegression.predictProba
                double positive = 1 / (1 + Math.exp(-((double) logits[r * 2 + 1] - logits[r * 2])));
                logits[r * 2] = (float) (1 - positive);
                logits[r * 2 + 1] = (float) positive;
            }
            return;
        }
        SoftmaxOps.softmaxRows(logits, logits, rows, outputs);
    }

    /** The most probable class of each row of logits (the first on ties). */
    public int[] argmax(float[] logits, int rows) {
        int[] classes = new int[rows];
        for (int r = 0; r < rows; r++) {
            int best = 0;
            for (int c = 1; c < outputs; c++) {
                if (logits[r * outputs + c] > logits[r * outputs + best]) {
                    best = c;
                }
            }
            classes[r] = best;
        }
        return classes;
    }

    /** The predicted class index of each row; names are {@link #outputNames()}. */
    public int[] predict(float[][] rows) {
        requireClassifier("predict");
        return argmax(outputsOf(rows), rows.length);
    }

    /** Each row's probability of each class, rows × classes. */
    public float[][] predictProba(float[][] rows) {
        requireClassifier("predictProba");
        float[] out = outputsOf(rows);
        probabilitiesInPlace(out, rows.length);
        return split(out, rows.length);
    }

    /** The regression model's predictions, rows × targets. */
    public float[][] predictValues(float[][] rows) {
        requireRegressor();
        return split(outputsOf(rows), rows.length);
    }

    /** The predicted class of each example of {@code data}, whose features are raw as read. */
    public int[] predict(Dataset data) {
        requireClassifier("predict");
        return argmax(outputsOf(data.features()), data.size());
    }

    /** Each example's class probabilities, examples × classes. */
    public float[][] predictProba(Dataset data) {
        requireClassifier("predictProba");
        float[] out = outputsOf(data.features());
        probabilitiesInPlace(out, data.size());
        return split(out, data.size());
    }

    /** The regression model's predictions for {@code data}, examples × targets. */
    public float[][] predictValues(RegressionDataset data) {
        requireRegressor();
        return split(outputsOf(data.features()), data.size());
    }

    private float[] outputsOf(Tensor featureMatrix) {
        if (featureMatrix.dim(1) != features) {
            throw new IllegalArgumentException("predict: the data has " + featureMatrix.dim(1) + " features but the"
                    + " model takes " + features);
        }
        int rows = featureMatrix.dim(0);
        float[] out = new float[rows * outputs];
        outputs(featureMatrix.data(), rows, out);
        return out;
    }

    private float[] outputsOf(float[][] rows) {
        float[] flat = new float[Math.multiplyExact(rows.length, features)];
        for (int r = 0; r < rows.length; r++) {
            if (rows[r].length != features) {
                throw new IllegalArgumentException("predict: row " + r + " has " + rows[r].length + " features but the"
                        + " model takes " + features + (bundle.preprocessing().table() == null ? ""
                        : " (" + String.join(", ", bundle.preprocessing().table().featureNames()) + ")"));
            }
            System.arraycopy(rows[r], 0, flat, r * features, features);
        }
        float[] out = new float[rows.length * outputs];
        outputs(flat, rows.length, out);
        return out;
    }

    private float[][] split(float[] flat, int rows) {
        float[][] result = new float[rows][outputs];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(flat, r * outputs, result[r], 0, outputs);
        }
        return result;
    }

    private void requireClassifier(String what) {
        if (bundle.task() != ModelBundle.Task.CLASSIFICATION) {
            throw new IllegalStateException(what + ": this model is a regression model; use predictValues");
        }
    }

    private void requireRegressor() {
        if (bundle.task() != ModelBundle.Task.REGRESSION) {
            throw new IllegalStateException("predictValues: this model is a classifier; use predict or predictProba");
        }
    }
}
