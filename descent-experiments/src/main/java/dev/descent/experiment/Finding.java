package dev.descent.experiment;

/**
 * One measured figure.
 *
 * @param name  what it is, e.g. {@code log-log slope of the standard error}
 * @param value the number
 * @param unit  its unit or {@code ""} for a pure number
 */
public record Finding(String name, double value, String unit) {
}
