package dev.descent.cli.config;

import static dev.descent.cli.config.ConfigChecks.atLeast;
import static dev.descent.cli.config.ConfigChecks.closedFraction;
import static dev.descent.cli.config.ConfigChecks.fraction;
import static dev.descent.cli.config.ConfigChecks.nonNegative;
import static dev.descent.cli.config.ConfigChecks.notTaken;
import static dev.descent.cli.config.ConfigChecks.openFraction;
import static dev.descent.cli.config.ConfigChecks.orDefault;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.descent.schedule.CosineAnnealing;
import dev.descent.schedule.EpochSchedule;
import dev.descent.schedule.ExponentialDecay;
import dev.descent.schedule.InverseTimeDecay;
import dev.descent.schedule.LearningRateSchedule;
import dev.descent.schedule.LinearDecay;
import dev.descent.schedule.LinearWarmup;
import dev.descent.schedule.OneCycle;
import dev.descent.schedule.ReduceOnPlateau;
import dev.descent.schedule.StepDecay;
import java.util.List;

/**
 * The {@code schedule} section: how the learning rate moves from {@code optimizer.lr} over the
 * run. As with the optimizer, only the chosen schedule's keys may be given; the others resolve
 * to {@code null}. Counts are in updates ({@code warmup_steps}) or epochs ({@code step_size},
 * and {@code gamma} and {@code decay_rate} apply per epoch), as named.
 *
 * <table>
 *   <caption>Schedules, their keys and defaults</caption>
 *   <tr><th>name</th><th>keys (default)</th><th>rate at update t of T</th></tr>
 *   <tr><td>constant</td><td>—</td><td>lr</td></tr>
 *   <tr><td>linear</td><td>lr_floor (lr / 100)</td><td>straight down from lr to lr_floor at T</td></tr>
 *   <tr><td>cosine</td><td>lr_floor (lr / 100)</td><td>half a cosine from lr to lr_floor at T</td></tr>
 *   <tr><td>inverse-time</td><td>decay_rate (1.0 per epoch)</td><td>lr / (1 + decay_rate·epochs), halved after one epoch</td></tr>
 *   <tr><td>one-cycle</td><td>pct_start (0.3), div_factor (25), final_div_factor (10⁴)</td><td>PyTorch's OneCycleLR, peak lr</td></tr>
 *   <tr><td>plateau</td><td>factor (0.1), patience (1), threshold (10⁻⁴, relative), cooldown (0), min_lr (0)</td>
 *       <td>PyTorch's ReduceLROnPlateau on the validation loss</td></tr>
 *   <tr><td>step</td><td>step_size (5 epochs), gamma (0.1)</td><td>PyTorch's StepLR per epoch</td></tr>
 *   <tr><td>exponential</td><td>gamma (0.9)</td><td>PyTorch's ExponentialLR per epoch: lr·gamma^epoch</td></tr>
 *   <tr><td>warmup-cosine</td><td>warmup_steps (100), warmup_start_factor (0.1), lr_floor (lr / 100)</td>
 *       <td>linear warm-up from warmup_start_factor·lr to lr, then cosine to lr_floor at T</td></tr>
 * </table>
 *
 * <p>{@code lr_floor} depends on the learning rate, so {@link RunConfig} fills it in.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScheduleSettings(Name name, Double lrFloor, Long warmupSteps, Double warmupStartFactor,
        Double decayRate, Integer stepSize, Double gamma, Double pctStart, Double divFactor, Double finalDivFactor,
        Double factor, Integer patience, Double threshold, Integer cooldown, Double minLr) {

    /** The schedules, by the name a configuration uses. */
    public enum Name implements ConfigChoice {
        CONSTANT("constant", List.of()),
        LINEAR("linear", List.of("lr_floor")),
        COSINE("cosine", List.of("lr_floor")),
        INVERSE_TIME("inverse-time", List.of("decay_rate")),
        ONE_CYCLE("one-cycle", List.of("pct_start", "div_factor", "final_div_factor")),
        PLATEAU("plateau", List.of("factor", "patience", "threshold", "cooldown", "min_lr")),
        STEP("step", List.of("step_size", "gamma")),
        EXPONENTIAL("exponential", List.of("gamma")),
        WARMUP_COSINE("warmup-cosine", List.of("warmup_steps", "warmup_start_factor", "lr_floor"));

        private final String configName;
        private final List<String> keys;

        Name(String configName, List<String> keys) {
            this.configName = configName;
            this.keys = keys;
        }

        @Override
        public String configName() {
            return configName;
        }

        /** The keys this schedule takes besides {@code name}. */
        public List<String> keys() {
            return keys;
        }

        /** Whether the schedule needs the run's length in updates, which a stream does not tell in advance. */
        public boolean needsTotalSteps() {
            return this == LINEAR || this == COSINE || this == ONE_CYCLE || this == WARMUP_COSINE;
        }
    }

    public ScheduleSettings {
        name = orDefault(name, Name.LINEAR);
        List<String> keys = name.keys();
        String owner = "schedule " + name.configName();
        List<String> listed = keys.isEmpty() ? List.of("name only") : keys;
        notTaken("schedule.lr_floor", keys.contains("lr_floor") ? null : lrFloor, owner, listed);
        notTaken("schedule.warmup_steps", keys.contains("warmup_steps") ? null : warmupSteps, owner, listed);
        notTaken("schedule.warmup_start_factor", keys.contains("warmup_start_factor") ? null : warmupStartFactor,
                owner, listed);
        notTaken("schedule.decay_rate", keys.contains("decay_rate") ? null : decayRate, owner, listed);
        notTaken("schedule.step_size", keys.contains("step_size") ? null : stepSize, owner, listed);
        notTaken("schedule.gamma", keys.contains("gamma") ? null : gamma, owner, listed);
        notTaken("schedule.pct_start", keys.contains("pct_start") ? null : pctStart, owner, listed);
        notTaken("schedule.div_factor", keys.contains("div_factor") ? null : divFactor, owner, listed);
        notTaken("schedule.final_div_factor", keys.contains("final_div_factor") ? null : finalDivFactor, owner,
                listed);
        notTaken("schedule.factor", keys.contains("factor") ? null : factor, owner, listed);
        notTaken("schedule.patience", keys.contains("patience") ? null : patience, owner, listed);
        notTaken("schedule.threshold", keys.contains("threshold") ? null : threshold, owner, listed);
        notTaken("schedule.cooldown", keys.contains("cooldown") ? null : cooldown, owner, listed);
        notTaken("schedule.min_lr", keys.contains("min_lr") ? null : minLr, owner, listed);

        if (lrFloor != null) {
            nonNegative("schedule.lr_floor", lrFloor); // 0 anneals to a stop, as PyTorch's eta_min = 0
        }
        if (keys.contains("warmup_steps")) {
            warmupSteps = atLeast("schedule.warmup_steps", orDefault(warmupSteps, 100L), 0);
            warmupStartFactor = closedFraction("schedule.warmup_start_factor", orDefault(warmupStartFactor, 0.1));
        }
        if (keys.contains("decay_rate")) {
            decayRate = nonNegative("schedule.decay_rate", orDefault(decayRate, 1.0));
        }
        if (keys.contains("step_size")) {
            stepSize = (int) atLeast("schedule.step_size", orDefault(stepSize, 5), 1);
        }
        if (keys.contains("gamma")) {
            gamma = orDefault(gamma, name == Name.STEP ? 0.1 : 0.9);
            if (!(gamma > 0 && gamma <= 1)) {
                throw ConfigChecks.invalid("schedule.gamma", "out of range", gamma, "(0, 1]");
            }
        }
        if (keys.contains("pct_start")) {
            pctStart = openFraction("schedule.pct_start", orDefault(pctStart, 0.3));
            divFactor = divisor("schedule.div_factor", orDefault(divFactor, 25.0));
            finalDivFactor = divisor("schedule.final_div_factor", orDefault(finalDivFactor, 1e4));
        }
        if (keys.contains("factor")) {
            factor = openFraction("schedule.factor", orDefault(factor, 0.1));
            patience = (int) atLeast("schedule.patience", orDefault(patience, 1), 0);
            threshold = fraction("schedule.threshold", orDefault(threshold, 1e-4));
            cooldown = (int) atLeast("schedule.cooldown", orDefault(cooldown, 0), 0);
            minLr = nonNegative("schedule.min_lr", orDefault(minLr, 0.0));
        }
    }

    private static double divisor(String key, double value) {
        if (!(value >= 1) || Double.isInfinite(value)) {
            throw ConfigChecks.invalid(key, "out of range", value, "a finite number ≥ 1");
        }
        return value;
    }

    /** {@code name} with all its defaults ({@code lr_floor} left for {@link RunConfig} to fill in). */
    public static ScheduleSettings defaults(Name name) {
        return new ScheduleSettings(name, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null);
    }

    /** {@code descent train}'s schedule: linear decay to lr / 100. */
    public static ScheduleSettings defaults() {
        return defaults(Name.LINEAR);
    }

    /** The same settings with {@code lr_floor} at {@code value}; only for schedules that have a floor. */
    public ScheduleSettings withLrFloor(Double value) {
        return new ScheduleSettings(name, value, warmupSteps, warmupStartFactor, decayRate, stepSize, gamma, pctStart,
                divFactor, finalDivFactor, factor, patience, threshold, cooldown, minLr);
    }

    /**
     * The schedule over a run of {@code totalSteps} updates, {@code stepsPerEpoch} per epoch,
     * starting from (or peaking at) {@code lr}. A {@code plateau} schedule is a
     * {@link ReduceOnPlateau}: report the validation loss to it after each epoch.
     */
    public LearningRateSchedule toSchedule(double lr, long stepsPerEpoch, long totalSteps) {
        double floor = lrFloor != null ? lrFloor : lr / 100;
        return switch (name) {
            case CONSTANT -> LearningRateSchedule.constant(lr);
            case LINEAR -> new LinearDecay(lr, floor, totalSteps);
            case COSINE -> new CosineAnnealing(lr, floor, totalSteps);
            case INVERSE_TIME -> new InverseTimeDecay(lr, decayRate / stepsPerEpoch);
            case ONE_CYCLE -> OneCycle.of(lr, totalSteps).withWarmupFraction(pctStart)
                    .withDivisors(divFactor, finalDivFactor);
            case PLATEAU -> new ReduceOnPlateau(lr, ReduceOnPlateau.Settings.minimize().withFactor(factor)
                    .withPatience(patience).withThreshold(threshold, ReduceOnPlateau.ThresholdMode.RELATIVE)
                    .withCooldown(cooldown).withMinRate(minLr));
            case STEP -> EpochSchedule.toSteps(new StepDecay(lr, gamma, stepSize), stepsPerEpoch);
            case EXPONENTIAL -> EpochSchedule.toSteps(ExponentialDecay.withFactor(lr, gamma), stepsPerEpoch);
            case WARMUP_COSINE -> new LinearWarmup(warmupStartFactor, warmupSteps,
                    new CosineAnnealing(lr, floor, Math.max(1, totalSteps - warmupSteps)));
        };
    }
}
