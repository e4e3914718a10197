package dev.descent.data;

import java.util.Arrays;

/** Every example once per epoch, in the data set's order. */
public final class SequentialSampler implements Sampler {
    private final int size;

    public SequentialSampler(int size) {
        Sampling.requirePositive("sequential sampler: size", size);
        this.size = size;
    }

    @Override
    public int epochSize() {
        return size;
    }

    @Override
    public void nextEpoch(int[] order, float[] weights) {
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        Arrays.fill(weights, 1f);
    }
}
