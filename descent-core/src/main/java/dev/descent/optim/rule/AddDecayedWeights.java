package dev.descent.optim.rule;

/**
 * {@code u ← u + λ·w}: weight decay. Placed before an adaptive scaling it is the gradient of
 * the L2 penalty ½λ‖w‖² (coupled: PyTorch's {@code weight_decay} in SGD, Adam, RMSprop…);
 * placed after it, just before {@link ScaleByLearningRate}, it is decoupled weight decay
 * {@code w ← w − α·λ·w} (Loshchilov and Hutter 2019; PyTorch's AdamW).
 */
public record AddDecayedWeights(double weightDecay) implements UpdateRule {

    public AddDecayedWeights {
        Checks.requireNonNegative("weight_decay", weightDecay);
    }

    @Override
    public void apply(ParameterSlot slot, StepContext step) {
        float[] u = slot.update();
        float[] w = slot.weights();
        float decay = (float) weightDecay;
        for (int i = 0; i < u.length; i++) {
            u[i] += decay * w[i];
        }
    }
}
