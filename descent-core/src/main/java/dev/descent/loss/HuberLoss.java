package dev.descent.loss;

/**
 * Huber loss (Huber 1964; PyTorch's {@code HuberLoss(delta)}), averaged over all elements:
 * quadratic near the target, linear far from it, so outliers pull with a bounded force.
 *
 * <pre>  ℓ(d) = ½d²  if |d| &lt; δ,   δ(|d| − ½δ)  otherwise,   d = p − t</pre>
 */
public final class HuberLoss extends ElementwiseRegressionLoss {
    private final float delta;

    public HuberLoss() {
        this(1f);
    }

    public HuberLoss(float delta) {
        if (!(delta > 0f) || Float.isInfinite(delta)) {
            throw new IllegalArgumentException("Huber delta must be finite and > 0, got " + delta);
        }
        this.delta = delta;
    }

    @Override
    double loss(double residual) {
        double a = Math.abs(residual);
        return a < delta ? 0.5 * residual * residual : delta * (a - 0.5 * delta);
    }

    @Override
    float derivative(float residual) {
        return Math.abs(residual) < delta ? residual : Math.copySign(delta, residual);
    }

    @Override
    public String toString() {
        return "HuberLoss(delta=" + delta + ")";
    }
}
