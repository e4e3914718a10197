package dev.descent.cli;

import dev.descent.cli.config.RunConfig;
import dev.descent.cli.config.SearchValue;
import java.nio.file.Path;
import java.util.List;

/**
 * One finished trial of {@code descent tune}: the searched values it trained with and what it
 * measured on the validation split.
 *
 * @param number 1, 2, … in the order the trials ran
 * @param values one per searched key, in the search section's order
 * @param config the full run configuration it trained with
 * @param directory its run directory ({@code trials/NNN})
 * @param status {@code ok}, or {@code diverged} (the loss or a gradient became NaN or infinite)
 * @param score validation accuracy (classification, higher is better) or validation loss, the
 *     mean squared error (regression, lower is better); NaN when the trial diverged
 * @param validationLoss validation loss of the final model (NaN when diverged)
 * @param trainLoss the last epoch's mean training loss (NaN when diverged)
 * @param epochs epochs trained
 * @param seconds wall-clock time of the trial, data loading included
 */
record TuneTrial(int number, List<SearchValue> values, RunConfig config, Path directory, String status, double score,
                 double validationLoss, double trainLoss, int epochs, double seconds) {

    static final String OK = "ok";
    static final String DIVERGED = "diverged";

    TuneTrial {
        values = List.copyOf(values);
    }

    boolean finished() {
        return OK.equals(status);
    }

    /** Whether this trial scored better than {@code other}: score first, then validation loss, then the earlier trial. */
    boolean beats(TuneTrial other, boolean higherIsBetter) {
        if (!finished()) {
            return false;
        }
        if (other == null || !other.finished()) {
            return true;
        }
        int byScore = Double.compare(score, other.score);
        if (byScore != 0) {
            return higherIsBetter ? byScore > 0 : byScore < 0;
        }
        int byLoss = Double.compare(validationLoss, other.validationLoss);
        return byLoss != 0 ? byLoss < 0 : number < other.number;
    }
}
