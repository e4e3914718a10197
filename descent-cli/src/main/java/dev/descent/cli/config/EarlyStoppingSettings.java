package dev.descent.cli.config;

import static dev.descent.cli.config.ConfigChecks.atLeast;
import static dev.descent.cli.config.ConfigChecks.nonNegative;
import static dev.descent.cli.config.ConfigChecks.orDefault;

/**
 * The {@code training.early_stopping} section: stop when the validation metric has not improved
 * by more than {@code min_delta} for {@code patience} evaluations in a row. Absent (the default)
 * means training runs all its epochs; giving any key, e.g. {@code --set
 * training.early_stopping.patience=3}, turns it on with the defaults for the others.
 *
 * @param metric val_loss (lower is better) or val_accuracy (higher is better); default val_loss
 * @param patience evaluations without improvement tolerated, ≥ 1 (default 3)
 * @param minDelta the smallest change that counts as an improvement, ≥ 0 (default 0)
 * @param restoreBest whether the weights of the best evaluation are restored at the end (default true)
 */
public record EarlyStoppingSettings(Metric metric, Integer patience, Double minDelta, Boolean restoreBest) {

    /** The validation metric early stopping watches. */
    public enum Metric implements ConfigChoice {
        VAL_LOSS("val_loss"),
        VAL_ACCURACY("val_accuracy");

        private final String configName;

        Metric(String configName) {
            this.configName = configName;
        }

        @Override
        public String configName() {
            return configName;
        }

        /** Whether a higher value is better. */
        public boolean maximized() {
            return this == VAL_ACCURACY;
        }
    }

    public EarlyStoppingSettings {
        metric = orDefault(metric, Metric.VAL_LOSS);
        patience = (int) atLeast("training.early_stopping.patience", orDefault(patience, 3), 1);
        minDelta = nonNegative("training.early_stopping.min_delta", orDefault(minDelta, 0.0));
        restoreBest = orDefault(restoreBest, true);
    }

    /** Early stopping on the validation loss with the defaults. */
    public static EarlyStoppingSettings defaults() {
        return new EarlyStoppingSettings(null, null, null, null);
    }
}
