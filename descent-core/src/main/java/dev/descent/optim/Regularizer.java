package dev.descent.optim;

import dev.descent.optim.rule.AddDecayedWeights;
import dev.descent.optim.rule.AddL1Subgradient;
import dev.descent.optim.rule.Checks;
import dev.descent.optim.rule.ShrinkWeights;
import dev.descent.optim.rule.SoftThreshold;
import dev.descent.optim.rule.UpdateRule;
import java.util.List;

/**
 * A penalty λΩ(w) added to the objective, as the update rules that implement it and where
 * they enter the chain:
 *
 * <ul>
 *   <li>{@link #l2(double)}, Ω = ½‖w‖²: {@code u += λw} at the start, before any adaptive
 *       scaling (coupled: with Adam, the penalty's gradient is rescaled like the loss's);</li>
 *   <li>{@link #decoupledWeightDecay(double)}: {@code w ← w(1 − αλ)} before the step, outside
 *       any adaptive scaling (AdamW's decay: w shrinks by αλw per step);</li>
 *   <li>{@link #l1Subgradient(double)}, Ω = ‖w‖₁: {@code u += λ·sign(w)} at the start;</li>
 *   <li>{@link #l1Proximal(double)}, Ω = ‖w‖₁: soft-thresholding after the step
 *       (proximal gradient), which produces exact zeros;</li>
 *   <li>{@link #elasticNet(double, double)}: L1 (proximal) + L2 (coupled).</li>
 * </ul>
 *
 * @param first rules placed at the start of the chain, on the raw gradient
 * @param afterStep rules placed after the learning rate applies (on the step itself)
 */
public record Regularizer(String name, List<UpdateRule> first, List<UpdateRule> afterStep) {

    public Regularizer {
        first = List.copyOf(first);
        afterStep = List.copyOf(afterStep);
    }

    public static Regularizer l2(double strength) {
        Checks.requireNonNegative("l2", strength);
        return new Regularizer("l2(" + strength + ")", List.of(new AddDecayedWeights(strength)), List.of());
    }

    public static Regularizer decoupledWeightDecay(double strength) {
        Checks.requireNonNegative("decoupled weight_decay", strength);
        return new Regularizer("decoupled_weight_decay(" + strength + ")", List.of(new ShrinkWeights(strength)),
                List.of());
    }

    public static Regularizer l1Subgradient(double strength) {
        Checks.requireNonNegative("l1", strength);
        return new Regularizer("l1_subgradient(" + strength + ")", List.of(new AddL1Subgradient(strength)),
                List.of());
    }

    public static Regularizer l1Proximal(double strength) {
        Checks.requireNonNegative("l1", strength);
        return new Regularizer("l1_proximal(" + strength + ")", List.of(),
                List.of(new SoftThreshold(strength)));
    }

    /** λ₁‖w‖₁ (proximal) + ½λ₂‖w‖² (coupled). */
    public static Regularizer elasticNet(double l1, double l2) {
        Checks.requireNonNegative("l1", l1);
        Checks.requireNonNegative("l2", l2);
        return new Regularizer("elastic_net(l1=" + l1 + ", l2=" + l2 + ")", List.of(new AddDecayedWeights(l2)),
                List.of(new SoftThreshold(l1)));
    }
}
