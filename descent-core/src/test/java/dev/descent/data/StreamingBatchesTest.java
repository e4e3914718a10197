package dev.descent.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamingBatchesTest {

    /** A stream of n examples whose single feature and label encode their position. */
    private static final class CountingStream implements ExampleStream {
        private final int n;
        private final int failAt;
        private int position;
        boolean closed;

        CountingStream(int n, int failAt) {
            this.n = n;
            this.failAt = failAt;
        }

        @Override
        public int featureCount() {
            return 2;
        }

        @Override
        public int next(float[] features) {
            if (position == failAt) {
                throw new DataException("counting stream: line " + (position + 1) + " is broken");
            }
            if (position == n) {
                return -1;
            }
            features[0] = position;
            features[1] = -position;
            return position++ % 3;
        }

        @Override
        public String source() {
            return "counting stream";
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** The example positions an epoch yields, batch by batch, checking that rows stay intact. */
    private static List<Integer> epoch(BatchSource source, List<Integer> batchSizes) {
        List<Integer> seen = new ArrayList<>();
        for (Batch batch : source.nextEpoch()) {
            batchSizes.add(batch.size());
            for (int r = 0; r < batch.size(); r++) {
                int position = (int) batch.features().get(r, 0);
                assertThat(batch.features().get(r, 1)).isEqualTo(-position);
                assertThat(batch.labels()[r]).isEqualTo(position % 3);
                seen.add(position);
            }
        }
        return seen;
    }

    @Test
    void everyExampleOncePerEpochShuffledThroughTheBuffer() {
        StreamingBatches batches = StreamingBatches.rereadable(() -> new CountingStream(1000, -1), 2, 32, 100, 7);
        List<Integer> sizes = new ArrayList<>();
        List<Integer> first = epoch(batches, sizes);
        assertThat(first).hasSize(1000).doesNotHaveDuplicates();
        assertThat(sizes).hasSize(32).endsWith(8); // 31 × 32 + 8
        assertThat(batches.batchesPerEpoch()).isEqualTo(32);
        assertThat(first).isNotEqualTo(first.stream().sorted().toList());
        List<Integer> second = epoch(batches, new ArrayList<>());
        assertThat(second).hasSize(1000).doesNotHaveDuplicates().isNotEqualTo(first);
        // a buffer of 100 lets an example move only so far ahead: the first 100 outputs come from the first ~200 read
        assertThat(first.subList(0, 50)).allMatch(p -> p < 150);
    }

    @Test
    void sameSeedSameSequenceAndABufferOfOneKeepsTheFileOrder() {
        List<Integer> a = epoch(StreamingBatches.rereadable(() -> new CountingStream(300, -1), 2, 16, 50, 3),
                new ArrayList<>());
        List<Integer> b = epoch(StreamingBatches.rereadable(() -> new CountingStream(300, -1), 2, 16, 50, 3),
                new ArrayList<>());
        assertThat(b).isEqualTo(a);
        List<Integer> inOrder = epoch(StreamingBatches.rereadable(() -> new CountingStream(300, -1), 2, 16, 1, 3),
                new ArrayList<>());
        assertThat(inOrder).isEqualTo(inOrder.stream().sorted().toList());
    }

    @Test
    void standardInputIsReadOnceAndFilesAreClosed() {
        CountingStream stdin = new CountingStream(40, -1);
        StreamingBatches once = StreamingBatches.readOnce(stdin, 16, 8, 1);
        assertThat(epoch(once, new ArrayList<>())).hasSize(40);
        assertThatThrownBy(once::nextEpoch).hasMessageContaining("only once");
        List<CountingStream> opened = new ArrayList<>();
        StreamingBatches file = StreamingBatches.rereadable(() -> {
            CountingStream s = new CountingStream(10, -1);
            opened.add(s);
            return s;
        }, 2, 4, 4, 1);
        epoch(file, new ArrayList<>());
        epoch(file, new ArrayList<>());
        assertThat(opened).hasSize(2).allMatch(s -> s.closed);
    }

    @Test
    void aBadLineSurfacesAsTheReadersError() {
        StreamingBatches batches = StreamingBatches.rereadable(() -> new CountingStream(100, 57), 2, 8, 10, 1);
        assertThatThrownBy(() -> epoch(batches, new ArrayList<>())).isInstanceOf(DataException.class)
                .hasMessageContaining("line 58");
    }

    @Test
    void prefetchingYieldsExactlyTheSourcesBatches() {
        Dataset data = new Dataset("d", dev.descent.tensor.Tensor.generate(i -> i % 2 == 0 ? i / 2 : -(i / 2), 103, 2),
                new int[103], 1);
        MiniBatches direct = new MiniBatches(data, BatchOptions.shuffled(10, 5));
        PrefetchingBatches prefetched = new PrefetchingBatches(new MiniBatches(data, BatchOptions.shuffled(10, 5)));
        for (int e = 0; e < 3; e++) {
            List<Integer> expected = new ArrayList<>();
            for (Batch batch : direct.nextEpoch()) {
                for (int r = 0; r < batch.size(); r++) {
                    expected.add((int) batch.features().get(r, 0));
                }
            }
            List<Integer> actual = new ArrayList<>();
            for (Batch batch : prefetched.nextEpoch()) {
                for (int r = 0; r < batch.size(); r++) {
                    actual.add((int) batch.features().get(r, 0));
                }
            }
            assertThat(actual).isEqualTo(expected);
        }
        PrefetchingBatches failing = new PrefetchingBatches(
                StreamingBatches.rereadable(() -> new CountingStream(100, 57), 2, 8, 10, 1));
        assertThatThrownBy(() -> {
            for (Batch ignored : failing.nextEpoch()) {
                // drain
            }
        }).isInstanceOf(DataException.class).hasMessageContaining("line 58");
    }
}
