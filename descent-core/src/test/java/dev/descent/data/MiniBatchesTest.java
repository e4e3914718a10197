package dev.descent.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.descent.tensor.Tensor;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MiniBatchesTest {
    /** n examples with features (i, −i) and label i % 3, so rows can be traced. */
    private static Dataset traceable(int n) {
        float[] values = new float[2 * n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            values[2 * i] = i;
            values[2 * i + 1] = -i;
            labels[i] = i % 3;
        }
        return new Dataset("traceable", Tensor.wrap(values, n, 2), labels, 3);
    }

    /** The example indices of one epoch, in visiting order, checking each batch's contents. */
    private static List<Integer> epochOrder(MiniBatches batches) {
        List<Integer> order = new ArrayList<>();
        for (Batch batch : batches.nextEpoch()) {
            for (int row = 0; row < batch.size(); row++) {
                int example = batch.exampleIndices()[row];
                assertThat(batch.features().get(row, 0)).isEqualTo((float) example);
                assertThat(batch.features().get(row, 1)).isEqualTo((float) -example);
                assertThat(batch.labels()[row]).isEqualTo(example % 3);
                order.add(example);
            }
        }
        return order;
    }

    private static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    @Test
    void everyExampleExactlyOncePerEpoch() {
        MiniBatches batches = new MiniBatches(traceable(103), BatchOptions.shuffled(10, 1));

        for (int epoch = 0; epoch < 3; epoch++) {
            assertThat(epochOrder(batches)).hasSize(103).containsExactlyInAnyOrderElementsOf(range(103));
        }
        assertThat(batches.epochsStarted()).isEqualTo(3);
    }

    @Test
    void eachEpochHasAFreshOrder() {
        MiniBatches batches = new MiniBatches(traceable(50), BatchOptions.shuffled(8, 2));

        List<Integer> first = epochOrder(batches);
        List<Integer> second = epochOrder(batches);

        assertThat(first).isNotEqualTo(second).isNotEqualTo(range(50));
    }

    @Test
    void sameSeedSameOrders() {
        MiniBatches a = new MiniBatches(traceable(40), BatchOptions.shuffled(7, 99));
        MiniBatches b = new MiniBatches(traceable(40), BatchOptions.shuffled(7, 99));
        MiniBatches c = new MiniBatches(traceable(40), BatchOptions.shuffled(7, 100));

        for (int epoch = 0; epoch < 3; epoch++) {
            List<Integer> orderA = epochOrder(a);
            assertThat(epochOrder(b)).isEqualTo(orderA);
            assertThat(epochOrder(c)).isNotEqualTo(orderA);
        }
    }

    @Test
    void inOrderFollowsTheDataSet() {
        MiniBatches batches = new MiniBatches(traceable(10), BatchOptions.inOrder(4));

        assertThat(epochOrder(batches)).isEqualTo(range(10));
        assertThat(epochOrder(batches)).isEqualTo(range(10));
    }

    @Test
    void finalSmallerBatchIsKeptInItsOwnBuffer() {
        MiniBatches batches = new MiniBatches(traceable(10), BatchOptions.inOrder(4));

        List<Integer> sizes = new ArrayList<>();
        List<Tensor> buffers = new ArrayList<>();
        for (Batch batch : batches.nextEpoch()) {
            sizes.add(batch.size());
            buffers.add(batch.features());
        }

        assertThat(batches.batchesPerEpoch()).isEqualTo(3);
        assertThat(sizes).containsExactly(4, 4, 2);
        assertThat(buffers.get(2).shape().dims()).containsExactly(2, 2);
        assertThat(buffers.get(2)).isNotSameAs(buffers.get(0));
    }

    @Test
    void dropLastSkipsTheSmallerBatch() {
        MiniBatches batches = new MiniBatches(traceable(10), BatchOptions.shuffled(4, 5).withDropLast());

        List<Integer> sizes = new ArrayList<>();
        for (int epoch = 0; epoch < 4; epoch++) {
            sizes.clear();
            for (Batch batch : batches.nextEpoch()) {
                sizes.add(batch.size());
            }
            assertThat(sizes).containsExactly(4, 4);
        }
        assertThat(batches.batchesPerEpoch()).isEqualTo(2);
    }

    @Test
    void dropLastChangesNothingWhenBatchesDivideEvenly() {
        MiniBatches batches = new MiniBatches(traceable(12), BatchOptions.inOrder(4).withDropLast());

        assertThat(epochOrder(batches)).isEqualTo(range(12));
    }

    @Test
    void fullBatchesReuseOneBuffer() {
        MiniBatches batches = new MiniBatches(traceable(30), BatchOptions.shuffled(5, 3));

        Batch first = batches.nextEpoch().iterator().next();
        Tensor features = first.features();
        int[] labels = first.labels();
        for (int epoch = 0; epoch < 2; epoch++) {
            for (Batch batch : batches.nextEpoch()) {
                assertThat(batch).isSameAs(first);
                assertThat(batch.features()).isSameAs(features);
                assertThat(batch.labels()).isSameAs(labels);
            }
        }
    }

    @Test
    void datasetSmallerThanOneBatchGivesOneSmallBatch() {
        MiniBatches batches = new MiniBatches(traceable(3), BatchOptions.shuffled(64, 0));

        assertThat(batches.batchesPerEpoch()).isEqualTo(1);
        assertThat(epochOrder(batches)).containsExactlyInAnyOrder(0, 1, 2);
    }

    @Test
    void steadyStateAllocatesNothingPerBatch() {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean,
                "this JVM cannot measure per-thread allocation");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled(),
                "per-thread allocation measurement is off");
        MiniBatches batches = new MiniBatches(traceable(2_001), BatchOptions.shuffled(2, 4)); // 1001 batches
        long sink = 0;
        for (int warmUp = 0; warmUp < 3; warmUp++) {
            sink += drain(batches);
        }

        long thread = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(thread);
        sink += drain(batches);
        long allocated = threads.getThreadAllocatedBytes(thread) - before;

        assertThat(sink).isPositive();
        assertThat(allocated).as("bytes allocated in one epoch of 1001 batches").isLessThan(1_000);
    }

    private static long drain(MiniBatches batches) {
        long sum = 0;
        for (Batch batch : batches.nextEpoch()) {
            sum += batch.labels()[0] + 1;
        }
        return sum;
    }

    /**
     * Regression data batch the same way: each row's features and its k targets travel
     * together, in a [b, k] targets tensor, and the class labels stay zero.
     */
    @Test
    void regressionDataIsBatchedWithItsTargetRows() {
        int n = 23;
        float[] features = new float[2 * n];
        float[] targets = new float[3 * n];
        for (int i = 0; i < n; i++) {
            features[2 * i] = i;
            features[2 * i + 1] = -i;
            for (int k = 0; k < 3; k++) {
                targets[3 * i + k] = 100 * k + i + 0.5f;
            }
        }
        RegressionDataset data = new RegressionDataset("traceable regression", Tensor.wrap(features, n, 2),
                Tensor.wrap(targets, n, 3), List.of());
        MiniBatches batches = new MiniBatches(data, BatchOptions.shuffled(5, 9));

        assertThat(batches.targetCount()).isEqualTo(3);
        for (int epoch = 0; epoch < 2; epoch++) {
            List<Integer> order = new ArrayList<>();
            List<Integer> sizes = new ArrayList<>();
            for (Batch batch : batches.nextEpoch()) {
                sizes.add(batch.size());
                assertThat(batch.targets().shape().dims()).containsExactly(batch.size(), 3);
                for (int row = 0; row < batch.size(); row++) {
                    int example = batch.exampleIndices()[row];
                    assertThat(batch.features().get(row, 0)).isEqualTo((float) example);
                    assertThat(batch.features().get(row, 1)).isEqualTo((float) -example);
                    for (int k = 0; k < 3; k++) {
                        assertThat(batch.targets().get(row, k)).isEqualTo(100 * k + example + 0.5f);
                    }
                    assertThat(batch.labels()[row]).isZero();
                    order.add(example);
                }
            }
            assertThat(sizes).containsExactly(5, 5, 5, 5, 3);
            assertThat(order).containsExactlyInAnyOrderElementsOf(range(n)).isNotEqualTo(range(n));
        }
    }

    @Test
    void oneTargetPerExampleGivesATargetColumn() {
        RegressionDataset data = new RegressionDataset("one target", Tensor.wrap(new float[] {1, 2, 3}, 3, 1),
                Tensor.wrap(new float[] {10, 20, 30}, 3), List.of());
        MiniBatches batches = new MiniBatches(data, BatchOptions.inOrder(2));

        List<Float> seen = new ArrayList<>();
        for (Batch batch : batches.nextEpoch()) {
            assertThat(batch.targets().shape().dims()).containsExactly(batch.size(), 1);
            for (int row = 0; row < batch.size(); row++) {
                seen.add(batch.targets().get(row, 0));
            }
        }
        assertThat(seen).containsExactly(10f, 20f, 30f);
    }

    @Test
    void checkpointRestoresTheSequenceOfOrders() {
        MiniBatches batches = new MiniBatches(traceable(25), BatchOptions.shuffled(4, 8));
        epochOrder(batches);
        MiniBatches.Checkpoint checkpoint = batches.checkpoint();
        List<Integer> third = epochOrder(batches);
        List<Integer> fourth = epochOrder(batches);

        MiniBatches resumed = new MiniBatches(traceable(25), BatchOptions.shuffled(4, 8));
        resumed.restore(checkpoint);

        assertThat(resumed.epochsStarted()).isEqualTo(1);
        assertThat(epochOrder(resumed)).isEqualTo(third);
        assertThat(epochOrder(resumed)).isEqualTo(fourth);
    }

    @Test
    void anEpochEndsWhenTheNextStarts() {
        MiniBatches batches = new MiniBatches(traceable(10), BatchOptions.inOrder(2));
        Iterator<Batch> old = batches.nextEpoch().iterator();
        old.next();
        batches.nextEpoch();

        assertThatThrownBy(old::next)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("epoch 1 is over");
    }

    @Test
    void anEpochIsIteratedOnce() {
        MiniBatches batches = new MiniBatches(traceable(10), BatchOptions.inOrder(2));
        Iterable<Batch> epoch = batches.nextEpoch();
        epoch.iterator();

        assertThatThrownBy(epoch::iterator)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("iterated once");
    }

    @Test
    void invalidConfigurationsAreNamed() {
        assertThatThrownBy(() -> BatchOptions.inOrder(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("batchSize must be at least 1, got 0");
        assertThatThrownBy(() -> new MiniBatches(traceable(3), BatchOptions.inOrder(4).withDropLast()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3 examples, fewer than batchSize 4");
        assertThatThrownBy(() -> new MiniBatches(traceable(3).subset(new int[0]), BatchOptions.inOrder(4)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is empty");
        assertThatThrownBy(() -> new MiniBatches.Checkpoint(-1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got -1");
    }
}
