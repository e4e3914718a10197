package dev.descent.data;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Cuts a data set (class labels or regression targets) into mini-batches, epoch after epoch:
 *
 * <pre>
 * MiniBatches batches = new MiniBatches(train, BatchOptions.shuffled(64, seed));
 * for (int epoch = 0; epoch &lt; epochs; epoch++) {
 *     for (Batch batch : batches.nextEpoch()) { ... }
 * }
 * </pre>
 *
 * <p>A {@link Sampler} decides each epoch's examples and order: with {@link BatchOptions}
 * shuffling, every epoch visits every example once in a fresh order ({@link ShuffledSampler})
 * drawn from a generator seeded once, so a seed fixes the whole sequence of epochs; other
 * samplers draw with replacement, by weight, by class quota or by informativeness.
 *
 * <p>Buffers are allocated once: one for full batches and, when the final smaller batch is
 * kept, one of that smaller shape. Iterating allocates nothing per batch, so a batch is only
 * valid until the next one is requested (see {@link Batch}).
 *
 * <p>{@link #checkpoint()} and {@link #restore} save and restore the position between epochs,
 * so a resumed run sees the same orders as an uninterrupted one.
 */
public final class MiniBatches implements BatchSource {
    private final Examples dataset;
    private final Sampler sampler;
    private final int batchSize;
    private final int[] order;
    private final float[] weights;
    private final int batchesPerEpoch;
    private final Batch fullBatch;
    private final Batch lastBatch;
    private long epochsStarted;

    /**
     * The position between epochs: how many have started, the sampler's generator state, and
     * what the sampler has learnt ({@link Sampler#learnedState()}, null when nothing).
     */
    public record Checkpoint(long epochsStarted, long rngState, float[] samplerState) {
        public Checkpoint {
            if (epochsStarted < 0) {
                throw new IllegalArgumentException("epochsStarted must be at least 0, got " + epochsStarted);
            }
        }

        public Checkpoint(long epochsStarted, long rngState) {
            this(epochsStarted, rngState, null);
        }
    }

    public MiniBatches(Examples dataset, BatchOptions options) {
        this(dataset, options.shuffle() ? new ShuffledSampler(nonEmpty(dataset), options.seed())
                : new SequentialSampler(nonEmpty(dataset)), options.batchSize(), options.dropLast());
    }

    /**
     * Batches of {@code batchSize} over the sequence {@code sampler} draws each epoch; with
     * {@code dropLast} a final smaller batch is skipped. Online SGD is {@code batchSize = 1}.
     */
    public MiniBatches(Examples dataset, Sampler sampler, int batchSize, boolean dropLast) {
        int n = sampler.epochSize();
        nonEmpty(dataset);
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
        }
        if (dropLast && n < batchSize) {
            throw new IllegalArgumentException("dataset '" + dataset.name() + "' has " + n + " examples, fewer"
                    + " than batchSize " + batchSize + ", so dropLast would leave every epoch empty; use a smaller batch"
                    + " or keep the last batch");
        }
        this.dataset = dataset;
        this.sampler = sampler;
        this.batchSize = batchSize;
        this.order = new int[n];
        this.weights = new float[n];
        int remainder = n % batchSize;
        boolean keepLast = remainder > 0 && !dropLast;
        this.batchesPerEpoch = n / batchSize + (keepLast ? 1 : 0);
        this.fullBatch = n >= batchSize ? new Batch(batchSize, dataset.featureCount(), dataset.targetCount()) : null;
        this.lastBatch = keepLast ? new Batch(remainder, dataset.featureCount(), dataset.targetCount()) : null;
    }

    private static int nonEmpty(Examples dataset) {
        if (dataset.size() == 0) {
            throw new IllegalArgumentException("dataset '" + dataset.name() + "' is empty; there is nothing to batch");
        }
        return dataset.size();
    }

    public Examples dataset() {
        return dataset;
    }

    /** The sampler that draws each epoch (e.g. to report losses to an {@link InformativeSampler}). */
    public Sampler sampler() {
        return sampler;
    }

    public int batchSize() {
        return batchSize;
    }

    @Override
    public int featureCount() {
        return dataset.featureCount();
    }

    @Override
    public int targetCount() {
        return dataset.targetCount();
    }

    /** Batches in each epoch, the final smaller one included when it is kept. */
    @Override
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
    @Override
    public Iterable<Batch> nextEpoch() {
        sampler.nextEpoch(order, weights);
        epochsStarted++;
        return new Epoch(epochsStarted);
    }

    /** The position between epochs; taken mid-epoch, a restore resumes at the next epoch. */
    public Checkpoint checkpoint() {
        return new Checkpoint(epochsStarted, sampler.state(), sampler.learnedState());
    }

    public void restore(Checkpoint checkpoint) {
        epochsStarted = checkpoint.epochsStarted();
        sampler.restore(checkpoint.rngState());
        if (checkpoint.samplerState() != null) {
            sampler.restoreLearnedState(checkpoint.samplerState());
        }
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
            int from = nextBatch * batchSize;
            nextBatch++;
            Batch batch = from + batchSize <= order.length ? fullBatch : lastBatch;
            batch.fill(dataset, order, weights, from);
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
