package dev.descent.data;

import dev.descent.random.Rng;

/**
 * {@code draws} examples per epoch, example i with probability p_i = w_i / Σw, with
 * replacement (PyTorch's {@code WeightedRandomSampler}): training then minimises the loss
 * re-weighted by w, e.g. oversampling a rare class on purpose. The batch weights are 1; for an
 * unbiased estimate of the unweighted loss instead, see {@link InformativeSampler}.
 */
public final class WeightedSampler implements Sampler {
    private final double[] cumulative;
    private final int draws;
    private final Rng rng;

    public WeightedSampler(double[] exampleWeights, int draws, long seed) {
        Sampling.requirePositive("weighted sampler: draws", draws);
        if (exampleWeights.length == 0) {
            throw new IllegalArgumentException("weighted sampler: no example weights");
        }
        double total = 0;
        for (int i = 0; i < exampleWeights.length; i++) {
            double w = exampleWeights[i];
            if (!(w >= 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("weighted sampler: the weight of example " + i
                        + " must be a finite number ≥ 0, got " + w);
            }
            total += w;
        }
        if (total == 0) {
            throw new IllegalArgumentException("weighted sampler: every weight is 0, so nothing can be drawn");
        }
        this.cumulative = Sampling.cumulative(exampleWeights);
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
            order[i] = Sampling.draw(cumulative, rng.nextDouble());
            weights[i] = 1f;
        }
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
