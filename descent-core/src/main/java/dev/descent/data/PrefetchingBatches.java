package dev.descent.data;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Prepares the next batch on a background thread while the current one trains: the wrapped
 * source's batches are copied into three rotating buffers (one the caller holds, one waiting,
 * one being filled), so gathering rows (or parsing a stream) overlaps with the computation and
 * a buffer is never refilled while the caller still uses it. The order and contents are
 * exactly the source's.
 *
 * <p>The thread competes with the compute threads for the cores: it pays off when preparing a
 * batch is slow (parsing a stream, large rows), not for in-memory gathers on two cores.
 */
public final class PrefetchingBatches implements BatchSource {
    private static final Object END = new Object();
    private final BatchSource source;
    private Epoch current;

    public PrefetchingBatches(BatchSource source) {
        this.source = source;
    }

    @Override
    public int batchesPerEpoch() {
        return source.batchesPerEpoch();
    }

    @Override
    public int featureCount() {
        return source.featureCount();
    }

    @Override
    public int targetCount() {
        return source.targetCount();
    }

    /** The wrapped source. */
    public BatchSource source() {
        return source;
    }

    @Override
    public BatchSource wrapped() {
        return source;
    }

    @Override
    public Iterable<Batch> nextEpoch() {
        if (current != null) {
            current.stop();
        }
        current = new Epoch(source.nextEpoch());
        return current;
    }

    /** One epoch: the producer fills one buffer while one waits in the queue and the caller holds the third. */
    private final class Epoch implements Iterable<Batch>, Iterator<Batch> {
        // Capacity 1: when the producer can hand over buffer k+1, the caller has taken buffer k
        // and so released buffer k−1, which the producer fills next.
        private final BlockingQueue<Object> ready = new ArrayBlockingQueue<>(1);
        private final Thread producer;
        private final Batch[] buffers = new Batch[3];
        private volatile boolean stopped;
        private Object next;
        private boolean iterated;

        Epoch(Iterable<Batch> batches) {
            producer = new Thread(() -> produce(batches), "descent-batch-prefetch");
            producer.setDaemon(true);
            producer.start();
        }

        private void produce(Iterable<Batch> batches) {
            int turn = 0;
            try {
                for (Batch batch : batches) {
                    Batch copy = bufferFor(turn, batch.size());
                    copy.copyRowsFrom(batch);
                    turn = (turn + 1) % buffers.length;
                    ready.put(copy);
                    if (stopped) {
                        return;
                    }
                }
                ready.put(END);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                try {
                    ready.put(e);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        private Batch bufferFor(int turn, int size) {
            if (buffers[turn] == null || buffers[turn].size() != size) {
                buffers[turn] = new Batch(size, source.featureCount(), source.targetCount());
            }
            return buffers[turn];
        }

        @Override
        public Iterator<Batch> iterator() {
            if (iterated) {
                throw new IllegalStateException("an epoch can be iterated once; call nextEpoch() for another pass");
            }
            iterated = true;
            return this;
        }

        @Override
        public boolean hasNext() {
            if (next == null) {
                try {
                    next = ready.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for the next batch", e);
                }
            }
            if (next instanceof RuntimeException failure) {
                next = END;
                throw failure; // the source's own error, e.g. a bad line in a stream
            }
            return next != END;
        }

        @Override
        public Batch next() {
            if (!hasNext()) {
                throw new NoSuchElementException("the epoch has no more batches");
            }
            Batch batch = (Batch) next;
            next = null;
            return batch;
        }

        void stop() {
            stopped = true;
            ready.clear();
            producer.interrupt();
        }
    }
}
