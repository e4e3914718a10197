package dev.descent.experiment;

import dev.descent.data.Batch;
import dev.descent.data.BatchOptions;
import dev.descent.data.Dataset;
import dev.descent.data.MiniBatches;
import dev.descent.data.Splits;
import dev.descent.loss.SoftmaxCrossEntropy;
import dev.descent.nn.Models;
import dev.descent.nn.Sequential;
import dev.descent.optim.Sgd;
import dev.descent.optim.average.AveragedParameters;
import dev.descent.optim.average.PolyakAveraging;
import dev.descent.plot.LinePlot;
import dev.descent.random.Rng;
import dev.descent.schedule.InverseTimeDecay;
import dev.descent.schedule.LearningRateSchedule;
import dev.descent.solver.Lbfgs;
import dev.descent.solver.SolverResult;
import dev.descent.solver.StoppingCriteria;
import dev.descent.train.Trainer;
import dev.descent.train.EmpiricalRisk;
import java.util.Iterator;
import java.util.Locale;

/**
 * {@code sgd-noise}: online SGD (batch 1) on L2-regularised multinomial logistic regression, a
 * strongly convex problem with one minimum, from the same initial weights and the same example
 * order, once with a constant step and once with an inverse-time decay α/(1 + t/τ); the
 * constant-step run also keeps the Polyak–Ruppert average of its iterates (from the first tenth
 * of the run on). The full training objective is recorded along the way, at the iterate and at
 * the average, and compared with the minimum found by L-BFGS. Repeated over the context's seeds
 * (initial weights and example order), the minimum computed once.
 *
 * <p>With a constant step the iterate keeps moving by α times a noisy gradient, so the loss
 * settles into a band above the minimum whose width is set by α and the gradient noise; a
 * decaying step shrinks the moves and the loss settles; averaging the iterates cancels most of
 * the noise without shrinking the step. Measured over the last fifth of the run: the spread of
 * the loss around its trend (the standard deviation of the residuals of a straight-line fit, so
 * that a loss still falling steadily does not count as noise) and its mean excess over the
 * minimum.
 */
public final class SgdNoiseExperiment implements Experiment {
    private static final int EVALUATIONS = 80;
    private static final int SUBSET = 20_000;
    /** The penalty λ‖w‖² that makes the objective strongly convex (a finite, unique minimum). */
    static final double LAMBDA = 1e-3;

    @Override
    public String name() {
        return "sgd-noise";
    }

    @Override
    public String claim() {
        return "SGD does not stop at the minimum: with a constant step the loss keeps oscillating above it;"
                + " with a decaying step it settles, and so does the average of the constant step's iterates.";
    }

    @Override
    public String source() {
        return "The lectures' picture of SGD near a minimum: the step is α times a noisy gradient whose noise does not"
                + " vanish at the minimum, so a constant step leaves the iterate in a noise ball of size ∝ α"
                + " (Bottou, Curtis and Nocedal 2018, Theorem 4.6); a step with Σα = ∞, Σα² < ∞ converges"
                + " (Robbins and Monro 1951), and so does the average of the iterates (Polyak and Juditsky 1992).";
    }

    static String rule() {
        return "Per seed, over the last fifth of the run: the spread of the loss around its trend (residual sd of a"
                + " straight-line fit) and the mean excess over the minimum. Supported when, over the seeds, the"
                + " constant step's spread exceeds twice the decaying step's (the mean of log₁₀ of their ratio is"
                + " above log₁₀ 2 by more than two standard errors) and its excess exceeds the decaying"
                + " step's by more than two standard errors, and the same two comparisons hold between the constant"
                + " step's iterate and the average of its iterates (Polyak–Ruppert, from the first tenth of the run"
                + " on); not supported when any holds the other way beyond two standard errors; otherwise"
                + " inconclusive.";
    }

    /** The verdict from the per-seed spreads and excesses of the two arms (decaying step, and the average). */
    static Verdict judge(double[] constantSpread, double[] decayingSpread, double[] constantExcess,
                         double[] decayingExcess) {
        // a spread ratio is multiplicative and one jumpy seed can triple it: judged on its log
        double[] logRatio = new double[decayingSpread.length];
        for (int i = 0; i < logRatio.length; i++) {
            logRatio[i] = Math.log10(constantSpread[i] / decayingSpread[i]);
        }
        return Verdict.allOf(OverSeeds.of(logRatio).above(Math.log10(2)),
                OverSeeds.difference(constantExcess, decayingExcess).above(0));
    }

    @Override
    public Results run(ExperimentContext context) {
        // 20 000 examples (stratified) keep the 4 × 80 evaluations of the full objective per seed cheap
        Dataset data = context.quick() || context.data().size() <= SUBSET ? context.data()
                : Splits.holdOut(context.data(), (double) SUBSET / context.data().size(), context.seed()).heldOut();
        int n = data.size();
        long steps = context.quick() ? 10L * n : 2L * n;
        double alpha = context.quick() ? 0.05 : 0.01;
        double tau = context.quick() ? n : n / 2.0;
        long[] seeds = context.seeds();
        // Polyak–Ruppert: average the constant step's iterates after the first tenth of the run (burn-in)
        long averageFrom = Math.max(1, steps / 10);

        context.say("sgd-noise: the minimum of the training loss by L-BFGS (%d examples, %d features, %d classes)",
                n, data.featureCount(), data.classes());
        Sequential reference = Models.logisticRegression(new Rng(context.seed()), data.featureCount(), data.classes());
        EmpiricalRisk risk = EmpiricalRisk.of(reference, new SoftmaxCrossEntropy(), data, 4096).withL2(LAMBDA, "*");
        SolverResult minimum = Lbfgs.defaults().minimize(risk, risk.parameters(),
                StoppingCriteria.defaults().withGradientTolerance(1e-6).withMaxIterations(context.quick() ? 200 : 500));
        double best = minimum.value();

        double[] step = new double[EVALUATIONS + 1];
        Trajectory[] constant = new Trajectory[seeds.length];
        Trajectory[] decaying = new Trajectory[seeds.length];
        for (int r = 0; r < seeds.length; r++) {
            Rng rng = new Rng(seeds[r]);
            long initSeed = rng.nextLong();
            long orderSeed = rng.nextLong();
            context.say("seed %d (%d of %d)", seeds[r], r + 1, seeds.length);
            constant[r] = trajectory(context, data, new Rng(initSeed), orderSeed, steps, t -> alpha,
                    "constant (and its average)", step, averageFrom);
            decaying[r] = trajectory(context, data, new Rng(initSeed), orderSeed, steps,
                    new InverseTimeDecay(alpha, 1 / tau), "decaying", step, 0);
            best = Math.min(best, Math.min(Math.min(constant[r].lowest(), decaying[r].lowest()),
                    constant[r].ofAverage().lowest()));
        }

        int tail = EVALUATIONS / 5;
        double[] constantSpread = new double[seeds.length];
        double[] decayingSpread = new double[seeds.length];
        double[] constantExcess = new double[seeds.length];
        double[] decayingExcess = new double[seeds.length];
        double[] ratio = new double[seeds.length];
        double[] averagedSpread = new double[seeds.length];
        double[] averagedExcess = new double[seeds.length];
        for (int r = 0; r < seeds.length; r++) {
            averagedSpread[r] = constant[r].ofAverage().spread(tail);
            averagedExcess[r] = constant[r].ofAverage().meanOfLast(tail) - best;
            constantSpread[r] = constant[r].spread(tail);
            decayingSpread[r] = decaying[r].spread(tail);
            constantExcess[r] = constant[r].meanOfLast(tail) - best;
            decayingExcess[r] = decaying[r].meanOfLast(tail) - best;
            ratio[r] = constantSpread[r] / decayingSpread[r];
        }
        double[] minimumLine = new double[step.length];
        java.util.Arrays.fill(minimumLine, best);

        Results results = new Results(this)
                .setting("model", "logistic regression " + data.featureCount() + "→" + data.classes()
                        + ", softmax cross-entropy + " + LAMBDA + "·‖w‖² (all parameters)")
                .setting("optimizer", "SGD, batch 1, no momentum; same initial weights and example order in both"
                        + " arms of a seed")
                .setting("data", n + " examples" + (n < context.data().size() ? " (a stratified subset)" : ""))
                .setting("constant step", alpha)
                .setting("decaying step", Numbers.compact(alpha) + " / (1 + t / " + Numbers.compact(tau) + ")")
                .setting("steps", steps)
                .setting("loss evaluations per run (full training set)", EVALUATIONS + 1)
                .setting("seeds", seeds.length)
                .rule(rule())
                .finding("minimum of the objective (L-BFGS, " + minimum.iterations() + " iterations)", minimum.value(),
                        "nats")
                .finding("loss spread around its trend, last fifth, constant step", OverSeeds.of(constantSpread), "nats")
                .finding("loss spread around its trend, last fifth, decaying step", OverSeeds.of(decayingSpread), "nats")
                .finding("spread ratio constant / decaying", OverSeeds.of(ratio), "")
                .finding("mean excess loss, last fifth, constant step", OverSeeds.of(constantExcess), "nats")
                .finding("mean excess loss, last fifth, decaying step", OverSeeds.of(decayingExcess), "nats")
                .finding("loss spread around its trend, last fifth, average of the constant step's iterates",
                        OverSeeds.of(averagedSpread), "nats")
                .finding("mean excess loss, last fifth, average of the constant step's iterates",
                        OverSeeds.of(averagedExcess), "nats");
        Trajectory c0 = constant[0];
        Trajectory d0 = decaying[0];
        results.series(SeriesCsv.write(context.directory(), "sgd-noise",
                new String[] {"step", "loss_constant", "loss_decaying", "loss_constant_averaged", "lr_constant",
                    "lr_decaying", "minimum"},
                step, c0.loss(), d0.loss(), c0.averaged(), c0.rate(), d0.rate(), minimumLine));
        String averagedName = "average of the constant step's iterates (from t = " + averageFrom + ")";
        String constantName = "constant step " + Numbers.compact(alpha);
        String decayingName = "decaying step " + Numbers.compact(alpha) + "/(1 + t/" + Numbers.compact(tau) + ")";
        results.plots(LinePlot.titled("Online SGD on logistic regression: constant vs decaying step (seed " + seeds[0]
                        + ")")
                .xAxis("update t (examples processed)")
                .yAxis("training objective (cross-entropy + λ‖w‖², nats)")
                .line(constantName, step, c0.loss())
                .line(decayingName, step, d0.loss())
                .line(averagedName, step, c0.averaged())
                .line("minimum (L-BFGS)", step, minimumLine)
                .save(context.directory(), "sgd-noise-loss"));
        int half = EVALUATIONS / 2;
        results.plots(LinePlot.titled("Second half of the run, above the minimum (log scale, seed " + seeds[0] + ")")
                .xAxis("update t (examples processed)")
                .yAxis("objective − minimum (nats)")
                .logY()
                .line(constantName, tail(step, half), excess(c0.loss(), half, best))
                .line(decayingName, tail(step, half), excess(d0.loss(), half, best))
                .line(averagedName, tail(step, half), excess(c0.averaged(), half, best))
                .save(context.directory(), "sgd-noise-excess"));
        results.plots(LinePlot.titled("Learning rate over the run")
                .xAxis("update t (examples processed)")
                .yAxis("learning rate α_t")
                .line("constant", step, c0.rate())
                .line("decaying", step, d0.rate())
                .save(context.directory(), "sgd-noise-lr"));
        Verdict verdict = Verdict.allOf(judge(constantSpread, decayingSpread, constantExcess, decayingExcess),
                judge(constantSpread, averagedSpread, constantExcess, averagedExcess));
        results.verdict(verdict, String.format(Locale.ROOT,
                "Over the last fifth of the run (mean ± standard error over %d seeds) the loss spreads %s nats with"
                        + " the constant step and %s with the decaying one (ratio %s), and stays %s nats above the"
                        + " minimum on average against %s; the average of the constant step's iterates spreads %s"
                        + " and stays %s above.", seeds.length,
                OverSeeds.of(constantSpread), OverSeeds.of(decayingSpread), OverSeeds.of(ratio),
                OverSeeds.of(constantExcess), OverSeeds.of(decayingExcess), OverSeeds.of(averagedSpread),
                OverSeeds.of(averagedExcess)));
        return results;
    }

    private static double[] tail(double[] values, int from) {
        return java.util.Arrays.copyOfRange(values, from, values.length);
    }

    /** {@code values[from..] − best}, floored at 1e-9 nats for the log axis. */
    private static double[] excess(double[] values, int from, double best) {
        double[] e = tail(values, from);
        for (int i = 0; i < e.length; i++) {
            e[i] = Math.max(e[i] - best, 1e-9);
        }
        return e;
    }

    /**
     * One run; with {@code averageFrom > 0} it also keeps the Polyak–Ruppert average of its
     * iterates from that update on, and records the objective at the average ({@code NaN} before).
     */
    private static Trajectory trajectory(ExperimentContext context, Dataset data, Rng init, long orderSeed, long steps,
                                         LearningRateSchedule schedule, String label, double[] stepOut,
                                         long averageFrom) {
        context.say("  %s step: %d updates", label, steps);
        Sequential model = Models.logisticRegression(init, data.featureCount(), data.classes());
        Trainer trainer = new Trainer(model, new SoftmaxCrossEntropy(),
                new Sgd(schedule.baseRate()).withWeightDecay(2 * LAMBDA).builder().schedule(schedule).build(model.namedParameters()));
        EmpiricalRisk risk = EmpiricalRisk.of(model, new SoftmaxCrossEntropy(), data, 4096).withL2(LAMBDA, "*");
        AveragedParameters average = averageFrom > 0
                ? AveragedParameters.of(new PolyakAveraging(averageFrom), model.namedParameters()) : null;
        MiniBatches batches = new MiniBatches(data, BatchOptions.shuffled(1, orderSeed));
        Iterator<Batch> it = batches.nextEpoch().iterator();
        double[] loss = new double[EVALUATIONS + 1];
        double[] averaged = new double[EVALUATIONS + 1];
        double[] rate = new double[EVALUATIONS + 1];
        long done = 0;
        for (int e = 0; e <= EVALUATIONS; e++) {
            long target = steps * e / EVALUATIONS;
            for (; done < target; done++) {
                if (!it.hasNext()) {
                    it = batches.nextEpoch().iterator();
                }
                Batch b = it.next();
                trainer.step(b.features(), b.labels());
                if (average != null) {
                    average.update(done + 1);
                }
            }
            stepOut[e] = done;
            loss[e] = risk.value(risk.parameters());
            averaged[e] = Double.NaN;
            if (average != null && average.count() > 0) {
                average.swap();
                averaged[e] = risk.value(risk.parameters());
                average.swap();
            }
            rate[e] = schedule.valueAt(done);
        }
        return new Trajectory(loss, rate, averaged);
    }

    private record Trajectory(double[] loss, double[] rate, double[] averaged) {
        /** The same measures on the averaged iterate's objective. */
        Trajectory ofAverage() {
            return new Trajectory(averaged, rate, averaged);
        }

        double lowest() {
            double m = Double.POSITIVE_INFINITY;
            for (double v : loss) {
                m = Double.isNaN(v) ? m : Math.min(m, v);
            }
            return m;
        }

        double meanOfLast(int k) {
            double s = 0;
            for (int i = loss.length - k; i < loss.length; i++) {
                s += loss[i];
            }
            return s / k;
        }

        /** Standard deviation of the last {@code k} losses around their least-squares line. */
        double spread(int k) {
            int from = loss.length - k;
            double meanX = (k - 1) / 2.0;
            double meanY = meanOfLast(k);
            double sxy = 0;
            double sxx = 0;
            for (int i = 0; i < k; i++) {
                sxy += (i - meanX) * (loss[from + i] - meanY);
                sxx += (i - meanX) * (i - meanX);
            }
            double slope = sxy / sxx;
            double s = 0;
            for (int i = 0; i < k; i++) {
                double residual = loss[from + i] - (meanY + slope * (i - meanX));
                s += residual * residual;
            }
            return Math.sqrt(s / (k - 2));
        }
    }
}
