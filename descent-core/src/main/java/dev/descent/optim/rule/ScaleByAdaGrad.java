package dev.descent.optim.rule;

import java.util.List;

/**
 * AdaGrad's per-coordinate scaling (Duchi, Hazan and Singer 2011), as {@code torch.optim.Adagrad}:
 *
 * <pre>  s ← s + u²;   u ← u / (√s + ε)</pre>
 *
 * Coordinates with a history of large gradients take smaller steps; the step sizes only
 * shrink. State: {@code sum}, starting at {@code initial_accumulator_value}.
 */
public record ScaleByAdaGrad(double eps, double initialAccumulatorValue) implements UpdateRule {

    public ScaleByAdaGrad {
        Checks.requirePositive("eps", eps);
        Checks.requireNonNegative("initial_accumulator_value", initialAccumulatorValue);
    }

    @Override
    public List<StateSpec> state() {
        return List.of(StateSpec.perElement("sum", (float) initialAccumulatorValue));
    }

    @Override
    public void apply(ParameterSlot slot, StepContext step) {
        float[] u = slot.update();
        float[] s = slot.state(0);
        float epsilon = (float) eps;
        for (int i = 0; i < u.length; i++) {
            s[i] += u[i] * u[i];
            u[i] = u[i] / ((float) Math.sqrt(s[i]) + epsilon);
        }
    }
}
