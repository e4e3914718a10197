package dev.descent.loss;

import dev.descent.autodiff.Variable;
import dev.descent.tensor.Tensor;

/** A loss between a model's outputs and real-valued targets of the same shape. */
public interface RegressionLoss {

    /** The mean loss over all elements, as a scalar on the predictions' tape. */
    Variable compute(Variable predictions, Tensor targets);
}
