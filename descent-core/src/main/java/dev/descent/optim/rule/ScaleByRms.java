package dev.descent.optim.rule;

import java.util.List;

/**
 * RMSProp's scaling (Tieleman and Hinton 2012), as {@code torch.optim.RMSprop}:
 *
 * <pre>  s ← α·s + (1 − α)·u²;   u ← u / (√s + ε)</pre>
 *
 * Like AdaGrad but with a moving average, so step sizes can grow again. State:
 * {@code square_avg}.
 */
public record ScaleByRms(double alpha, double eps) implements UpdateRule {

    public ScaleByRms {
        Checks.requireClosedUnitInterval("alpha", alpha);
        Checks.requirePositive("eps", eps);
    }

    @Override
    public List<StateSpec> state() {
        return List.of(StateSpec.perElement("square_avg"));
    }

    @Override
    public void apply(ParameterSlot slot, StepContext step) {
        float[] u = slot.update();
        float[] s = slot.state(0);
        float a = (float) alpha;
        float mix = (float) (1 - alpha);
        float epsilon = (float) eps;
        for (int i = 0; i < u.length; i++) {
            s[i] = Subnormals.flush(s[i] * a + (mix * u[i]) * u[i]);
            u[i] = u[i] / ((float) Math.sqrt(s[i]) + epsilon);
        }
    }
}
