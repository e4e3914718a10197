package dev.descent.schedule;

/**
 * A learning rate as a pure function of the update count: {@code α_t = valueAt(t)}, with
 * t = 0 for the first update. Optimizers read it before every update; nothing mutates the
 * optimizer's learning rate from outside. (The one exception to purity is
 * {@link ReduceOnPlateau}, whose rate changes when a validation metric is reported to it.)
 *
 * <p>Schedules compose: {@link #join} runs one schedule and then another (the second counting
 * its steps from the boundary), {@link #scaledBy} multiplies one by a factor (a parameter
 * group's rate), {@link LinearWarmup} puts a warm-up in front of one, and
 * {@link EpochSchedule#toSteps} turns a schedule over epochs into one over steps. Warm-up then
 * cosine annealing, for example, is two lines:
 *
 * <pre>{@code
 * LearningRateSchedule cosine = new CosineAnnealing(0.1, 0.0, 9_000);
 * LearningRateSchedule schedule = new LinearWarmup(0.01, 1_000, cosine); // 10 000 steps in all
 * }</pre>
 *
 * <p>Steps are ≥ 0; the schedules do not define negative steps.
 */
@FunctionalInterface
public interface LearningRateSchedule {

    /** The learning rate of update {@code step} (0-based). */
    double valueAt(long step);

    /**
     * The rate this schedule is stated for: the optimizer {@code lr} it is meant to run with
     * (PyTorch's {@code initial_lr}). It is {@code valueAt(0)} unless the schedule starts
     * elsewhere on purpose: {@link OneCycle} is stated for its peak, {@link LinearWarmup} for the
     * rate its warm-up reaches, a {@link Sequence} for its first part's, a {@link Scaled} one for
     * c times its schedule's. The optimizer builder refuses a schedule whose base rate is not the
     * optimizer's {@code lr}, so that the rate is never stated twice with two values.
     */
    default double baseRate() {
        return valueAt(0);
    }

    /**
     * This schedule multiplied by {@code factor} at every step, e.g. for a parameter group
     * that learns at a fixed fraction of the base rate.
     *
     * @see Scaled
     */
    default LearningRateSchedule scaledBy(double factor) {
        return new Scaled(this, factor);
    }

    /** The same rate at every step. */
    static LearningRateSchedule constant(double lr) {
        return new Constant(lr);
    }

    /**
     * {@code first} for steps {@code 0 … boundary − 1}, then {@code second}, which sees the
     * steps counted from the boundary (Optax's {@code join_schedules}).
     *
     * @see Sequence
     */
    static LearningRateSchedule join(LearningRateSchedule first, long boundary, LearningRateSchedule second) {
        return new Sequence(first, boundary, second);
    }

    /** Throws, naming the field, unless {@code value} is a finite rate &gt; 0. */
    static void requireRate(String field, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(field + " must be a finite number > 0, got " + value);
        }
    }

    /** A constant learning rate. */
    record Constant(double lr) implements LearningRateSchedule {

        public Constant {
            requireRate("lr", lr);
        }

        @Override
        public double valueAt(long step) {
            return lr;
        }

        @Override
        public String toString() {
            return "constant(" + lr + ")";
        }
    }
}
