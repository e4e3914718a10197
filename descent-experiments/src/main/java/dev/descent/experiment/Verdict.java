package dev.descent.experiment;

import java.util.List;

/**
 * What the measurements say about a claim. A comparison decided by less than its noise is
 * {@link #INCONCLUSIVE}, not a win for either side.
 */
public enum Verdict {
    SUPPORTED("Supported"),
    NOT_SUPPORTED("Not supported"),
    INCONCLUSIVE("Inconclusive");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    /** "Supported", "Not supported" or "Inconclusive". */
    public String label() {
        return label;
    }

    /** The verdict of {@code condition} judged exactly, for claims with no noise to weigh. */
    public static Verdict of(boolean condition) {
        return condition ? SUPPORTED : NOT_SUPPORTED;
    }

    /**
     * A claim made of parts holds when every part holds; one part against it is enough to
     * reject it; otherwise it is inconclusive.
     */
    public static Verdict allOf(List<Verdict> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("allOf needs at least one verdict");
        }
        if (parts.contains(NOT_SUPPORTED)) {
            return NOT_SUPPORTED;
        }
        return parts.stream().allMatch(v -> v == SUPPORTED) ? SUPPORTED : INCONCLUSIVE;
    }

    public static Verdict allOf(Verdict... parts) {
        return allOf(List.of(parts));
    }
}
