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
    private String stopReason;

    TrainingContext(Layer model, Optimizer optimizer, Objective objective) {
        this.model = model;
        this.optimizer = optimizer;
        this.objective = objective;
    }

    /** What is minimised, and the task: classification or regression. */
    public Objective objective() {
        return objective;
    }

    public Layer model() {
        return model;
    }

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

    void advance(int currentEpoch, long currentStep) {
        this.epoch = currentEpoch;
        this.step = currentStep;
    }
}
