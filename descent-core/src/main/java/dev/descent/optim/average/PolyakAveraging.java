package dev.descent.optim.average;

/**
 * Polyak–Ruppert averaging: the running mean of every iterate after the first {@code start}
 * updates.
 *
 * <pre>  θ̄_k = θ̄_(k−1) + (θ_k − θ̄_(k−1))/k = (θ_1 + … + θ_k)/k,   k = 1, 2, … counted from update start + 1</pre>
 *
 * With a step size decaying more slowly than 1/t, the mean of the iterates converges at the
 * optimal rate whatever the step size's constant (B. T. Polyak, A. B. Juditsky, "Acceleration of
 * stochastic approximation by averaging", SIAM J. Control Optim. 30(4), 1992; D. Ruppert,
 * "Efficient estimators from a slowly convergent Robbins–Monro process", 1988). PyTorch:
 * {@code torch.optim.ASGD}'s {@code ax} with {@code t0 = start}, or {@code AveragedModel} updated
 * after every step from step {@code start + 1} on. Start after the iterates have reached the
 * region of the minimum: the early, far-off ones would weigh on the mean for good.
 *
 * @param start the updates before averaging begins, ≥ 0: the first averaged iterate is the one
 *     after update {@code start + 1}
 */
public record PolyakAveraging(long start) implements AveragingRule {

    public PolyakAveraging {
        AveragingRule.requireStart(start);
    }

    /** The mean of every iterate from the first update on. */
    public PolyakAveraging() {
        this(0);
    }

    @Override
    public boolean includes(long step) {
        return step > start;
    }

    @Override
    public double weight(long n) {
        return 1.0 / n;
    }

    @Override
    public long averagedUpTo(long step) {
        return Math.max(0, step - start);
    }

    @Override
    public String toString() {
        return "PolyakAveraging(start=" + start + ")";
    }
}
