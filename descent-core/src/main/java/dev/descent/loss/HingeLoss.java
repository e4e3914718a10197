package dev.descent.loss;

import dev.descent.autodiff.Backward;
import dev.descent.autodiff.Tape;
import dev.descent.autodiff.Variable;
import dev.descent.tensor.Shape;
import dev.descent.tensor.Tensor;

/**
 * The hinge loss of a linear support vector machine (Cortes and Vapnik 1995), averaged over
 * the batch, from one score z per example and labels 0/1 (mapped to y = −1/+1):
 *
 * <pre>  ℓ(z, y) = max(0, 1 − y·z)</pre>
 *
 * Its subgradient is −y where y·z &lt; 1 and 0 elsewhere (0 is taken at the kink y·z = 1).
 * Add an L2 penalty (weight decay) to get the SVM's margin maximisation.
 */
public final class HingeLoss implements ClassificationLoss {
    private static final Shape SCALAR = Shape.of();

    @Override
    public Variable compute(Variable scores, int[] labels) {
        return compute(scores, labels, null);
    }

    @Override
    public void perExample(Tensor scores, int[] labels, float[] out) {
        float[] z = scores.data();
        for (int i = 0; i < labels.length; i++) {
            out[i] = (float) Math.max(0.0, 1.0 - sign(labels[i]) * (double) z[i]);
        }
    }

    @Override
    public Variable compute(Variable scores, int[] labels, float[] exampleWeights) {
        String name = "HingeLoss";
        LossChecks.requireWeights(name, labels, exampleWeights);
        Tensor z = scores.value();
        if (z.size() != labels.length || (z.rank() == 2 && z.dim(1) != 1) || z.rank() > 2) {
            throw new IllegalArgumentException(name + ": needs one score per example ([batch] or [batch, 1]), got "
                    + z.shape() + " for " + labels.length + " labels");
        }
        int n = labels.length;
        if (n == 0) {
            throw new IllegalArgumentException(name + ": empty batch");
        }
        float[] zd = z.data();
        double total = 0;
        for (int i = 0; i < n; i++) {
            if (labels[i] != 0 && labels[i] != 1) {
                throw new IllegalArgumentException(name + ": label " + labels[i] + " of example " + i + " is not 0 or 1");
            }
            total += LossChecks.weight(exampleWeights, i) * Math.max(0.0, 1.0 - sign(labels[i]) * (double) zd[i]);
        }
        Tape tape = Tape.of(name, scores);
        Tensor loss = tape.output(SCALAR);
        loss.data()[0] = (float) (total / n);
        MarginBackward step = tape.step(MarginBackward.class, MarginBackward::new);
        step.scores = scores;
        step.labels = labels;
        step.exampleWeights = exampleWeights;
        return tape.record(loss, step, scores);
    }

    private static final class MarginBackward implements Backward {
        Variable scores;
        int[] labels;
        float[] exampleWeights;

        @Override
        public void propagate(Tensor g) {
            float[] zd = scores.value().data();
            float[] gz = scores.gradForAccumulation().data();
            int n = labels.length;
            float scale = g.data()[0] / n;
            for (int i = 0; i < n; i++) {
                float s = sign(labels[i]);
                if (s * zd[i] < 1f) {
                    gz[i] -= scale * LossChecks.weight(exampleWeights, i) * s;
                }
            }
        }
    }

    private static float sign(int label) {
        return label == 1 ? 1f : -1f;
    }

    @Override
    public String toString() {
        return "HingeLoss()";
    }
}
