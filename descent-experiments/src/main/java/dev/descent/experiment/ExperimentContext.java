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
 * @param seedCount   how many seeds a comparative experiment repeats its runs over
 * @param reproduce   how to run it again: command line, version, commit, JDK, threads, data checksum
 */
public record ExperimentContext(Path directory, long seed, boolean quick, Dataset data, String dataSource,
                                PrintWriter log, int seedCount, Reproduce reproduce) {
    /** The default number of seeds of a comparative verdict; the minimum. */
    public static final int DEFAULT_SEEDS = 5;

    public ExperimentContext {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(reproduce, "reproduce");
        if (seedCount < 1) {
            throw new IllegalArgumentException("the number of seeds must be at least 1, got " + seedCount
                    + "; pass --seeds N with N ≥ 2 for a verdict weighed against its noise");
        }
    }

    /** One seed (or the quick default of 2) and no command line: for tests and library callers. */
    public ExperimentContext(Path directory, long seed, boolean quick, Dataset data, String dataSource,
                             PrintWriter log) {
        this(directory, seed, quick, data, dataSource, log, quick ? 2 : DEFAULT_SEEDS, Reproduce.unknown());
    }

    /** The same context with another number of seeds. */
    public ExperimentContext withSeedCount(int count) {
        return new ExperimentContext(directory, seed, quick, data, dataSource, log, count, reproduce);
    }

    /**
     * The seeds of the repeated runs: {@code seed·n, seed·n + 1, …, seed·n + n − 1} for
     * {@code n = seedCount}, so {@code --seed 0} and {@code --seed 1} share no run.
     */
    public long[] seeds() {
        long[] seeds = new long[seedCount];
        for (int r = 0; r < seedCount; r++) {
            seeds[r] = seed * seedCount + r;
        }
        return seeds;
    }

    /** Prints one progress line and flushes it, so long runs show where they are. */
    void say(String format, Object... args) {
        log.printf(java.util.Locale.ROOT, format + "%n", args);
        log.flush();
    }
}
