package dev.descent.train;

/**
 * Hooks into a training run: before it starts, after each step, after each epoch's evaluation, and at the end.
 * A callback may ask the run to stop ({@link TrainingContext#requestStop}); the trainer
 * finishes the current step, evaluates, reports and returns.
 */
public interface TrainingCallback {

    /**
     * Before the first step of {@code fit}: a callback that cannot work with the run (e.g.
     * validation accuracy for a regression objective) throws {@link IllegalArgumentException}
     * here, naming the setting, so no work is lost.
     */
    default void onTrainStart(TrainingContext context) {
    }

    default void onStepEnd(TrainingContext context) {
    }

    default void onEpochEnd(EpochReport report, TrainingContext context) {
    }

    /** After the last epoch, or after a stop was requested. */
    default void onTrainEnd(TrainingContext context) {
    }
}
