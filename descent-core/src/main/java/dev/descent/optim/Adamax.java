package dev.descent.optim;

import dev.descent.optim.rule.AddDecayedWeights;
import dev.descent.optim.rule.ScaleByAdamax;
import dev.descent.optim.rule.ScaleByLearningRate;
import dev.descent.optim.rule.UpdateRule;
import java.util.ArrayList;
import java.util.List;

/**
 * Adamax (Kingma and Ba 2015, §7), {@code torch.optim.Adamax}: Adam with the infinity norm.
 *
 * <pre>
 *   g ← ∇f + λ·w;   m ← β₁m + (1−β₁)g;   n ← max(β₂n, |g| + ε)
 *   w ← w − α/(1−β₁ᵗ) · m/n
 * </pre>
 *
 * Chain: [AddDecayedWeights] → ScaleByAdamax → ScaleByLearningRate. Defaults as PyTorch: lr 2e-3,
 * betas (0.9, 0.999), eps 1e-8.
 */
public record Adamax(double lr, double beta1, double beta2, double eps, double weightDecay) implements OptimizerConfig {

    public Adamax {
        AdamChecks.require(lr, beta1, beta2, eps, weightDecay);
    }

    public Adamax() {
        this(2e-3, 0.9, 0.999, 1e-8, 0);
    }

    public Adamax withLr(double value) {
        return new Adamax(value, beta1, beta2, eps, weightDecay);
    }

    public Adamax withBetas(double b1, double b2) {
        return new Adamax(lr, b1, b2, eps, weightDecay);
    }

    public Adamax withEps(double value) {
        return new Adamax(lr, beta1, beta2, value, weightDecay);
    }

    public Adamax withWeightDecay(double value) {
        return new Adamax(lr, beta1, beta2, eps, value);
    }

    @Override
    public List<UpdateRule> rules(double decay) {
        List<UpdateRule> rules = new ArrayList<>();
        if (decay > 0) {
            rules.add(new AddDecayedWeights(decay));
        }
        rules.add(new ScaleByAdamax(beta1, beta2, eps));
        rules.add(new ScaleByLearningRate());
        return rules;
    }

    @Override
    public String toString() {
        return "Adamax(lr=" + lr + ", betas=(" + beta1 + ", " + beta2 + "), eps=" + eps + ", weight_decay=" + weightDecay
                + ")";
    }
}
