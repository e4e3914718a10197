package dev.descent.data;

import dev.descent.tensor.Tensor;

/**
 * One-hot encoding of class labels: label {@code c} becomes a row of {@code k} floats with 1
 * at column {@code c} and 0 elsewhere, so that a classifier can be trained with a regression
 * loss such as mean squared error against {@code [n, k]} targets.
 *
 * <p>{@code k} is the number of classes a data set declares ({@link Dataset#classes()}), not
 * the largest label it happens to contain: a class missing from a small training split still
 * gets its column, and every split of one data set encodes to the same width.
 */
public final class OneHotLabels {
    private final int classes;

    /** @param classes {@code k}, the width of each encoded row; at least 1 */
    public OneHotLabels(int classes) {
        if (classes < 1) {
            throw new IllegalArgumentException("one-hot labels: classes must be at least 1, got " + classes);
        }
        this.classes = classes;
    }

    /** An encoding as wide as the classes of {@code train}. */
    public static OneHotLabels fit(Dataset train) {
        return new OneHotLabels(train.classes());
    }

    /** {@code k}, the width of each encoded row. */
    public int classes() {
        return classes;
    }

    /**
     * The {@code [n, k]} one-hot targets of the labels of {@code data}.
     *
     * @throws IllegalArgumentException naming both class counts when {@code data} declares
     *                                  another number of classes
     */
    public Tensor encode(Dataset data) {
        if (data.classes() != classes) {
            throw new IllegalArgumentException("one-hot labels for " + classes + " classes cannot encode dataset '"
                    + data.name() + "' with " + data.classes() + " classes");
        }
        return encode(data.labels());
    }

    /** The {@code [labels.length, k]} one-hot targets of {@code labels}, each in {@code [0, k)}. */
    public Tensor encode(int[] labels) {
        Tensor targets = Tensor.zeros(labels.length, classes);
        encodeInto(labels, targets);
        return targets;
    }

    /**
     * Writes the one-hot rows of {@code labels} into {@code targets}, {@code [labels.length, k]},
     * overwriting every value: no allocation, for a buffer reused batch after batch.
     */
    public void encodeInto(int[] labels, Tensor targets) {
        if (targets.rank() != 2 || targets.dim(0) != labels.length || targets.dim(1) != classes) {
            throw new IllegalArgumentException("one-hot labels: targets must have shape [" + labels.length + ", "
                    + classes + "] for " + labels.length + " labels of " + classes + " classes, not "
                    + targets.shape());
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("one-hot labels: label at index " + i + " is " + labels[i]
                        + ", outside [0, " + classes + ")");
            }
        }
        float[] values = targets.fill(0).data();
        for (int i = 0; i < labels.length; i++) {
            values[i * classes + labels[i]] = 1;
        }
    }

    /**
     * The label of each row of {@code scores}, {@code [n, k]}: the column of its largest value
     * (the first one on ties). Undoes {@link #encode} and turns a model's outputs into labels.
     */
    public int[] decode(Tensor scores) {
        if (scores.rank() != 2 || scores.dim(1) != classes) {
            throw new IllegalArgumentException("one-hot labels: scores must have shape [n, " + classes + "], not "
                    + scores.shape());
        }
        int n = scores.dim(0);
        float[] values = scores.data();
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int c = 1; c < classes; c++) {
                if (values[i * classes + c] > values[i * classes + best]) {
                    best = c;
                }
            }
            labels[i] = best;
        }
        return labels;
    }

    @Override
    public String toString() {
        return "OneHotLabels[" + classes + " classes]";
    }
}
