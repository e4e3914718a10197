package dev.descent.nn;

/**
 * A layer that remembers its mode, as PyTorch's {@code nn.Module.training} does: training
 * when created, then as {@link #train()} and {@link #eval()} set it. Layers whose output does
 * not depend on the mode keep the flag too, so that {@link #isTraining()} always answers.
 */
public abstract class AbstractLayer implements Layer {
    private boolean training = true;

    @Override
    public void setTraining(boolean training) {
        this.training = training;
    }

    @Override
    public boolean isTraining() {
        return training;
    }
}
