package dev.descent.optim;

/** Updates parameters from their accumulated gradients: the PyTorch verbs. */
public interface Optimizer {

    /** Applies one update to every parameter from its current gradient. */
    void step();

    /** Sets every parameter's gradient to zero, before the next backward pass. */
    void zeroGrad();

    /** The learning rate the next {@link #step()} uses. */
    double learningRate();

    /** Updates done so far: the step count the learning-rate schedule is evaluated at. */
    long stepsDone();
}
