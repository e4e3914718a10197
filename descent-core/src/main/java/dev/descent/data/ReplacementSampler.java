package dev.descent.data;

import dev.descent.random.Rng;
import java.util.Arrays;

/**
 * {@code draws} examples per epoch, each uniformly at random with replacement: an example
 * may appear several times in an epoch or not at all (the i.i.d. sampling of SGD's analysis).
 */
public final class ReplacementSampler implements Sampler {
    private final int size;
    private final int draws;
    private final Rng rng;

    public ReplacementSampler(int size, int draws, long seed) {
        Sampling.requirePositive("replacement sampler: size", size);
        Sampling.requirePositive("replacement sampler: draws", draws);
        this.size = size;
        this.draws = draws;
        this.rng = new Rng(seed);
    }

    @Override
    public int epochSize() {
        return draws;
    }

    @Override
    public void nextEpoch(int[] order, float[] weights) {
        for (int i = 0; i < draws; i++) {
            order[i] = rng.nextInt(size);
        }
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
