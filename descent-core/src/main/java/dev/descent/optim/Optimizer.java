package dev.descent.optim;

/**
 * Updates parameters from their accumulated gradients: the PyTorch verbs
 * ({@link #zeroGrad()}, then {@code loss.backward()}, then {@link #step()}).
 */
public interface Optimizer {

    /** Applies one update to every parameter that has a gradient. */
    void step();

    /** Sets every parameter's gradient to zero, before the next backward pass. */
    void zeroGrad();

    /** The learning rate the next update uses (of the parameters no group overrides). */
    double learningRate();

    /** Updates done so far: the step count the learning-rate schedule is evaluated at. */
    long stepsDone();

    /** A copy of the whole state (counters and buffers), by parameter name. */
    OptimizerState state();

    /**
     * Restores a state saved by {@link #state()}, checking that every parameter and buffer
     * exists here with the same shape; on a mismatch nothing is changed and the error names
     * the parameter, the buffer and both shapes.
     */
    void loadState(OptimizerState state);
}
