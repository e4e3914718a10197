package dev.descent.experiment;

import dev.descent.data.Dataset;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What an experiment runs on.
 *
 * @param directory   where its files go (created if missing)
 * @param seed        seeds every random choice: the same seed gives the same numbers
 * @param quick       tiny sizes, for tests: the code paths of the full run in a second or two
 * @param data        the classification training set to measure on
 * @param dataSource  one line saying which data set that is and where it came from
 * @param log         progress lines for the user
 */
public record ExperimentContext(Path directory, long seed, boolean quick, Dataset data, String dataSource,
                                PrintWriter log) {
    public ExperimentContext {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(log, "log");
    }

    /** Prints one progress line and flushes it, so long runs show where they are. */
    void say(String format, Object... args) {
        log.printf(java.util.Locale.ROOT, format + "%n", args);
        log.flush();
    }
}
