package dev.descent.loss;

import dev.descent.autodiff.Tape;
import dev.descent.autodiff.Variable;
import dev.descent.tensor.Shape;
import dev.descent.tensor.Tensor;

/**
 * Mean squared error {@code (1/n) Σ (p_i − t_i)²} over all elements (PyTorch's
 * {@code MSELoss}): the least-squares objective.
 */
public final class MeanSquaredError implements RegressionLoss {
    private static final Shape SCALAR = Shape.of();

    @Override
    public Variable compute(Variable predictions, Tensor targets) {
        String name = "MeanSquaredError";
        LossChecks.requireSameShape(name, predictions, targets);
        Tape tape = Tape.of(name, predictions);
        float[] pd = predictions.value().data();
        float[] td = targets.data();
        int n = pd.length;
        double total = 0;
        for (int i = 0; i < n; i++) {
            double d = (double) pd[i] - td[i];
            total += d * d;
        }
        Tensor loss = tape.output(SCALAR);
        loss.data()[0] = (float) (total / n);
        return tape.record(loss, g -> {
            float[] gp = predictions.gradForAccumulation().data();
            float scale = 2f * g.data()[0] / n;
            for (int i = 0; i < n; i++) {
                gp[i] += scale * (pd[i] - td[i]);
            }
        }, predictions);
    }

    @Override
    public String toString() {
        return "MeanSquaredError()";
    }
}
