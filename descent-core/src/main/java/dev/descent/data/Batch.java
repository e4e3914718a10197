package dev.descent.data;

import dev.descent.tensor.Tensor;

/**
 * A mini-batch: {@code b} examples' features as a {@code [b, d]} tensor, their targets (class
 * labels, or for regression a {@code [b, k]} tensor of real values) and their row indices in
 * the data set.
 *
 * <p>A batch is a view of buffers owned by {@link MiniBatches} and reused for the next batch:
 * it is valid only until the next batch is requested. Copy what must outlive that.
 */
public final class Batch {
    private final Tensor features;
    private final int[] labels;
    private final int[] exampleIndices;
    private final float[] weights;
    private final Tensor targets;

    /** @param targetCount regression targets per example, or 0 for class labels */
    Batch(int size, int featureCount, int targetCount) {
        this.features = Tensor.zeros(size, featureCount);
        this.labels = new int[size];
        this.exampleIndices = new int[size];
        this.weights = new float[size];
        this.targets = targetCount > 0 ? Tensor.zeros(size, targetCount) : null;
    }

    private Batch(Tensor features, int[] labels, Tensor targets, int[] exampleIndices, float[] weights) {
        int b = features.rank() == 2 ? features.dim(0) : -1;
        if (b < 0 || labels.length != b || exampleIndices.length != b || weights.length != b
                || (targets != null && (targets.rank() != 2 || targets.dim(0) != b))) {
            throw new IllegalArgumentException("a batch needs [b, d] features and b labels or [b, k] targets, b indices"
                    + " and b weights; got features " + features.shape() + ", " + labels.length + " labels, "
                    + (targets == null ? "no targets" : "targets " + targets.shape()) + ", " + exampleIndices.length
                    + " indices and " + weights.length + " weights");
        }
        this.features = features;
        this.labels = labels;
        this.targets = targets;
        this.exampleIndices = exampleIndices;
        this.weights = weights;
    }

    /**
     * A batch of class labels over the caller's arrays (not copied), for code that assembles its
     * own batches, such as a cluster worker's share of a global batch.
     */
    public static Batch ofLabels(Tensor features, int[] labels, int[] exampleIndices, float[] weights) {
        return new Batch(features, labels, null, exampleIndices, weights);
    }

    /** A batch of {@code [b, k]} regression targets over the caller's arrays (not copied). */
    public static Batch ofTargets(Tensor features, Tensor targets, int[] exampleIndices, float[] weights) {
        return new Batch(features, new int[exampleIndices.length], targets, exampleIndices, weights);
    }

    /** Number of examples, {@code b}. */
    public int size() {
        return labels.length;
    }

    /** {@code [b, d]} features, shared with the next batch of this size. */
    public Tensor features() {
        return features;
    }

    /**
     * The {@code [b, k]} regression targets of the rows, shared with the next batch of this
     * size; null in a batch of class labels.
     */
    public Tensor targets() {
        return targets;
    }

    /** The class label of each row of {@link #features()} (zeros in a regression batch); shared, do not modify. */
    public int[] labels() {
        return labels;
    }

    /** Which data set row each batch row came from; shared, do not modify. */
    public int[] exampleIndices() {
        return exampleIndices;
    }

    /**
     * The importance weight of each row: 1 for uniform sampling, 1/(n·p_i) for a sampler that
     * draws row i with probability p_i. Shared, do not modify.
     */
    public float[] weights() {
        return weights;
    }

    /** Copies the first {@link #size()} rows of another batch (of this size or larger) into this one. */
    void copyRowsFrom(Batch other) {
        System.arraycopy(other.features.data(), 0, features.data(), 0, features.size());
        System.arraycopy(other.labels, 0, labels, 0, labels.length);
        System.arraycopy(other.exampleIndices, 0, exampleIndices, 0, exampleIndices.length);
        System.arraycopy(other.weights, 0, weights, 0, weights.length);
        if (targets != null) {
            System.arraycopy(other.targets.data(), 0, targets.data(), 0, targets.size());
        }
    }

    /** Sets row {@code row} from a features array, a label and the example's index in its stream. */
    void setRow(int row, float[] rowFeatures, int label, int index) {
        int d = features.dim(1);
        System.arraycopy(rowFeatures, 0, features.data(), row * d, d);
        labels[row] = label;
        exampleIndices[row] = index;
        weights[row] = 1f;
    }

    /** Copies the rows {@code order[from .. from + size())} of {@code examples} and their weights into this batch. */
    void fill(Examples examples, int[] order, float[] orderWeights, int from) {
        if (examples instanceof Dataset dataset) {
            fill(dataset, order, orderWeights, from);
        } else {
            fill((RegressionDataset) examples, order, orderWeights, from);
        }
    }

    private void fill(RegressionDataset dataset, int[] order, float[] orderWeights, int from) {
        System.arraycopy(orderWeights, from, weights, 0, weights.length);
        int d = features.dim(1);
        int k = targets.dim(1);
        float[] source = dataset.features().data();
        float[] sourceTargets = dataset.targets().data();
        float[] target = features.data();
        float[] rowTargets = targets.data();
        for (int i = 0; i < labels.length; i++) {
            int example = order[from + i];
            System.arraycopy(source, example * d, target, i * d, d);
            System.arraycopy(sourceTargets, example * k, rowTargets, i * k, k);
            exampleIndices[i] = example;
        }
    }

    private void fill(Dataset dataset, int[] order, float[] orderWeights, int from) {
        System.arraycopy(orderWeights, from, weights, 0, weights.length);
        int d = features.dim(1);
        float[] source = dataset.features().data();
        float[] target = features.data();
        for (int i = 0; i < labels.length; i++) {
            int example = order[from + i];
            System.arraycopy(source, example * d, target, i * d, d);
            labels[i] = dataset.label(example);
            exampleIndices[i] = example;
        }
    }
}
