package dev.descent.data;

/**
 * Decides which examples make up an epoch, in which order, and with which weights; a
 * {@link MiniBatches} cuts that sequence into consecutive batches.
 *
 * <p>Samplers draw from their own seeded generator, whose state {@link #state()} exposes so a
 * checkpoint can resume the exact sequence. Weights are importance weights: a sampler that
 * draws example i with probability p_i ≠ 1/n gives it weight 1/(n·p_i), so that the weighted
 * mean of per-example gradients stays an unbiased estimate of the full gradient.
 */
public interface Sampler {

    /** Draws per epoch: the length of the order {@link #nextEpoch} fills. */
    int epochSize();

    /**
     * Fills {@code order} (length {@link #epochSize()}) with example indices for the next epoch
     * and {@code weights} (same length) with their importance weights (1 for an unweighted sampler).
     */
    void nextEpoch(int[] order, float[] weights);

    /**
     * Whether the batch weights are importance weights the loss must apply (so training
     * minimises the unweighted objective); false when they are all 1.
     */
    default boolean importanceWeighted() {
        return false;
    }

    /** The generator's state (0 for a sampler without randomness). */
    default long state() {
        return 0;
    }

    default void restore(long state) {
    }

    /**
     * What the sampler has learnt besides its generator (an {@link InformativeSampler}'s latest
     * losses), for a checkpoint; null when it learns nothing.
     */
    default float[] learnedState() {
        return null;
    }

    /** Puts back {@link #learnedState()}'s values. */
    default void restoreLearnedState(float[] values) {
    }
}
