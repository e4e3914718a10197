package dev.descent.data;

import dev.descent.random.Rng;
import java.util.Arrays;

/**
 * Prefers informative examples while staying "random enough": example i is drawn (with
 * replacement) with probability
 *
 * <pre>  p_i = (1 − ε)·ℓ_i^a / Σ_j ℓ_j^a  +  ε/n</pre>
 *
 * where ℓ_i is the latest loss seen for example i (reported with {@link #reportLosses}; 1
 * until then), a sharpens or flattens the preference (a = 0 is uniform) and the uniform share
 * ε &gt; 0 keeps every example reachable. Each draw carries the importance weight 1/(n·p_i),
 * so the weighted mean of per-example gradients is an unbiased estimate of the full mean
 * gradient (Katharopoulos and Fleuret 2018). The probabilities are recomputed at the start of
 * each epoch from the losses reported during the previous one.
 */
public final class InformativeSampler implements Sampler {
    private final float[] losses;
    private final double exponent;
    private final double uniformShare;
    private final int draws;
    private final Rng rng;
    private final double[] probability;
    private double[] cumulative;

    public InformativeSampler(int size, double exponent, double uniformShare, int draws, long seed) {
        Sampling.requirePositive("informative sampler: size", size);
        Sampling.requirePositive("informative sampler: draws", draws);
        if (!(exponent >= 0) || Double.isInfinite(exponent)) {
            throw new IllegalArgumentException("informative sampler: exponent a must be a finite number ≥ 0, got "
                    + exponent);
        }
        if (!(uniformShare > 0 && uniformShare <= 1)) {
            throw new IllegalArgumentException("informative sampler: uniform share ε must be in (0, 1], got "
                    + uniformShare + " (ε = 0 could starve examples forever)");
        }
        this.losses = new float[size];
        Arrays.fill(losses, 1f);
        this.exponent = exponent;
        this.uniformShare = uniformShare;
        this.draws = draws;
        this.rng = new Rng(seed);
        this.probability = new double[size];
    }

    /** Records the latest loss of each example in a batch (negative or NaN losses count as 0). */
    public void reportLosses(int[] examples, float[] batchLosses, int count) {
        for (int i = 0; i < count; i++) {
            float loss = batchLosses[i];
            losses[examples[i]] = loss > 0 ? loss : 0f;
        }
    }

    @Override
    public boolean importanceWeighted() {
        return true;
    }

    /** The probability of drawing each example in the current epoch. */
    public double[] probabilities() {
        return probability.clone();
    }

    @Override
    public int epochSize() {
        return draws;
    }

    @Override
    public void nextEpoch(int[] order, float[] weights) {
        int n = losses.length;
        double total = 0;
        for (int i = 0; i < n; i++) {
            total += Math.pow(losses[i], exponent);
        }
        for (int i = 0; i < n; i++) {
            double preferred = total > 0 ? Math.pow(losses[i], exponent) / total : 1.0 / n;
            probability[i] = (1 - uniformShare) * preferred + uniformShare / n;
        }
        cumulative = Sampling.cumulative(probability);
        for (int i = 0; i < draws; i++) {
            int example = Sampling.draw(cumulative, rng.nextDouble());
            order[i] = example;
            weights[i] = (float) (1.0 / (n * probability[example]));
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

    /** A copy of each example's latest loss. */
    @Override
    public float[] learnedState() {
        return losses.clone();
    }

    @Override
    public void restoreLearnedState(float[] values) {
        if (values.length != losses.length) {
            throw new IllegalArgumentException("informative sampler: the checkpoint holds " + values.length
                    + " example losses but the sampler draws from " + losses.length + " examples");
        }
        System.arraycopy(values, 0, losses, 0, losses.length);
    }
}
