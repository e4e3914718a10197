package dev.descent.train;

import dev.descent.schedule.ReduceOnPlateau;

/**
 * Reports each epoch's validation loss to a {@link ReduceOnPlateau} schedule, which lowers the
 * learning rate when the loss stops improving. Epochs without a validation (see
 * {@link Trainer#evaluateEvery}) report nothing.
 */
public final class PlateauFeedback implements TrainingCallback {
    private final ReduceOnPlateau schedule;

    public PlateauFeedback(ReduceOnPlateau schedule) {
        this.schedule = schedule;
    }

    @Override
    public void onEpochEnd(EpochReport report, TrainingContext context) {
        if (report.validation() != null) {
            schedule.report(report.validation().loss());
        }
    }
}
