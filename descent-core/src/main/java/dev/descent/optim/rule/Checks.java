package dev.descent.optim.rule;

/** Hyper-parameter checks whose messages name the parameter, the value and the allowed range. */
public final class Checks {
    private Checks() {
    }

    public static void requireNonNegative(String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number ≥ 0, got " + value);
        }
    }

    public static void requirePositive(String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number > 0, got " + value);
        }
    }

    /** A decay rate or momentum coefficient: in [0, 1). */
    public static void requireUnitInterval(String name, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1), got " + value);
        }
    }

    /** A dampening or mixing factor: in [0, 1]. */
    public static void requireClosedUnitInterval(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1], got " + value);
        }
    }
}
