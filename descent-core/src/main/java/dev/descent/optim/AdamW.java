package dev.descent.optim;

import dev.descent.optim.rule.ShrinkWeights;
import dev.descent.optim.rule.ScaleByLearningRate;
import dev.descent.optim.rule.UpdateRule;
import java.util.ArrayList;
import java.util.List;

/**
 * AdamW (Loshchilov and Hutter 2019), {@code torch.optim.AdamW}: Adam with decoupled weight
 * decay, which shrinks the weights directly instead of passing λw through the adaptive
 * scaling:
 *
 * <pre>  w ← w·(1 − α·λ);   w ← w − α · (m/(1−β₁ᵗ)) / (√v/√(1−β₂ᵗ) + ε)</pre>
 *
 * Chain: ShrinkWeights → ScaleByAdam | ScaleByAmsGrad → ScaleByLearningRate. Defaults as
 * PyTorch: lr 1e-3, betas (0.9, 0.999), eps 1e-8, weight_decay 1e-2.
 */
public record AdamW(double lr, double beta1, double beta2, double eps, double weightDecay, boolean amsgrad)
        implements OptimizerConfig {

    public AdamW {
        AdamChecks.require(lr, beta1, beta2, eps, weightDecay);
    }

    public AdamW() {
        this(1e-3, 0.9, 0.999, 1e-8, 1e-2, false);
    }

    public AdamW withLr(double value) {
        return new AdamW(value, beta1, beta2, eps, weightDecay, amsgrad);
    }

    public AdamW withBetas(double b1, double b2) {
        return new AdamW(lr, b1, b2, eps, weightDecay, amsgrad);
    }

    public AdamW withEps(double value) {
        return new AdamW(lr, beta1, beta2, value, weightDecay, amsgrad);
    }

    public AdamW withWeightDecay(double value) {
        return new AdamW(lr, beta1, beta2, eps, value, amsgrad);
    }

    public AdamW withAmsgrad(boolean value) {
        return new AdamW(lr, beta1, beta2, eps, weightDecay, value);
    }

    @Override
    public List<UpdateRule> rules(double decay) {
        List<UpdateRule> rules = new ArrayList<>();
        if (decay > 0) {
            rules.add(new ShrinkWeights(decay));
        }
        rules.add(AdamChecks.scaling(beta1, beta2, eps, amsgrad));
        rules.add(new ScaleByLearningRate());
        return rules;
    }

    @Override
    public String toString() {
        return "AdamW(lr=" + lr + ", betas=(" + beta1 + ", " + beta2 + "), eps=" + eps + ", weight_decay=" + weightDecay
                + (amsgrad ? ", amsgrad=True" : "") + ")";
    }
}
