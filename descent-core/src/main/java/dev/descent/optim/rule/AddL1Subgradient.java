package dev.descent.optim.rule;

/**
 * {@code u ← u + λ·sign(w)}: a subgradient of the L1 penalty λ‖w‖₁ (0 at w = 0). Coupled, like
 * an L2 penalty: place it before any adaptive scaling. It shrinks weights towards zero but,
 * unlike {@link SoftThreshold}, rarely makes them exactly zero.
 */
public record AddL1Subgradient(double strength) implements UpdateRule {

    public AddL1Subgradient {
        Checks.requireNonNegative("l1", strength);
    }

    @Override
    public void apply(ParameterSlot slot, StepContext step) {
        float[] u = slot.update();
        float[] w = slot.weights();
        float l1 = (float) strength;
        for (int i = 0; i < u.length; i++) {
            u[i] += l1 * Math.signum(w[i]);
        }
    }
}
