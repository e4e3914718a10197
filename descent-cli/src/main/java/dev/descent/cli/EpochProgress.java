package dev.descent.cli;

import dev.descent.metrics.RegressionReport;
import dev.descent.train.EpochReport;
import dev.descent.train.TrainingCallback;
import dev.descent.train.TrainingContext;
import java.io.PrintWriter;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows training progress: on a terminal, a live bar per epoch (steps, samples/s, ETA, the
 * epoch's running mean loss and the learning rate); elsewhere (CI, files) nothing until the epoch's one-line summary.
 */
final class EpochProgress implements TrainingCallback {
    private static final String HEADER = "epoch         lr   train loss   val loss   val acc      gap   samples/s   seconds";
    private static final String REGRESSION_HEADER =
            "epoch         lr   train mse   val rmse    val mae     val r²   samples/s   seconds";
    private final PrintWriter out;
    private final int epochs;
    private final int stepsPerEpoch;
    private final boolean live;
    private final boolean regression;
    private ProgressBar bar;
    private int barEpoch;

    private EpochProgress(PrintWriter out, int epochs, int stepsPerEpoch, boolean live, boolean regression) {
        this.out = out;
        this.regression = regression;
        this.epochs = epochs;
        this.stepsPerEpoch = stepsPerEpoch;
        this.live = live;
    }

    /**
     * A live bar only when standard output is a terminal; a regression run's lines show RMSE, MAE
     * and R² where a classifier's show loss, accuracy and gap.
     */
    static EpochProgress create(PrintWriter out, int epochs, int stepsPerEpoch, boolean regression) {
        EpochProgress progress = new EpochProgress(out, epochs, stepsPerEpoch,
                Terminal.isInteractive(), regression);
        out.println();
        out.println(regression ? REGRESSION_HEADER : HEADER);
        out.flush();
        return progress;
    }

    @Override
    public void onStepEnd(TrainingContext context) {
        if (!live) {
            return;
        }
        if (bar == null || barEpoch != context.epoch()) {
            closeBar();
            barEpoch = context.epoch();
            bar = new ProgressBarBuilder().setTaskName(String.format(Locale.ROOT, "epoch %d/%d", barEpoch, epochs))
                    .setInitialMax(Math.max(stepsPerEpoch, 1)).setStyle(ProgressBarStyle.ASCII).setUnit(" steps", 1)
                    .setMaxRenderedLength(100).showSpeed().continuousUpdate().clearDisplayOnFinish().build();
        }
        bar.step();
        bar.setExtraMessage(String.format(Locale.ROOT, " loss %.4f lr %.2e", context.epochLoss(),
                context.optimizer().learningRate()));
    }

    /** The epoch's one line (the live bar, if any, is cleared first). */
    void printEpoch(EpochReport r) {
        closeBar();
        if (regression) {
            printRegression(r);
            return;
        }
        if (r.validation() == null) {
            out.printf(Locale.ROOT, "%5d   %8.2e   %10.4f   %8s   %7s   %6s   %9.0f   %7.2f%n", r.epoch(), r.learningRate(),
                    r.trainLoss(), "—", "—", "—", r.samplesPerSecond(), r.seconds());
        } else {
            out.printf(Locale.ROOT, "%5d   %8.2e   %10.4f   %8.4f   %6.2f%%   %+6.3f   %9.0f   %7.2f%n", r.epoch(),
                    r.learningRate(), r.trainLoss(), r.validation().loss(), 100 * r.validation().accuracy(), r.gap(),
                    r.samplesPerSecond(), r.seconds());
        }
        out.flush();
    }

    private void printRegression(EpochReport r) {
        if (r.validation() == null || r.validation().regression() == null) {
            out.printf(Locale.ROOT, "%5d   %8.2e   %9.4f   %8s   %8s   %8s   %9.0f   %7.2f%n", r.epoch(), r.learningRate(),
                    r.trainLoss(), "—", "—", "—", r.samplesPerSecond(), r.seconds());
        } else {
            RegressionReport v = r.validation().regression();
            out.printf(Locale.ROOT, "%5d   %8.2e   %9.4f   %8.4f   %8.4f   %8.4f   %9.0f   %7.2f%n", r.epoch(),
                    r.learningRate(), r.trainLoss(), v.rootMeanSquaredError(), v.meanAbsoluteError(), v.r2Score(),
                    r.samplesPerSecond(), r.seconds());
        }
        out.flush();
    }

    @Override
    public void onTrainEnd(TrainingContext context) {
        closeBar();
    }

    private void closeBar() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
