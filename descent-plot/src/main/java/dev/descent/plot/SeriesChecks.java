package dev.descent.plot;

import java.util.Collection;

/**
 * The checks every series passes before it is drawn. Each failure is an
 * {@link IllegalArgumentException} whose message names the plot, the series, the array and,
 * for a bad value, its index: {@code LinePlot "Loss": series "train": y[3] = -0.5 is not
 * positive, and the y axis is logarithmic}.
 */
final class SeriesChecks {

    private SeriesChecks() {
    }

    static IllegalArgumentException invalid(String plot, String series, String problem) {
        return new IllegalArgumentException(plot + ": series \"" + series + "\": " + problem);
    }

    /** A series needs a name, and names are unique within a plot (the legend tells series apart by them). */
    static void requireNewName(String plot, String name, Collection<String> used) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(plot + ": a series needs a name (it labels the legend), got "
                    + (name == null ? "null" : "\"" + name + "\""));
        }
        if (used.contains(name)) {
            throw invalid(plot, name, "the plot already has a series of that name; give each series its own");
        }
    }

    static void requireArray(String plot, String series, String arrayName, double[] values) {
        if (values == null) {
            throw invalid(plot, series, arrayName + " is null");
        }
    }

    /** Every array of a series holds one value per point. */
    static void sameLength(String plot, String series, String firstName, double[] first, String otherName,
                           double[] other) {
        if (first.length != other.length) {
            throw invalid(plot, series, firstName + " has " + first.length + " values but " + otherName + " has "
                    + other.length + "; they need one value per point");
        }
    }

    /**
     * A series has at least one point whose values are all finite: non-finite points are left
     * out of the drawing, and a series with nothing left would silently draw nothing.
     */
    static void requireFinitePoint(String plot, String series, double[]... arrays) {
        int points = arrays[0].length;
        if (points == 0) {
            throw invalid(plot, series, "no points (the arrays are empty)");
        }
        for (int i = 0; i < points; i++) {
            if (finiteAt(i, arrays)) {
                return;
            }
        }
        throw invalid(plot, series, "none of its " + points + " points is finite (every one holds a NaN or an "
                + "infinite value), so there is nothing to draw");
    }

    /** On a logarithmic axis, every value that will be drawn (the finite points) must be positive. */
    static void positiveOnLogAxis(String plot, String series, String axis, String arrayName, double[] values,
                                  double[]... pointArrays) {
        for (int i = 0; i < values.length; i++) {
            if (finiteAt(i, pointArrays) && !(values[i] > 0)) {
                throw invalid(plot, series, arrayName + "[" + i + "] = " + values[i] + " is not positive, and the "
                        + axis + " axis is logarithmic");
            }
        }
    }

    /** Whether point {@code i} has a finite value in every array. */
    static boolean finiteAt(int i, double[]... arrays) {
        for (double[] array : arrays) {
            if (!Double.isFinite(array[i])) {
                return false;
            }
        }
        return true;
    }

    /** The number of points finite in every array. */
    static int finiteCount(double[]... arrays) {
        int count = 0;
        for (int i = 0; i < arrays[0].length; i++) {
            if (finiteAt(i, arrays)) {
                count++;
            }
        }
        return count;
    }
}
