package dev.descent.autodiff;

import dev.descent.tensor.Tensor;

/**
 * The local backward step of one recorded operation: given the gradient of the final output
 * with respect to this operation's result, add this operation's contribution to the
 * gradients of its inputs ({@link Variable#gradForAccumulation()}).
 */
@FunctionalInterface
public interface Backward {
    void propagate(Tensor gradOutput);
}
