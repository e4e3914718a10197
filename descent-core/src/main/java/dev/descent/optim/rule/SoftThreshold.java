package dev.descent.optim.rule;

/**
 * The proximal step of the L1 penalty λ‖w‖₁ (proximal gradient / ISTA): after the gradient
 * step z = w + u, {@code w ← sign(z)·max(|z| − α_t·λ, 0)}. Expressed as an update,
 * {@code u ← prox(w + u) − w}; place it after {@link ScaleByLearningRate}. Weights it sets to
 * zero are exactly zero, which is how L1 selects features.
 */
public record SoftThreshold(double strength) implements UpdateRule {

    public SoftThreshold {
        Checks.requireNonNegative("l1", strength);
    }

    @Override
    public void apply(ParameterSlot slot, StepContext step) {
        float[] u = slot.update();
        float[] w = slot.weights();
        float threshold = (float) (step.learningRate() * strength);
        for (int i = 0; i < u.length; i++) {
            float z = w[i] + u[i];
            float shrunk = Math.max(Math.abs(z) - threshold, 0f);
            u[i] = Math.copySign(shrunk, z) - w[i];
        }
    }
}
