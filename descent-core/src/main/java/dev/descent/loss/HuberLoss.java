package dev.descent.loss;

import dev.descent.autodiff.Tape;
import dev.descent.autodiff.Variable;
import dev.descent.tensor.Shape;
import dev.descent.tensor.Tensor;

/**
 * Huber loss (Huber 1964; PyTorch's {@code HuberLoss(delta)}), averaged over all elements:
 * quadratic near the target, linear far from it, so outliers pull with a bounded force.
 *
 * <pre>  ℓ(d) = ½d²  if |d| &lt; δ,   δ(|d| − ½δ)  otherwise,   d = p − t</pre>
 */
public final class HuberLoss implements RegressionLoss {
    private static final Shape SCALAR = Shape.of();
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
    public Variable compute(Variable predictions, Tensor targets) {
        String name = "HuberLoss";
        LossChecks.requireSameShape(name, predictions, targets);
        Tape tape = Tape.of(name, predictions);
        float[] pd = predictions.value().data();
        float[] td = targets.data();
        int n = pd.length;
        double total = 0;
        for (int i = 0; i < n; i++) {
            double d = (double) pd[i] - td[i];
            double a = Math.abs(d);
            total += a < delta ? 0.5 * d * d : delta * (a - 0.5 * delta);
        }
        Tensor loss = tape.output(SCALAR);
        loss.data()[0] = (float) (total / n);
        return tape.record(loss, g -> {
            float[] gp = predictions.gradForAccumulation().data();
            float scale = g.data()[0] / n;
            for (int i = 0; i < n; i++) {
                float d = pd[i] - td[i];
                float clipped = Math.abs(d) < delta ? d : Math.copySign(delta, d);
                gp[i] += scale * clipped;
            }
        }, predictions);
    }

    @Override
    public String toString() {
        return "HuberLoss(delta=" + delta + ")";
    }
}
