package dev.descent.optim.rule;

import java.util.List;

/**
 * Centered RMSProp (Graves 2013), as {@code torch.optim.RMSprop(centered=True)}: divides by an
 * estimate of the gradient's standard deviation instead of its root mean square.
 *
 * <pre>
 *   s ← α·s + (1 − α)·u²
 *   m ← α·m + (1 − α)·u
 *   u ← u / (√(s − m²) + ε)
 * </pre>
 *
 * State: {@code square_avg}, {@code grad_avg}.
 */
public record ScaleByCenteredRms(double alpha, double eps) implements UpdateRule {

    public ScaleByCenteredRms {
        Checks.requireClosedUnitInterval("alpha", alpha);
        Checks.requirePositive("eps", eps);
    }

    @Override
    public List<StateSpec> state() {
        return List.of(StateSpec.perElement("square_avg"), StateSpec.perElement("grad_avg"));
    }

    @Override
    public void apply(ParameterSlot slot, StepContext step) {
        float[] u = slot.update();
        float[] s = slot.state(0);
        float[] m = slot.state(1);
        float a = (float) alpha;
        float mix = (float) (1 - alpha);
        float epsilon = (float) eps;
        for (int i = 0; i < u.length; i++) {
            s[i] = Subnormals.flush(s[i] * a + (mix * u[i]) * u[i]);
            m[i] = Subnormals.flush(m[i] * a + mix * u[i]);
            u[i] = u[i] / ((float) Math.sqrt(s[i] - m[i] * m[i]) + epsilon);
        }
    }
}
