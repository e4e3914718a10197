package dev.descent.optim.rule;

/**
 * {@code u ← −α_t · u}: turns a descent direction into a step. The one place that owns the
 * sign convention (the optimizer then adds: {@code w ← w + u}).
 */
public record ScaleByLearningRate() implements UpdateRule {

    @Override
    public void apply(ParameterSlot slot, StepContext step) {
        float[] u = slot.update();
        float factor = (float) -step.learningRate();
        for (int i = 0; i < u.length; i++) {
            u[i] *= factor;
        }
    }
}
