package dev.descent.schedule;

/**
 * Argument checks shared by the schedules' constructors. Every message has the same shape,
 * {@code "<Schedule>: <field> must be <allowed range>, got <value>"}, so a bad setting read from
 * a configuration file tells the user which number to change and to what.
 */
final class ScheduleArguments {

    private ScheduleArguments() {}

    static IllegalArgumentException invalid(String owner, String field, Object value, String allowed) {
        return new IllegalArgumentException(owner + ": " + field + " must be " + allowed + ", got " + value);
    }

    /** A learning rate: finite and &gt; 0. */
    static void requireRate(String owner, String field, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw invalid(owner, field, value, "a finite number > 0");
        }
    }

    /** A rate the schedule ends at: finite, ≥ 0 and at most the initial rate. */
    static void requireFloor(String owner, String field, double floor, double initial) {
        if (!(floor >= 0 && floor <= initial)) {
            throw invalid(owner, field, floor, "in [0, initial = " + initial + "]");
        }
    }

    /** A finite number ≥ 0 (decay rates, thresholds, multipliers). */
    static void requireNonNegative(String owner, String field, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw invalid(owner, field, value, "a finite number ≥ 0");
        }
    }

    /** A multiplicative decay factor in (0, 1]. */
    static void requireDecayFactor(String owner, String field, double value) {
        if (!(value > 0 && value <= 1)) {
            throw invalid(owner, field, value, "in (0, 1]");
        }
    }

    /** A step count (or other count) of at least {@code min}. */
    static void requireAtLeast(String owner, String field, long value, long min) {
        if (value < min) {
            throw invalid(owner, field, value, "≥ " + min);
        }
    }

    static <T> T requireNonNull(String owner, String field, T value) {
        if (value == null) {
            throw new NullPointerException(owner + ": " + field + " must not be null");
        }
        return value;
    }
}
