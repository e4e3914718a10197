package dev.descent.schedule;

import java.util.Locale;

/**
 * The rate drops by a factor when a validation metric stops improving: the one schedule that
 * is driven by evaluation rather than by the step count. Call {@link #report} after each
 * evaluation (usually once per epoch); {@link #valueAt} returns the current rate whatever the
 * step. Semantics are PyTorch's {@code ReduceLROnPlateau}:
 *
 * <pre>
 *   on report(m):
 *     if m improves on best:  best ← m, bad ← 0          (improves: see {@link ThresholdMode})
 *     else:                   bad ← bad + 1
 *     if cooldown &gt; 0:        cooldown ← cooldown − 1, bad ← 0
 *     if bad &gt; patience:
 *       α' = max(α·factor, minRate);  if α − α' &gt; minChange: α ← α'
 *       cooldown ← settings.cooldown, bad ← 0
 * </pre>
 *
 * So the rate drops at the (patience + 1)-th report in a row without improvement; after a drop
 * the next {@code cooldown} reports count no bad epochs. A NaN metric is never an improvement.
 * The mutable part is {@link State}, readable and restorable for checkpoints; the
 * {@link Settings} are an immutable record. Not thread-safe: report and read from the
 * training thread.
 *
 * <pre>{@code
 * var plateau = new ReduceOnPlateau(0.1, ReduceOnPlateau.Settings.minimize().withFactor(0.5).withPatience(3));
 * // optimizer built with plateau as its schedule; after each validation pass:
 * plateau.report(validationLoss);
 * }</pre>
 *
 * Reference: PyTorch {@code torch.optim.lr_scheduler.ReduceLROnPlateau}; Keras
 * {@code ReduceLROnPlateau}.
 */
public final class ReduceOnPlateau implements LearningRateSchedule {

    /** Whether the metric should go down (a loss) or up (an accuracy). */
    public enum Mode {
        MIN,
        MAX
    }

    /**
     * How far past {@code best} a metric must be to count as an improvement:
     * {@code RELATIVE}: below best·(1 − threshold) (MIN) or above best·(1 + threshold) (MAX);
     * {@code ABSOLUTE}: below best − threshold (MIN) or above best + threshold (MAX).
     */
    public enum ThresholdMode {
        RELATIVE,
        ABSOLUTE
    }

    /**
     * The immutable settings, with PyTorch's names in parentheses.
     *
     * @param mode whether lower ({@code MIN}) or higher ({@code MAX}) metrics are better ({@code mode})
     * @param factor the rate's multiplier at a drop, in (0, 1) ({@code factor}, default 0.1)
     * @param patience the reports without improvement tolerated before a drop, ≥ 0
     *     ({@code patience}, default 10)
     * @param threshold the margin an improvement needs, finite ≥ 0, and &lt; 1 when relative
     *     ({@code threshold}, default 10⁻⁴)
     * @param thresholdMode whether the margin is relative to best or absolute
     *     ({@code threshold_mode}, default relative)
     * @param cooldown the reports after a drop during which bad epochs are not counted, ≥ 0
     *     ({@code cooldown}, default 0)
     * @param minRate the rate never drops below this, finite ≥ 0 ({@code min_lr}, default 0)
     * @param minChange a drop smaller than this is skipped, finite ≥ 0 ({@code eps}, default 10⁻⁸)
     */
    public record Settings(Mode mode, double factor, int patience, double threshold, ThresholdMode thresholdMode,
            int cooldown, double minRate, double minChange) {

        public Settings {
            ScheduleArguments.requireNonNull("ReduceOnPlateau", "mode", mode);
            if (!(factor > 0 && factor < 1)) {
                throw ScheduleArguments.invalid("ReduceOnPlateau", "factor", factor, "in (0, 1)");
            }
            ScheduleArguments.requireAtLeast("ReduceOnPlateau", "patience", patience, 0);
            ScheduleArguments.requireNonNull("ReduceOnPlateau", "thresholdMode", thresholdMode);
            ScheduleArguments.requireNonNegative("ReduceOnPlateau", "threshold", threshold);
            if (thresholdMode == ThresholdMode.RELATIVE && !(threshold < 1)) {
                throw ScheduleArguments.invalid("ReduceOnPlateau", "threshold", threshold,
                        "in [0, 1) when relative");
            }
            ScheduleArguments.requireAtLeast("ReduceOnPlateau", "cooldown", cooldown, 0);
            ScheduleArguments.requireNonNegative("ReduceOnPlateau", "minRate", minRate);
            ScheduleArguments.requireNonNegative("ReduceOnPlateau", "minChange", minChange);
        }

        /** PyTorch's defaults for a metric to minimise (a loss). */
        public static Settings minimize() {
            return new Settings(Mode.MIN, 0.1, 10, 1e-4, ThresholdMode.RELATIVE, 0, 0, 1e-8);
        }

        /** PyTorch's defaults for a metric to maximise (an accuracy). */
        public static Settings maximize() {
            return minimize().withMode(Mode.MAX);
        }

        public Settings withMode(Mode value) {
            return new Settings(value, factor, patience, threshold, thresholdMode, cooldown, minRate, minChange);
        }

        public Settings withFactor(double value) {
            return new Settings(mode, value, patience, threshold, thresholdMode, cooldown, minRate, minChange);
        }

        public Settings withPatience(int value) {
            return new Settings(mode, factor, value, threshold, thresholdMode, cooldown, minRate, minChange);
        }

        public Settings withThreshold(double value, ThresholdMode relativeOrAbsolute) {
            return new Settings(mode, factor, patience, value, relativeOrAbsolute, cooldown, minRate, minChange);
        }

        public Settings withCooldown(int value) {
            return new Settings(mode, factor, patience, threshold, thresholdMode, value, minRate, minChange);
        }

        public Settings withMinRate(double value) {
            return new Settings(mode, factor, patience, threshold, thresholdMode, cooldown, value, minChange);
        }

        public Settings withMinChange(double value) {
            return new Settings(mode, factor, patience, threshold, thresholdMode, cooldown, minRate, value);
        }
    }

    /**
     * Everything that changes, for checkpoints (PyTorch's {@code state_dict} holds the same).
     *
     * @param rate the current learning rate, finite ≥ 0
     * @param best the best metric so far (±∞ before the first report), not NaN
     * @param badEpochs reports since the last improvement, ≥ 0 ({@code num_bad_epochs})
     * @param cooldownRemaining reports of cooldown still to go, ≥ 0 ({@code cooldown_counter})
     */
    public record State(double rate, double best, int badEpochs, int cooldownRemaining) {

        public State {
            ScheduleArguments.requireNonNegative("ReduceOnPlateau.State", "rate", rate);
            if (Double.isNaN(best)) {
                throw ScheduleArguments.invalid("ReduceOnPlateau.State", "best", best, "a number or ±∞");
            }
            ScheduleArguments.requireAtLeast("ReduceOnPlateau.State", "badEpochs", badEpochs, 0);
            ScheduleArguments.requireAtLeast("ReduceOnPlateau.State", "cooldownRemaining", cooldownRemaining, 0);
        }
    }

    private final double initialRate;
    private final Settings settings;
    private double rate;
    private double best;
    private int badEpochs;
    private int cooldownRemaining;

    /**
     * @param initialRate the rate until the first drop, finite, &gt; 0 and ≥ settings.minRate
     * @param settings see {@link Settings#minimize()} and {@link Settings#maximize()}
     */
    public ReduceOnPlateau(double initialRate, Settings settings) {
        ScheduleArguments.requireNonNull("ReduceOnPlateau", "settings", settings);
        ScheduleArguments.requireRate("ReduceOnPlateau", "initialRate", initialRate);
        if (initialRate < settings.minRate()) {
            throw ScheduleArguments.invalid("ReduceOnPlateau", "initialRate", initialRate,
                    "≥ minRate = " + settings.minRate());
        }
        this.initialRate = initialRate;
        this.settings = settings;
        restore(new State(initialRate, settings.mode() == Mode.MIN ? Double.POSITIVE_INFINITY
                : Double.NEGATIVE_INFINITY, 0, 0));
    }

    /**
     * Takes the metric of the latest evaluation into account.
     *
     * @return whether the rate dropped
     */
    public boolean report(double metric) {
        if (improves(metric)) {
            best = metric;
            badEpochs = 0;
        } else if (badEpochs < Integer.MAX_VALUE) {
            badEpochs++;
        }
        if (cooldownRemaining > 0) {
            cooldownRemaining--;
            badEpochs = 0;
        }
        if (badEpochs <= settings.patience()) {
            return false;
        }
        double reduced = Math.max(rate * settings.factor(), settings.minRate());
        boolean drops = rate - reduced > settings.minChange();
        if (drops) {
            rate = reduced;
        }
        cooldownRemaining = settings.cooldown();
        badEpochs = 0;
        return drops;
    }

    private boolean improves(double metric) {
        double margin = settings.threshold();
        boolean relative = settings.thresholdMode() == ThresholdMode.RELATIVE;
        return switch (settings.mode()) {
            case MIN -> metric < (relative ? best * (1 - margin) : best - margin);
            case MAX -> metric > (relative ? best * (1 + margin) : best + margin);
        };
    }

    /** The initial rate, whatever drops have happened since. */
    @Override
    public double baseRate() {
        return initialRate;
    }

    /** The current rate; the step does not matter. */
    @Override
    public double valueAt(long step) {
        return rate;
    }

    public State state() {
        return new State(rate, best, badEpochs, cooldownRemaining);
    }

    /** Continues from a checkpoint's {@link #state()}. */
    public void restore(State state) {
        ScheduleArguments.requireNonNull("ReduceOnPlateau", "state", state);
        rate = state.rate();
        best = state.best();
        badEpochs = state.badEpochs();
        cooldownRemaining = state.cooldownRemaining();
    }

    public double initialRate() {
        return initialRate;
    }

    public Settings settings() {
        return settings;
    }

    @Override
    public String toString() {
        return "reduceOnPlateau(rate " + rate + ", " + settings.mode().name().toLowerCase(Locale.ROOT)
                + ", factor " + settings.factor() + ", patience " + settings.patience() + ")";
    }
}
