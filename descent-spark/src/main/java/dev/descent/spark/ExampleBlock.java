package dev.descent.spark;

import dev.descent.data.Batch;
import dev.descent.data.Dataset;
import dev.descent.data.Examples;
import dev.descent.data.RegressionDataset;
import dev.descent.tensor.Tensor;
import java.io.Serializable;
import java.util.List;

/**
 * One partition's examples as dense row-major floats: what an executor keeps in memory, so
 * that rows are converted once, not at every step. Holds class labels or regression targets.
 * {@link #error} carries the first bad row found while converting, so the driver can report it
 * once, with the partition and row, rather than as a failed task.
 */
final class ExampleBlock implements Serializable {
    private static final long serialVersionUID = 1L;

    final int partition;
    final int rows;
    final int featureCount;
    final float[] features;
    /** Class labels, or null for regression. */
    final int[] labels;
    /** {@code rows × targetCount} regression targets, or null for class labels. */
    final float[] targets;
    final int targetCount;
    /** Why this partition cannot be used (naming its row and column), or null. */
    final String error;

    ExampleBlock(int partition, int rows, int featureCount, float[] features, int[] labels, float[] targets,
                 int targetCount, String error) {
        this.partition = partition;
        this.rows = rows;
        this.featureCount = featureCount;
        this.features = features;
        this.labels = labels;
        this.targets = targets;
        this.targetCount = targetCount;
        this.error = error;
    }

    static ExampleBlock failed(int partition, String error) {
        return new ExampleBlock(partition, 0, 0, new float[0], new int[0], null, 0, error);
    }

    /** Rows [from, to) of an in-memory data set. */
    static ExampleBlock slice(Examples data, int partition, int from, int to) {
        int d = data.featureCount();
        float[] features = new float[(to - from) * d];
        System.arraycopy(data.features().data(), from * d, features, 0, features.length);
        if (data instanceof Dataset labelled) {
            int[] labels = new int[to - from];
            System.arraycopy(labelled.labels(), from, labels, 0, labels.length);
            return new ExampleBlock(partition, to - from, d, features, labels, null, 0, null);
        }
        RegressionDataset regression = (RegressionDataset) data;
        int k = regression.targetCount();
        float[] targets = new float[(to - from) * k];
        System.arraycopy(regression.targets().data(), from * k, targets, 0, targets.length);
        return new ExampleBlock(partition, to - from, d, features, null, targets, k, null);
    }

    /** A copy with each feature j mapped to (x − means[j]) / stds[j], as {@code Standardization} does. */
    ExampleBlock standardized(double[] means, double[] stds) {
        float[] scaled = new float[features.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < featureCount; j++) {
                scaled[i * featureCount + j] = (float) ((features[i * featureCount + j] - means[j]) / stds[j]);
            }
        }
        return new ExampleBlock(partition, rows, featureCount, scaled, labels, targets, targetCount, error);
    }

    /** Rows [from, to) of this block as the block of {@code newPartition}. */
    ExampleBlock rows(int newPartition, int from, int to) {
        int d = featureCount;
        float[] x = java.util.Arrays.copyOfRange(features, from * d, to * d);
        return classification()
                ? new ExampleBlock(newPartition, to - from, d, x, java.util.Arrays.copyOfRange(labels, from, to), null, 0,
                        null)
                : new ExampleBlock(newPartition, to - from, d, x, null, java.util.Arrays.copyOfRange(targets,
                        from * targetCount, to * targetCount), targetCount, null);
    }

    boolean classification() {
        return labels != null;
    }

    /** This block as a data set (a view of its arrays), e.g. for a full pass on the executor. */
    Examples asExamples(String name, int classes) {
        Tensor x = Tensor.wrap(features, rows, featureCount);
        return classification() ? new Dataset(name, x, labels, classes)
                : new RegressionDataset(name, x, Tensor.wrap(targets, rows, targetCount), List.of());
    }

    /** The rows {@code local[0 .. count)} (indices into this block) as a batch, with their weights. */
    Batch gather(int[] local, int count, int[] globalIndices, float[] weights) {
        int d = featureCount;
        float[] x = new float[count * d];
        for (int i = 0; i < count; i++) {
            System.arraycopy(features, local[i] * d, x, i * d, d);
        }
        Tensor xs = Tensor.wrap(x, count, d);
        if (classification()) {
            int[] y = new int[count];
            for (int i = 0; i < count; i++) {
                y[i] = labels[local[i]];
            }
            return Batch.ofLabels(xs, y, globalIndices, weights);
        }
        int k = targetCount;
        float[] t = new float[count * k];
        for (int i = 0; i < count; i++) {
            System.arraycopy(targets, local[i] * k, t, i * k, k);
        }
        return Batch.ofTargets(xs, Tensor.wrap(t, count, k), globalIndices, weights);
    }
}
