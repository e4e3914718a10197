package dev.descent.train;

import dev.descent.nn.Layer;
import dev.descent.optim.Optimizer;

/** What callbacks see of a run: the model, the optimizer, the counters, and a way to stop. */
public final class TrainingContext {
    private final Layer model;
    private final Optimizer optimizer;
    private final Objective objective;
    private int epoch;
    private long step;
    private double batchLoss = Double.NaN;
    private double epochLoss = Double.NaN;
    private long epochExamples = -1;
    private String stopReason;

    TrainingContext(Layer model, Optimizer optimizer, Objective objective) {
        this.model = model;
        this.optimizer = optimizer;
        this.objective = objective;
    }

    /**
     * A context for a training loop other than the {@link Trainer}'s (descent-spark's local SGD,
     * say), so that the same callbacks serve it; the loop reports its progress with
     * {@link #advance}.
     */
    public static TrainingContext forLoop(Layer model, Optimizer optimizer, Objective objective) {
        return new TrainingContext(model, optimizer, objective);
    }

    /** What is minimised, and the task: classification or regression. */
    public Objective objective() {
        return objective;
    }

    /** The model being trained. */
    public Layer model() {
        return model;
    }

    /** The optimizer that updates the model (its learning rate is the current step's). */
    public Optimizer optimizer() {
        return optimizer;
    }

    /** The epoch in progress (1-based), or the last one finished in {@code onEpochEnd}. */
    public int epoch() {
        return epoch;
    }

    /** Updates done so far. */
    public long step() {
        return step;
    }

    /** The loss of the last step's batch (before its update), or NaN before the first step. */
    public double batchLoss() {
        return batchLoss;
    }

    /**
     * The mean loss over the examples of the epoch so far: the running value of the epoch's
     * training loss, or NaN before the first step.
     */
    public double epochLoss() {
        return epochLoss;
    }

    /**
     * The examples trained on in the epoch so far, the last step's batch included (the
     * difference between two steps is the size of the later one's batch), or -1 when the loop
     * does not count them.
     */
    public long epochExamples() {
        return epochExamples;
    }

    /** Asks the run to stop after the current step; the first reason given is kept. */
    public void requestStop(String reason) {
        if (stopReason == null) {
            stopReason = reason;
        }
    }

    /** Why the run stopped early, or null. */
    public String stopReason() {
        return stopReason;
    }

    /** Records the loop's progress after a step (the {@link Trainer} does it itself; see {@link #forLoop}). */
    public void advance(int currentEpoch, long currentStep, double lastBatchLoss, double runningEpochLoss) {
        advance(currentEpoch, currentStep, lastBatchLoss, runningEpochLoss, -1);
    }

    /** As {@link #advance(int, long, double, double)}, with the examples trained on in the epoch so far. */
    public void advance(int currentEpoch, long currentStep, double lastBatchLoss, double runningEpochLoss,
                        long examplesInEpoch) {
        this.epoch = currentEpoch;
        this.step = currentStep;
        this.batchLoss = lastBatchLoss;
        this.epochLoss = runningEpochLoss;
        this.epochExamples = examplesInEpoch;
    }
}
