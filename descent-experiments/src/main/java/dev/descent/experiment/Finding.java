package dev.descent.experiment;

/**
 * One measured figure.
 *
 * @param name          what it is, e.g. {@code log-log slope of the standard error}
 * @param value         the number; over several seeds, their mean
 * @param unit          its unit or {@code ""} for a pure number
 * @param standardError the standard error of the mean over seeds, or NaN for a single measurement
 * @param seeds         how many seeds the value averages (1 for a single measurement)
 */
public record Finding(String name, double value, String unit, double standardError, int seeds) {
    public Finding(String name, double value, String unit) {
        this(name, value, unit, Double.NaN, 1);
    }

    /** Whether this figure is a mean over several seeds, with a standard error. */
    public boolean overSeeds() {
        return seeds > 1;
    }
}
