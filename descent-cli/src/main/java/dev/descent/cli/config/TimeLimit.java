package dev.descent.cli.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A duration as written in a configuration: whole numbers with units, largest first, e.g.
 * {@code 90s}, {@code 10m}, {@code 1h30m}, {@code 2d}, {@code 500ms}.
 */
final class TimeLimit {
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");
    static final String FORMAT = "a duration such as '90s', '10m', '1h30m' (units d, h, m, s, ms)";

    private TimeLimit() {
    }

    /** The duration {@code text} means, or an error naming {@code key}. */
    static Duration parse(String key, String text) {
        String compact = text.replace(" ", "");
        Matcher part = PART.matcher(compact);
        Duration total = Duration.ZERO;
        int end = 0;
        String previousUnit = null;
        while (part.lookingAt()) {
            String unit = part.group(2);
            if (previousUnit != null && rank(unit) >= rank(previousUnit)) {
                throw ConfigChecks.invalid(key, "units out of order", text, FORMAT);
            }
            previousUnit = unit;
            long amount;
            try {
                amount = Long.parseLong(part.group(1));
                total = total.plus(switch (unit) {
                    case "d" -> Duration.ofDays(amount);
                    case "h" -> Duration.ofHours(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    default -> Duration.ofMillis(amount);
                });
            } catch (NumberFormatException | ArithmeticException e) {
                throw ConfigChecks.invalid(key, "too long", text, FORMAT);
            }
            end = part.end();
            part.region(end, compact.length());
        }
        if (end == 0 || end != compact.length()) {
            throw ConfigChecks.invalid(key, "not a duration", text, FORMAT);
        }
        if (total.isZero()) {
            throw ConfigChecks.invalid(key, "a time limit must be positive", text, FORMAT);
        }
        return total;
    }

    private static int rank(String unit) {
        return switch (unit) {
            case "d" -> 4;
            case "h" -> 3;
            case "m" -> 2;
            case "s" -> 1;
            default -> 0;
        };
    }
}
