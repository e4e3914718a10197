package dev.descent.optim.rule;

/**
 * What every rule may know about the current update: its 1-based count t (bias corrections
 * use β^t, as PyTorch's {@code state['step']} after its increment) and the learning rate
 * α_t of the schedule for it.
 */
public final class StepContext {
    private long count;
    private double learningRate;

    /** 1 for the first update. */
    public long count() {
        return count;
    }

    public double learningRate() {
        return learningRate;
    }

    /** Set by the optimizer before the rules of an update run. */
    public void set(long count, double learningRate) {
        this.count = count;
        this.learningRate = learningRate;
    }
}
