package dev.descent.schedule;

/**
 * A learning rate as a pure function of the update count: {@code α_t = valueAt(t)}, with
 * t = 0 for the first update. Optimizers read it at every step; nothing mutates the
 * optimizer's learning rate from outside.
 */
@FunctionalInterface
public interface LearningRateSchedule {

    /** The learning rate of update {@code step} (0-based). */
    double valueAt(long step);

    /** The same rate at every step. */
    static LearningRateSchedule constant(double lr) {
        requireRate("lr", lr);
        return new Constant(lr);
    }

    /** Throws, naming the field, unless {@code value} is a finite rate &gt; 0. */
    static void requireRate(String field, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(field + " must be a finite number > 0, got " + value);
        }
    }

    /** A constant learning rate. */
    record Constant(double lr) implements LearningRateSchedule {
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
