package dev.descent.cli;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * One column of a report's final-metrics table: a run's figure (NaN when it has none), how it is
 * printed, and which way is better, so the best run in the column can be highlighted.
 *
 * @param header the column title, with its unit
 * @param better which value is best, or {@link Better#NEITHER} for a figure that is not a score
 * @param format the printing, e.g. {@code "%.2f"} (always with {@link Locale#ROOT}); the unit is in the header
 * @param taskLoss whether the figure is a loss, whose meaning depends on the task (cross-entropy
 *        for a classifier, mean squared error for regression): a best is then only highlighted
 *        among runs of one task
 */
record FinalMetric(String header, Better better, String format, boolean taskLoss, ToDoubleFunction<SavedRun> value) {

    enum Better { HIGHER, LOWER, NEITHER }

    /**
     * The columns, in table order: the test figures a classification or regression run's
     * {@code summary.json} holds, then what {@code metrics.csv} shows of training, then the cost.
     * Where a stopped run has no {@code summary.json}, the best validation accuracy and the
     * epochs come from {@code metrics.csv}.
     */
    static final List<FinalMetric> ALL = List.of(
            new FinalMetric("test accuracy (%)", Better.HIGHER, "%.2f", false,
                    r -> 100 * r.summaryNumber("test_accuracy")),
            new FinalMetric("test loss", Better.LOWER, "%.4f", true, r -> r.summaryNumber("test_loss")),
            new FinalMetric("test RMSE", Better.LOWER, "%.4f", false, r -> r.summaryNumber("test_rmse")),
            new FinalMetric("test MAE", Better.LOWER, "%.4f", false, r -> r.summaryNumber("test_mae")),
            new FinalMetric("test R²", Better.HIGHER, "%.4f", false, r -> r.summaryNumber("test_r2")),
            new FinalMetric("best validation accuracy (%)", Better.HIGHER, "%.2f", false,
                    r -> 100 * orElse(r.summaryNumber("best_val_accuracy"), max(r.metric("val_accuracy")))),
            new FinalMetric("final training loss", Better.LOWER, "%.4f", true, r -> last(r.metric("train_loss"))),
            new FinalMetric("final validation loss", Better.LOWER, "%.4f", true, r -> last(r.metric("val_loss"))),
            new FinalMetric("epochs", Better.NEITHER, "%.0f", false,
                    r -> orElse(r.summaryNumber("epochs"), r.finishedEpochs() == 0 ? Double.NaN : r.finishedEpochs())),
            new FinalMetric("training time (s)", Better.LOWER, "%.1f", false, r -> r.summaryNumber("train_seconds")),
            new FinalMetric("throughput (samples/s)", Better.HIGHER, "%,.0f", false,
                    r -> r.summaryNumber("samples_per_second")));

    String print(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, format, v) : "—";
    }

    /**
     * Which of these values (one per run, of the runs' {@code tasks}) to highlight as the best:
     * those that print the same as the best one. None when the column is not a score, when fewer
     * than two runs have a value, when all values print alike (nothing stands out), or for a loss
     * when the runs with a value differ in their task.
     */
    boolean[] best(double[] values, List<String> tasks) {
        double best = Double.NaN;
        double worst = Double.NaN;
        int finite = 0;
        Set<String> finiteTasks = new HashSet<>();
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            if (Double.isFinite(v)) {
                finite++;
                finiteTasks.add(tasks.get(i));
                best = Double.isNaN(best) || isBetter(v, best) ? v : best;
                worst = Double.isNaN(worst) || isBetter(worst, v) ? v : worst;
            }
        }
        boolean[] highlighted = new boolean[values.length];
        if (better == Better.NEITHER || finite < 2 || print(best).equals(print(worst))
                || (taskLoss && finiteTasks.size() > 1)) {
            return highlighted;
        }
        for (int i = 0; i < values.length; i++) {
            highlighted[i] = Double.isFinite(values[i]) && print(values[i]).equals(print(best));
        }
        return highlighted;
    }

    private boolean isBetter(double a, double b) {
        return better == Better.HIGHER ? a > b : a < b;
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
