package dev.descent.solver;

/**
 * Checks shared by the configuration records' constructors. Every message has one shape,
 * {@code "<Owner>: <field> must be <allowed range>, got <value>"}, where the field is the record
 * component, followed by the textbook symbol when there is one ({@code "sufficientDecrease (c)"}),
 * so a bad setting tells the user which number to change and to what.
 */
final class SolverArguments {

    private SolverArguments() {}

    static IllegalArgumentException invalid(String owner, String field, Object value, String allowed) {
        return new IllegalArgumentException(owner + ": " + field + " must be " + allowed + ", got " + value);
    }

    /** In the open interval (0, 1): Armijo's c, a shrink factor ρ. */
    static void requireOpenUnitInterval(String owner, String field, double value) {
        if (!(value > 0 && value < 1)) {
            throw invalid(owner, field, value, "in (0, 1)");
        }
    }

    /** Finite and &gt; 0: a step, a Lipschitz constant. */
    static void requirePositive(String owner, String field, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw invalid(owner, field, value, "a finite number > 0");
        }
    }

    /** Finite and ≥ 0: a tolerance (0 turns the test off). */
    static void requireNonNegative(String owner, String field, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw invalid(owner, field, value, "a finite number ≥ 0");
        }
    }

    /** A count of at least {@code min}. */
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
