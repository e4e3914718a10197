package dev.descent.data;

import dev.descent.random.Rng;
import java.util.Arrays;

/**
 * Every example once per epoch (sampling without replacement), in a fresh uniformly random
 * order each epoch (Fisher–Yates) from a generator seeded once, so the same seed gives the
 * same sequence of epochs.
 */
public final class ShuffledSampler implements Sampler {
    private final int size;
    private final Rng rng;

    public ShuffledSampler(int size, long seed) {
        Sampling.requirePositive("shuffled sampler: size", size);
        this.size = size;
        this.rng = new Rng(seed);
    }

    @Override
    public int epochSize() {
        return size;
    }

    @Override
    public void nextEpoch(int[] order, float[] weights) {
        // Shuffling the identity, not last epoch's order, makes each order depend only on the
        // generator's state: a checkpoint needs nothing else.
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        rng.shuffle(order);
        Arrays.fill(weights, 1f);
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
