package dev.descent.optim;

import java.util.regex.Pattern;

/**
 * Settings for the parameters whose names match a glob pattern ({@code *} any run of
 * characters, {@code ?} one character; e.g. {@code *.bias}), like a PyTorch parameter group.
 * Unset settings ({@code null}) keep the optimizer's. Groups are tried in order; the first
 * match wins.
 *
 * <pre>{@code new AdamW().builder().group(ParameterGroup.matching("*.bias").weightDecay(0)).build(params)}</pre>
 *
 * @param pattern the glob over parameter names
 * @param lr the group's learning rate; under a {@code ScheduleShape} (from {@code Schedules}) the
 *     shape is anchored at this lr, as PyTorch applies a scheduler to each group's rate; under a
 *     schedule with rates of its own, that schedule is scaled by lr / the optimizer's lr
 * @param weightDecay the group's {@code weight_decay}
 */
public record ParameterGroup(String pattern, Double lr, Double weightDecay) {

    public ParameterGroup {
        if (pattern == null || pattern.isBlank()) {
            throw new IllegalArgumentException("parameter group: the name pattern is empty");
        }
        if (lr != null && (!(lr > 0) || lr.isInfinite())) {
            throw new IllegalArgumentException("parameter group '" + pattern + "': lr must be a finite number > 0, got " + lr);
        }
        if (weightDecay != null && (!(weightDecay >= 0) || weightDecay.isInfinite())) {
            throw new IllegalArgumentException("parameter group '" + pattern
                    + "': weight_decay must be a finite number ≥ 0, got " + weightDecay);
        }
    }

    /** A group of the parameters matching {@code pattern}, with no setting changed yet. */
    public static ParameterGroup matching(String pattern) {
        return new ParameterGroup(pattern, null, null);
    }

    public ParameterGroup lr(double value) {
        return new ParameterGroup(pattern, value, weightDecay);
    }

    public ParameterGroup weightDecay(double value) {
        return new ParameterGroup(pattern, lr, value);
    }

    public boolean matches(String parameterName) {
        return globToRegex(pattern).matcher(parameterName).matches();
    }

    private static Pattern globToRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char ch : glob.toCharArray()) {
            switch (ch) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(ch)));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
