package dev.descent.optim.rule;

import java.util.List;

/**
 * Momentum in the lectures' form: {@code v ← λ·v − α∇f;  w ← w + v}. Placed after
 * {@link ScaleByLearningRate} (u = −α_t∇f on entry): {@code v ← λ·v + u;  u ← v}.
 *
 * <p>With a constant α it equals PyTorch's form ({@link HeavyBallMomentum}, dampening 0) up to
 * rounding: v = −α·b. When α changes they differ: here the velocity keeps the steps taken
 * with the old rates and only new gradients get the new rate, so a decay takes effect
 * gradually; in PyTorch's form the new rate rescales the whole buffer at once.
 * State: {@code velocity}.
 */
public record VelocityMomentum(double momentum) implements UpdateRule {

    public VelocityMomentum {
        Checks.requireUnitInterval("momentum", momentum);
    }

    @Override
    public List<StateSpec> state() {
        return List.of(StateSpec.perElement("velocity"));
    }

    @Override
    public void apply(ParameterSlot slot, StepContext step) {
        float[] u = slot.update();
        float[] v = slot.state(0);
        float lambda = (float) momentum;
        for (int i = 0; i < u.length; i++) {
            v[i] = Subnormals.flush(v[i] * lambda + u[i]);
            u[i] = v[i];
        }
    }
}
