package dev.descent.cli.config;

import static dev.descent.cli.config.ConfigChecks.atLeast;
import static dev.descent.cli.config.ConfigChecks.orDefault;

import java.time.Duration;
import java.util.Optional;

/**
 * The {@code training} section: the loop's length and pace.
 *
 * @param epochs passes over the training set, ≥ 1 (default 10)
 * @param batchSize examples per update, ≥ 1 (default 64)
 * @param seed of every random choice: initial weights, splits, shuffles (default 42)
 * @param threads compute threads for the kernels, ≥ 1 (default {@code null}: all cores)
 * @param prefetch whether the next batch is prepared on a background thread (default false)
 * @param earlyStopping when to stop before {@code epochs} (default {@code null}: never)
 * @param checkpointEvery save a checkpoint every this many epochs, ≥ 0 (default 0: none)
 * @param timeLimit stop after this long, e.g. "10m", "90s", "1h30m" (default {@code null}: no limit)
 * @param evalEvery validate every this many epochs, ≥ 1 (default 1)
 * @param maxSteps stop after this many updates, ≥ 1, even mid-epoch (default {@code null}: no budget)
 * @param divergenceFactor stop as diverged when a batch loss exceeds this multiple of the run's first loss,
 *     > 1 (default 100); NaN and infinite losses always stop the run
 * @param logEverySteps write a row to {@code metrics-steps.csv} every this many updates, ≥ 1 (default
 *     {@code null}: about 50 rows an epoch, every max(1, ⌊updates per epoch / 50⌋) updates)
 * @param average an average of the weights over the iterates (Polyak–Ruppert, EMA or SWA), which validation,
 *     the test figures and the saved model then use (default {@code null}: none; see {@link AverageSettings})
 */
public record TrainingSettings(Integer epochs, Integer batchSize, Long seed, Integer threads, Boolean prefetch,
        EarlyStoppingSettings earlyStopping, Integer checkpointEvery, String timeLimit, Integer evalEvery,
        Long maxSteps, Double divergenceFactor, Integer logEverySteps, AverageSettings average) {

    public TrainingSettings {
        epochs = (int) atLeast("training.epochs", orDefault(epochs, 10), 1);
        batchSize = (int) atLeast("training.batch_size", orDefault(batchSize, 64), 1);
        seed = orDefault(seed, 42L);
        if (threads != null) {
            atLeast("training.threads", threads, 1);
        }
        prefetch = orDefault(prefetch, false);
        checkpointEvery = (int) atLeast("training.checkpoint_every", orDefault(checkpointEvery, 0), 0);
        if (timeLimit != null) {
            TimeLimit.parse("training.time_limit", timeLimit);
        }
        evalEvery = (int) atLeast("training.eval_every", orDefault(evalEvery, 1), 1);
        if (maxSteps != null) {
            atLeast("training.max_steps", maxSteps, 1);
        }
        divergenceFactor = orDefault(divergenceFactor, 100.0);
        if (!(divergenceFactor > 1)) {
            throw ConfigChecks.invalid("training.divergence_factor", "must exceed 1: it multiplies the run's first"
                    + " loss", divergenceFactor, "a number > 1, e.g. 100 (the default), or 1e300 to keep only the"
                    + " NaN and infinity checks");
        }
        if (logEverySteps != null) {
            atLeast("training.log_every_steps", logEverySteps, 1);
        }
        if (average != null) {
            average = average.forEpochs(epochs);
        }
    }

    /** {@code descent train}'s loop: 10 epochs of batches of 64, seed 42, all cores. */
    public static TrainingSettings defaults() {
        return new TrainingSettings(null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** {@code time_limit} as a duration, if one is set. */
    public Optional<Duration> timeLimitDuration() {
        return Optional.ofNullable(timeLimit).map(text -> TimeLimit.parse("training.time_limit", text));
    }
}
