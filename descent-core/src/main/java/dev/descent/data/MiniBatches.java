package dev.descent.data;

import dev.descent.random.Rng;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Cuts a data set into mini-batches, epoch after epoch:
 *
 * <pre>
 * MiniBatches batches = new MiniBatches(train, BatchOptions.shuffled(64, seed));
 * for (int epoch = 0; epoch &lt; epochs; epoch++) {
 *     for (Batch batch : batches.nextEpoch()) { ... }
 * }
 * </pre>
 *
 * <p>With shuffling, every epoch visits every example once in a fresh order drawn from an
 * {@link Rng} seeded once at construction, so a seed fixes the whole sequence of epochs.
 *
 * <p>Buffers are allocated once: one for full batches and, when the final smaller batch is
 * kept, one of that smaller shape. Iterating allocates nothing per batch, so a batch is only
 * valid until the next one is requested (see {@link Batch}).
 *
 * <p>{@link #checkpoint()} and {@link #restore} save and restore the position between epochs,
 * so a resumed run sees the same orders as an uninterrupted one.
 */
public final class MiniBatches {
    private final Dataset dataset;
    private final BatchOptions options;
    private final Rng rng;
    private final int[] order;
    private final int batchesPerEpoch;
    private final Batch fullBatch;
    private final Batch lastBatch;
    private long epochsStarted;

    /** The position between epochs: how many have started and the shuffling generator's state. */
    public record Checkpoint(long epochsStarted, long rngState) {
        public Checkpoint {
            if (epochsStarted < 0) {
                throw new IllegalArgumentException("epochsStarted must be at least 0, got " + epochsStarted);
            }
        }
    }

    public MiniBatches(Dataset dataset, BatchOptions options) {
        int n = dataset.size();
        int size = options.batchSize();
        if (n == 0) {
            throw new IllegalArgumentException("dataset '" + dataset.name() + "' is empty; there is nothing to batch");
        }
        if (options.dropLast() && n < size) {
            throw new IllegalArgumentException("dataset '" + dataset.name() + "' has " + n + " examples, fewer than"
                    + " batchSize " + size + ", so dropLast would leave every epoch empty; use a smaller batch"
                    + " or keep the last batch");
        }
        this.dataset = dataset;
        this.options = options;
        this.rng = new Rng(options.seed());
        this.order = new int[n];
        int remainder = n % size;
        boolean keepLast = remainder > 0 && !options.dropLast();
        this.batchesPerEpoch = n / size + (keepLast ? 1 : 0);
        this.fullBatch = n >= size ? new Batch(size, dataset.featureCount()) : null;
        this.lastBatch = keepLast ? new Batch(remainder, dataset.featureCount()) : null;
    }

    public Dataset dataset() {
        return dataset;
    }

    public BatchOptions options() {
        return options;
    }

    /** Batches in each epoch, the final smaller one included when it is kept. */
    public int batchesPerEpoch() {
        return batchesPerEpoch;
    }

    /** How many times {@link #nextEpoch()} has been called (after a restore: as checkpointed). */
    public long epochsStarted() {
        return epochsStarted;
    }

    /**
     * Starts the next epoch: draws its order and returns its batches, to be iterated once.
     * Starting another epoch ends this one; its iterator then throws.
     */
    public Iterable<Batch> nextEpoch() {
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        // Shuffling the identity (not last epoch's order) makes each order depend only on the
        // generator's state, so a checkpoint needs nothing else.
        if (options.shuffle()) {
            rng.shuffle(order);
        }
        epochsStarted++;
        return new Epoch(epochsStarted);
    }

    /** The position between epochs; taken mid-epoch, a restore resumes at the next epoch. */
    public Checkpoint checkpoint() {
        return new Checkpoint(epochsStarted, rng.state());
    }

    public void restore(Checkpoint checkpoint) {
        epochsStarted = checkpoint.epochsStarted();
        rng.setState(checkpoint.rngState());
    }

    /** One pass over the data; iterable once, and only while it is the latest epoch. */
    private final class Epoch implements Iterable<Batch>, Iterator<Batch> {
        private final long number;
        private int nextBatch;
        private boolean iterated;

        Epoch(long number) {
            this.number = number;
        }

        @Override
        public Iterator<Batch> iterator() {
            if (iterated) {
                throw new IllegalStateException("epoch " + number + " can be iterated once; call nextEpoch() for"
                        + " another pass");
            }
            iterated = true;
            return this;
        }

        @Override
        public boolean hasNext() {
            requireCurrent();
            return nextBatch < batchesPerEpoch;
        }

        @Override
        public Batch next() {
            if (!hasNext()) {
                throw new NoSuchElementException("epoch " + number + " has only " + batchesPerEpoch + " batches");
            }
            int from = nextBatch * options.batchSize();
            nextBatch++;
            Batch batch = from + options.batchSize() <= order.length ? fullBatch : lastBatch;
            batch.fill(dataset, order, from);
            return batch;
        }

        private void requireCurrent() {
            if (number != epochsStarted) {
                throw new IllegalStateException("epoch " + number + " is over: nextEpoch() or restore() has been"
                        + " called since, and the shared batch buffers now belong to that");
            }
        }
    }
}
