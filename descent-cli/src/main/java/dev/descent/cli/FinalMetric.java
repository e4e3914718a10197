package dev.descent.cli;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * One column of a report's final-metrics table: a run's figure (NaN when it has none), how it is
 * printed, which way is better, and the figure's standard error where it is known, so that the
 * best run is highlighted only when its lead exceeds the noise ({@link ClearBest}).
 *
 * @param header the column title, with its unit
 * @param better which value is best, or {@link Better#NEITHER} for a figure that is not a score
 * @param format the printing, e.g. {@code "%.2f"} (always with {@link Locale#ROOT}); the unit is in the header
 * @param value a run's figure, NaN when it has none
 * @param noise a run's standard error of the figure given the figure, in the same unit (NaN when
 *        not known), or null for a column that is never highlighted
 */
record FinalMetric(String header, Better better, String format, ToDoubleFunction<SavedRun> value, Noise noise) {

    enum Better { HIGHER, LOWER, NEITHER }

    /** The standard error of a run's figure. */
    @FunctionalInterface
    interface Noise {
        double standardError(SavedRun run, double value);
    }

    /**
     * The columns, in table order: the test figures a classification or regression run's
     * {@code summary.json} holds, then what {@code metrics.csv} shows of training, then the cost.
     * Where a stopped run has no {@code summary.json}, the best validation accuracy and the
     * epochs come from {@code metrics.csv}.
     *
     * <p>Only accuracies have a standard error: the binomial one on the split's size, which
     * {@code summary.json} records ({@link SplitSizes}). Losses, RMSE, MAE and R² would need the
     * spread of the per-example losses, which a run does not record, so they are never
     * highlighted; nor are the training time and throughput, which measure the machine and its
     * load as much as the run.
     */
    static final List<FinalMetric> ALL = List.of(
            new FinalMetric("test accuracy (%)", Better.HIGHER, "%.2f", r -> 100 * r.summaryNumber("test_accuracy"),
                    accuracyOn(SplitSizes.TEST)),
            new FinalMetric("test loss", Better.LOWER, "%.4f", r -> r.summaryNumber("test_loss"), null),
            new FinalMetric("test RMSE", Better.LOWER, "%.4f", r -> r.summaryNumber("test_rmse"), null),
            new FinalMetric("test MAE", Better.LOWER, "%.4f", r -> r.summaryNumber("test_mae"), null),
            new FinalMetric("test R²", Better.HIGHER, "%.4f", r -> r.summaryNumber("test_r2"), null),
            new FinalMetric("best validation accuracy (%)", Better.HIGHER, "%.2f",
                    r -> 100 * orElse(r.summaryNumber("best_val_accuracy"), max(r.metric("val_accuracy"))),
                    accuracyOn(SplitSizes.VALIDATION)),
            new FinalMetric("final training loss", Better.LOWER, "%.4f", r -> last(r.metric("train_loss")), null),
            new FinalMetric("final validation loss", Better.LOWER, "%.4f", r -> last(r.metric("val_loss")), null),
            new FinalMetric("epochs", Better.NEITHER, "%.0f",
                    r -> orElse(r.summaryNumber("epochs"), r.finishedEpochs() == 0 ? Double.NaN : r.finishedEpochs()),
                    null),
            new FinalMetric("training time (s)", Better.LOWER, "%.1f", r -> r.summaryNumber("train_seconds"), null),
            new FinalMetric("throughput (samples/s)", Better.HIGHER, "%,.0f",
                    r -> r.summaryNumber("samples_per_second"), null));

    /** An accuracy in percent measured on the split whose size {@code summary.json} holds under {@code sizeKey}. */
    private static Noise accuracyOn(String sizeKey) {
        return (run, percent) -> 100 * ClearBest.binomial(percent / 100, run.summaryNumber(sizeKey));
    }

    String print(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, format, v) : "—";
    }

    /** Whether a run's value in this column may ever be highlighted. */
    boolean highlightable() {
        return noise != null && better != Better.NEITHER;
    }

    /** A run's standard error of {@code value}, NaN when not known or the column has none. */
    double standardError(SavedRun run, double value) {
        return noise == null || !Double.isFinite(value) ? Double.NaN : noise.standardError(run, value);
    }

    /**
     * Which of these values (one per run) to highlight: the one {@link ClearBest} finds ahead of
     * every other by more than the noise, or none (always none for a column without a standard
     * error).
     */
    boolean[] best(double[] values, double[] standardErrors) {
        boolean[] highlighted = new boolean[values.length];
        if (highlightable()) {
            int best = ClearBest.of(values, standardErrors, better == Better.HIGHER);
            if (best >= 0) {
                highlighted[best] = true;
            }
        }
        return highlighted;
    }

    private static double orElse(double value, double fallback) {
        return Double.isNaN(value) ? fallback : value;
    }

    private static double max(double[] values) {
        double max = Double.NaN;
        for (double v : values) {
            if (Double.isFinite(v)) {
                max = Double.isNaN(max) ? v : Math.max(max, v);
            }
        }
        return max;
    }

    private static double last(double[] values) {
        for (int i = values.length - 1; i >= 0; i--) {
            if (Double.isFinite(values[i])) {
                return values[i];
            }
        }
        return Double.NaN;
    }
}
