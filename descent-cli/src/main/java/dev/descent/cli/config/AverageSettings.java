package dev.descent.cli.config;

import static dev.descent.cli.config.ConfigChecks.atLeast;
import static dev.descent.cli.config.ConfigChecks.notTaken;
import static dev.descent.cli.config.ConfigChecks.orDefault;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.descent.optim.average.AveragingRule;
import dev.descent.optim.average.ExponentialMovingAverage;
import dev.descent.optim.average.PolyakAveraging;
import dev.descent.optim.average.StochasticWeightAveraging;
import java.util.List;
import java.util.Locale;

/**
 * The {@code training.average} section: an average of the weights over the iterates SGD visits
 * ({@code dev.descent.optim.average}). When it is set, validation (once an iterate has been
 * averaged), the test figures and {@code model.safetensors} use the averaged weights; checkpoints
 * save the average and resume it bit for bit. Absent (the default), nothing is averaged. As with
 * the optimizer, only the chosen kind's keys may be given.
 *
 * <pre>
 * training:
 *   average: {kind: ema, decay: 0.999}           # or {kind: polyak, start: 1000}
 *                                                #    {kind: swa, start_epoch: 8, every: 1}
 * </pre>
 *
 * <table>
 *   <caption>Kinds, their keys and defaults</caption>
 *   <tr><th>kind</th><th>keys (default)</th><th>average</th></tr>
 *   <tr><td>polyak</td><td>start (0)</td><td>the running mean of every iterate after update {@code start}</td></tr>
 *   <tr><td>ema</td><td>decay (0.999), start (0), bias_correction (false)</td>
 *       <td>θ̄ ← decay·θ̄ + (1 − decay)·θ after every update, the first averaged iterate copied
 *       (PyTorch's EMA); bias_correction: Adam's debiased form</td></tr>
 *   <tr><td>swa</td><td>start_epoch (⌊0.75·epochs⌋ + 1), every (1), swa_lr (none)</td>
 *       <td>the mean of the last iterate of epochs start_epoch, start_epoch + every, …; with swa_lr, the rate
 *       is swa_lr from the start of epoch start_epoch on (PyTorch's SWALR without annealing)</td></tr>
 * </table>
 *
 * <p>{@code start_epoch}'s default depends on {@code training.epochs}, so {@link TrainingSettings}
 * fills it in ({@link #forEpochs}).
 *
 * @param kind polyak, ema or swa (no default: say which)
 * @param start updates before averaging begins, ≥ 0 (polyak, ema)
 * @param decay the fraction of the average kept per update, in (0, 1) (ema)
 * @param biasCorrection whether the EMA is bias-corrected (ema)
 * @param startEpoch the first epoch whose last iterate is averaged, in [1, training.epochs] (swa)
 * @param every epochs between two averaged iterates, ≥ 1 (swa)
 * @param swaLr the constant learning rate from the start of {@code start_epoch} on, &gt; 0 (swa; default
 *     none: the schedule goes on)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AverageSettings(Kind kind, Long start, Double decay, Boolean biasCorrection, Integer startEpoch,
        Integer every, Double swaLr) {

    /** The averages, by the name a configuration uses. */
    public enum Kind implements ConfigChoice {
        POLYAK("polyak", List.of("start")),
        EMA("ema", List.of("decay", "start", "bias_correction")),
        SWA("swa", List.of("start_epoch", "every", "swa_lr"));

        private final String configName;
        private final List<String> keys;

        Kind(String configName, List<String> keys) {
            this.configName = configName;
            this.keys = keys;
        }

        @Override
        public String configName() {
            return configName;
        }

        /** The keys this kind takes besides {@code kind}. */
        public List<String> keys() {
            return keys;
        }
    }

    private static final String KEY = "training.average.";

    public AverageSettings {
        if (kind == null) {
            throw ConfigChecks.invalid(KEY + "kind", "missing: say which average", null, "polyak, ema or swa, e.g."
                    + " training.average: {kind: ema, decay: 0.999} (or remove training.average)");
        }
        List<String> keys = kind.keys();
        String owner = "average kind " + kind.configName();
        notTaken(KEY + "start", keys.contains("start") ? null : start, owner, keys);
        notTaken(KEY + "decay", keys.contains("decay") ? null : decay, owner, keys);
        notTaken(KEY + "bias_correction", keys.contains("bias_correction") ? null : biasCorrection, owner, keys);
        notTaken(KEY + "start_epoch", keys.contains("start_epoch") ? null : startEpoch, owner, keys);
        notTaken(KEY + "every", keys.contains("every") ? null : every, owner, keys);
        notTaken(KEY + "swa_lr", keys.contains("swa_lr") ? null : swaLr, owner, keys);

        if (keys.contains("start")) {
            start = orDefault(start, 0L);
            if (start < 0) {
                throw ConfigChecks.invalid(KEY + "start", "out of range: it counts the updates before averaging"
                        + " begins", start, "an integer ≥ 0, e.g. 0 to average from the first update");
            }
        }
        if (kind == Kind.EMA) {
            decay = orDefault(decay, 0.999);
            if (!(decay > 0 && decay < 1)) {
                throw ConfigChecks.invalid(KEY + "decay", "out of range: the fraction of the average kept per update",
                        decay, "(0, 1), e.g. 0.999 (an iterate's weight halves every ln 2/(1 − decay) updates)");
            }
            biasCorrection = orDefault(biasCorrection, false);
        }
        if (kind == Kind.SWA) {
            if (startEpoch != null) {
                atLeast(KEY + "start_epoch", startEpoch, 1);
            }
            every = orDefault(every, 1);
            if (every < 1) {
                throw ConfigChecks.invalid(KEY + "every", "out of range: the epochs between two averaged iterates",
                        every, "an integer ≥ 1, e.g. 1 to average the last iterate of every epoch");
            }
            if (swaLr != null) {
                ConfigChecks.positive(KEY + "swa_lr", swaLr);
            }
        }
    }

    /** {@code kind} with its defaults (an SWA's start epoch left for {@link #forEpochs}). */
    public static AverageSettings defaults(Kind kind) {
        return new AverageSettings(kind, null, null, null, null, null, null);
    }

    /**
     * These settings for a run of {@code epochs} epochs: an SWA's {@code start_epoch} defaults to
     * ⌊0.75·epochs⌋ + 1 (the last quarter, as in the SWA paper) and may not come after the last epoch.
     */
    AverageSettings forEpochs(int epochs) {
        if (kind != Kind.SWA) {
            return this;
        }
        int first = orDefault(startEpoch, epochs * 3 / 4 + 1);
        if (first > epochs) {
            throw ConfigChecks.invalid(KEY + "start_epoch", "after the last epoch (training.epochs " + epochs
                    + "): nothing would be averaged", first, "an integer in [1, " + epochs + "], e.g. "
                    + (epochs * 3 / 4 + 1) + " (the default) to average the last quarter of the run");
        }
        return new AverageSettings(kind, start, decay, biasCorrection, first, every, swaLr);
    }

    /**
     * The library's rule for a run of {@code stepsPerEpoch} updates an epoch (an SWA counts
     * epochs; the others count updates and ignore it).
     */
    public AveragingRule toRule(long stepsPerEpoch) {
        return switch (kind) {
            case POLYAK -> new PolyakAveraging(start);
            case EMA -> new ExponentialMovingAverage(decay, start, biasCorrection);
            case SWA -> StochasticWeightAveraging.atEpochEnds(startEpoch, every, stepsPerEpoch);
        };
    }

    /** The first update run at {@code swa_lr} (0-based, as schedules count): the first of epoch start_epoch. */
    public long swaLrFrom(long stepsPerEpoch) {
        return (startEpoch - 1L) * stepsPerEpoch;
    }

    /** One line for the run's output, e.g. "EMA, decay 0.999, from update 1". */
    public String describe() {
        return switch (kind) {
            case POLYAK -> "Polyak–Ruppert, the mean of the iterates from update " + (start + 1);
            case EMA -> String.format(Locale.ROOT, "EMA, decay %s%s, from update %d", decay,
                    biasCorrection ? ", bias-corrected" : "", start + 1);
            case SWA -> "SWA, the last iterate of " + (every == 1 ? "every epoch" : "every " + every + " epochs")
                    + " from epoch " + startEpoch + (swaLr == null ? "" : ", at a constant rate " + swaLr
                    + " from epoch " + startEpoch);
        };
    }
}
