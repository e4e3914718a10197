package dev.descent.schedule;

/**
 * Exponential decay: the rate falls by the same factor e^(−λ) at every step.
 *
 * <pre>
 *   α_t = α₀·e^(−λ·t)
 * </pre>
 *
 * The rate halves every ln 2/λ steps. PyTorch's {@code ExponentialLR(gamma)} is the same
 * schedule written as α₀·γ^t, i.e. λ = −ln γ: {@link #withFactor} takes γ. (Optax's
 * {@code exponential_decay(init, transition_steps=1, decay_rate=γ)} is the same too.)
 *
 * @param initial α₀, the rate of the first update
 * @param decayRate λ ≥ 0, per step; 0 gives a constant rate
 */
public record ExponentialDecay(double initial, double decayRate) implements LearningRateSchedule {

    public ExponentialDecay {
        ScheduleArguments.requireRate("ExponentialDecay", "initial", initial);
        ScheduleArguments.requireNonNegative("ExponentialDecay", "decayRate", decayRate);
    }

    /** α₀·γ^t, PyTorch's {@code ExponentialLR(gamma = γ)}, for γ in (0, 1]. */
    public static ExponentialDecay withFactor(double initial, double gamma) {
        ScheduleArguments.requireDecayFactor("ExponentialDecay", "gamma", gamma);
        return new ExponentialDecay(initial, -Math.log(gamma));
    }

    @Override
    public double valueAt(long step) {
        return initial * Math.exp(-decayRate * step);
    }

    @Override
    public String toString() {
        return "exponential(" + initial + "·e^(−" + decayRate + "·t))";
    }
}
