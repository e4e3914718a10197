package dev.descent.cli;

import dev.descent.metrics.ClassificationReport;
import dev.descent.metrics.ConfusionMatrix;
import dev.descent.optim.Optimizer;
import dev.descent.plot.HeatMap;
import dev.descent.plot.LinePlot;
import dev.descent.train.LearningRateLog;
import dev.descent.train.TrainingCallback;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;

/**
 * The plots a training run leaves in {@code RUN_DIR/plots/}, each as PNG and SVG:
 * <ul>
 *   <li>{@code loss}: training loss and validation loss (after each evaluated epoch). The training
 *       loss is drawn from {@code metrics-steps.csv}'s rows (the mean over every few updates, against
 *       the fractional epoch; see {@link StepMetricsLog}) when the run has them, so that a two-epoch
 *       run is a curve rather than two points; else it is the mean over each epoch's batches, and
 *       the gap between it and the validation loss is shaded (an epoch's mean, drawn at its end,
 *       would shade a gap the curve within the epoch does not show);</li>
 *   <li>{@code accuracy}: validation accuracy per evaluated epoch (the trainer does not measure
 *       training accuracy; a separate pass over the training set would cost an evaluation per
 *       epoch);</li>
 *   <li>{@code learning-rate}: the rate of every update, as the optimizer reported it;</li>
 *   <li>{@code confusion}: the test set's confusion matrix, classes by name.</li>
 * </ul>
 * Regression runs have the loss plot only. A loss spanning three decades or more gets a
 * logarithmic axis; the learning-rate line is thinned beyond {@value #MAX_LEARNING_RATE_POINTS}
 * updates (keeping each stretch's lowest and highest rate). A plot without data (no validation
 * set, no test set) is left out. Writing plots comes last and never fails the run: a failure is reported in
 * one line and every other output of the run stays as written.
 */
final class RunPlots {
    /**
     * Above this many updates the learning-rate line is thinned (a per-bucket minimum and maximum),
     * and so is the training loss above this many {@code metrics-steps.csv} rows.
     */
    static final int MAX_LEARNING_RATE_POINTS = 2000;

    private record Epoch(int epoch, double trainLoss, double validationLoss, double validationAccuracy) {
    }

    private final String data;
    private final String subject;
    private final String lossAxis;
    private final List<Epoch> epochs = new ArrayList<>();
    private double[] stepEpochs = new double[256];
    private double[] stepLosses = new double[256];
    private int stepPoints;
    private LearningRateLog learningRates;
    private long firstStep;
    private double firstRate;
    private ClassificationReport test;

    private RunPlots(String data, String model, String lossAxis) {
        this.data = data;
        this.subject = data + ", " + model;
        this.lossAxis = lossAxis;
    }

    /** For a classifier: {@code data} and {@code model} name them in titles, e.g. "digits", "64-10 linear model". */
    static RunPlots classification(String data, String model) {
        return new RunPlots(data, model, "loss (cross-entropy, nats)");
    }

    static RunPlots regression(String data, String model) {
        return new RunPlots(data, model, "loss (mean squared error)");
    }

    /** One epoch's numbers; NaN where it was not measured (no validation that epoch). */
    void addEpoch(int epoch, double trainLoss, double validationLoss, double validationAccuracy) {
        epochs.add(new Epoch(epoch, trainLoss, validationLoss, validationAccuracy));
    }

    /**
     * One point of the training curve within epochs: a {@code metrics-steps.csv} row's fractional
     * epoch and its training loss (see {@link StepMetricsLog.TrainingPoints}).
     */
    void addTrainingPoint(double epoch, double trainLoss) {
        if (stepPoints == stepEpochs.length) {
            stepEpochs = Arrays.copyOf(stepEpochs, 2 * stepPoints);
            stepLosses = Arrays.copyOf(stepLosses, 2 * stepPoints);
        }
        stepEpochs[stepPoints] = epoch;
        stepLosses[stepPoints++] = trainLoss;
    }

    /** A callback recording every update's learning rate, from the optimizer's state now (after any resume). */
    TrainingCallback recordLearningRates(Optimizer optimizer) {
        firstStep = optimizer.stepsDone();
        firstRate = optimizer.learningRate();
        learningRates = new LearningRateLog();
        return learningRates;
    }

    void testReport(ClassificationReport report) {
        this.test = report;
    }

    /**
     * Writes every plot that has data into {@code directory} and prints one line saying what
     * happened.
     *
     * @return whether at least one plot was written
     */
    boolean write(Path directory, PrintWriter out) {
        List<String> written = new ArrayList<>();
        String failure = null;
        for (NamedPlot plot : plots()) {
            try {
                plot.save().accept(directory);
                written.add(plot.name());
            } catch (RuntimeException | Error e) {
                if (e instanceof OutOfMemoryError oom) {
                    throw oom;
                }
                if (failure == null) {
                    failure = plot.name() + " (" + describe(e) + ")";
                }
            }
        }
        if (failure == null) {
            out.println("plots    " + directory + " (" + String.join(", ", written) + "; PNG and SVG)");
        } else {
            out.println("plots    not written: " + failure + (written.isEmpty() ? "" : "; written: "
                    + String.join(", ", written)) + "; the run's other outputs are complete");
        }
        out.flush();
        return !written.isEmpty();
    }

    private record NamedPlot(String name, Consumer<Path> save) {
    }

    private List<NamedPlot> plots() {
        List<NamedPlot> plots = new ArrayList<>();
        if (hasFinite(column(Epoch::trainLoss)) || hasFinite(column(Epoch::validationLoss))
                || hasFinite(Arrays.copyOf(stepLosses, stepPoints))) {
            plots.add(new NamedPlot("loss", this::saveLoss));
        }
        if (hasFinite(column(Epoch::validationAccuracy))) {
            plots.add(new NamedPlot("accuracy", this::saveAccuracy));
        }
        if (learningRates != null && learningRates.steps().length > 0) {
            plots.add(new NamedPlot("learning-rate", this::saveLearningRate));
        }
        if (test != null && test.examples() > 0) {
            plots.add(new NamedPlot("confusion", this::saveConfusion));
        }
        return plots;
    }

    private void saveLoss(Path directory) {
        double[] x = column(e -> e.epoch());
        double[] train = column(Epoch::trainLoss);
        double[] validation = column(Epoch::validationLoss);
        double[][] steps = thin(Arrays.copyOf(stepEpochs, stepPoints), Arrays.copyOf(stepLosses, stepPoints),
                MAX_LEARNING_RATE_POINTS);
        boolean perStep = hasFinite(steps[1]);
        LinePlot plot = LinePlot.titled((perStep ? "Loss · " : "Loss per epoch · ") + subject).xAxis("epoch")
                .yAxis(lossAxis);
        if (spansDecades(perStep ? steps[1] : train, validation)) {
            plot.logY(); // a loss falling from 1e15 to 1e9 is a flat line on a linear axis
        }
        if (perStep) {
            plot.line("train (mean over every few updates)", steps[0], steps[1]);
        } else if (hasFinite(train)) {
            plot.line("train (mean over the epoch)", x, train);
        }
        if (hasFinite(validation)) {
            plot.line("validation (end of epoch)", x, validation);
        }
        if (!perStep && hasFinite(train) && hasFinite(validation) && bothFiniteSomewhere(train, validation)) {
            plot.band("gap (validation − train)", x, train, validation);
        }
        plot.save(directory, "loss");
    }

    private void saveAccuracy(Path directory) {
        double[] percent = column(e -> 100 * e.validationAccuracy());
        LinePlot.titled("Accuracy per epoch · " + subject).xAxis("epoch").yAxis("accuracy (%)")
                .line("validation", column(e -> e.epoch()), percent)
                .save(directory, "accuracy");
    }

    /**
     * The rate each update used: the optimizer's rate before the first update, then after each
     * update the rate of the next one (the last, for an update that never came, is dropped).
     */
    private void saveLearningRate(Path directory) {
        long[] steps = learningRates.steps();
        double[] rates = learningRates.rates();
        int n = steps.length; // updates done; each used the rate recorded before it
        double[] update = new double[n];
        double[] rate = new double[n];
        update[0] = firstStep + 1;
        rate[0] = firstRate;
        for (int i = 1; i < n; i++) {
            update[i] = steps[i - 1] + 1;
            rate[i] = rates[i - 1];
        }
        double[][] thinned = thin(update, rate, MAX_LEARNING_RATE_POINTS);
        LinePlot.titled("Learning rate per update · " + subject).xAxis("update (step)").yAxis("learning rate")
                .line("learning rate", thinned[0], thinned[1])
                .save(directory, "learning-rate");
    }

    private void saveConfusion(Path directory) {
        ConfusionMatrix matrix = test.confusionMatrix();
        int k = matrix.classes();
        double[][] counts = new double[k][k];
        for (int t = 0; t < k; t++) {
            for (int p = 0; p < k; p++) {
                counts[t][p] = matrix.count(t, p);
            }
        }
        String[] names = test.classNames().toArray(String[]::new);
        HeatMap.titled("Confusion matrix · " + data + " test set (" + test.examples() + " examples)")
                .xAxis("predicted class").yAxis("true class")
                .cells(names, names, counts)
                .save(directory, "confusion");
    }

    /**
     * At most {@code limit} points: the series cut into {@code limit / 2} runs of consecutive
     * points, each kept as its lowest and its highest point (in order), so steps and spikes
     * survive the thinning.
     */
    static double[][] thin(double[] x, double[] y, int limit) {
        int n = x.length;
        if (n <= limit) {
            return new double[][] {x, y};
        }
        int buckets = limit / 2;
        double[] keptX = new double[2 * buckets];
        double[] keptY = new double[2 * buckets];
        int kept = 0;
        for (int b = 0; b < buckets; b++) {
            int from = (int) ((long) b * n / buckets);
            int to = (int) ((long) (b + 1) * n / buckets);
            int low = from;
            int high = from;
            for (int i = from; i < to; i++) {
                if (y[i] < y[low]) {
                    low = i;
                }
                if (y[i] > y[high]) {
                    high = i;
                }
            }
            int first = Math.min(low, high);
            int second = Math.max(low, high);
            keptX[kept] = x[first];
            keptY[kept++] = y[first];
            if (second != first) {
                keptX[kept] = x[second];
                keptY[kept++] = y[second];
            }
        }
        return new double[][] {Arrays.copyOf(keptX, kept), Arrays.copyOf(keptY, kept)};
    }

    private double[] column(ToDoubleFunction<Epoch> value) {
        return epochs.stream().mapToDouble(value).toArray();
    }

    private static boolean hasFinite(double[] values) {
        for (double v : values) {
            if (Double.isFinite(v)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the finite values are all positive and the largest is at least 1000 times the smallest. */
    static boolean spansDecades(double[]... series) {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (double[] values : series) {
            for (double v : values) {
                if (Double.isFinite(v)) {
                    if (v <= 0) {
                        return false;
                    }
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        return max >= 1000 * min;
    }

    private static boolean bothFiniteSomewhere(double[] a, double[] b) {
        for (int i = 0; i < a.length; i++) {
            if (Double.isFinite(a[i]) && Double.isFinite(b[i])) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getName() : message;
    }
}
