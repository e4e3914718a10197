package dev.descent.loss;

import dev.descent.autodiff.Backward;
import dev.descent.autodiff.Tape;
import dev.descent.autodiff.Variable;
import dev.descent.tensor.Shape;
import dev.descent.tensor.Tensor;

/**
 * A regression loss that is the mean of one function of the residual d = p − t over all
 * elements, {@code (1/n) Σ ℓ(p_i − t_i)}: subclasses give ℓ and its derivative.
 */
abstract class ElementwiseRegressionLoss implements RegressionLoss {
    private static final Shape SCALAR = Shape.of();

    /** ℓ(d), in double for an accurate sum. */
    abstract double loss(double residual);

    /** ℓ'(d). */
    abstract float derivative(float residual);

    @Override
    public final Variable compute(Variable predictions, Tensor targets) {
        String name = getClass().getSimpleName();
        LossChecks.requireSameShape(name, predictions, targets);
        Tape tape = Tape.of(name, predictions);
        float[] pd = predictions.value().data();
        float[] td = targets.data();
        int n = pd.length;
        double total = 0;
        for (int i = 0; i < n; i++) {
            total += loss((double) pd[i] - td[i]);
        }
        Tensor loss = tape.output(SCALAR);
        loss.data()[0] = (float) (total / n);
        ResidualBackward step = tape.step(ResidualBackward.class, ResidualBackward::new);
        step.loss = this;
        step.predictions = predictions;
        step.targets = targets;
        return tape.record(loss, step, predictions);
    }

    private static final class ResidualBackward implements Backward {
        ElementwiseRegressionLoss loss;
        Variable predictions;
        Tensor targets;

        @Override
        public void propagate(Tensor g) {
            float[] pd = predictions.value().data();
            float[] td = targets.data();
            float[] gp = predictions.gradForAccumulation().data();
            int n = pd.length;
            float scale = g.data()[0] / n;
            for (int i = 0; i < n; i++) {
                gp[i] += scale * loss.derivative(pd[i] - td[i]);
            }
        }
    }
}
