package dev.descent.schedule;

/**
 * Exponential decay: the rate falls by the same factor at every step.
 *
 * <pre>
 *   α_t = α₀·γ^t = α₀·e^(−λ·t),   γ = e^(−λ)
 * </pre>
 *
 * The decay can be stated two ways, and both are common, so there is no constructor that
 * takes "a decay" of either kind: {@link #withFactor} takes the per-step factor γ (PyTorch's
 * {@code ExponentialLR(gamma)}, Optax's {@code exponential_decay(transition_steps=1,
 * decay_rate=γ)}), {@link #withRate} the rate λ of e^(−λ·t). γ = 0.9 and λ = 0.9 are very
 * different schedules: at t = 1 the first gives 0.9·α₀, the second 0.41·α₀. The rate halves
 * every ln 2/λ steps. For the optimizer's own rate use {@link Schedules#exponentialLR}.
 */
public final class ExponentialDecay implements LearningRateSchedule {

    private final double initial;
    private final double decayRate;

    private ExponentialDecay(double initial, double decayRate) {
        ScheduleArguments.requireRate("ExponentialDecay", "initial", initial);
        ScheduleArguments.requireNonNegative("ExponentialDecay", "decayRate", decayRate);
        this.initial = initial;
        this.decayRate = decayRate;
    }

    /**
     * α₀·γ^t, PyTorch's {@code ExponentialLR(gamma = γ)}.
     *
     * @param initial α₀, the rate of the first update
     * @param gamma γ in (0, 1], the factor per step; 1 gives a constant rate
     */
    public static ExponentialDecay withFactor(double initial, double gamma) {
        ScheduleArguments.requireDecayFactor("ExponentialDecay", "gamma", gamma);
        return new ExponentialDecay(initial, -Math.log(gamma));
    }

    /**
     * α₀·e^(−λ·t), the same schedule as {@code withFactor(initial, e^(−λ))}.
     *
     * @param initial α₀, the rate of the first update
     * @param lambda λ ≥ 0, the decay rate per step; 0 gives a constant rate
     */
    public static ExponentialDecay withRate(double initial, double lambda) {
        return new ExponentialDecay(initial, lambda);
    }

    /** α₀, the rate of the first update. */
    public double initial() {
        return initial;
    }

    /** λ, the decay rate per step (γ = e^(−λ)). */
    public double decayRate() {
        return decayRate;
    }

    @Override
    public double valueAt(long step) {
        return initial * Math.exp(-decayRate * step);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ExponentialDecay that
                && Double.compare(initial, that.initial) == 0 && Double.compare(decayRate, that.decayRate) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * Double.hashCode(initial) + Double.hashCode(decayRate);
    }

    @Override
    public String toString() {
        return "exponential(" + initial + "·e^(−" + decayRate + "·t))";
    }
}
