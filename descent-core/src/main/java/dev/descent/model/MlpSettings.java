package dev.descent.model;

import dev.descent.nn.ModelSpec;
import dev.descent.optim.Adam;
import dev.descent.optim.OptimizerConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The hyper-parameters {@link MlpClassifier} and {@link MlpRegressor} share, with
 * scikit-learn's {@code MLPClassifier} defaults and names in parentheses; every check names the
 * setting, the bad value and what is allowed.
 *
 * @param hiddenLayers       widths of the hidden layers, in order ({@code hidden_layer_sizes}, (100,))
 * @param activation         one of {@link ModelSpec#ACTIVATIONS} ({@code activation}, relu)
 * @param optimizer          the update rule ({@code solver}, adam with {@code learning_rate_init} 1e-3)
 * @param batchSize          examples per step, capped at the number of examples ({@code batch_size},
 *                           auto = min(200, n))
 * @param maxEpochs          passes over the data at most ({@code max_iter}, 200)
 * @param alpha              L2 strength ({@code alpha}, 1e-4); see the estimators for what it adds
 * @param earlyStopping      hold out {@code validationFraction} and stop on it ({@code early_stopping}, false)
 * @param validationFraction the held-out share with early stopping ({@code validation_fraction}, 0.1)
 * @param patience           epochs without improvement before stopping ({@code n_iter_no_change}, 10)
 * @param tolerance          the improvement that counts ({@code tol}, 1e-4)
 * @param seed               seeds initialisation, the validation split and shuffling ({@code random_state}, 0)
 * @param standardize        standardise features with the training statistics first (not in scikit-learn, true)
 */
record MlpSettings(List<Integer> hiddenLayers, String activation, OptimizerConfig optimizer, int batchSize,
                   int maxEpochs, double alpha, boolean earlyStopping, double validationFraction, int patience,
                   double tolerance, long seed, boolean standardize) {

    static final MlpSettings DEFAULTS = new MlpSettings(List.of(100), "relu", new Adam(), 200, 200, 1e-4, false, 0.1,
            10, 1e-4, 0, true);

    MlpSettings {
        hiddenLayers = List.copyOf(hiddenLayers);
        for (int width : hiddenLayers) {
            if (width < 1) {
                throw new IllegalArgumentException("hidden layer widths must be ≥ 1, got " + hiddenLayers);
            }
        }
        if (!ModelSpec.ACTIVATIONS.contains(activation)) {
            throw new IllegalArgumentException("activation must be one of " + String.join(", ", ModelSpec.ACTIVATIONS)
                    + ", got '" + activation + "'");
        }
        if (optimizer == null) {
            throw new IllegalArgumentException("optimizer must not be null; the default is new Adam()");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be ≥ 1, got " + batchSize);
        }
        if (maxEpochs < 1) {
            throw new IllegalArgumentException("max epochs must be ≥ 1, got " + maxEpochs);
        }
        if (!(alpha >= 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("alpha (L2 strength) must be a finite number ≥ 0, got " + alpha);
        }
        if (!(validationFraction > 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validation fraction must be in (0, 1), exclusive, got "
                    + validationFraction);
        }
        if (patience < 1) {
            throw new IllegalArgumentException("patience (n_iter_no_change) must be ≥ 1 epoch, got " + patience);
        }
        if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
            throw new IllegalArgumentException("tolerance must be a finite number ≥ 0, got " + tolerance);
        }
    }

    MlpSettings withHiddenLayers(List<Integer> value) {
        return new MlpSettings(value, activation, optimizer, batchSize, maxEpochs, alpha, earlyStopping,
                validationFraction, patience, tolerance, seed, standardize);
    }

    MlpSettings withActivation(String value) {
        return new MlpSettings(hiddenLayers, value, optimizer, batchSize, maxEpochs, alpha, earlyStopping,
                validationFraction, patience, tolerance, seed, standardize);
    }

    MlpSettings withOptimizer(OptimizerConfig value) {
        return new MlpSettings(hiddenLayers, activation, value, batchSize, maxEpochs, alpha, earlyStopping,
                validationFraction, patience, tolerance, seed, standardize);
    }

    /** Adam's learning rate; another optimizer is given with its rate through {@link #withOptimizer}. */
    MlpSettings withLearningRate(double value) {
        if (!(optimizer instanceof Adam adam)) {
            throw new IllegalStateException("withLearningRate sets Adam's learning rate, but the optimizer is "
                    + optimizer + "; give that optimizer its rate and pass it to withOptimizer");
        }
        return withOptimizer(adam.withLr(value));
    }

    MlpSettings withBatchSize(int value) {
        return new MlpSettings(hiddenLayers, activation, optimizer, value, maxEpochs, alpha, earlyStopping,
                validationFraction, patience, tolerance, seed, standardize);
    }

    MlpSettings withMaxEpochs(int value) {
        return new MlpSettings(hiddenLayers, activation, optimizer, batchSize, value, alpha, earlyStopping,
                validationFraction, patience, tolerance, seed, standardize);
    }

    MlpSettings withAlpha(double value) {
        return new MlpSettings(hiddenLayers, activation, optimizer, batchSize, maxEpochs, value, earlyStopping,
                validationFraction, patience, tolerance, seed, standardize);
    }

    MlpSettings withEarlyStopping(boolean on, double fraction) {
        return new MlpSettings(hiddenLayers, activation, optimizer, batchSize, maxEpochs, alpha, on, fraction,
                patience, tolerance, seed, standardize);
    }

    MlpSettings withStopping(int newPatience, double newTolerance) {
        return new MlpSettings(hiddenLayers, activation, optimizer, batchSize, maxEpochs, alpha, earlyStopping,
                validationFraction, newPatience, newTolerance, seed, standardize);
    }

    MlpSettings withSeed(long value) {
        return new MlpSettings(hiddenLayers, activation, optimizer, batchSize, maxEpochs, alpha, earlyStopping,
                validationFraction, patience, tolerance, value, standardize);
    }

    MlpSettings withStandardize(boolean value) {
        return new MlpSettings(hiddenLayers, activation, optimizer, batchSize, maxEpochs, alpha, earlyStopping,
                validationFraction, patience, tolerance, seed, value);
    }

    /** The batch size for {@code n} examples: {@link #batchSize}, at most n. */
    int batchSizeFor(int n) {
        return Math.min(batchSize, n);
    }

    /** The settings as the bundle's free-form facts, for {@link #fromInfo}. */
    Map<String, String> info(String estimator) {
        Map<String, String> info = new LinkedHashMap<>();
        info.put("estimator", estimator);
        info.put("hidden_layers", hiddenLayers.toString());
        info.put("activation", activation);
        info.put("optimizer", optimizer.toString());
        info.put("learning_rate", Double.toString(optimizer.lr()));
        info.put("batch_size", Integer.toString(batchSize));
        info.put("max_epochs", Integer.toString(maxEpochs));
        info.put("alpha", Double.toString(alpha));
        info.put("early_stopping", Boolean.toString(earlyStopping));
        info.put("validation_fraction", Double.toString(validationFraction));
        info.put("n_iter_no_change", Integer.toString(patience));
        info.put("tol", Double.toString(tolerance));
        info.put("seed", Long.toString(seed));
        info.put("standardize", Boolean.toString(standardize));
        return info;
    }

    /** {@code key=value, …}: the settings as {@link #info} names them. */
    String describe() {
        StringBuilder text = new StringBuilder();
        info("").forEach((key, value) -> {
            if (!key.equals("estimator")) {
                text.append(text.isEmpty() ? "" : ", ").append(key).append('=').append(value);
            }
        });
        return text.toString();
    }

    /**
     * The settings saved by {@link #info}, the architecture read from {@code spec} (so a model
     * trained by {@code descent train} loads too, with defaults for what it did not save). The
     * optimizer comes back as Adam with the saved learning rate.
     *
     * @throws IllegalArgumentException naming the source and the key when a saved value is unreadable
     */
    static MlpSettings fromInfo(Map<String, String> info, ModelSpec spec, String source) {
        List<Integer> hidden = new ArrayList<>();
        String activation = DEFAULTS.activation;
        boolean activationSeen = false;
        List<ModelSpec.LayerSpec> layers = spec.layers();
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i) instanceof ModelSpec.LinearSpec linear && i < layers.size() - 1) {
                hidden.add(linear.outFeatures());
            } else if (layers.get(i) instanceof ModelSpec.ActivationSpec a && !activationSeen) {
                activation = a.name();
                activationSeen = true;
            }
        }
        Reader read = new Reader(info, source);
        try {
            return new MlpSettings(hidden, activation,
                    new Adam().withLr(read.number("learning_rate", DEFAULTS.optimizer.lr())),
                    (int) read.number("batch_size", DEFAULTS.batchSize),
                    (int) read.number("max_epochs", DEFAULTS.maxEpochs),
                    read.number("alpha", DEFAULTS.alpha),
                    read.bool("early_stopping", DEFAULTS.earlyStopping),
                    read.number("validation_fraction", DEFAULTS.validationFraction),
                    (int) read.number("n_iter_no_change", DEFAULTS.patience),
                    read.number("tol", DEFAULTS.tolerance),
                    read.longValue("seed", DEFAULTS.seed),
                    read.bool("standardize", DEFAULTS.standardize));
        } catch (IllegalArgumentException e) {
            throw e.getMessage().startsWith(source) ? e
                    : new IllegalArgumentException(source + ": saved settings: " + e.getMessage(), e);
        }
    }

    private record Reader(Map<String, String> info, String source) {
        double number(String key, double fallback) {
            String text = info.get(key);
            if (text == null) {
                return fallback;
            }
            try {
                return Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(source + ": info." + key + " must be a number, found '" + text
                        + "'", e);
            }
        }

        long longValue(String key, long fallback) {
            String text = info.get(key);
            if (text == null) {
                return fallback;
            }
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(source + ": info." + key + " must be an integer, found '" + text
                        + "'", e);
            }
        }

        boolean bool(String key, boolean fallback) {
            String text = info.get(key);
            if (text == null) {
                return fallback;
            }
            return switch (text.toLowerCase(Locale.ROOT)) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new IllegalArgumentException(source + ": info." + key
                        + " must be true or false, found '" + text + "'");
            };
        }
    }
}
