package dev.descent.loss;

import dev.descent.autodiff.Variable;

/** A loss between a model's class scores (logits, one row per example) and integer labels. */
public interface ClassificationLoss {

    /** The mean loss over the batch, as a scalar on the logits' tape. */
    Variable compute(Variable logits, int[] labels);
}
