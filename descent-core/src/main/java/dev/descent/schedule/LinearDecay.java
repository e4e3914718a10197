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
 * around the minimum whose size grows with the rate; the floor α_ρ &gt; 0 keeps it learning.
 *
 * @param initial α₀, the rate of the first update
 * @param floor α_ρ, the rate from update ρ on (≤ α₀)
 * @param decaySteps ρ, the number of updates over which the rate falls
 */
public record LinearDecay(double initial, double floor, long decaySteps) implements LearningRateSchedule {

    public LinearDecay {
        LearningRateSchedule.requireRate("initial learning rate", initial);
        LearningRateSchedule.requireRate("floor learning rate", floor);
        if (floor > initial) {
            throw new IllegalArgumentException("linear decay: the floor " + floor
                    + " is above the initial rate " + initial + "; the rate would grow");
        }
        if (decaySteps <= 0) {
            throw new IllegalArgumentException("linear decay: decaySteps must be > 0, got " + decaySteps);
        }
    }

    @Override
    public double valueAt(long step) {
        if (step >= decaySteps) {
            return floor;
        }
        double fraction = (double) step / decaySteps;
        return (1 - fraction) * initial + fraction * floor;
    }

    @Override
    public String toString() {
        return "linear(" + initial + " → " + floor + " over " + decaySteps + " steps)";
    }
}
