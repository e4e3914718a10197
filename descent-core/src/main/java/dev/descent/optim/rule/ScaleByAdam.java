package dev.descent.optim.rule;

import java.util.List;

/**
 * Adam's scaling (Kingma and Ba 2015), as {@code torch.optim.Adam}:
 *
 * <pre>
 *   m ← β₁·m + (1 − β₁)·u
 *   v ← β₂·v + (1 − β₂)·u²
 *   u ← (m / (1 − β₁ᵗ)) / (√v / √(1 − β₂ᵗ) + ε)
 * </pre>
 *
 * ε is added after the bias correction of √v, as PyTorch does. State: {@code exp_avg},
 * {@code exp_avg_sq}.
 */
public record ScaleByAdam(double beta1, double beta2, double eps) implements UpdateRule {

    public ScaleByAdam {
        Checks.requireUnitInterval("betas[0]", beta1);
        Checks.requireUnitInterval("betas[1]", beta2);
        Checks.requirePositive("eps", eps);
    }

    @Override
    public List<StateSpec> state() {
        return List.of(StateSpec.perElement("exp_avg"), StateSpec.perElement("exp_avg_sq"));
    }

    @Override
    public void apply(ParameterSlot slot, StepContext step) {
        float[] u = slot.update();
        float[] m = slot.state(0);
        float[] v = slot.state(1);
        float inverseCorrection1 = (float) (1.0 / (1.0 - Math.pow(beta1, step.count())));
        float correction2Sqrt = (float) Math.sqrt(1.0 - Math.pow(beta2, step.count()));
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        float mix1 = (float) (1 - beta1); // from the double, as PyTorch: 1f − 0.999f is not 0.001f
        float mix2 = (float) (1 - beta2);
        float epsilon = (float) eps;
        for (int i = 0; i < u.length; i++) {
            m[i] = Subnormals.flush(m[i] * b1 + mix1 * u[i]);
            v[i] = Subnormals.flush(v[i] * b2 + (mix2 * u[i]) * u[i]);
            float denominator = (float) Math.sqrt(v[i]) / correction2Sqrt + epsilon;
            u[i] = m[i] / denominator * inverseCorrection1;
        }
    }
}
