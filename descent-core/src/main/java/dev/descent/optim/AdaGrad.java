package dev.descent.optim;

import dev.descent.optim.rule.AddDecayedWeights;
import dev.descent.optim.rule.Checks;
import dev.descent.optim.rule.ScaleByAdaGrad;
import dev.descent.optim.rule.ScaleByInverseTime;
import dev.descent.optim.rule.ScaleByLearningRate;
import dev.descent.optim.rule.UpdateRule;
import java.util.ArrayList;
import java.util.List;

/**
 * AdaGrad (Duchi, Hazan and Singer 2011), {@code torch.optim.Adagrad}:
 *
 * <pre>
 *   g ← ∇f + λ·w;   s ← s + g²
 *   w ← w − α/(1 + (t−1)·lr_decay) · g/(√s + ε)
 * </pre>
 *
 * Chain: [AddDecayedWeights] → ScaleByAdaGrad → [ScaleByInverseTime] → ScaleByLearningRate.
 * Defaults as PyTorch: lr 0.01, eps 1e-10. Example: {@code new AdaGrad().build(params)}.
 */
public record AdaGrad(double lr, double lrDecay, double weightDecay, double initialAccumulatorValue, double eps)
        implements OptimizerConfig {

    public AdaGrad {
        Checks.requirePositive("lr", lr);
        Checks.requireNonNegative("lr_decay", lrDecay);
        Checks.requireNonNegative("weight_decay", weightDecay);
        Checks.requireNonNegative("initial_accumulator_value", initialAccumulatorValue);
        Checks.requirePositive("eps", eps);
    }

    public AdaGrad() {
        this(0.01, 0, 0, 0, 1e-10);
    }

    public AdaGrad withLr(double value) {
        return new AdaGrad(value, lrDecay, weightDecay, initialAccumulatorValue, eps);
    }

    public AdaGrad withLrDecay(double value) {
        return new AdaGrad(lr, value, weightDecay, initialAccumulatorValue, eps);
    }

    public AdaGrad withWeightDecay(double value) {
        return new AdaGrad(lr, lrDecay, value, initialAccumulatorValue, eps);
    }

    public AdaGrad withInitialAccumulatorValue(double value) {
        return new AdaGrad(lr, lrDecay, weightDecay, value, eps);
    }

    public AdaGrad withEps(double value) {
        return new AdaGrad(lr, lrDecay, weightDecay, initialAccumulatorValue, value);
    }

    @Override
    public List<UpdateRule> rules(double decay) {
        List<UpdateRule> rules = new ArrayList<>();
        if (decay > 0) {
            rules.add(new AddDecayedWeights(decay));
        }
        rules.add(new ScaleByAdaGrad(eps, initialAccumulatorValue));
        if (lrDecay > 0) {
            rules.add(new ScaleByInverseTime(lrDecay));
        }
        rules.add(new ScaleByLearningRate());
        return rules;
    }

    @Override
    public String toString() {
        return "Adagrad(lr=" + lr + ", lr_decay=" + lrDecay + ", weight_decay=" + weightDecay
                + ", initial_accumulator_value=" + initialAccumulatorValue + ", eps=" + eps + ")";
    }
}
