package dev.descent.experiment;

/** One claim, measured: what {@code descent experiment NAME} runs. */
public interface Experiment {

    /** The command-line name, e.g. {@code batch-noise}. */
    String name();

    /** The claim in one sentence, as the lectures state it. */
    String claim();

    /**
     * Where the claim comes from: the lecture idea (and, where one exists, the paper or
     * textbook result) it tests, in a sentence or two.
     */
    default String source() {
        return "";
    }

    /**
     * Runs the measurement, writes its series and plots into {@code context.directory()}, and
     * returns the findings with the verdict.
     */
    Results run(ExperimentContext context);
}
