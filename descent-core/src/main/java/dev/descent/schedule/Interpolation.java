package dev.descent.schedule;

/**
 * The one interpolation the schedules share, written so that rounding cannot break what the
 * formulas promise: exact at both ends, monotone in the fraction, never outside the two
 * endpoints. (The textbook {@code (1 − f)·a + f·b} can overshoot {@code b} or step backwards
 * by one ulp.)
 */
final class Interpolation {

    private Interpolation() {}

    /**
     * {@code from + (to − from)·fraction}, with fraction ≤ 0 giving exactly {@code from} and
     * fraction ≥ 1 exactly {@code to}.
     */
    static double between(double from, double to, double fraction) {
        if (fraction <= 0) {
            return from;
        }
        if (fraction >= 1) {
            return to;
        }
        double value = from + (to - from) * fraction;
        return from <= to ? Math.min(value, to) : Math.max(value, to);
    }
}
