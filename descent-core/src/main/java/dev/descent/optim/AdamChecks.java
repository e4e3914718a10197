package dev.descent.optim;

import dev.descent.optim.rule.Checks;
import dev.descent.optim.rule.ScaleByAdam;
import dev.descent.optim.rule.ScaleByAmsGrad;
import dev.descent.optim.rule.UpdateRule;

/** What Adam and AdamW share: their hyper-parameter checks and their scaling rule. */
final class AdamChecks {
    private AdamChecks() {
    }

    static void require(double lr, double beta1, double beta2, double eps, double weightDecay) {
        Checks.requirePositive("lr", lr);
        Checks.requireUnitInterval("betas[0]", beta1);
        Checks.requireUnitInterval("betas[1]", beta2);
        Checks.requirePositive("eps", eps);
        Checks.requireNonNegative("weight_decay", weightDecay);
    }

    static UpdateRule scaling(double beta1, double beta2, double eps, boolean amsgrad) {
        return amsgrad
                ? new ScaleByAmsGrad(beta1, beta2, eps)
                : new ScaleByAdam(beta1, beta2, eps);
    }
}
