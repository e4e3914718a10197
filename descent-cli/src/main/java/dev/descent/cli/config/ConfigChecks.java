package dev.descent.cli.config;

import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The checks the configuration records share, each failing with
 * {@code "<dotted.key>: <problem>, got <value>; allowed: <range or list>"}.
 */
final class ConfigChecks {
    private ConfigChecks() {
    }

    static IllegalArgumentException invalid(String key, String problem, Object value, String allowed) {
        return new IllegalArgumentException(key + ": " + problem + ", got " + show(value) + "; allowed: " + allowed);
    }

    static <T> T orDefault(T value, T fallback) {
        return value != null ? value : fallback;
    }

    /** A finite number &gt; 0. */
    static double positive(String key, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw invalid(key, "out of range", value, "a finite number > 0");
        }
        return value;
    }

    /** A finite number ≥ 0. */
    static double nonNegative(String key, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw invalid(key, "out of range", value, "a finite number ≥ 0");
        }
        return value;
    }

    /** In [0, 1). */
    static double fraction(String key, double value) {
        if (!(value >= 0 && value < 1)) {
            throw invalid(key, "out of range", value, "[0, 1)");
        }
        return value;
    }

    /** In (0, 1). */
    static double openFraction(String key, double value) {
        if (!(value > 0 && value < 1)) {
            throw invalid(key, "out of range", value, "(0, 1)");
        }
        return value;
    }

    /** In [0, 1]. */
    static double closedFraction(String key, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw invalid(key, "out of range", value, "[0, 1]");
        }
        return value;
    }

    static long atLeast(String key, long value, long minimum) {
        if (value < minimum) {
            throw invalid(key, "out of range", value, "an integer ≥ " + minimum);
        }
        return value;
    }

    /** Rejects {@code value}, given for a key that {@code owner} (e.g. "sgd") does not have. */
    static void notTaken(String key, Object value, String owner, Collection<String> keysOfOwner) {
        if (value != null) {
            throw new IllegalArgumentException(key + ": " + owner + " has no such setting, got " + show(value)
                    + "; allowed for " + owner + ": " + String.join(", ", keysOfOwner)
                    + " (remove the key, or --set " + key + "=null)");
        }
    }

    /** A value as a user would write it: strings quoted, lists in brackets, choices by their YAML name. */
    static String show(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String text) {
            return "'" + text + "'";
        }
        if (value instanceof ConfigChoice choice) {
            return "'" + choice.configName() + "'";
        }
        if (value instanceof List<?> list) {
            return list.stream().map(ConfigChecks::show).collect(Collectors.joining(", ", "[", "]"));
        }
        return String.valueOf(value);
    }
}
