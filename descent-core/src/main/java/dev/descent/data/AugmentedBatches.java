package dev.descent.data;

import dev.descent.random.Rng;
import java.util.Iterator;

/**
 * Training batches with an {@link ImageAugmentation} applied: each batch of the wrapped source
 * is augmented in place as it is handed out, drawing from this source's own generator, so the
 * data set itself is never changed (every source here refills its batch buffers from the data
 * for each batch). Validation and test data are {@link Examples}, not batch sources, and are
 * never augmented.
 *
 * <p>The augmentation runs on the caller's thread, image by image, so its draws depend only on
 * the generator's seed and the batches, never on the thread count. Wrap a
 * {@link PrefetchingBatches} rather than the other way round: the generator then never runs
 * ahead of the batches the trainer has taken, and its state between epochs is exact.
 * {@link #generator()} is saved in checkpoints ({@code TrainingState}) so that a resumed run
 * draws what an uninterrupted one would.
 *
 * <p>Nothing is allocated per batch: one iterator per epoch.
 */
public final class AugmentedBatches implements BatchSource {
    private final BatchSource source;
    private final ImageAugmentation augmentation;
    private final Rng rng;

    /**
     * @param rng the augmentation's own generator, e.g. {@code runRng.split()}; its state is read
     *            and restored through {@link #generator()}
     * @throws IllegalArgumentException when the source's rows are not images of the augmentation's shape
     */
    public AugmentedBatches(BatchSource source, ImageAugmentation augmentation, Rng rng) {
        if (source.featureCount() != augmentation.featureCount()) {
            throw new IllegalArgumentException("image augmentation of [" + augmentation.channels() + ", "
                    + augmentation.height() + ", " + augmentation.width() + "] images needs rows of "
                    + augmentation.featureCount() + " values, but the batches have " + source.featureCount()
                    + " features");
        }
        this.source = source;
        this.augmentation = augmentation;
        this.rng = rng;
    }

    /** The wrapped source. */
    public BatchSource source() {
        return source;
    }

    @Override
    public BatchSource wrapped() {
        return source;
    }

    public ImageAugmentation augmentation() {
        return augmentation;
    }

    /** The generator the augmentation draws from (its state is what a checkpoint saves). */
    public Rng generator() {
        return rng;
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

    @Override
    public Iterable<Batch> nextEpoch() {
        Iterable<Batch> epoch = source.nextEpoch();
        return () -> new Iterator<>() {
            private final Iterator<Batch> batches = epoch.iterator();

            @Override
            public boolean hasNext() {
                return batches.hasNext();
            }

            @Override
            public Batch next() {
                Batch batch = batches.next();
                augmentation.apply(batch.features(), rng);
                return batch;
            }
        };
    }
}
