package dev.descent.data;

import dev.descent.tensor.Tensor;

/**
 * Examples to learn from: {@code n} rows of {@code d} float32 features, each with its target,
 * a class label ({@link Dataset}) or real values ({@link RegressionDataset}). Batching,
 * training and evaluation take either.
 */
public sealed interface Examples permits Dataset, RegressionDataset {

    String name();

    /** The {@code [n, d]} features, shared: do not modify. */
    Tensor features();

    /** Number of examples, {@code n}. */
    int size();

    /** Number of features per example, {@code d}. */
    int featureCount();

    /** Real-valued targets per example, {@code k ≥ 1}, or 0 for class labels. */
    int targetCount();

    /** A new set of copies of the examples at {@code indices}, in that order. */
    Examples subset(int[] indices);
}
