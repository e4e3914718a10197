package dev.descent.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.descent.random.Rng;
import dev.descent.tensor.Tensor;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Augmented training batches: each batch as the augmentation of its rows, the data set untouched, a seeded sequence. */
class AugmentedBatchesTest {
    private static final ImageAugmentation CROP_AND_FLIP = ImageAugmentation.none(2, 4, 5).withRandomCrop(2)
            .withHorizontalFlip(true);

    /** {@code n} images of 2×4×5 with values in [1, 2): none is 0, so every zero is padding. */
    private static Dataset images(int n) {
        Rng rng = new Rng(n);
        float[] values = new float[n * 40];
        for (int i = 0; i < values.length; i++) {
            values[i] = 1 + rng.nextFloat();
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3;
        }
        return new Dataset("images", Tensor.wrap(values, n, 40), labels, 3);
    }

    @Test
    void eachBatchIsItsRowsAugmentedWithDrawsInOrderAndTheDataSetIsUntouched() {
        Dataset data = images(50);
        float[] before = data.features().data().clone();
        AugmentedBatches batches = new AugmentedBatches(new MiniBatches(data, BatchOptions.shuffled(16, 3)),
                CROP_AND_FLIP, new Rng(7));
        Rng twin = new Rng(7);

        for (int epoch = 0; epoch < 2; epoch++) {
            for (Batch batch : batches.nextEpoch()) {
                for (int row = 0; row < batch.size(); row++) {
                    int example = batch.exampleIndices()[row];
                    float[] raw = Arrays.copyOfRange(before, example * 40, example * 40 + 40);
                    int top = twin.nextInt(5);
                    int left = twin.nextInt(5);
                    boolean flip = twin.nextDouble() < 0.5;
                    assertThat(batch.features().row(row)).as("epoch %d, example %d", epoch, example)
                            .containsExactly(ImageAugmentationTest.padCropFlip(raw, 2, 4, 5, 2, top, left, flip));
                }
            }
        }
        assertThat(batches.generator().state()).isEqualTo(twin.state());
        assertThat(data.features().data()).as("the data set").containsExactly(before);
    }

    @Test
    void theSameSeedsGiveTheSameBatchesPrefetchedOrNotAndAnotherAugmentationSeedOthers() {
        Dataset data = images(40);
        List<float[]> plain = drain(new AugmentedBatches(new MiniBatches(data, BatchOptions.shuffled(8, 1)),
                CROP_AND_FLIP, new Rng(5)), 3);
        List<float[]> again = drain(new AugmentedBatches(new MiniBatches(data, BatchOptions.shuffled(8, 1)),
                CROP_AND_FLIP, new Rng(5)), 3);
        List<float[]> prefetched = drain(new AugmentedBatches(new PrefetchingBatches(
                new MiniBatches(data, BatchOptions.shuffled(8, 1))), CROP_AND_FLIP, new Rng(5)), 3);
        List<float[]> otherSeed = drain(new AugmentedBatches(new MiniBatches(data, BatchOptions.shuffled(8, 1)),
                CROP_AND_FLIP, new Rng(6)), 3);

        assertThat(again).hasSameSizeAs(plain);
        for (int i = 0; i < plain.size(); i++) {
            assertThat(again.get(i)).as("batch %d, same seeds", i).containsExactly(plain.get(i));
            assertThat(prefetched.get(i)).as("batch %d, prefetched", i).containsExactly(plain.get(i));
        }
        long differing = 0;
        for (int i = 0; i < plain.size(); i++) {
            differing += Arrays.equals(otherSeed.get(i), plain.get(i)) ? 0 : 1;
        }
        assertThat(differing).as("batches that differ with another augmentation seed").isEqualTo(plain.size());
    }

    @Test
    void itPassesOnTheSourcesShape() {
        MiniBatches source = new MiniBatches(images(50), BatchOptions.shuffled(16, 3));
        AugmentedBatches batches = new AugmentedBatches(source, CROP_AND_FLIP, new Rng(1));
        assertThat(batches.batchesPerEpoch()).isEqualTo(4);
        assertThat(batches.featureCount()).isEqualTo(40);
        assertThat(batches.targetCount()).isZero();
        assertThat(batches.source()).isSameAs(source);
        assertThat(batches.augmentation()).isEqualTo(CROP_AND_FLIP);
    }

    @Test
    void rowsThatAreNotImagesOfTheShapeAreRefused() {
        MiniBatches source = new MiniBatches(images(10), BatchOptions.inOrder(4));
        assertThatThrownBy(() -> new AugmentedBatches(source, ImageAugmentation.none(1, 28, 28).withHorizontalFlip(true),
                new Rng(1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[1, 28, 28]").hasMessageContaining("784").hasMessageContaining("40 features");
    }

    @Test
    void steadyStateAllocatesNothingPerBatch() {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean,
                "this JVM cannot measure per-thread allocation");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled(),
                "per-thread allocation measurement is off");
        AugmentedBatches batches = new AugmentedBatches(new MiniBatches(images(2_001), BatchOptions.shuffled(2, 4)),
                CROP_AND_FLIP, new Rng(2)); // 1001 batches an epoch
        double sink = 0;
        for (int warmUp = 0; warmUp < 5; warmUp++) {
            sink += sum(batches);
        }

        long thread = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(thread);
        sink += sum(batches);
        long allocated = threads.getThreadAllocatedBytes(thread) - before;

        assertThat(sink).isPositive();
        assertThat(allocated).as("bytes allocated in one epoch of 1001 augmented batches").isLessThan(1_000);
    }

    private static double sum(BatchSource batches) {
        double sum = 0;
        for (Batch batch : batches.nextEpoch()) {
            sum += batch.features().get(0, 13);
        }
        return sum + 1;
    }

    private static List<float[]> drain(BatchSource batches, int epochs) {
        List<float[]> copies = new ArrayList<>();
        for (int epoch = 0; epoch < epochs; epoch++) {
            for (Batch batch : batches.nextEpoch()) {
                copies.add(batch.features().data().clone());
            }
        }
        return copies;
    }
}
