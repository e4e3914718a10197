package dev.descent.cli;

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
 * running loss); elsewhere (CI, files) nothing until the epoch's one-line summary.
 */
final class EpochProgress implements TrainingCallback {
    private static final String HEADER = "epoch         lr   train loss   val loss   val acc      gap   samples/s   seconds";
    private final PrintWriter out;
    private final int epochs;
    private final int stepsPerEpoch;
    private final boolean live;
    private ProgressBar bar;
    private int barEpoch;

    private EpochProgress(PrintWriter out, int epochs, int stepsPerEpoch, boolean live) {
        this.out = out;
        this.epochs = epochs;
        this.stepsPerEpoch = stepsPerEpoch;
        this.live = live;
    }

    /** A live bar only when standard output is a terminal. */
    static EpochProgress create(PrintWriter out, int epochs, int stepsPerEpoch, int batchSize) {
        EpochProgress progress = new EpochProgress(out, epochs, stepsPerEpoch,
                System.console() != null && !"dumb".equals(System.getenv("TERM")));
        out.println();
        out.println(HEADER);
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
        bar.setExtraMessage(String.format(Locale.ROOT, " lr %.2e", context.optimizer().learningRate()));
    }

    /** The epoch's one line (the live bar, if any, is cleared first). */
    void printEpoch(EpochReport r) {
        closeBar();
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
