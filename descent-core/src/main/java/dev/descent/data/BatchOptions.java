package dev.descent.data;

/**
 * How {@link MiniBatches} cuts a data set into batches.
 *
 * @param batchSize examples per batch, at least 1
 * @param shuffle   a fresh random order every epoch (from an {@code Rng} seeded once with
 *                  {@code seed}), or the data set's own order
 * @param seed      seeds the shuffling; unused when {@code shuffle} is false
 * @param dropLast  skip the final batch of an epoch when it would be smaller than
 *                  {@code batchSize}
 */
public record BatchOptions(int batchSize, boolean shuffle, long seed, boolean dropLast) {
    public BatchOptions {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
        }
    }

    /** Shuffled every epoch, keeping the final smaller batch. */
    public static BatchOptions shuffled(int batchSize, long seed) {
        return new BatchOptions(batchSize, true, seed, false);
    }

    /** In the data set's order, keeping the final smaller batch. */
    public static BatchOptions inOrder(int batchSize) {
        return new BatchOptions(batchSize, false, 0, false);
    }

    /** The same options, but skipping the final batch when it is smaller than the others. */
    public BatchOptions withDropLast() {
        return new BatchOptions(batchSize, shuffle, seed, true);
    }
}
