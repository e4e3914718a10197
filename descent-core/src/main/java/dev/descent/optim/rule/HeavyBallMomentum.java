package dev.descent.optim.rule;

import java.util.List;

/**
 * Momentum in PyTorch's form (Polyak's heavy ball, as {@code torch.optim.SGD} computes it):
 *
 * <pre>
 *   b ← u                        (first update of this parameter)
 *   b ← μ·b + (1 − dampening)·u  (later updates)
 *   u ← b
 * </pre>
 *
 * Placed before {@link ScaleByLearningRate}, the buffer holds gradients, so a change of the
 * learning rate applies at once to the whole accumulated velocity. The lectures' form
 * ({@link VelocityMomentum}) accumulates steps already scaled by α instead. State:
 * {@code momentum_buffer}.
 */
public record HeavyBallMomentum(double momentum, double dampening) implements UpdateRule {

    public HeavyBallMomentum {
        Checks.requireUnitInterval("momentum", momentum);
        Checks.requireClosedUnitInterval("dampening", dampening);
    }

    @Override
    public List<StateSpec> state() {
        return List.of(StateSpec.perElement("momentum_buffer"));
    }

    @Override
    public void apply(ParameterSlot slot, StepContext step) {
        float[] u = slot.update();
        float[] b = slot.state(0);
        if (step.count() == 1) {
            for (int i = 0; i < u.length; i++) {
                b[i] = Subnormals.flush(u[i]);
                u[i] = b[i];
            }
            return;
        }
        float mu = (float) momentum;
        float keep = (float) (1 - dampening); // from the double, as PyTorch
        for (int i = 0; i < u.length; i++) {
            b[i] = Subnormals.flush(b[i] * mu + keep * u[i]);
            u[i] = b[i];
        }
    }
}
