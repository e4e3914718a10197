package dev.descent.spark;

import dev.descent.loss.MeanSquaredError;
import dev.descent.loss.SoftmaxCrossEntropy;
import dev.descent.train.Objective;
import java.io.Serializable;

/** Builds the objective (the loss) on an executor. A lambda works: {@code () -> Objective.of(new SoftmaxCrossEntropy())}. */
@FunctionalInterface
public interface ObjectiveFactory extends Serializable {

    Objective create();

    /** Softmax cross-entropy on class labels. */
    static ObjectiveFactory softmaxCrossEntropy() {
        return () -> Objective.of(new SoftmaxCrossEntropy());
    }

    /** Mean squared error on real-valued targets. */
    static ObjectiveFactory meanSquaredError() {
        return () -> Objective.of(new MeanSquaredError());
    }
}
