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
}
