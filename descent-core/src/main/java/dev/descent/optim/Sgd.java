package dev.descent.optim;

import dev.descent.optim.rule.AddDecayedWeights;
import dev.descent.optim.rule.Checks;
import dev.descent.optim.rule.HeavyBallMomentum;
import dev.descent.optim.rule.NesterovMomentum;
import dev.descent.optim.rule.ScaleByLearningRate;
import dev.descent.optim.rule.UpdateRule;
import java.util.ArrayList;
import java.util.List;

/**
 * Stochastic gradient descent, {@code torch.optim.SGD}: plain, with momentum, or Nesterov.
 *
 * <pre>
 *   g ← ∇f + λ·w                                    (weight_decay λ, coupled L2)
 *   b ← g, then b ← μ·b + (1 − dampening)·g          (momentum μ &gt; 0)
 *   u ← b, or g + μ·b with nesterov
 *   w ← w − α·u
 * </pre>
 *
 * Chain: [AddDecayedWeights] → [HeavyBallMomentum | NesterovMomentum] → ScaleByLearningRate.
 * Example: {@code new Sgd(0.05).withMomentum(0.9).build(model.namedParameters())}. Each
 * {@code with…} checks its own value; {@code nesterov}'s needs (momentum &gt; 0, dampening 0)
 * are checked when the optimizer is built, so the {@code with…} calls can come in any order.
 */
public record Sgd(double lr, double momentum, double dampening, double weightDecay, boolean nesterov)
        implements OptimizerConfig {

    public Sgd {
        Checks.requirePositive("lr", lr);
        Checks.requireUnitInterval("momentum", momentum);
        Checks.requireClosedUnitInterval("dampening", dampening);
        Checks.requireNonNegative("weight_decay", weightDecay);
        // nesterov's needs are checked in requireConsistent, so withNesterov may come before withMomentum
    }

    /** Plain SGD with learning rate {@code lr}. */
    public Sgd(double lr) {
        this(lr, 0, 0, 0, false);
    }

    public Sgd withLr(double value) {
        return new Sgd(value, momentum, dampening, weightDecay, nesterov);
    }

    public Sgd withMomentum(double value) {
        return new Sgd(lr, value, dampening, weightDecay, nesterov);
    }

    public Sgd withDampening(double value) {
        return new Sgd(lr, momentum, value, weightDecay, nesterov);
    }

    public Sgd withWeightDecay(double value) {
        return new Sgd(lr, momentum, dampening, value, nesterov);
    }

    public Sgd withNesterov(boolean value) {
        return new Sgd(lr, momentum, dampening, weightDecay, value);
    }

    /** Nesterov momentum needs momentum &gt; 0 and no dampening (as PyTorch). */
    @Override
    public void requireConsistent() {
        if (nesterov && !(momentum > 0)) {
            throw new IllegalArgumentException("nesterov requires momentum > 0, got momentum " + momentum
                    + ": add withMomentum(μ), e.g. 0.9, or drop withNesterov(true)");
        }
        if (nesterov && dampening != 0) {
            throw new IllegalArgumentException("nesterov requires dampening = 0, got dampening " + dampening
                    + ": use withDampening(0) or drop withNesterov(true)");
        }
    }

    @Override
    public List<UpdateRule> rules(double decay) {
        List<UpdateRule> rules = new ArrayList<>();
        if (decay > 0) {
            rules.add(new AddDecayedWeights(decay));
        }
        if (nesterov) {
            rules.add(new NesterovMomentum(momentum, dampening));
        } else if (momentum > 0) {
            rules.add(new HeavyBallMomentum(momentum, dampening));
        }
        rules.add(new ScaleByLearningRate());
        return rules;
    }

    @Override
    public String toString() {
        return "SGD(lr=" + lr + ", momentum=" + momentum + (dampening > 0 ? ", dampening=" + dampening : "")
                + (weightDecay > 0 ? ", weight_decay=" + weightDecay : "") + (nesterov ? ", nesterov=True" : "") + ")";
    }
}
