package dev.descent.data;

/**
 * One fold of a k-fold cross-validation ({@link KFold}): its validation examples, and the
 * examples of every other fold to train on.
 *
 * <p>A fold holds row indices into the original data set, not copies of the rows: k folds
 * of a large data set cost k index arrays, and {@link #train()} and {@link #validation()}
 * copy the rows only when called (at each call: keep the result rather than calling again).
 */
public final class Fold {
    private final Dataset dataset;
    private final int index;
    private final int count;
    private final int[] trainIndices;
    private final int[] validationIndices;

    Fold(Dataset dataset, int index, int count, int[] trainIndices, int[] validationIndices) {
        this.dataset = dataset;
        this.index = index;
        this.count = count;
        this.trainIndices = trainIndices;
        this.validationIndices = validationIndices;
    }

    /** Which fold this is, in {@code [0, k)}. */
    public int index() {
        return index;
    }

    /** {@code k}, how many folds the data set was cut into. */
    public int count() {
        return count;
    }

    /** A copy of the rows of every other fold, in the original order, named {@code <name>/fold-<i>/train}. */
    public Dataset train() {
        return dataset.subset(trainIndices).withName(dataset.name() + "/fold-" + index + "/train");
    }

    /** A copy of this fold's rows, in the original order, named {@code <name>/fold-<i>/validation}. */
    public Dataset validation() {
        return dataset.subset(validationIndices).withName(dataset.name() + "/fold-" + index + "/validation");
    }

    /** The original row indices of {@link #train()}, ascending; a copy. */
    public int[] trainIndices() {
        return trainIndices.clone();
    }

    /** The original row indices of {@link #validation()}, ascending; a copy. */
    public int[] validationIndices() {
        return validationIndices.clone();
    }

    @Override
    public String toString() {
        return "Fold[" + index + " of " + count + " of " + dataset.name() + ": " + trainIndices.length + " train, "
                + validationIndices.length + " validation]";
    }
}
