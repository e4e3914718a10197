package dev.descent.optim.rule;

/**
 * {@code u ← clamp(u, −c, c)} elementwise (PyTorch's {@code clip_grad_value_}); first in a chain
 * it clips the gradient.
 */
public record ClipByValue(double clipValue) implements UpdateRule {

    public ClipByValue {
        if (!(clipValue > 0) || Double.isInfinite(clipValue)) {
            throw new IllegalArgumentException("clip_value must be a finite number > 0, got " + clipValue);
        }
    }

    @Override
    public void apply(ParameterSlot slot, StepContext step) {
        float[] u = slot.update();
        float c = (float) clipValue;
        for (int i = 0; i < u.length; i++) {
            u[i] = Math.max(-c, Math.min(c, u[i]));
        }
    }
}
