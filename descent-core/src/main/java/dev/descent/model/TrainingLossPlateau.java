package dev.descent.model;

import dev.descent.train.EpochReport;
import dev.descent.train.TrainingCallback;
import dev.descent.train.TrainingContext;
import java.util.Locale;

/**
 * Stops when the epoch's mean training loss has not fallen below the best so far minus
 * {@code tolerance} for more than {@code patience} epochs in a row: scikit-learn's
 * convergence test for its MLPs when they do not stop early on a validation set
 * ({@code tol}, {@code n_iter_no_change}). As there, the best loss is updated by any fall, and
 * the count is reset only by a fall of more than {@code tolerance}.
 */
final class TrainingLossPlateau implements TrainingCallback {
    private final int patience;
    private final double tolerance;
    private double best = Double.POSITIVE_INFINITY;
    private int badEpochs;

    TrainingLossPlateau(int patience, double tolerance) {
        this.patience = patience;
        this.tolerance = tolerance;
    }

    @Override
    public void onEpochEnd(EpochReport report, TrainingContext context) {
        double loss = report.trainLoss();
        badEpochs = loss > best - tolerance ? badEpochs + 1 : 0;
        best = Math.min(best, loss);
        if (badEpochs > patience) {
            context.requestStop(String.format(Locale.ROOT, "converged: the training loss has not fallen by more than"
                    + " tol=%s for %d epochs (best %.6f)", tolerance, badEpochs, best));
        }
    }
}
