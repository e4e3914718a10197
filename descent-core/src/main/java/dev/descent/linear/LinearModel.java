package dev.descent.linear;

import dev.descent.autodiff.Tape;
import dev.descent.data.Examples;
import dev.descent.init.Initializer;
import dev.descent.model.DataFingerprint;
import dev.descent.model.ModelBundle;
import dev.descent.model.Preprocessing;
import dev.descent.nn.Linear;
import dev.descent.nn.ModelSpec;
import dev.descent.nn.Sequential;
import dev.descent.random.Rng;
import dev.descent.tensor.Tensor;
import dev.descent.train.EmpiricalRisk;
import dev.descent.train.Objective;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the linear estimators share: the layer {@code x·Wᵀ + b}, its creation, its checks, its
 * penalty, partial fits and saving it as a model file.
 */
abstract class LinearModel {
    private Sequential model;
    private int features = -1;
    private GradientFitting.Incremental incremental;

    /** A zero-initialised layer for {@code inputs} features and {@code outputs} outputs (a convex problem needs no random start). */
    Sequential createModel(int inputs, int outputs) {
        features = inputs;
        incremental = null;
        model = new Sequential(new Linear(inputs, outputs, true, Initializer.zeros(), Initializer.zeros(), new Rng(0)));
        return model;
    }

    /** Takes a saved layer, read by {@link #readBundle}, as the fitted model. */
    void adopt(ModelBundle.Loaded loaded) {
        model = loaded.model();
        model.train();
        features = loaded.bundle().spec().inputs();
        incremental = null;
    }

    boolean fitted() {
        return model != null;
    }

    /** The model being fitted, for the risk of a partial fit. */
    Sequential model() {
        return model;
    }

    /** The fitted layer; PyTorch's layout, weight [outputs, features]. */
    public Linear layer() {
        requireFitted();
        return (Linear) model.layers().get(0);
    }

    /** Raw outputs {@code x·Wᵀ + b}, [n, outputs], computed without recording gradients. */
    Tensor outputs(Tensor x) {
        requireFitted();
        requireFeatures(x);
        return model.forward(Tape.noGrad().input(x)).value().copy();
    }

    void requireFitted() {
        if (model == null) {
            throw new IllegalStateException(getClass().getSimpleName() + " is not fitted yet: call fit(x, y) first");
        }
    }

    void requireFeatures(Tensor x) {
        if (x.rank() != 2 || x.dim(1) != features) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " was fitted on " + features
                    + " features; x must be [n, " + features + "], not " + x.shape());
        }
    }

    /**
     * One pass of mini-batch training over {@code rows} from the current weights, with the
     * optimizer's state carried over from the previous pass since the last fit or load.
     */
    FitSummary partialFitPass(Examples rows, EmpiricalRisk risk, Objective objective, double lambda,
                              FitMethod.MiniBatch method) {
        if (incremental == null) {
            incremental = new GradientFitting.Incremental(model, objective, method);
        }
        return incremental.pass(rows, risk, lambda);
    }

    /** Saves the layer in one safetensors file with its bundle: {@code ModelSpec.linear}, features as they are. */
    void saveBundle(Path file, ModelBundle.Task task, List<String> outputNames, Map<String, String> info)
            throws IOException {
        saveBundle(file, bundle(task, outputNames, info));
    }

    /** The bundle that describes the layer: {@code ModelSpec.linear}, features as they are. */
    ModelBundle bundle(ModelBundle.Task task, List<String> outputNames, Map<String, String> info) {
        requireFitted();
        ModelSpec spec = ModelSpec.linear(features, layer().outFeatures());
        return new ModelBundle(spec, task, outputNames, Preprocessing.vectors(features), DataFingerprint.none(), info);
    }

    /** Saves the layer with {@code bundle}, which must describe it, in one safetensors file. */
    void saveBundle(Path file, ModelBundle bundle) throws IOException {
        bundle.save(model, file);
    }

    /**
     * Reads a model file holding one linear layer with a bias for {@code task}, whose inputs are
     * used as they are (a run directory stands for its {@code model.safetensors}).
     *
     * @throws IllegalArgumentException naming the file when it holds another task, another
     *     architecture, or preprocessing that a linear estimator does not apply
     */
    static ModelBundle.Loaded readBundle(Path path, ModelBundle.Task task, String estimator) throws IOException {
        Path file = Files.isDirectory(path) ? path.resolve("model.safetensors") : path;
        ModelBundle.Loaded loaded = ModelBundle.load(file);
        ModelBundle bundle = loaded.bundle();
        if (bundle.task() != task) {
            throw new IllegalArgumentException(file + " holds a " + bundle.task().configName() + " model, but "
                    + estimator + " is for " + task.configName());
        }
        List<ModelSpec.LayerSpec> layers = bundle.spec().layers();
        if (layers.size() != 1 || !(layers.get(0) instanceof ModelSpec.LinearSpec linear) || !linear.bias()) {
            throw new IllegalArgumentException(file + " holds a " + bundle.spec().describe() + ", not one linear layer"
                    + " with a bias; load it with Predictor.load");
        }
        if (bundle.preprocessing().scaling() != null || bundle.preprocessing().table() != null) {
            throw new IllegalArgumentException(file + " transforms its inputs before its linear layer ("
                    + (bundle.preprocessing().table() != null ? "a table's encoding" : "standardisation") + "), but "
                    + estimator + " takes features as they are; load it with Predictor.load");
        }
        return loaded;
    }

    /** Rejects non-matrix features and NaN or infinite values, naming the row and column. */
    static void requireFiniteMatrix(Tensor x, int rows) {
        if (x.rank() != 2) {
            throw new IllegalArgumentException("features must be a matrix [n, d], not " + x.shape());
        }
        if (x.dim(0) != rows) {
            throw new IllegalArgumentException(x.dim(0) + " rows of features but " + rows + " targets");
        }
        float[] v = x.data();
        int d = x.dim(1);
        for (int i = 0; i < v.length; i++) {
            if (!Float.isFinite(v[i])) {
                throw new IllegalArgumentException("features[row " + i / d + ", column " + i % d + "] is " + v[i]
                        + "; remove or impute it before fitting");
            }
        }
    }

    /**
     * The weight λ of the penalty in Descent's objective {@code (1/n) Σᵢ loss + λ‖W‖²} (biases
     * not penalised): given directly, or given as scikit-learn states it and resolved from the
     * number of rows n at each fit.
     *
     * <ul>
     *   <li>{@link Kind#LAMBDA}: λ itself;</li>
     *   <li>{@link Kind#INVERSE_C}: scikit-learn's {@code LogisticRegression(C)} minimises
     *       {@code C·Σᵢ loss + ½‖W‖²}; divided by {@code C·n} that is Descent's objective with
     *       {@code λ = 1/(2·C·n)};</li>
     *   <li>{@link Kind#RIDGE_ALPHA}: scikit-learn's {@code Ridge(alpha)} minimises
     *       {@code ‖y − Xw − b‖² + α‖w‖²}; divided by n that is Descent's objective with
     *       {@code λ = α/n}.</li>
     * </ul>
     */
    record Penalty(Kind kind, double value) {
        enum Kind {
            LAMBDA("lambda"), INVERSE_C("C"), RIDGE_ALPHA("alpha");

            private final String key;

            Kind(String key) {
                this.key = key;
            }
        }

        Penalty {
            boolean valid = kind == Kind.INVERSE_C ? value > 0 && Double.isFinite(value)
                    : value >= 0 && Double.isFinite(value);
            if (!valid) {
                throw new IllegalArgumentException((kind == Kind.LAMBDA ? "λ" : kind.key) + " must be a finite number " + (kind == Kind.INVERSE_C
                        ? "> 0 (the inverse of the penalty's strength)" : "≥ 0") + ", got " + value);
            }
        }

        /** λ for a fit on {@code n} rows. */
        double lambda(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("the penalty needs the number of rows, n ≥ 1, got " + n);
            }
            return switch (kind) {
                case LAMBDA -> value;
                case INVERSE_C -> 1 / (2 * value * n);
                case RIDGE_ALPHA -> value / n;
            };
        }

        /** {@code λ=0.1}, {@code C=1.0} or {@code alpha=1.0}. */
        String describe() {
            return (kind == Kind.LAMBDA ? "λ" : kind.key) + "=" + value;
        }

        /** The penalty as bundle info, for {@link #fromInfo}. */
        Map<String, String> info(String estimator) {
            Map<String, String> info = new LinkedHashMap<>();
            info.put("estimator", estimator);
            info.put(kind.key, Double.toString(value));
            return info;
        }

        /** The penalty a bundle's info names, or none (λ = 0) when it names none. */
        static Penalty fromInfo(Map<String, String> info, String source) {
            for (Kind kind : Kind.values()) {
                String text = info.get(kind.key);
                if (text != null) {
                    try {
                        return new Penalty(kind, Double.parseDouble(text));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(source + ": info." + kind.key + " is '" + text + "': "
                                + e.getMessage(), e);
                    }
                }
            }
            return new Penalty(Kind.LAMBDA, 0);
        }
    }
}
