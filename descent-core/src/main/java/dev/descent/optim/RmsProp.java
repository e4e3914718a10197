package dev.descent.optim;

import dev.descent.optim.rule.AddDecayedWeights;
import dev.descent.optim.rule.Checks;
import dev.descent.optim.rule.HeavyBallMomentum;
import dev.descent.optim.rule.ScaleByCenteredRms;
import dev.descent.optim.rule.ScaleByLearningRate;
import dev.descent.optim.rule.ScaleByRms;
import dev.descent.optim.rule.UpdateRule;
import java.util.ArrayList;
import java.util.List;

/**
 * RMSProp (Tieleman and Hinton 2012), {@code torch.optim.RMSprop}: plain, centered (Graves
 * 2013) and with momentum.
 *
 * <pre>
 *   g ← ∇f + λ·w;   s ← α·s + (1−α)·g²
 *   d = √s + ε,  or √(s − m²) + ε with m ← α·m + (1−α)·g when centered
 *   b ← μ·b + g/d  and  w ← w − lr·b   (momentum μ &gt; 0),   else  w ← w − lr·g/d
 * </pre>
 *
 * Chain: [AddDecayedWeights] → ScaleByRms | ScaleByCenteredRms → [HeavyBallMomentum] →
 * ScaleByLearningRate. Defaults as PyTorch: lr 0.01, alpha 0.99, eps 1e-8.
 */
public record RmsProp(double lr, double alpha, double eps, double weightDecay, double momentum, boolean centered)
        implements OptimizerConfig {

    public RmsProp {
        Checks.requirePositive("lr", lr);
        Checks.requireClosedUnitInterval("alpha", alpha);
        Checks.requirePositive("eps", eps);
        Checks.requireNonNegative("weight_decay", weightDecay);
        Checks.requireUnitInterval("momentum", momentum);
    }

    public RmsProp() {
        this(0.01, 0.99, 1e-8, 0, 0, false);
    }

    public RmsProp withLr(double value) {
        return new RmsProp(value, alpha, eps, weightDecay, momentum, centered);
    }

    public RmsProp withAlpha(double value) {
        return new RmsProp(lr, value, eps, weightDecay, momentum, centered);
    }

    public RmsProp withEps(double value) {
        return new RmsProp(lr, alpha, value, weightDecay, momentum, centered);
    }

    public RmsProp withWeightDecay(double value) {
        return new RmsProp(lr, alpha, eps, value, momentum, centered);
    }

    public RmsProp withMomentum(double value) {
        return new RmsProp(lr, alpha, eps, weightDecay, value, centered);
    }

    public RmsProp withCentered(boolean value) {
        return new RmsProp(lr, alpha, eps, weightDecay, momentum, value);
    }

    @Override
    public List<UpdateRule> rules(double decay) {
        List<UpdateRule> rules = new ArrayList<>();
        if (decay > 0) {
            rules.add(new AddDecayedWeights(decay));
        }
        rules.add(centered ? new ScaleByCenteredRms(alpha, eps) : new ScaleByRms(alpha, eps));
        if (momentum > 0) {
            // PyTorch starts this buffer at zero: μ·0 + u = u, the same as copying the first u.
            rules.add(new HeavyBallMomentum(momentum, 0f));
        }
        rules.add(new ScaleByLearningRate());
        return rules;
    }

    @Override
    public String toString() {
        return "RMSprop(lr=" + lr + ", alpha=" + alpha + ", eps=" + eps + ", weight_decay=" + weightDecay
                + ", momentum=" + momentum + ", centered=" + (centered ? "True" : "False") + ")";
    }
}
