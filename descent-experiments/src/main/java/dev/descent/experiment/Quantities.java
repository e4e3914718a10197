package dev.descent.experiment;

import java.util.Locale;

/**
 * Figures in the unit a reader would choose: 474.3 ms rather than 474289.7823 µs, 12.5 MB
 * rather than 13107200 B, with four significant digits.
 */
final class Quantities {
    private static final String[] TIME_UNITS = {"ns", "µs", "ms", "s"};
    private static final double[] TIME_SCALE = {1e-9, 1e-6, 1e-3, 1};

    private Quantities() {
    }

    /** The value and unit, rescaled when the unit is one of time, e.g. {@code "474.3 ms"}. */
    static String scaled(double value, String unit) {
        int time = indexOf(unit);
        if (time >= 0 && Double.isFinite(value) && value != 0) {
            double seconds = value * TIME_SCALE[time];
            int best = 0;
            for (int i = 0; i < TIME_SCALE.length; i++) {
                if (Math.abs(seconds) >= TIME_SCALE[i]) {
                    best = i;
                }
            }
            return number(seconds / TIME_SCALE[best]) + " " + TIME_UNITS[best];
        }
        return unit.isEmpty() ? number(value) : number(value) + " " + unit;
    }

    /** The value with its standard error, both in the value's scaled unit: "0.3284 ± 0.0051 nats". */
    static String scaled(Finding f) {
        if (!f.overSeeds() || !Double.isFinite(f.standardError())) {
            return scaled(f.value(), f.unit());
        }
        int time = indexOf(f.unit());
        double factor = 1;
        String unit = f.unit();
        if (time >= 0 && f.value() != 0) {
            String shown = scaled(f.value(), f.unit());
            unit = shown.substring(shown.lastIndexOf(' ') + 1);
            factor = TIME_SCALE[time] / TIME_SCALE[indexOf(unit)];
        }
        String text = plusMinus(f.value() * factor, f.standardError() * factor);
        return unit.isEmpty() ? text : text + " " + unit;
    }

    /**
     * "0.4112 ± 0.0045": the standard error to two significant digits and the mean to the same
     * decimal place, so that no digit is shown that the noise makes meaningless.
     */
    static String plusMinus(double mean, double standardError) {
        if (!(standardError > 1e-12) || !Double.isFinite(mean) || Math.abs(mean) >= 1e9) {
            return number(mean) + " ± " + number(standardError);
        }
        // the decimal place of the standard error's second significant digit (4 for 0.0045, -2 for 6 012)
        int decimals = 1 - (int) Math.floor(Math.log10(standardError));
        java.math.RoundingMode even = java.math.RoundingMode.HALF_EVEN;
        return new java.math.BigDecimal(mean).setScale(decimals, even).toPlainString()
                + " ± " + new java.math.BigDecimal(standardError).setScale(decimals, even).toPlainString();
    }

    /** Four significant digits, no trailing zeros, thin-space thousands for large plain numbers. */
    static String number(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        double a = Math.abs(v);
        if (a != 0 && (a < 1e-3 || a >= 1e9)) {
            return String.format(Locale.ROOT, "%.3e", v).replaceAll("\\.?0+e", "e");
        }
        if (a >= 1e4) {
            return String.format(Locale.ROOT, "%,.0f", v).replace(",", "\u2009");
        }
        String s = new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros()
                .toPlainString();
        return s;
    }

    private static int indexOf(String unit) {
        for (int i = 0; i < TIME_UNITS.length; i++) {
            if (TIME_UNITS[i].equals(unit)) {
                return i;
            }
        }
        return unit.equals("us") ? 1 : -1;
    }
}
