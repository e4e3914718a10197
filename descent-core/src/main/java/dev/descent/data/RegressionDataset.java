package dev.descent.data;

import dev.descent.tensor.Tensor;
import java.util.List;

/**
 * A regression data set: {@code n} examples of {@code d} float32 features (a {@code [n, d]}
 * tensor, one example per row) and real-valued targets, either one per example (a
 * {@code [n]} tensor) or {@code k} per example (a {@code [n, k]} tensor).
 *
 * <p>As in {@link Dataset}, the tensors are taken as they are, not copied: treat them as
 * read-only once they are inside.
 */
public final class RegressionDataset implements Examples {
    private final String name;
    private final Tensor features;
    private final Tensor targets;
    private final List<String> featureNames;

    /**
     * @param name         shown in messages and logs, e.g. {@code "diabetes"}
     * @param features     {@code [n, d]}, not copied
     * @param targets      {@code [n]} or {@code [n, k]}, finite, not copied
     * @param featureNames empty, or one name per feature column
     */
    public RegressionDataset(String name, Tensor features, Tensor targets, List<String> featureNames) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a dataset needs a non-blank name");
        }
        if (features.rank() != 2) {
            throw new IllegalArgumentException("dataset '" + name + "': features must be a [n, d] matrix, not shape "
                    + features.shape());
        }
        if (targets.rank() != 1 && targets.rank() != 2) {
            throw new IllegalArgumentException("dataset '" + name + "': targets must be [n] or [n, k], not shape "
                    + targets.shape());
        }
        if (targets.dim(0) != features.dim(0)) {
            throw new IllegalArgumentException("dataset '" + name + "': " + features.dim(0) + " feature rows but "
                    + targets.dim(0) + " target rows; there must be one target row per example");
        }
        float[] values = targets.data();
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new IllegalArgumentException("dataset '" + name + "': target value at flat index " + i + " is "
                        + values[i] + "; targets must be finite");
            }
        }
        if (!featureNames.isEmpty() && featureNames.size() != features.dim(1)) {
            throw new IllegalArgumentException("dataset '" + name + "': " + featureNames.size()
                    + " feature names for " + features.dim(1) + " features; give one name per feature or none");
        }
        this.name = name;
        this.features = features;
        this.targets = targets;
        this.featureNames = List.copyOf(featureNames);
    }

    @Override
    public String name() {
        return name;
    }

    /** The {@code [n, d]} features, shared: do not modify. */
    @Override
    public Tensor features() {
        return features;
    }

    /** The {@code [n]} or {@code [n, k]} targets, shared: do not modify. */
    public Tensor targets() {
        return targets;
    }

    /** The target of {@code example} when there is one target per example. */
    public float target(int example) {
        if (targets.rank() != 1) {
            throw new IllegalStateException("dataset '" + name + "' has " + targetCount()
                    + " targets per example; read them with targets().get(example, k)");
        }
        return targets.get(example);
    }

    /** Targets per example: 1 for {@code [n]} targets, {@code k} for {@code [n, k]}. */
    @Override
    public int targetCount() {
        return targets.rank() == 1 ? 1 : targets.dim(1);
    }

    /** One name per feature column, or an empty list when the features are unnamed. */
    public List<String> featureNames() {
        return featureNames;
    }

    /** Number of examples, {@code n}. */
    @Override
    public int size() {
        return features.dim(0);
    }

    /** Number of features per example, {@code d}. */
    @Override
    public int featureCount() {
        return features.dim(1);
    }

    /** The same data under another name (tensors shared). */
    public RegressionDataset withName(String newName) {
        return new RegressionDataset(newName, features, targets, featureNames);
    }

    /** A new data set of copies of the rows at {@code indices}, in that order; repeats are allowed. */
    @Override
    public RegressionDataset subset(int[] indices) {
        int d = featureCount();
        int k = targetCount();
        float[] sourceFeatures = features.data();
        float[] sourceTargets = targets.data();
        float[] rows = new float[Math.multiplyExact(indices.length, d)];
        float[] rowTargets = new float[Math.multiplyExact(indices.length, k)];
        for (int i = 0; i < indices.length; i++) {
            int example = indices[i];
            if (example < 0 || example >= size()) {
                throw new IllegalArgumentException("dataset '" + name + "': subset index at position " + i + " is "
                        + example + ", outside [0, " + size() + ")");
            }
            System.arraycopy(sourceFeatures, example * d, rows, i * d, d);
            System.arraycopy(sourceTargets, example * k, rowTargets, i * k, k);
        }
        Tensor subsetTargets = targets.rank() == 1
                ? Tensor.wrap(rowTargets, indices.length)
                : Tensor.wrap(rowTargets, indices.length, k);
        return new RegressionDataset(name, Tensor.wrap(rows, indices.length, d), subsetTargets, featureNames);
    }

    @Override
    public String toString() {
        return "RegressionDataset[" + name + ": " + size() + " × " + featureCount() + ", " + targetCount()
                + (targetCount() == 1 ? " target]" : " targets]");
    }
}
