package dev.descent.optim;

import dev.descent.optim.rule.AddDecayedWeights;
import dev.descent.optim.rule.Checks;
import dev.descent.optim.rule.ScaleByLearningRate;
import dev.descent.optim.rule.ScaleByNadam;
import dev.descent.optim.rule.UpdateRule;
import java.util.ArrayList;
import java.util.List;

/**
 * NAdam (Dozat 2016), {@code torch.optim.NAdam}: Adam with Nesterov momentum and a momentum
 * schedule μ_t = β₁(1 − ½·0.96^(t·ψ)); see {@link ScaleByNadam} for the update.
 *
 * <p>Chain: [AddDecayedWeights] → ScaleByNadam → ScaleByLearningRate. Defaults as PyTorch: lr 2e-3,
 * betas (0.9, 0.999), eps 1e-8, momentum_decay ψ = 4e-3.
 */
public record NAdam(double lr, double beta1, double beta2, double eps, double weightDecay, double momentumDecay)
        implements OptimizerConfig {

    public NAdam {
        AdamChecks.require(lr, beta1, beta2, eps, weightDecay);
        Checks.requireNonNegative("momentum_decay", momentumDecay);
    }

    public NAdam() {
        this(2e-3, 0.9, 0.999, 1e-8, 0, 4e-3);
    }

    public NAdam withLr(double value) {
        return new NAdam(value, beta1, beta2, eps, weightDecay, momentumDecay);
    }

    public NAdam withBetas(double b1, double b2) {
        return new NAdam(lr, b1, b2, eps, weightDecay, momentumDecay);
    }

    public NAdam withEps(double value) {
        return new NAdam(lr, beta1, beta2, value, weightDecay, momentumDecay);
    }

    public NAdam withWeightDecay(double value) {
        return new NAdam(lr, beta1, beta2, eps, value, momentumDecay);
    }

    public NAdam withMomentumDecay(double value) {
        return new NAdam(lr, beta1, beta2, eps, weightDecay, value);
    }

    @Override
    public List<UpdateRule> rules(double decay) {
        List<UpdateRule> rules = new ArrayList<>();
        if (decay > 0) {
            rules.add(new AddDecayedWeights(decay));
        }
        rules.add(new ScaleByNadam(beta1, beta2, eps, momentumDecay));
        rules.add(new ScaleByLearningRate());
        return rules;
    }

    @Override
    public String toString() {
        return "NAdam(lr=" + lr + ", betas=(" + beta1 + ", " + beta2 + "), eps=" + eps + ", weight_decay=" + weightDecay
                + ", momentum_decay=" + momentumDecay + ")";
    }
}
