package dev.descent.loss;

import dev.descent.autodiff.Variable;
import dev.descent.tensor.Tensor;

/** A loss between a model's class scores (logits, one row per example) and integer labels. */
public interface ClassificationLoss {

    /** The mean loss over the batch, as a scalar on the logits' tape. */
    Variable compute(Variable logits, int[] labels);

    /**
     * The importance-weighted mean {@code (1/b) Σ wᵢ·ℓᵢ} over the batch: with the weights
     * 1/(n·pᵢ) of a non-uniform sampler, an unbiased estimate of the full mean loss and of its
     * gradient. With all weights 1 it equals {@link #compute(Variable, int[])}.
     */
    Variable compute(Variable logits, int[] labels, float[] exampleWeights);

    /** Each example's loss ℓᵢ (before averaging), from the logits' values, into {@code out}. */
    void perExample(Tensor logits, int[] labels, float[] out);
}
