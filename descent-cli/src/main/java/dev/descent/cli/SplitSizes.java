package dev.descent.cli;

import dev.descent.data.Examples;
import java.util.Map;

/**
 * The number of examples in each split of a run, as {@code summary.json} records them
 * ({@code train_examples}, {@code val_examples}, {@code test_examples}): what a score's noise is
 * measured against (see {@link ClearBest}). A split the run does not have (a stream's training
 * data, whose length is not known in advance; a stream without {@code data.test_csv}; the test
 * split of a tuning trial, which never touches it) is left out, and so are all three in runs
 * written before they were recorded.
 */
final class SplitSizes {
    static final String TRAIN = "train_examples";
    static final String VALIDATION = "val_examples";
    static final String TEST = "test_examples";

    private SplitSizes() {
    }

    /** Puts the size of each split that is not null into {@code summary}. */
    static void record(Map<String, Object> summary, Examples train, Examples validation, Examples test) {
        if (train != null) {
            summary.put(TRAIN, train.size());
        }
        if (validation != null) {
            summary.put(VALIDATION, validation.size());
        }
        if (test != null) {
            summary.put(TEST, test.size());
        }
    }

    /** "1,293 / 144 / 360" (train / validation / test), with "—" for each size the run did not record. */
    static String describe(SavedRun run) {
        return count(run.summaryNumber(TRAIN)) + " / " + count(run.summaryNumber(VALIDATION)) + " / "
                + count(run.summaryNumber(TEST));
    }

    private static String count(double n) {
        return Double.isFinite(n) ? String.format(java.util.Locale.ROOT, "%,.0f", n) : "—";
    }
}
