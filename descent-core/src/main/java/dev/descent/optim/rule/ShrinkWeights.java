package dev.descent.optim.rule;

/**
 * Decoupled weight decay (Loshchilov and Hutter 2019) as PyTorch's AdamW applies it: before the
 * step, the weights themselves shrink, {@code w ← w·(1 − α_t·λ)}; the update vector is left
 * alone. Place it first in a chain. It is the one rule that writes the weights: the same
 * decay written as an update ({@link AddDecayedWeights} after the adaptive scaling) is equal
 * in exact arithmetic but rounds differently from PyTorch.
 */
public record ShrinkWeights(double weightDecay) implements UpdateRule {

    public ShrinkWeights {
        Checks.requireNonNegative("weight_decay", weightDecay);
    }

    @Override
    public void apply(ParameterSlot slot, StepContext step) {
        float[] w = slot.weights();
        float factor = (float) (1 - step.learningRate() * weightDecay);
        for (int i = 0; i < w.length; i++) {
            w[i] *= factor;
        }
    }
}
