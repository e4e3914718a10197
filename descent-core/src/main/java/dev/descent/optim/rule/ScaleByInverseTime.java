package dev.descent.optim.rule;

/**
 * {@code u ← u / (1 + (t − 1)·r)}: the inverse-time decay that PyTorch's Adagrad applies
 * through its {@code lr_decay} (t is the 1-based update count, so the first step is unscaled).
 * The same decay for any optimizer is the schedule {@code InverseTimeDecay}.
 */
public record ScaleByInverseTime(double lrDecay) implements UpdateRule {

    public ScaleByInverseTime {
        Checks.requireNonNegative("lr_decay", lrDecay);
    }

    @Override
    public void apply(ParameterSlot slot, StepContext step) {
        float[] u = slot.update();
        float factor = (float) (1.0 / (1.0 + (step.count() - 1) * lrDecay));
        for (int i = 0; i < u.length; i++) {
            u[i] *= factor;
        }
    }
}
