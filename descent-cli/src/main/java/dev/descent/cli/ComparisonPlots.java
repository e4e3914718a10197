package dev.descent.cli;

import dev.descent.plot.LinePlot;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * The curves of several runs overlaid, one plot per {@code metrics.csv} column against the
 * epoch, one line per run named after it: training loss, validation loss, validation accuracy
 * and the learning rate at the end of each epoch. The training loss of a run that has
 * {@code metrics-steps.csv} is drawn from its rows (the mean over every few updates, against the
 * fractional epoch), so a two-epoch run is a curve rather than two points. Drawn with
 * {@link LinePlot}, so a run keeps its colour across the plots as long as it has data in each (a
 * run without a finished epoch, or without validation, is left out of the plots it has nothing
 * for).
 *
 * <p>A loss or learning rate spanning three decades or more gets a logarithmic axis, as a loss
 * does in a run's own plots (a linear decay to a hundredth of the rate stays on a linear axis,
 * where it is the straight line one expects).
 */
final class ComparisonPlots {

    /** One drawn plot ({@code png} set), or one that could not be drawn ({@code failure} set). */
    record Plot(String title, String caption, Path png, String failure) {
    }

    /**
     * One plotted column: {@code scale} turns a stored value into a drawn one; with
     * {@code mayBeLogarithmic} the y axis turns logarithmic over three decades or more; with
     * {@code withinEpochs} a run's {@code metrics-steps.csv} column of the same name is drawn
     * instead when it has one.
     */
    private record Metric(String column, String baseName, String title, String yAxis, String caption,
                          DoubleUnaryOperator scale, boolean mayBeLogarithmic, boolean withinEpochs) {
    }

    private ComparisonPlots() {
    }

    /**
     * Draws every plot that at least one run has data for into {@code directory} (PNG and SVG
     * each) and returns them in order. A plot that fails is returned with the reason, and the
     * others are still drawn.
     */
    static List<Plot> draw(List<SavedRun> runs, Path directory) {
        String lossAxis = lossAxis(runs);
        List<Metric> metrics = List.of(
                new Metric("train_loss", "train-loss", "Training loss", lossAxis,
                        "Training loss: the mean over every few updates' batches, from metrics-steps.csv (about 50"
                                + " points an epoch by default); for a run without that file, the mean over each"
                                + " epoch's batches.", v -> v, true, true),
                new Metric("val_loss", "validation-loss", "Validation loss per epoch", lossAxis,
                        "Validation loss, measured after each epoch.", v -> v, true, false),
                new Metric("val_accuracy", "validation-accuracy", "Validation accuracy per epoch", "accuracy (%)",
                        "Validation accuracy, measured after each epoch.", v -> 100 * v, false, false),
                new Metric("lr", "learning-rate", "Learning rate at the end of each epoch", "learning rate",
                        "The learning rate the optimizer held at the end of each epoch (the rate of its next"
                                + " update); each run's own plots/learning-rate.png has the rate of every update.",
                        v -> v, true, false));
        List<Plot> plots = new ArrayList<>();
        for (Metric metric : metrics) {
            List<String> names = new ArrayList<>();
            List<double[]> xs = new ArrayList<>();
            List<double[]> ys = new ArrayList<>();
            for (SavedRun run : runs) {
                boolean withinEpochs = metric.withinEpochs() && run.finishedEpochs() > 0
                        && hasFinite(run.stepMetric(metric.column()));
                double[] y = withinEpochs ? run.stepMetric(metric.column()) : run.metric(metric.column());
                double[] x = withinEpochs ? run.stepMetric("epoch") : run.metric("epoch");
                for (int i = 0; i < y.length; i++) {
                    y[i] = metric.scale().applyAsDouble(y[i]);
                }
                if (hasFinite(y)) {
                    double[][] thinned = RunPlots.thin(x, y, RunPlots.MAX_LEARNING_RATE_POINTS);
                    names.add(run.name());
                    xs.add(thinned[0]);
                    ys.add(thinned[1]);
                }
            }
            if (names.isEmpty()) {
                continue;
            }
            String title = metric.title() + " · " + (names.size() > 1 ? names.size() + " runs" : names.get(0));
            try {
                LinePlot plot = LinePlot.titled(title).xAxis("epoch").yAxis(metric.yAxis());
                for (int i = 0; i < names.size(); i++) {
                    plot.line(names.get(i), xs.get(i), ys.get(i));
                }
                boolean logarithmic = metric.mayBeLogarithmic() && RunPlots.spansDecades(ys.toArray(double[][]::new));
                if (logarithmic) {
                    plot.logY();
                }
                Path png = plot.save(directory, metric.baseName()).get(0);
                plots.add(new Plot(title, metric.caption() + (logarithmic ? " Logarithmic axis." : ""), png, null));
            } catch (RuntimeException e) {
                plots.add(new Plot(title, metric.caption(), null, e.getMessage() == null ? e.toString()
                        : e.getMessage()));
            }
        }
        return plots;
    }

    /** The loss's unit when all runs share a task; both units when classification and regression are compared. */
    private static String lossAxis(List<SavedRun> runs) {
        boolean classification = false;
        boolean regression = false;
        for (SavedRun run : runs) {
            if ("regression".equals(run.configValue("task"))) {
                regression = true;
            } else {
                classification = true;
            }
        }
        if (classification && regression) {
            return "loss (cross-entropy, nats; regression: mean squared error)";
        }
        return regression ? "loss (mean squared error)" : "loss (cross-entropy, nats)";
    }

    private static boolean hasFinite(double[] values) {
        for (double v : values) {
            if (Double.isFinite(v)) {
                return true;
            }
        }
        return false;
    }
}
