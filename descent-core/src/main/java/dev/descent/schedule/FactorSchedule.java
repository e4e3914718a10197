package dev.descent.schedule;

import java.util.function.LongToDoubleFunction;

/**
 * A base rate times a factor of the step, PyTorch's {@code LambdaLR}:
 *
 * <pre>
 *   α_t = α₀·f(t)
 * </pre>
 *
 * The form of the shapes that {@link Schedules} builds from a formula over factors
 * ({@code linearLR}, {@code constantLR}, {@code lambdaLR}). Its base rate is α₀ even where
 * f(0) ≠ 1 (a linear warm-up starts at f(0) = startFactor).
 *
 * @param baseRate α₀, the optimizer's lr
 * @param factor f, whose values must be finite and ≥ 0 (the optimizer checks the rate at every step)
 * @param description the formula of f, for {@link #toString()}
 */
record FactorSchedule(double baseRate, LongToDoubleFunction factor, String description)
        implements LearningRateSchedule {

    FactorSchedule {
        ScheduleArguments.requireRate("FactorSchedule", "baseRate", baseRate);
        ScheduleArguments.requireNonNull("FactorSchedule", "factor", factor);
    }

    @Override
    public double valueAt(long step) {
        return baseRate * factor.applyAsDouble(step);
    }

    @Override
    public String toString() {
        return baseRate + " × " + description;
    }
}
