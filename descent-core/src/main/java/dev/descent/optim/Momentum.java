package dev.descent.optim;

import dev.descent.optim.rule.AddDecayedWeights;
import dev.descent.optim.rule.Checks;
import dev.descent.optim.rule.ScaleByLearningRate;
import dev.descent.optim.rule.UpdateRule;
import dev.descent.optim.rule.VelocityMomentum;
import java.util.ArrayList;
import java.util.List;

/**
 * Gradient descent with momentum in the lectures' form:
 *
 * <pre>  v ← λ·v − α_t·∇f;   w ← w + v</pre>
 *
 * Chain: [AddDecayedWeights] → ScaleByLearningRate → VelocityMomentum. With a constant rate it
 * matches {@code new Sgd(α).withMomentum(λ)} up to rounding; under a schedule it differs (see
 * {@link VelocityMomentum}). Example: {@code new Momentum(0.05, 0.9).build(params)}.
 *
 * @param momentum λ, the fraction of the velocity kept per step
 */
public record Momentum(double lr, double momentum, double weightDecay) implements OptimizerConfig {

    public Momentum {
        Checks.requirePositive("lr", lr);
        Checks.requireUnitInterval("momentum", momentum);
        Checks.requireNonNegative("weight_decay", weightDecay);
    }

    public Momentum(double lr, double momentum) {
        this(lr, momentum, 0);
    }

    public Momentum withWeightDecay(double value) {
        return new Momentum(lr, momentum, value);
    }

    @Override
    public List<UpdateRule> rules(double decay) {
        List<UpdateRule> rules = new ArrayList<>();
        if (decay > 0) {
            rules.add(new AddDecayedWeights(decay));
        }
        rules.add(new ScaleByLearningRate());
        rules.add(new VelocityMomentum(momentum));
        return rules;
    }

    @Override
    public String toString() {
        return "Momentum(lr=" + lr + ", momentum=" + momentum + (weightDecay > 0 ? ", weight_decay=" + weightDecay : "")
                + ")";
    }
}
