package dev.descent.data;

/**
 * Parses decimal numbers straight from a range of a line, without a substring per cell, for
 * {@link CsvReader} and {@link LibSvmReader}.
 *
 * <p>Accepted: an optional sign, digits with an optional decimal point, an optional exponent
 * ({@code 1.5e-3}); and, in any case, {@code nan}, {@code inf} and {@code infinity} with an
 * optional sign. Java's extras ({@code 1.5f}, {@code 0x1p3}) are rejected as not numbers.
 *
 * <p>The result is the correctly rounded double: when the digits fit in 53 bits and the
 * power of ten is exact (at most 22), one multiplication or division by the exact power is
 * correctly rounded (Clinger, "How to read floating point numbers accurately", 1990);
 * otherwise the already validated text goes to {@link Double#parseDouble}.
 */
final class CsvReaderNumbers {
    private static final double[] POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    };
    private static final long MAX_EXACT_MANTISSA = 1L << 53;
    /** Beyond this many significant digits the mantissa could overflow a long. */
    private static final int MAX_MANTISSA_DIGITS = 18;

    private CsvReaderNumbers() {
    }

    /**
     * @throws NumberFormatException when {@code text[start, end)} is not a number as above
     */
    static double parse(CharSequence text, int start, int end) {
        int i = start;
        if (i == end) {
            throw new NumberFormatException("empty");
        }
        boolean negative = false;
        char first = text.charAt(i);
        if (first == '-' || first == '+') {
            negative = first == '-';
            i++;
        }
        if (i < end && isLetter(text.charAt(i))) {
            return namedValue(text, i, end, negative);
        }
        long mantissa = 0;
        int significantDigits = 0;
        int exponent = 0;
        int digits = 0;
        for (; i < end; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                break;
            }
            digits++;
            if (significantDigits < MAX_MANTISSA_DIGITS) {
                mantissa = mantissa * 10 + (c - '0');
                if (mantissa != 0) {
                    significantDigits++;
                }
            } else {
                exponent++; // dropped digit: the exact value goes to the slow path below
                significantDigits++;
            }
        }
        if (i < end && text.charAt(i) == '.') {
            i++;
            for (; i < end; i++) {
                char c = text.charAt(i);
                if (c < '0' || c > '9') {
                    break;
                }
                digits++;
                if (significantDigits < MAX_MANTISSA_DIGITS) {
                    mantissa = mantissa * 10 + (c - '0');
                    exponent--;
                    if (mantissa != 0) {
                        significantDigits++;
                    }
                } else {
                    significantDigits++;
                }
            }
        }
        if (digits == 0) {
            throw new NumberFormatException("no digits");
        }
        if (i < end && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            i++;
            boolean negativeExponent = false;
            if (i < end && (text.charAt(i) == '-' || text.charAt(i) == '+')) {
                negativeExponent = text.charAt(i) == '-';
                i++;
            }
            int exponentStart = i;
            int written = 0;
            for (; i < end; i++) {
                char c = text.charAt(i);
                if (c < '0' || c > '9') {
                    break;
                }
                written = Math.min(written * 10 + (c - '0'), 100_000); // saturates: far beyond any double
            }
            if (i == exponentStart) {
                throw new NumberFormatException("no exponent digits");
            }
            exponent += negativeExponent ? -written : written;
        }
        if (i != end) {
            throw new NumberFormatException("trailing characters");
        }
        if (significantDigits <= MAX_MANTISSA_DIGITS && mantissa <= MAX_EXACT_MANTISSA
                && exponent >= -22 && exponent <= 22) {
            double value = exponent >= 0 ? mantissa * POWERS_OF_TEN[exponent] : mantissa / POWERS_OF_TEN[-exponent];
            return negative ? -value : value;
        }
        return Double.parseDouble(text.subSequence(start, end).toString());
    }

    private static boolean isLetter(char c) {
        return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
    }

    private static double namedValue(CharSequence text, int start, int end, boolean negative) {
        String word = text.subSequence(start, end).toString();
        if (word.equalsIgnoreCase("nan")) {
            return Double.NaN;
        }
        if (word.equalsIgnoreCase("inf") || word.equalsIgnoreCase("infinity")) {
            return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        throw new NumberFormatException("not a number");
    }
}
