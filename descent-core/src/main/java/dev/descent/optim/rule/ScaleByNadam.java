package dev.descent.optim.rule;

import java.util.List;

/**
 * NAdam (Dozat 2016), Adam with Nesterov momentum, as {@code torch.optim.NAdam} (with the
 * μ-product of PyTorch ≥ 2.0; PyTorch 1.13 multiplied μ_t into it twice):
 *
 * <pre>
 *   μ_t = β₁(1 − ½·0.96^(t·ψ)),   μ_(t+1) = β₁(1 − ½·0.96^((t+1)·ψ))
 *   Π ← Π·μ_t
 *   m ← β₁·m + (1 − β₁)·u;   v ← β₂·v + (1 − β₂)·u²
 *   d = √(v / (1 − β₂ᵗ)) + ε
 *   u ← (1 − μ_t)/(1 − Π) · u/d  +  μ_(t+1)/(1 − Π·μ_(t+1)) · m/d
 * </pre>
 *
 * ψ is {@code momentum_decay}. State: {@code exp_avg}, {@code exp_avg_sq}, {@code mu_product}.
 */
public record ScaleByNadam(double beta1, double beta2, double eps, double momentumDecay) implements UpdateRule {

    public ScaleByNadam {
        Checks.requireUnitInterval("betas[0]", beta1);
        Checks.requireUnitInterval("betas[1]", beta2);
        Checks.requirePositive("eps", eps);
        Checks.requireNonNegative("momentum_decay", momentumDecay);
    }

    @Override
    public List<StateSpec> state() {
        return List.of(StateSpec.perElement("exp_avg"), StateSpec.perElement("exp_avg_sq"),
                StateSpec.scalar("mu_product", 1f));
    }

    @Override
    public void apply(ParameterSlot slot, StepContext step) {
        float[] u = slot.update();
        float[] m = slot.state(0);
        float[] v = slot.state(1);
        float[] muProduct = slot.state(2);
        long t = step.count();
        double mu = beta1 * (1.0 - 0.5 * Math.pow(0.96, t * momentumDecay));
        double muNext = beta1 * (1.0 - 0.5 * Math.pow(0.96, (t + 1) * momentumDecay));
        muProduct[0] = muProduct[0] * (float) mu; // a float32 product, as PyTorch keeps it
        float productNext = muProduct[0] * (float) muNext;
        float gradientWeight = (float) ((1.0 - mu) / (1.0 - muProduct[0]));
        float momentumWeight = (float) (muNext / (1.0 - productNext));
        float correction2 = (float) (1.0 - Math.pow(beta2, t));
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        float mix1 = (float) (1 - beta1);
        float mix2 = (float) (1 - beta2);
        float epsilon = (float) eps;
        for (int i = 0; i < u.length; i++) {
            m[i] = Subnormals.flush(m[i] * b1 + mix1 * u[i]);
            v[i] = Subnormals.flush(v[i] * b2 + (mix2 * u[i]) * u[i]);
            float d = (float) Math.sqrt(v[i] / correction2) + epsilon;
            u[i] = gradientWeight * (u[i] / d) + momentumWeight * (m[i] / d);
        }
    }
}
