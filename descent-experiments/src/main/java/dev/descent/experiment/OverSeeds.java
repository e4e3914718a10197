package dev.descent.experiment;

import java.util.Arrays;

/**
 * One figure measured once per seed: its mean and the standard error of that mean,
 * sd/√n with the sample standard deviation (n − 1 in the denominator).
 */
public final class OverSeeds {
    /**
     * How many standard errors a difference must exceed to count: the rule every comparative
     * verdict states. With 5 seeds, two standard errors of a paired difference is about a
     * 90 % two-sided test (Student's t with 4 degrees of freedom).
     */
    public static final double STANDARD_ERRORS = 2;

    private final double[] values;

    private OverSeeds(double[] values) {
        this.values = values;
    }

    /** The values, one per seed; at least one, all finite. */
    public static OverSeeds of(double... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("a figure over seeds needs at least one value");
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException("the value of seed run " + i + " is " + values[i]
                        + "; a figure over seeds must be finite (a diverged run should be reported as such)");
            }
        }
        return new OverSeeds(values.clone());
    }

    /** {@code b − a}, seed by seed: the paired differences, which cancel what both share. */
    public static OverSeeds difference(double[] b, double[] a) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("paired figures need one value per seed on both sides, got " + b.length
                    + " and " + a.length);
        }
        double[] d = new double[a.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = b[i] - a[i];
        }
        return of(d);
    }

    public int count() {
        return values.length;
    }

    public double[] values() {
        return values.clone();
    }

    public double mean() {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s / values.length;
    }

    /** sd/√n; 0 for a single value, which therefore shows no noise at all. */
    public double standardError() {
        int n = values.length;
        if (n < 2) {
            return 0;
        }
        double mean = mean();
        double ss = 0;
        for (double v : values) {
            ss += (v - mean) * (v - mean);
        }
        return Math.sqrt(ss / (n - 1) / n);
    }

    public double min() {
        return Arrays.stream(values).min().orElseThrow();
    }

    public double max() {
        return Arrays.stream(values).max().orElseThrow();
    }

    /**
     * Whether the mean is above {@code threshold} beyond the noise: {@link Verdict#SUPPORTED}
     * when {@code mean − 2·SE > threshold}, {@link Verdict#NOT_SUPPORTED} when
     * {@code mean + 2·SE < threshold}, otherwise {@link Verdict#INCONCLUSIVE}. With one seed
     * (SE = 0) this is the plain comparison.
     */
    public Verdict above(double threshold) {
        double margin = STANDARD_ERRORS * standardError();
        if (mean() - margin > threshold) {
            return Verdict.SUPPORTED;
        }
        if (mean() + margin < threshold) {
            return Verdict.NOT_SUPPORTED;
        }
        return Verdict.INCONCLUSIVE;
    }

    /** The mirror of {@link #above}: whether the mean is below {@code threshold} beyond the noise. */
    public Verdict below(double threshold) {
        return OverSeeds.of(negated()).above(-threshold);
    }

    /**
     * Whether the mean lies within {@code [low, high]}: supported when the whole interval
     * mean ± 2·SE does, rejected when the interval misses it entirely.
     */
    public Verdict within(double low, double high) {
        double margin = STANDARD_ERRORS * standardError();
        double lo = mean() - margin;
        double hi = mean() + margin;
        if (lo >= low && hi <= high) {
            return Verdict.SUPPORTED;
        }
        if (hi < low || lo > high) {
            return Verdict.NOT_SUPPORTED;
        }
        return Verdict.INCONCLUSIVE;
    }

    /**
     * "0.3284 ± 0.0051": the standard error to two significant digits and the mean to the same
     * decimal place, or the value alone for one seed.
     */
    @Override
    public String toString() {
        return count() == 1 ? Numbers.compact(mean()) : Quantities.plusMinus(mean(), standardError());
    }

    private double[] negated() {
        double[] n = new double[values.length];
        for (int i = 0; i < n.length; i++) {
            n[i] = -values[i];
        }
        return n;
    }
}
