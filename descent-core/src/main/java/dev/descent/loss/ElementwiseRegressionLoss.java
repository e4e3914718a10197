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
        return compute(predictions, targets, null);
    }

    @Override
    public final boolean hasPerExampleForm() {
        return true;
    }

    @Override
    public final void perExample(Tensor predictions, Tensor targets, float[] out) {
        float[] pd = predictions.data();
        float[] td = targets.data();
        int rows = predictions.rank() == 2 ? predictions.dim(0) : pd.length;
        int k = rows == 0 ? 1 : pd.length / rows;
        for (int r = 0; r < rows; r++) {
            double sum = 0;
            for (int j = r * k; j < (r + 1) * k; j++) {
                sum += loss((double) pd[j] - td[j]);
            }
            out[r] = (float) (sum / k);
        }
    }

    /** With {@code exampleWeights} null, the plain mean; otherwise each row's terms weighted. */
    @Override
    public final Variable compute(Variable predictions, Tensor targets, float[] exampleWeights) {
        String name = getClass().getSimpleName();
        LossChecks.requireSameShape(name, predictions, targets);
        Tape tape = Tape.of(name, predictions);
        float[] pd = predictions.value().data();
        float[] td = targets.data();
        int n = pd.length;
        int rows = predictions.value().rank() == 2 ? predictions.value().dim(0) : n;
        int k = rows == 0 ? 1 : n / rows;
        if (exampleWeights != null && exampleWeights.length != rows) {
            throw new IllegalArgumentException(name + ": " + exampleWeights.length + " example weights for "
                    + predictions.shape() + " predictions; give one weight per row");
        }
        double total = 0;
        for (int i = 0; i < n; i++) {
            double term = loss((double) pd[i] - td[i]);
            total += exampleWeights == null ? term : exampleWeights[i / k] * term;
        }
        Tensor loss = tape.output(SCALAR);
        loss.data()[0] = (float) (total / n);
        ResidualBackward step = tape.step(ResidualBackward.class, ResidualBackward::new);
        step.loss = this;
        step.predictions = predictions;
        step.targets = targets;
        step.weights = exampleWeights;
        step.perRow = k;
        return tape.record(loss, step, predictions);
    }

    private static final class ResidualBackward implements Backward {
        ElementwiseRegressionLoss loss;
        Variable predictions;
        Tensor targets;
        float[] weights;
        int perRow;

        @Override
        public void propagate(Tensor g) {
            float[] pd = predictions.value().data();
            float[] td = targets.data();
            float[] gp = predictions.gradForAccumulation().data();
            int n = pd.length;
            float scale = g.data()[0] / n;
            if (weights == null) {
                for (int i = 0; i < n; i++) {
                    gp[i] += scale * loss.derivative(pd[i] - td[i]);
                }
                return;
            }
            for (int i = 0; i < n; i++) {
                gp[i] += scale * weights[i / perRow] * loss.derivative(pd[i] - td[i]);
            }
        }
    }
}
