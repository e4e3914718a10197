package dev.descent.optim.rule;

import java.util.List;

/**
 * Adamax (Kingma and Ba 2015, §7), as {@code torch.optim.Adamax}: Adam with the infinity norm.
 *
 * <pre>
 *   m ← β₁·m + (1 − β₁)·u
 *   n ← max(β₂·n, |u| + ε)
 *   u ← (m / n) / (1 − β₁ᵗ)
 * </pre>
 *
 * State: {@code exp_avg}, {@code exp_inf}.
 */
public record ScaleByAdamax(double beta1, double beta2, double eps) implements UpdateRule {

    public ScaleByAdamax {
        Checks.requireUnitInterval("betas[0]", beta1);
        Checks.requireUnitInterval("betas[1]", beta2);
        Checks.requirePositive("eps", eps);
    }

    @Override
    public List<StateSpec> state() {
        return List.of(StateSpec.perElement("exp_avg"), StateSpec.perElement("exp_inf"));
    }

    @Override
    public void apply(ParameterSlot slot, StepContext step) {
        float[] u = slot.update();
        float[] m = slot.state(0);
        float[] n = slot.state(1);
        float inverseCorrection1 = (float) (1.0 / (1.0 - Math.pow(beta1, step.count())));
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        float mix1 = (float) (1 - beta1);
        float epsilon = (float) eps;
        for (int i = 0; i < u.length; i++) {
            m[i] = Subnormals.flush(m[i] * b1 + mix1 * u[i]);
            n[i] = Math.max(n[i] * b2, Math.abs(u[i]) + epsilon);
            u[i] = m[i] / n[i] * inverseCorrection1;
        }
    }
}
