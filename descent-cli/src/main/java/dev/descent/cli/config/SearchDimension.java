package dev.descent.cli.config;

import dev.descent.random.Rng;
import java.util.List;

/**
 * One searched key of a {@code descent tune} file: a list of choices, or a range to draw from
 * (random search only).
 *
 * <pre>
 *   model.activation: [relu, tanh]            # choices, in this order
 *   optimizer.lr: {log_uniform: [1e-3, 0.3]}  # exp(uniform(ln 0.001, ln 0.3)), four significant digits
 *   optimizer.momentum: {uniform: [0.5, 0.99]}
 *   training.epochs: {int_uniform: [2, 6]}    # an integer from 2 to 6, both included
 * </pre>
 *
 * @param key the dotted run-configuration key, e.g. {@code optimizer.lr}
 * @param kind a list of choices or one of the ranges
 * @param choices the choices in the order written (empty for a range)
 * @param low a range's lower bound (NaN for choices)
 * @param high a range's upper bound, included for {@code int_uniform} (NaN for choices)
 */
public record SearchDimension(String key, Kind kind, List<SearchValue> choices, double low, double high) {

    /** How a key's values are given. */
    public enum Kind {
        CHOICES("a list"),
        UNIFORM("uniform"),
        LOG_UNIFORM("log_uniform"),
        INT_UNIFORM("int_uniform");

        private final String configName;

        Kind(String configName) {
            this.configName = configName;
        }

        /** The range's name in the search section ({@code log_uniform}), or "a list". */
        public String configName() {
            return configName;
        }

        static final List<String> RANGE_NAMES = List.of("uniform", "log_uniform", "int_uniform");
    }

    public SearchDimension {
        choices = List.copyOf(choices);
    }

    /** Whether values are drawn from a range rather than listed. */
    public boolean isRange() {
        return kind != Kind.CHOICES;
    }

    /** Whether every value is a number (a range, or a list of numbers only). */
    public boolean isNumeric() {
        return isRange() || choices.stream().allMatch(SearchValue::isNumber);
    }

    /**
     * Whether a plot against this key reads best on a logarithmic axis: a {@code log_uniform}
     * range, or listed numbers, all positive, spanning a factor of ten or more.
     */
    public boolean isLogarithmic() {
        if (kind == Kind.LOG_UNIFORM) {
            return true;
        }
        if (kind != Kind.CHOICES || !isNumeric()) {
            return false;
        }
        double min = choices.stream().mapToDouble(SearchValue::number).min().orElse(0);
        double max = choices.stream().mapToDouble(SearchValue::number).max().orElse(0);
        return min > 0 && max / min >= 10;
    }

    /** One value drawn with {@code rng}: a choice (all equally likely) or a point of the range. */
    SearchValue draw(Rng rng) {
        return switch (kind) {
            case CHOICES -> choices.get(rng.nextInt(choices.size()));
            case UNIFORM -> SearchValue.ofDrawn(low + rng.nextDouble() * (high - low));
            case LOG_UNIFORM -> SearchValue.ofDrawn(Math.exp(Math.log(low)
                    + rng.nextDouble() * (Math.log(high) - Math.log(low))));
            case INT_UNIFORM -> SearchValue.ofDrawn((long) low + rng.nextInt((int) (high - low) + 1));
        };
    }

    /** How the values are given, for messages: "3 choices" or "log_uniform [0.001, 0.3]". */
    public String describe() {
        if (kind == Kind.CHOICES) {
            return choices.size() + (choices.size() == 1 ? " choice" : " choices");
        }
        String bounds = kind == Kind.INT_UNIFORM ? (long) low + ", " + (long) high
                : SearchValue.ofDrawn(low).text() + ", " + SearchValue.ofDrawn(high).text();
        return kind.configName() + " [" + bounds + "]";
    }
}
