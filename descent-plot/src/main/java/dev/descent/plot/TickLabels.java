package dev.descent.plot;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * Tick labels: the shortest plain decimal that names the tick ("0.05", "0.045", "8000"), with
 * the leading zero, whatever the machine's locale; scientific notation ("2.5e-05", "1.2e+07")
 * only for very small or very large magnitudes. Powers of ten on logarithmic axes read "10⁻⁴",
 * "10⁰", "2·10⁻³", with Unicode superscript digits and minus sign.
 */
final class TickLabels {
    /** Tick positions are sums of a step; rounding to 12 significant digits removes the binary noise. */
    private static final MathContext SIGNIFICANT = new MathContext(12);
    /** ⁰ ¹ ² ³ ⁴ ⁵ ⁶ ⁷ ⁸ ⁹ */
    private static final String SUPERSCRIPT_DIGITS = "\u2070\u00B9\u00B2\u00B3\u2074\u2075\u2076\u2077\u2078\u2079";

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
        if (!plain(value)) {
            return scientific(value, magnitude);
        }
        return new BigDecimal(value).round(SIGNIFICANT).stripTrailingZeros().toPlainString();
    }

    /** Whether {@link #format} writes this value as a plain decimal (no exponent). */
    static boolean plain(double value) {
        double magnitude = Math.abs(value);
        return magnitude < 1e-15 || (magnitude >= 1e-4 && magnitude < 1e7);
    }

    /** "10⁻⁴", "10⁰", "10¹²". */
    static String powerOfTen(int exponent) {
        String digits = Integer.toString(Math.abs(exponent));
        StringBuilder label = new StringBuilder("10");
        if (exponent < 0) {
            label.append('\u207B'); // superscript minus
        }
        for (int i = 0; i < digits.length(); i++) {
            label.append(SUPERSCRIPT_DIGITS.charAt(digits.charAt(i) - '0'));
        }
        return label.toString();
    }

    /** "2·10⁻³"; just "10⁻³" for a mantissa of 1. */
    static String timesPowerOfTen(int mantissa, int exponent) {
        return mantissa == 1 ? powerOfTen(exponent) : mantissa + "\u00B7" + powerOfTen(exponent);
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
