package dev.descent.loss;

import dev.descent.autodiff.Variable;
import dev.descent.tensor.Tensor;

/** A loss between a model's outputs and real-valued targets of the same shape. */
public interface RegressionLoss {

    /** The mean loss over all elements, as a scalar on the predictions' tape. */
    Variable compute(Variable predictions, Tensor targets);

    /**
     * Whether the loss has the per-example forms below, which importance-weighted and
     * informative samplers need.
     */
    default boolean hasPerExampleForm() {
        return false;
    }

    /**
     * The importance-weighted mean over the {@code [b, k]} batch, {@code (1/(b·k)) Σᵢ wᵢ Σⱼ ℓᵢⱼ}:
     * with all weights 1 it equals {@link #compute(Variable, Tensor)}.
     *
     * @throws UnsupportedOperationException when {@link #hasPerExampleForm()} is false
     */
    default Variable compute(Variable predictions, Tensor targets, float[] exampleWeights) {
        throw new UnsupportedOperationException(this + " has no importance-weighted form; sample uniformly");
    }

    /**
     * Each example's loss, the mean over its {@code k} outputs, into {@code out}.
     *
     * @throws UnsupportedOperationException when {@link #hasPerExampleForm()} is false
     */
    default void perExample(Tensor predictions, Tensor targets, float[] out) {
        throw new UnsupportedOperationException(this + " has no per-example form; sample uniformly");
    }
}
