package dev.descent.train;

import dev.descent.io.ModelWeights;
import dev.descent.tensor.Tensor;
import java.util.List;

/**
 * Stops when a validation metric has not improved by more than {@code minDelta} for
 * {@code patience} epochs in a row, and optionally puts back the best weights seen (Keras's
 * {@code EarlyStopping}). The validation set chooses; the test set is never looked at.
 */
public final class EarlyStopping implements TrainingCallback {
    /** The monitored quantity: validation loss (lower is better) or accuracy (higher is better). */
    public enum Metric { VALIDATION_LOSS, VALIDATION_ACCURACY }

    private final Metric metric;
    private final int patience;
    private final double minDelta;
    private final boolean restoreBest;
    private double best = Double.NaN;
    private int bestEpoch;
    private int badEpochs;
    private float[][] bestWeights;

    public EarlyStopping(Metric metric, int patience, double minDelta, boolean restoreBest) {
        if (patience < 0) {
            throw new IllegalArgumentException("early stopping: patience must be ≥ 0 epochs, got " + patience);
        }
        if (!(minDelta >= 0) || Double.isInfinite(minDelta)) {
            throw new IllegalArgumentException("early stopping: min_delta must be a finite number ≥ 0, got " + minDelta);
        }
        this.metric = metric;
        this.patience = patience;
        this.minDelta = minDelta;
        this.restoreBest = restoreBest;
    }

    @Override
    public void onTrainStart(TrainingContext context) {
        if (metric == Metric.VALIDATION_ACCURACY && !context.objective().classification()) {
            throw new IllegalArgumentException("early stopping on validation accuracy needs classes, but the task is "
                    + context.objective().task() + "; monitor the validation loss instead (metric: val_loss)");
        }
    }

    @Override
    public void onEpochEnd(EpochReport report, TrainingContext context) {
        if (report.validation() == null) {
            return; // not evaluated this epoch (eval_every), or no validation set: nothing to judge
        }
        double value = metric == Metric.VALIDATION_LOSS ? report.validation().loss() : -report.validation().accuracy();
        if (Double.isNaN(best) || value < best - minDelta) {
            best = value;
            bestEpoch = report.epoch();
            badEpochs = 0;
            if (restoreBest) {
                snapshot(stateOf(context));
            }
            return;
        }
        badEpochs++;
        if (badEpochs > patience) {
            context.requestStop("early stopping: the " + describe() + " has not improved for " + badEpochs
                    + " epochs (best " + describeValue(best) + " at epoch " + bestEpoch + ")");
        }
    }

    @Override
    public void onTrainEnd(TrainingContext context) {
        if (restoreBest && bestWeights != null) {
            List<Tensor> state = stateOf(context);
            for (int i = 0; i < bestWeights.length; i++) {
                System.arraycopy(bestWeights[i], 0, state.get(i).data(), 0, bestWeights[i].length);
            }
        }
    }

    /** Whether the best epoch's weights are put back at the end. */
    public boolean restoresBest() {
        return restoreBest;
    }

    /** The epoch whose weights were best (0 before any evaluation). */
    public int bestEpoch() {
        return bestEpoch;
    }

    /** The parameters and buffers (batch norm's running statistics belong to the best epoch too). */
    private static List<Tensor> stateOf(TrainingContext context) {
        return List.copyOf(ModelWeights.stateDict(context.model()).values());
    }

    private void snapshot(List<Tensor> state) {
        if (bestWeights == null) {
            bestWeights = new float[state.size()][];
            for (int i = 0; i < bestWeights.length; i++) {
                bestWeights[i] = new float[state.get(i).size()];
            }
        }
        for (int i = 0; i < bestWeights.length; i++) {
            System.arraycopy(state.get(i).data(), 0, bestWeights[i], 0, bestWeights[i].length);
        }
    }

    private String describe() {
        return metric == Metric.VALIDATION_LOSS ? "validation loss" : "validation accuracy";
    }

    private String describeValue(double value) {
        return metric == Metric.VALIDATION_LOSS ? String.format("%.4f", value) : String.format("%.2f%%", -100 * value);
    }
}
