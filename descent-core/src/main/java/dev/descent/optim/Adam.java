package dev.descent.optim;

import dev.descent.optim.rule.AddDecayedWeights;
import dev.descent.optim.rule.ScaleByLearningRate;
import dev.descent.optim.rule.UpdateRule;
import java.util.ArrayList;
import java.util.List;

/**
 * Adam (Kingma and Ba 2015), {@code torch.optim.Adam}, and AMSGrad with {@code amsgrad}:
 *
 * <pre>
 *   g ← ∇f + λ·w          (weight_decay: coupled L2, rescaled with the gradient)
 *   m ← β₁m + (1−β₁)g;   v ← β₂v + (1−β₂)g²   (AMSGrad: v̂ ← max(v̂, v))
 *   w ← w − α · (m/(1−β₁ᵗ)) / (√v/√(1−β₂ᵗ) + ε)
 * </pre>
 *
 * Chain: [AddDecayedWeights] → ScaleByAdam | ScaleByAmsGrad → ScaleByLearningRate. Defaults as
 * PyTorch: lr 1e-3, betas (0.9, 0.999), eps 1e-8. For decoupled decay use {@link AdamW}.
 */
public record Adam(double lr, double beta1, double beta2, double eps, double weightDecay, boolean amsgrad)
        implements OptimizerConfig {

    public Adam {
        AdamChecks.require(lr, beta1, beta2, eps, weightDecay);
    }

    public Adam() {
        this(1e-3, 0.9, 0.999, 1e-8, 0, false);
    }

    public Adam withLr(double value) {
        return new Adam(value, beta1, beta2, eps, weightDecay, amsgrad);
    }

    public Adam withBetas(double b1, double b2) {
        return new Adam(lr, b1, b2, eps, weightDecay, amsgrad);
    }

    public Adam withEps(double value) {
        return new Adam(lr, beta1, beta2, value, weightDecay, amsgrad);
    }

    public Adam withWeightDecay(double value) {
        return new Adam(lr, beta1, beta2, eps, value, amsgrad);
    }

    public Adam withAmsgrad(boolean value) {
        return new Adam(lr, beta1, beta2, eps, weightDecay, value);
    }

    @Override
    public List<UpdateRule> rules(double decay) {
        List<UpdateRule> rules = new ArrayList<>();
        if (decay > 0) {
            rules.add(new AddDecayedWeights(decay));
        }
        rules.add(AdamChecks.scaling(beta1, beta2, eps, amsgrad));
        rules.add(new ScaleByLearningRate());
        return rules;
    }

    @Override
    public String toString() {
        return "Adam(lr=" + lr + ", betas=(" + beta1 + ", " + beta2 + "), eps=" + eps + ", weight_decay=" + weightDecay
                + (amsgrad ? ", amsgrad=True" : "") + ")";
    }
}
