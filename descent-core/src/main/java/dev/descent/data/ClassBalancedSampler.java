package dev.descent.data;

import dev.descent.random.Rng;
import java.util.Arrays;

/**
 * Batches with fixed per-class quotas, for imbalanced data: every batch (not just the
 * average) holds {@code batchSize / k} examples of each of the k classes, the remainder going
 * to the first classes in a rotating order. Within a class, examples are drawn without
 * replacement from a shuffled pool that is reshuffled when used up, so a rare class is
 * oversampled and a common one undersampled. An epoch has ⌊n / batchSize⌋ such batches; each
 * epoch starts from fresh pools drawn from the generator alone, so its state resumes a run
 * exactly.
 *
 * <p>Weights are 1: the batches are meant to be balanced (a re-weighted objective), not an
 * unbiased estimate of the imbalanced one.
 */
public final class ClassBalancedSampler implements Sampler {
    private final int[][] members;
    private final int[][] pools;
    private final int[] next;
    private final int batchSize;
    private final int batches;
    private final Rng rng;

    public ClassBalancedSampler(Dataset dataset, int batchSize, long seed) {
        int k = dataset.classes();
        if (batchSize < k) {
            throw new IllegalArgumentException("class-balanced sampler: batch size " + batchSize + " is smaller than the "
                    + k + " classes, so a batch cannot hold every class; use a batch of at least " + k);
        }
        int[] counts = dataset.classCounts();
        for (int c = 0; c < k; c++) {
            if (counts[c] == 0) {
                throw new IllegalArgumentException("class-balanced sampler: class " + c + " of data set '" + dataset.name()
                        + "' has no examples, so no batch can include it");
            }
        }
        this.members = new int[k][];
        this.pools = new int[k][];
        for (int c = 0; c < k; c++) {
            members[c] = new int[counts[c]];
            pools[c] = new int[counts[c]];
        }
        int[] filled = new int[k];
        for (int i = 0; i < dataset.size(); i++) {
            int c = dataset.label(i);
            members[c][filled[c]++] = i;
        }
        this.next = new int[k];
        this.batchSize = batchSize;
        this.batches = Math.max(1, dataset.size() / batchSize);
        this.rng = new Rng(seed);
    }

    @Override
    public int epochSize() {
        return batches * batchSize;
    }

    @Override
    public void nextEpoch(int[] order, float[] weights) {
        int k = pools.length;
        for (int c = 0; c < k; c++) {
            System.arraycopy(members[c], 0, pools[c], 0, members[c].length);
            rng.shuffle(pools[c]);
            next[c] = 0;
        }
        int rotation = 0;
        int base = batchSize / k;
        int extra = batchSize % k;
        int o = 0;
        for (int b = 0; b < batches; b++) {
            int start = o;
            for (int c = 0; c < k; c++) {
                int quota = base + (((c - rotation) % k + k) % k < extra ? 1 : 0);
                for (int q = 0; q < quota; q++) {
                    order[o++] = take(c);
                }
            }
            rotation = (rotation + extra) % k;
            // Mix the classes inside the batch (Fisher–Yates on the batch's slice).
            for (int i = o - 1; i > start; i--) {
                int j = start + rng.nextInt(i - start + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
        Arrays.fill(weights, 1f);
    }

    private int take(int c) {
        if (next[c] == pools[c].length) {
            rng.shuffle(pools[c]);
            next[c] = 0;
        }
        return pools[c][next[c]++];
    }

    @Override
    public long state() {
        return rng.state();
    }

    @Override
    public void restore(long state) {
        rng.setState(state);
    }
}
