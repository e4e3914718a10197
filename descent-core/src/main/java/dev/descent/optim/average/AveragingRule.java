package dev.descent.optim.average;

/**
 * Which iterates join an average of parameters and with what weight; the state (the average
 * and its counter) lives in {@link AveragedParameters}. Every rule here folds the new iterate
 * θ in by interpolation,
 *
 * <pre>  θ̄ ← θ̄ + w_n·(θ − θ̄),   w_1 = 1 (the first averaged iterate is copied)</pre>
 *
 * where n counts the iterates averaged so far, this one included; the rules differ in
 * {@link #includes} and {@link #weight}. Steps are counted as the optimizer's updates:
 * {@code step} is 1 after the first update. Rules are immutable and check their settings when
 * made; {@code toString()} names the rule and every setting, and is saved in checkpoints so that
 * a run cannot be resumed under another rule.
 */
public interface AveragingRule {

    /** Whether the iterate after update {@code step} (1-based) joins the average. */
    boolean includes(long step);

    /** w_n: the weight of the n-th averaged iterate (n ≥ 1); 1 for n = 1. */
    double weight(long n);

    /** How many of the iterates after updates 1 … {@code step} the rule averages. */
    long averagedUpTo(long step);

    /** Throws, naming the field, unless {@code start} is ≥ 0. */
    static void requireStart(long start) {
        if (start < 0) {
            throw new IllegalArgumentException("start must be an integer ≥ 0 (the updates before averaging begins),"
                    + " got " + start);
        }
    }
}
