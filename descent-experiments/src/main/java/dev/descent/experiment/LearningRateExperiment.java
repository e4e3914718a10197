package dev.descent.experiment;

import dev.descent.data.Batch;
import dev.descent.data.BatchOptions;
import dev.descent.data.Dataset;
import dev.descent.data.MiniBatches;
import dev.descent.loss.SoftmaxCrossEntropy;
import dev.descent.nn.Models;
import dev.descent.nn.Sequential;
import dev.descent.optim.Sgd;
import dev.descent.plot.LinePlot;
import dev.descent.random.Rng;
import dev.descent.schedule.LearningRateSchedule;
import dev.descent.train.Trainer;
import dev.descent.train.TrainingDivergedException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;

/**
 * {@code learning-rate}: plain mini-batch SGD on an MLP for one epoch with a too small, a
 * well-chosen and a too large learning rate, from the same weights and batches; then an LR
 * range test (Smith, "Cyclical Learning Rates", 2017): one epoch with the rate growing
 * exponentially from 10⁻⁵ to 10, the smoothed loss plotted against the rate, and the rate
 * where the loss falls fastest suggested.
 */
public final class LearningRateExperiment implements Experiment {
    static final double SMALL = 0.001;
    static final double GOOD = 0.1;
    static final double LARGE = 4.0;
    private static final double RANGE_FROM = 1e-5;
    private static final double RANGE_TO = 10;
    private static final double SMOOTHING = 0.98;

    @Override
    public String name() {
        return "learning-rate";
    }

    @Override
    public String claim() {
        return "A learning rate that is too small learns slowly, one that is too large overshoots or diverges;"
                + " an LR range test finds a good one in a single epoch.";
    }

    @Override
    public String source() {
        return "The lectures' step-size picture: on an L-smooth objective a step below 2/L descends, a larger one"
                + " overshoots; too small a step wastes updates. Smith (2017, 'Cyclical learning rates for training"
                + " neural networks') proposed the range test: one short run with a growing rate.";
    }

    static String rule() {
        return "Per seed, from the same weights and batches: (1) the small rate's loss after one epoch minus the"
                + " well-chosen rate's must exceed 0.1 nats; (2) the large rate's overshoot, its highest smoothed"
                + " loss minus the initial loss (capped at 100 nats, as is a diverged run), must exceed 0.5 nats,"
                + " judged on"
                + " log₁₀ of the overshoot, which spans orders of magnitude from seed to seed; (3) the"
                + " range test's suggestion must lie within a factor 30 of the well-chosen rate (|log₁₀ ratio| ≤"
                + " 1.48). Each is judged on the mean over seeds ± two standard errors; supported when all three"
                + " hold beyond the noise, not supported when one fails beyond it, otherwise inconclusive.";
    }

    /** The verdict from per-seed figures: final losses, overshoots and suggested rates. */
    static Verdict judge(double[] smallFinal, double[] goodFinal, double[] largeOvershoot, double[] suggested) {
        double[] logRatio = new double[suggested.length];
        for (int i = 0; i < logRatio.length; i++) {
            logRatio[i] = Math.log10(suggested[i] / GOOD);
        }
        double factor = Math.log10(30);
        // an overshoot spans orders of magnitude from seed to seed (2 nats, 1 400 nats): judged on its log
        double[] logOvershoot = new double[largeOvershoot.length];
        for (int i = 0; i < logOvershoot.length; i++) {
            logOvershoot[i] = Math.log10(Math.max(largeOvershoot[i], 1e-3));
        }
        return Verdict.allOf(OverSeeds.difference(smallFinal, goodFinal).above(0.1),
                OverSeeds.of(logOvershoot).above(Math.log10(0.5)), OverSeeds.of(logRatio).within(-factor, factor));
    }

    @Override
    public Results run(ExperimentContext context) {
        Dataset data = context.data();
        int batch = context.quick() ? 16 : 64;
        int hidden = context.quick() ? 32 : 128;
        int steps = data.size() / batch;
        long[] seeds = context.seeds();
        double[] step = new double[steps];
        for (int i = 0; i < steps; i++) {
            step[i] = i + 1;
        }
        double growth = Math.pow(RANGE_TO / RANGE_FROM, 1.0 / Math.max(1, steps - 1));
        double[] initial = new double[seeds.length];
        double[] smallFinal = new double[seeds.length];
        double[] goodFinal = new double[seeds.length];
        double[] largeFinal = new double[seeds.length];
        double[] overshoot = new double[seeds.length];
        double[] suggested = new double[seeds.length];
        double[] lowestAt = new double[seeds.length];
        int diverged = 0;
        Run small = null;
        Run good = null;
        Run large = null;
        Run range = null;
        RangeTest test = null;
        for (int r = 0; r < seeds.length; r++) {
            Rng rng = new Rng(seeds[r]);
            long initSeed = rng.nextLong();
            long orderSeed = rng.nextLong();
            context.say("seed %d (%d of %d)", seeds[r], r + 1, seeds.length);
            Run s = train(context, data, hidden, batch, steps, initSeed, orderSeed, t -> SMALL);
            Run g = train(context, data, hidden, batch, steps, initSeed, orderSeed, t -> GOOD);
            Run l = train(context, data, hidden, batch, steps, initSeed, orderSeed, t -> LARGE);
            Run rt = train(context, data, hidden, batch, steps, initSeed, orderSeed,
                    t -> RANGE_FROM * Math.pow(growth, t));
            RangeTest tr = RangeTest.of(rt);
            initial[r] = g.smoothed[0];
            smallFinal[r] = s.finalLoss();
            goodFinal[r] = g.finalLoss();
            // a diverged run has no final loss: it counts as 100 nats, far above any trained one
            largeFinal[r] = Double.isFinite(l.finalLoss()) ? l.finalLoss() : 100;
            overshoot[r] = l.divergedAt > 0 || !Double.isFinite(l.highest()) ? 100
                    : Math.min(100, l.highest() - g.smoothed[0]);
            diverged += l.divergedAt > 0 ? 1 : 0;
            suggested[r] = tr.suggested;
            lowestAt[r] = tr.lowestAt;
            if (r == 0) {
                small = s;
                good = g;
                large = l;
                range = rt;
                test = tr;
            }
        }

        Results results = new Results(this)
                .setting("model", "MLP " + data.featureCount() + "-" + hidden + "-" + data.classes()
                        + ", softmax cross-entropy, plain SGD (no momentum), batch " + batch)
                .setting("steps per run", steps + " (one epoch)")
                .setting("rates", SMALL + " (small), " + GOOD + " (well chosen), " + LARGE + " (large)")
                .setting("range test", RANGE_FROM + " → " + RANGE_TO + ", ×" + String.format(Locale.ROOT, "%.5f", growth)
                        + " per step; loss smoothed exponentially (β = " + SMOOTHING + ", bias-corrected)")
                .setting("seeds", seeds.length)
                .rule(rule())
                .finding("initial loss", OverSeeds.of(initial), "nats")
                .finding("loss after one epoch, lr " + SMALL, OverSeeds.of(smallFinal), "nats")
                .finding("loss after one epoch, lr " + GOOD, OverSeeds.of(goodFinal), "nats")
                .finding("loss after one epoch, lr " + LARGE + " (100 when diverged)", OverSeeds.of(largeFinal), "nats")
                .finding("overshoot of lr " + LARGE + ": highest loss − initial (capped at 100; 100 when diverged)",
                        OverSeeds.of(overshoot), "nats")
                .finding("runs where lr " + LARGE + " diverged to NaN", diverged, "of " + seeds.length)
                .finding("range test: rate of steepest descent (suggested)", OverSeeds.of(suggested), "")
                .finding("range test: rate of the lowest loss", OverSeeds.of(lowestAt), "");
        results.series(SeriesCsv.write(context.directory(), "learning-rate",
                new String[] {"step", "loss_small", "loss_good", "loss_large"},
                step, small.smoothed, good.smoothed, large.smoothed));
        results.series(SeriesCsv.write(context.directory(), "lr-range-test",
                new String[] {"step", "lr", "smoothed_loss"}, step, range.rates, range.smoothed));
        double ceiling = 2 * good.smoothed[0];
        results.plots(LinePlot.titled("One epoch of SGD at three learning rates (seed " + seeds[0] + ")")
                .xAxis("update t (mini-batches of " + batch + ")")
                .yAxis("training loss, smoothed (nats)")
                .line("lr " + SMALL + " (too small)", step, small.smoothed)
                .line("lr " + GOOD + " (well chosen)", step, good.smoothed)
                .line("lr " + LARGE + " (too large)", large.steps(step), large.smoothed)
                .yRange(0, ceiling)
                .save(context.directory(), "learning-rate"));
        results.plots(LinePlot.titled(String.format(Locale.ROOT, "LR range test: suggested rate %.3g (seed %d)",
                        test.suggested, seeds[0]))
                .xAxis("learning rate (log scale)")
                .yAxis("training loss, smoothed (nats)")
                .logX()
                .line("loss while the rate grows", range.rates(), range.smoothed)
                .yRange(0, ceiling)
                .points(String.format(Locale.ROOT, "steepest descent at %.3g", test.suggested),
                        new double[] {test.suggested}, new double[] {test.lossAtSuggested})
                .save(context.directory(), "lr-range-test"));

        Verdict verdict = judge(smallFinal, goodFinal, overshoot, suggested);
        results.verdict(verdict, String.format(Locale.ROOT,
                "Over %d seeds (mean ± standard error): after one epoch the loss is %s nats at lr %s and %s at lr %s;"
                        + " lr %s overshoots by %s nats (diverged in %d of %d runs); the range test suggests %s"
                        + " (the well-chosen rate is %s).", seeds.length,
                OverSeeds.of(smallFinal), SMALL, OverSeeds.of(goodFinal), GOOD, LARGE, OverSeeds.of(overshoot),
                diverged, seeds.length, OverSeeds.of(suggested), GOOD));
        return results;
    }

    private static Run train(ExperimentContext context, Dataset data, int hidden, int batch, int steps, long initSeed,
                             long orderSeed, LearningRateSchedule schedule) {
        Sequential model = Models.mlp(new Rng(initSeed), data.featureCount(), hidden, data.classes());
        Trainer trainer = new Trainer(model, new SoftmaxCrossEntropy(),
                new Sgd(schedule.baseRate()).builder().schedule(schedule).build(model.namedParameters()));
        MiniBatches batches = new MiniBatches(data, BatchOptions.shuffled(batch, orderSeed).withDropLast());
        Iterator<Batch> it = batches.nextEpoch().iterator();
        double[] smoothed = new double[steps];
        double[] rates = new double[steps];
        double average = 0;
        int divergedAt = 0;
        int done = 0;
        for (; done < steps; done++) {
            Batch b = it.next();
            float loss;
            try {
                loss = trainer.step(b.features(), b.labels());
            } catch (TrainingDivergedException diverged) {
                divergedAt = done + 1;
                break;
            }
            if (!Float.isFinite(loss)) {
                divergedAt = done + 1;
                break;
            }
            average = SMOOTHING * average + (1 - SMOOTHING) * loss;
            smoothed[done] = average / (1 - Math.pow(SMOOTHING, done + 1));
            rates[done] = schedule.valueAt(done);
        }
        context.say("  lr %s: %s", schedule.valueAt(0) == schedule.valueAt(1) ? String.valueOf(schedule.valueAt(0))
                : "range test", divergedAt > 0 ? "diverged at step " + divergedAt
                : String.format(Locale.ROOT, "loss %.4f after %d steps", smoothed[steps - 1], steps));
        return new Run(Arrays.copyOf(smoothed, done), Arrays.copyOf(rates, done), divergedAt);
    }

    /** One run's smoothed losses and rates, cut where it diverged. */
    private record Run(double[] smoothed, double[] rates, int divergedAt) {
        double finalLoss() {
            return divergedAt > 0 || smoothed.length == 0 ? Double.POSITIVE_INFINITY : smoothed[smoothed.length - 1];
        }

        double highest() {
            double m = Double.NEGATIVE_INFINITY;
            for (double v : smoothed) {
                m = Math.max(m, v);
            }
            return m;
        }

        double[] steps(double[] all) {
            return Arrays.copyOf(all, smoothed.length);
        }

    }

    /** Where the smoothed loss falls fastest per decade of rate, and where it is lowest. */
    private record RangeTest(double suggested, double lossAtSuggested, double lowestAt) {
        static RangeTest of(Run run) {
            double[] loss = run.smoothed;
            double[] rate = run.rates;
            int lowest = 0;
            for (int i = 1; i < loss.length; i++) {
                if (loss[i] < loss[lowest]) {
                    lowest = i;
                }
            }
            // Slope per decade over a window of a tenth of the run, up to the lowest loss.
            int window = Math.max(2, loss.length / 10);
            int steepest = 0;
            double steepestSlope = Double.POSITIVE_INFINITY;
            for (int i = 0; i + window <= lowest; i++) {
                double slope = (loss[i + window] - loss[i]) / Math.log10(rate[i + window] / rate[i]);
                if (slope < steepestSlope) {
                    steepestSlope = slope;
                    steepest = i + window / 2;
                }
            }
            return new RangeTest(rate[steepest], loss[steepest], rate[lowest]);
        }
    }
}
