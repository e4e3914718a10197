package dev.descent.loss;

import dev.descent.autodiff.Backward;
import dev.descent.autodiff.Tape;
import dev.descent.autodiff.Variable;
import dev.descent.tensor.Shape;
import dev.descent.tensor.Tensor;

/**
 * The logistic loss from logits z and targets t in [0, 1], averaged over all elements
 * (PyTorch's {@code BCEWithLogitsLoss}):
 *
 * <pre>  ℓ(z, t) = max(z, 0) − z·t + log(1 + e^(−|z|))  =  −t·log σ(z) − (1−t)·log(1 − σ(z))</pre>
 *
 * The left form never overflows, so the loss stays finite for any finite z; its gradient is
 * σ(z) − t. With integer labels it is the lectures' logistic regression loss: one logit per
 * example, labels 0 and 1.
 */
public final class BinaryCrossEntropyWithLogits implements ClassificationLoss, RegressionLoss {
    private static final Shape SCALAR = Shape.of();

    @Override
    public Variable compute(Variable logits, int[] labels) {
        return compute(logits, labels, null);
    }

    @Override
    public Variable compute(Variable logits, int[] labels, float[] exampleWeights) {
        String name = "BinaryCrossEntropyWithLogits";
        LossChecks.requireWeights(name, labels, exampleWeights);
        Tensor z = logits.value();
        if (z.size() != labels.length || (z.rank() == 2 && z.dim(1) != 1) || z.rank() > 2) {
            throw new IllegalArgumentException(name + ": needs one logit per example ([batch] or [batch, 1]), got "
                    + z.shape() + " for " + labels.length + " labels");
        }
        Tensor targets = Tensor.zeros(labels.length);
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] != 0 && labels[i] != 1) {
                throw new IllegalArgumentException(name + ": label " + labels[i] + " of example " + i
                        + " is not 0 or 1");
            }
            targets.set(i, labels[i]);
        }
        return weighted(logits, targets, exampleWeights);
    }

    @Override
    public Variable compute(Variable logits, Tensor targets) {
        LossChecks.requireSameShape("BinaryCrossEntropyWithLogits", logits, targets);
        return weighted(logits, targets, null);
    }

    @Override
    public void perExample(Tensor logits, int[] labels, float[] out) {
        float[] z = logits.data();
        for (int i = 0; i < labels.length; i++) {
            out[i] = (float) loss(z[i], labels[i]);
        }
    }

    /** max(z, 0) − z·t + log(1 + e^(−|z|)): never overflows. */
    private static double loss(double z, double t) {
        return Math.max(z, 0) - z * t + Math.log1p(Math.exp(-Math.abs(z)));
    }

    private Variable weighted(Variable logits, Tensor targets, float[] exampleWeights) {
        String name = "BinaryCrossEntropyWithLogits";
        Tape tape = Tape.of(name, logits);
        float[] zd = logits.value().data();
        float[] td = targets.data();
        int n = zd.length;
        double total = 0;
        for (int i = 0; i < n; i++) {
            total += LossChecks.weight(exampleWeights, i) * loss(zd[i], td[i]);
        }
        Tensor loss = tape.output(SCALAR);
        loss.data()[0] = (float) (total / n);
        LogitBackward step = tape.step(LogitBackward.class, LogitBackward::new);
        step.logits = logits;
        step.targets = targets;
        step.exampleWeights = exampleWeights;
        return tape.record(loss, step, logits);
    }

    private static final class LogitBackward implements Backward {
        Variable logits;
        Tensor targets;
        float[] exampleWeights;

        @Override
        public void propagate(Tensor g) {
            float[] zd = logits.value().data();
            float[] td = targets.data();
            float[] gz = logits.gradForAccumulation().data();
            int n = zd.length;
            double scale = g.data()[0] / (double) n;
            for (int i = 0; i < n; i++) {
                gz[i] += (float) (scale * LossChecks.weight(exampleWeights, i) * (sigmoid(zd[i]) - td[i]));
            }
        }
    }

    private static double sigmoid(double v) {
        if (v >= 0) {
            return 1.0 / (1.0 + Math.exp(-v));
        }
        double e = Math.exp(v);
        return e / (1.0 + e);
    }

    @Override
    public String toString() {
        return "BinaryCrossEntropyWithLogits()";
    }
}
