package dev.descent.schedule;

/**
 * Inverse-time decay: the rate falls like 1/t.
 *
 * <pre>
 *   α_t = α₀ / (1 + r·t)
 * </pre>
 *
 * The rate is halved at t = 1/r and is ≈ α₀/(r·t) after that. Its sum diverges while the sum
 * of its squares converges: the Robbins–Monro conditions under which SGD with noisy gradients
 * converges on a convex problem.
 *
 * <p><b>Not the recursive form.</b> {@link RecursiveInverseTimeDecay} divides the
 * <em>previous</em> rate by (1 + ρ·t), so its divisors multiply up,
 * α_t = α₀ / Π_{s&lt;t} (1 + ρ·s), and it falls faster than any exponential. With r = ρ = 0.01
 * and α₀ = 0.1, this schedule is at 0.05 after 100 steps; the recursive one is at 2.4·10⁻¹⁸.
 *
 * <p>References: H. Robbins, S. Monro, "A Stochastic Approximation Method", Ann. Math. Statist.
 * 22 (1951); L. Bottou, "Stochastic Gradient Descent Tricks" (2012), which takes r = α₀·λ.
 * Keras' {@code InverseTimeDecay} with {@code decay_steps = 1}; in PyTorch,
 * {@code LambdaLR(lambda t: 1 / (1 + r * t))}.
 *
 * @param initial α₀, the rate of the first update
 * @param decayRate r ≥ 0; 0 gives a constant rate
 */
public record InverseTimeDecay(double initial, double decayRate) implements LearningRateSchedule {

    public InverseTimeDecay {
        ScheduleArguments.requireRate("InverseTimeDecay", "initial", initial);
        ScheduleArguments.requireNonNegative("InverseTimeDecay", "decayRate", decayRate);
    }

    @Override
    public double valueAt(long step) {
        return initial / (1 + decayRate * step);
    }

    @Override
    public String toString() {
        return "inverseTime(" + initial + " / (1 + " + decayRate + "·t))";
    }
}
