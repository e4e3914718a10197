package dev.descent.loss;

import dev.descent.autodiff.Variable;
import dev.descent.tensor.Tensor;

/** Argument checks shared by the losses, with messages that name the bad row or value. */
final class LossChecks {
    private LossChecks() {
    }

    static void requireLabels(String loss, Variable logits, int[] labels, int classes) {
        Tensor v = logits.value();
        if (v.rank() != 2) {
            throw new IllegalArgumentException(loss + ": logits must be [batch, classes], not " + v.shape());
        }
        if (labels.length != v.dim(0)) {
            throw new IllegalArgumentException(loss + ": " + labels.length + " labels for " + v.dim(0)
                    + " rows of logits " + v.shape());
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException(loss + ": label " + labels[i] + " of example " + i
                        + " is outside the classes 0.." + (classes - 1));
            }
        }
    }

    static void requireWeights(String loss, int[] labels, float[] weights) {
        if (weights != null && weights.length != labels.length) {
            throw new IllegalArgumentException(loss + ": " + weights.length + " example weights for " + labels.length
                    + " labels");
        }
    }

    static float weight(float[] weights, int i) {
        return weights == null ? 1f : weights[i];
    }

    static void requireSameShape(String loss, Variable predictions, Tensor targets) {
        Tensor p = predictions.value();
        boolean sameSize = p.size() == targets.size();
        boolean columnVsVector = sameSize && (p.rank() == 2 && p.dim(1) == 1 && targets.rank() == 1
                || targets.rank() == 2 && targets.dim(1) == 1 && p.rank() == 1);
        if (!p.shape().equals(targets.shape()) && !columnVsVector) {
            throw new IllegalArgumentException(loss + ": predictions " + p.shape() + " and targets "
                    + targets.shape() + " differ in shape");
        }
        if (p.size() == 0) {
            throw new IllegalArgumentException(loss + ": empty batch");
        }
    }
}
