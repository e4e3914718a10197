package dev.descent.schedule;

/**
 * Polynomial decay to a floor over T steps, then constant.
 *
 * <pre>
 *   α_t = (α₀ − α_end)·(1 − min(t, T)/T)^p + α_end
 * </pre>
 *
 * With α_end = 0 this is PyTorch's {@code PolynomialLR(total_iters = T, power = p)}, the
 * "poly" policy of L.-C. Chen et al., "DeepLab" (TPAMI 2017), who use p = 0.9. With an end
 * rate it is Optax's {@code polynomial_schedule} and Keras' {@code PolynomialDecay}; p = 1 is
 * {@link LinearDecay}. p &gt; 1 drops fast early, p &lt; 1 late.
 *
 * @param initial α₀, the rate of the first update
 * @param floor α_end, the rate from step T on, in [0, α₀]
 * @param decaySteps T ≥ 1
 * @param power p, a finite number &gt; 0
 */
public record PolynomialDecay(double initial, double floor, long decaySteps, double power)
        implements LearningRateSchedule {

    public PolynomialDecay {
        ScheduleArguments.requireRate("PolynomialDecay", "initial", initial);
        ScheduleArguments.requireFloor("PolynomialDecay", "floor", floor, initial);
        ScheduleArguments.requireAtLeast("PolynomialDecay", "decaySteps", decaySteps, 1);
        if (!(power > 0) || Double.isInfinite(power)) {
            throw ScheduleArguments.invalid("PolynomialDecay", "power", power, "a finite number > 0");
        }
    }

    /** Decay to 0, as PyTorch's {@code PolynomialLR(total_iters = decaySteps, power)}. */
    public PolynomialDecay(double initial, long decaySteps, double power) {
        this(initial, 0, decaySteps, power);
    }

    @Override
    public double valueAt(long step) {
        double remaining = 1 - (double) Math.min(step, decaySteps) / decaySteps;
        return Interpolation.between(floor, initial, Math.pow(remaining, power));
    }

    @Override
    public String toString() {
        return "polynomial(" + initial + " → " + floor + " over " + decaySteps + " steps, power " + power + ")";
    }
}
