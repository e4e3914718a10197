package dev.descent.experiment;

/**
 * What a reader needs to run an experiment again and get the same numbers.
 *
 * @param command       the exact command line, e.g. {@code ./descent experiment schedules --seeds 5}
 * @param version       Descent's version
 * @param commit        the source commit, or {@code "unknown"}
 * @param threads       the kernel threads (bit-identical results whatever the count)
 * @param dataChecksum  SHA-256 of the data set's features and labels as loaded
 */
public record Reproduce(String command, String version, String commit, int threads, String dataChecksum) {
    public static Reproduce unknown() {
        return new Reproduce("", "unknown", "unknown", Runtime.getRuntime().availableProcessors(), "unknown");
    }
}
