package dev.descent.plot;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * Tick labels on linear axes: the shortest plain decimal that names the tick ("0.05", "0.045",
 * "8000"), with the leading zero, whatever the machine's locale; scientific notation
 * ("2.5e-05", "1.2e+07") only for very small or very large magnitudes.
 */
final class TickLabels {
    /** Tick positions are sums of a step; rounding to 12 significant digits removes the binary noise. */
    private static final MathContext SIGNIFICANT = new MathContext(12);

    private TickLabels() {
    }

    static String format(double value) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        double magnitude = Math.abs(value);
        if (magnitude < 1e-15) {
            return "0";
        }
        if (magnitude < 1e-4 || magnitude >= 1e7) {
            return scientific(value, magnitude);
        }
        return new BigDecimal(value).round(SIGNIFICANT).stripTrailingZeros().toPlainString();
    }

    /** "2.5e-05", as most plotting tools write it. */
    private static String scientific(double value, double magnitude) {
        int exponent = (int) Math.floor(Math.log10(magnitude));
        BigDecimal mantissa = new BigDecimal(value).movePointLeft(exponent).round(new MathContext(6));
        if (mantissa.abs().compareTo(BigDecimal.TEN) >= 0) { // log10 rounded down across a power of ten
            mantissa = mantissa.movePointLeft(1);
            exponent++;
        } else if (mantissa.abs().compareTo(BigDecimal.ONE) < 0) {
            mantissa = mantissa.movePointRight(1);
            exponent--;
        }
        return mantissa.stripTrailingZeros().toPlainString() + String.format(Locale.ROOT, "e%+03d", exponent);
    }
}
