package dev.descent.experiment;

import java.math.BigDecimal;
import java.util.Locale;

/** Numbers as people write them in legends and sentences: 0.01, not 0.0100000 or 1.00000e-02. */
final class Numbers {
    private Numbers() {
    }

    static String compact(double v) {
        if (v == 0) {
            return "0";
        }
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        double a = Math.abs(v);
        if (a >= 1e-4 && a < 1e7) {
            return new BigDecimal(String.format(Locale.ROOT, "%.4g", v)).stripTrailingZeros().toPlainString();
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }
}
