package dev.descent.data;

import dev.descent.tensor.Tensor;

/**
 * What a {@link FeatureTransform} learnt from a training split, ready to apply to any split
 * with the same number of features. The parameters are fixed at fitting: applying never
 * looks at the statistics of the data it is applied to.
 */
public interface FittedTransform {
    /** The number of features {@code d} this was fitted on, and the only one it accepts. */
    int featureCount();

    /**
     * Transforms {@code features}, {@code [n, d]}, in place: no allocation, for buffers the
     * caller owns (e.g. a {@link Batch}'s features).
     *
     * @throws IllegalArgumentException naming both feature counts when {@code d} differs from
     *                                  {@link #featureCount()}
     */
    void applyInPlace(Tensor features);

    /** A transformed copy of {@code features}, {@code [n, d]}; the argument is untouched. */
    default Tensor apply(Tensor features) {
        Tensor copy = features.copy();
        applyInPlace(copy);
        return copy;
    }

    /**
     * A data set with transformed copies of the features of {@code data}, and its name, labels
     * and classes; {@code data} is untouched.
     *
     * @throws IllegalArgumentException naming the data set and both feature counts when they differ
     */
    Dataset apply(Dataset data);

    /**
     * A data set with transformed copies of the features of {@code data}, and its name and
     * targets (shared, not transformed: fit a transform on the targets separately if they
     * need one); {@code data} is untouched.
     *
     * @throws IllegalArgumentException naming the data set and both feature counts when they differ
     */
    RegressionDataset apply(RegressionDataset data);
}
