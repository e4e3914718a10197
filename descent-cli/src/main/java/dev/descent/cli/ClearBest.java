package dev.descent.cli;

/**
 * The run whose score is better than every other run's by more than the noise of measuring it:
 * ahead of each by more than {@value #STANDARD_ERRORS} combined standard errors,
 * <pre>
 *   |v_best − v_other| &gt; 2 · √(SE_best² + SE_other²)
 * </pre>
 * For independent estimates the difference has that standard error, so of two equally good runs
 * one is highlighted by chance about once in 20 comparisons. Runs scored on the same examples are
 * positively correlated, which makes the rule conservative: a paired test would detect smaller
 * differences, but it needs each example's outcome, which a run does not keep.
 *
 * <p>The standard error of an accuracy p measured on n examples is the binomial one,
 * {@code √(p(1 − p)/n)} ({@link #binomial}).
 */
final class ClearBest {
    /** How many combined standard errors the best must lead every other run by. */
    static final double STANDARD_ERRORS = 2;

    private ClearBest() {
    }

    /**
     * The index of the clearly best value, or -1 when there is none: fewer than two finite values,
     * a tie for the best, a lead over some run within the noise, or a standard error that is not
     * known (NaN) for the best run or one it is compared with. NaN values are runs without the
     * figure and take no part.
     */
    static int of(double[] values, double[] standardErrors, boolean higherIsBetter) {
        int best = -1;
        int finite = 0;
        for (int i = 0; i < values.length; i++) {
            if (Double.isFinite(values[i])) {
                finite++;
                if (best < 0 || (higherIsBetter ? values[i] > values[best] : values[i] < values[best])) {
                    best = i;
                }
            }
        }
        if (finite < 2) {
            return -1;
        }
        for (int i = 0; i < values.length; i++) {
            if (i == best || !Double.isFinite(values[i])) {
                continue;
            }
            double lead = Math.abs(values[best] - values[i]);
            double noise = STANDARD_ERRORS * Math.hypot(standardErrors[best], standardErrors[i]);
            if (!(lead > noise)) { // a tie, a lead within the noise, or a standard error not known
                return -1;
            }
        }
        return best;
    }

    /** √(p(1 − p)/n): the standard error of a proportion p measured on n examples; NaN unless n ≥ 1. */
    static double binomial(double p, double n) {
        return n >= 1 && p >= 0 && p <= 1 ? Math.sqrt(p * (1 - p) / n) : Double.NaN;
    }
}
