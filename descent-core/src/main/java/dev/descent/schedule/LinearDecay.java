package dev.descent.schedule;

/**
 * Linear decay to a floor, then constant (the lectures' schedule for SGD):
 *
 * <pre>
 *   α_t = (1 − t/ρ)·α₀ + (t/ρ)·α_ρ    for t ≤ ρ
 *   α_t = α_ρ                         for t &gt; ρ
 * </pre>
 *
 * The decay lets SGD settle: with a constant rate the iterate keeps bouncing in a noise ball
 * around the minimum whose size grows with the rate; a floor α_ρ &gt; 0 keeps it learning after
 * ρ (the lectures' choice, about α₀/100), a floor of 0 stops it. It is {@link PolynomialDecay}
 * with power 1 and a floor.
 *
 * <p>Reference: I. Goodfellow, Y. Bengio, A. Courville, <i>Deep Learning</i> (2016), §8.3.1.
 * PyTorch: {@code LinearLR(start_factor=1, end_factor=α_ρ/α₀, total_iters=ρ)}; for the
 * optimizer's own rate see {@link Schedules#linearLR}.
 *
 * @param initial α₀, the rate of the first update
 * @param floor α_ρ, the rate from update ρ on, in [0, α₀]
 * @param decaySteps ρ, the number of updates over which the rate falls
 */
public record LinearDecay(double initial, double floor, long decaySteps) implements LearningRateSchedule {

    public LinearDecay {
        ScheduleArguments.requireRate("LinearDecay", "initial", initial);
        ScheduleArguments.requireFloor("LinearDecay", "floor", floor, initial);
        ScheduleArguments.requireAtLeast("LinearDecay", "decaySteps", decaySteps, 1);
    }

    @Override
    public double valueAt(long step) {
        return Interpolation.between(initial, floor, (double) step / decaySteps);
    }

    @Override
    public String toString() {
        return "linear(" + initial + " → " + floor + " over " + decaySteps + " steps)";
    }
}
