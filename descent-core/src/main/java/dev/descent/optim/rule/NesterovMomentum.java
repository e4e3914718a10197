package dev.descent.optim.rule;

import java.util.List;

/**
 * Nesterov momentum in PyTorch's form (Sutskever et al. 2013, as {@code torch.optim.SGD} with
 * {@code nesterov=True} computes it): the buffer b as in {@link HeavyBallMomentum}, then
 * {@code u ← u + μ·b}, a look-ahead along the velocity. State: {@code momentum_buffer}.
 */
public record NesterovMomentum(double momentum, double dampening) implements UpdateRule {

    public NesterovMomentum {
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
        boolean first = step.count() == 1;
        float mu = (float) momentum;
        float keep = (float) (1 - dampening); // from the double, as PyTorch
        for (int i = 0; i < u.length; i++) {
            b[i] = first ? u[i] : Subnormals.flush(b[i] * mu + keep * u[i]);
            u[i] = u[i] + mu * b[i];
        }
    }
}
