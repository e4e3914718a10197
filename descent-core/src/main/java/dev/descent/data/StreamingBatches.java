package dev.descent.data;

import dev.descent.random.Rng;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Supplier;

/**
 * Batches from a stream too large for memory, read sequentially each epoch, shuffled through a
 * buffer of fixed size (as {@code tf.data}'s {@code shuffle(buffer_size)}): the buffer is filled
 * from the stream, each output example is drawn uniformly from the buffer, and its slot is
 * refilled with the next example read. Memory is bounded by the buffer and two batches,
 * whatever the stream's length; a buffer as large as the data is a full shuffle, a buffer of 1
 * keeps the file's order.
 *
 * <p>A file is reopened for every epoch ({@link #rereadable}); standard input can only be read
 * once ({@link #readOnce}), and a second epoch is an error. The number of batches is only known
 * at the end of an epoch.
 */
public final class StreamingBatches implements BatchSource {
    private final Supplier<ExampleStream> opener;
    private final boolean rereadable;
    private final int batchSize;
    private final int capacity;
    private final int featureCount;
    private final Rng rng;
    private final float[] bufferFeatures;
    private final int[] bufferLabels;
    private final int[] bufferIndices;
    private final float[] row;
    private final Batch fullBatch;
    private Batch lastBatch;
    private int epochs;
    private int lastEpochBatches = -1;
    private Epoch current;

    private StreamingBatches(Supplier<ExampleStream> opener, boolean rereadable, int featureCount, int batchSize,
                             int shuffleBuffer, long seed) {
        Sampling.requirePositive("streaming: batch size", batchSize);
        Sampling.requirePositive("streaming: shuffle buffer", shuffleBuffer);
        Sampling.requirePositive("streaming: feature count", featureCount);
        this.opener = opener;
        this.rereadable = rereadable;
        this.batchSize = batchSize;
        this.capacity = shuffleBuffer;
        this.featureCount = featureCount;
        this.rng = new Rng(seed);
        this.bufferFeatures = new float[Math.multiplyExact(shuffleBuffer, featureCount)];
        this.bufferLabels = new int[shuffleBuffer];
        this.bufferIndices = new int[shuffleBuffer];
        this.row = new float[featureCount];
        this.fullBatch = new Batch(batchSize, featureCount, 0);
    }

    /** A stream that {@code opener} opens afresh for every epoch (a file). */
    public static StreamingBatches rereadable(Supplier<ExampleStream> opener, int featureCount, int batchSize,
                                              int shuffleBuffer, long seed) {
        return new StreamingBatches(opener, true, featureCount, batchSize, shuffleBuffer, seed);
    }

    /** A stream that can be read once (standard input): one epoch only. */
    public static StreamingBatches readOnce(ExampleStream stream, int batchSize, int shuffleBuffer, long seed) {
        return new StreamingBatches(() -> stream, false, stream.featureCount(), batchSize, shuffleBuffer, seed);
    }

    @Override
    public int featureCount() {
        return featureCount;
    }

    /** Unknown before the first epoch has been read; afterwards, the last epoch's count. */
    @Override
    public int batchesPerEpoch() {
        return lastEpochBatches;
    }

    @Override
    public Iterable<Batch> nextEpoch() {
        if (!rereadable && epochs > 0) {
            throw new IllegalStateException("standard input can be read only once, so only one epoch is possible;"
                    + " save the data to a file to train for several epochs");
        }
        if (current != null) {
            current.close();
        }
        epochs++;
        ExampleStream stream = opener.get();
        if (stream.featureCount() != featureCount) {
            stream.close();
            throw new DataException(stream.source() + ": " + stream.featureCount() + " features per example, but this"
                    + " stream was set up for " + featureCount);
        }
        current = new Epoch(stream);
        return current;
    }

    /** One pass: the buffer is filled, then drained as the stream runs out. */
    private final class Epoch implements Iterable<Batch>, Iterator<Batch> {
        private final ExampleStream stream;
        private int count;
        private int read;
        private boolean exhausted;
        private boolean iterated;
        private int batches;

        Epoch(ExampleStream stream) {
            this.stream = stream;
            while (count < capacity && readInto(count)) {
                count++;
            }
        }

        /** Reads the next example into buffer slot {@code slot}; false at the end of the stream. */
        private boolean readInto(int slot) {
            if (exhausted) {
                return false;
            }
            int label = stream.next(row);
            if (label < 0) {
                exhausted = true;
                close();
                return false;
            }
            System.arraycopy(row, 0, bufferFeatures, slot * featureCount, featureCount);
            bufferLabels[slot] = label;
            bufferIndices[slot] = read++;
            return true;
        }

        @Override
        public Iterator<Batch> iterator() {
            if (iterated) {
                throw new IllegalStateException("a streamed epoch can be iterated once; call nextEpoch() for another");
            }
            iterated = true;
            return this;
        }

        @Override
        public boolean hasNext() {
            if (count == 0) {
                lastEpochBatches = batches;
                return false;
            }
            return true;
        }

        @Override
        public Batch next() {
            if (!hasNext()) {
                throw new NoSuchElementException("the stream " + stream.source() + " is exhausted");
            }
            Batch batch = fullBatch;
            int r = 0;
            for (; r < batchSize && count > 0; r++) {
                int slot = rng.nextInt(count);
                System.arraycopy(bufferFeatures, slot * featureCount, row, 0, featureCount);
                batch.setRow(r, row, bufferLabels[slot], bufferIndices[slot]);
                if (!readInto(slot)) { // the stream is over: the buffer shrinks
                    count--;
                    System.arraycopy(bufferFeatures, count * featureCount, bufferFeatures, slot * featureCount,
                            featureCount);
                    bufferLabels[slot] = bufferLabels[count];
                    bufferIndices[slot] = bufferIndices[count];
                }
            }
            batches++;
            if (r < batchSize) { // the stream ran out: the epoch's last, smaller batch
                Batch last = lastBatchOf(r);
                last.copyRowsFrom(batch);
                return last;
            }
            return batch;
        }

        void close() {
            if (rereadable) {
                stream.close();
            }
        }
    }

    private Batch lastBatchOf(int size) {
        if (lastBatch == null || lastBatch.size() != size) {
            lastBatch = new Batch(size, featureCount, 0);
        }
        return lastBatch;
    }
}
