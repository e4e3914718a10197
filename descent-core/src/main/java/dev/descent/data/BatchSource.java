package dev.descent.data;

/**
 * Where training batches come from, epoch after epoch: a data set in memory
 * ({@link MiniBatches}), a stream read from disk or standard input
 * ({@link StreamingBatches}), or either with a background thread preparing the next batch
 * ({@link PrefetchingBatches}).
 */
public interface BatchSource {

    /** Starts the next epoch and returns its batches, to be iterated once. */
    Iterable<Batch> nextEpoch();

    /** Batches per epoch, or −1 when it is not known before the epoch is read (a stream). */
    int batchesPerEpoch();

    /** Features per example. */
    int featureCount();

    /** Regression targets per example, or 0 when batches carry class labels. */
    default int targetCount() {
        return 0;
    }

    /**
     * The source this one wraps (a {@link PrefetchingBatches} or {@link AugmentedBatches} wraps
     * another), or null for one that reads the data itself.
     */
    default BatchSource wrapped() {
        return null;
    }

    /**
     * The first source of {@code type} in the chain {@code batches}, its wrapped source, and so
     * on (e.g. the {@link MiniBatches} under a prefetched, augmented source), or null if none is.
     */
    static <T extends BatchSource> T find(BatchSource batches, Class<T> type) {
        for (BatchSource s = batches; s != null; s = s.wrapped()) {
            if (type.isInstance(s)) {
                return type.cast(s);
            }
        }
        return null;
    }
}
