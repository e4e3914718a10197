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
 * strongly convex problem with one minimum,
 * from the same initial weights and the same example order, once with a constant step and
 * once with an inverse-time decay α/(1 + t/τ). The full training loss is recorded along the
 * way and compared with the minimum found by L-BFGS.
 *
 * <p>With a constant step the iterate keeps moving by α times a noisy gradient, so the loss
 * settles into a band above the minimum whose width is set by α and the gradient noise; a
 * decaying step shrinks the moves and the loss settles. Measured over the last fifth of the
 * run: the spread of the loss around its trend (the standard deviation of the residuals of a
 * straight-line fit, so that a loss still falling steadily does not count as noise) and its
 * mean excess over the minimum.
 */
public final class SgdNoiseExperiment implements Experiment {
    private static final int EVALUATIONS = 120;
    /** The penalty λ‖w‖² that makes the objective strongly convex (a finite, unique minimum). */
    static final double LAMBDA = 1e-3;

    @Override
    public String name() {
        return "sgd-noise";
    }

    @Override
    public String claim() {
        return "SGD does not stop at the minimum: with a constant step the loss keeps oscillating above it;"
                + " with a decaying step it settles.";
    }

    @Override
    public Results run(ExperimentContext context) {
        Dataset data = context.data();
        int n = data.size();
        long steps = context.quick() ? 10L * n : 3L * n;
        double alpha = context.quick() ? 0.05 : 0.01;
        double tau = context.quick() ? n : n / 2.0;
        Rng rng = new Rng(context.seed());
        long initSeed = rng.nextLong();
        long orderSeed = rng.nextLong();

        context.say("sgd-noise: the minimum of the training loss by L-BFGS (%d examples, %d features, %d classes)",
                n, data.featureCount(), data.classes());
        Sequential reference = Models.logisticRegression(new Rng(initSeed), data.featureCount(), data.classes());
        EmpiricalRisk risk = EmpiricalRisk.of(reference, new SoftmaxCrossEntropy(), data, 4096).withL2(LAMBDA, "*");
        SolverResult minimum = Lbfgs.defaults().minimize(risk, risk.parameters(),
                StoppingCriteria.defaults().withGradientTolerance(1e-6).withMaxIterations(context.quick() ? 200 : 500));
        double best = minimum.value();

        double[] step = new double[EVALUATIONS + 1];
        Trajectory constant = trajectory(context, data, new Rng(initSeed), orderSeed, steps,
                t -> alpha, "constant", step);
        Trajectory decaying = trajectory(context, data, new Rng(initSeed), orderSeed, steps,
                new InverseTimeDecay(alpha, 1 / tau), "decaying", step);
        best = Math.min(best, Math.min(constant.lowest(), decaying.lowest()));

        int tail = EVALUATIONS / 5;
        double constantSpread = constant.spread(tail);
        double decayingSpread = decaying.spread(tail);
        double constantExcess = constant.meanOfLast(tail) - best;
        double decayingExcess = decaying.meanOfLast(tail) - best;
        double[] minimumLine = new double[step.length];
        java.util.Arrays.fill(minimumLine, best);

        Results results = new Results(this)
                .setting("model", "logistic regression " + data.featureCount() + "→" + data.classes()
                        + ", softmax cross-entropy + " + LAMBDA + "·‖w‖² (all parameters)")
                .setting("optimizer", "SGD, batch 1, no momentum; same initial weights and example order in both runs")
                .setting("constant step", alpha)
                .setting("decaying step", Numbers.compact(alpha) + " / (1 + t / " + Numbers.compact(tau) + ")")
                .setting("steps", steps)
                .setting("loss evaluations (full training set)", EVALUATIONS + 1)
                .finding("minimum of the objective (L-BFGS, " + minimum.iterations() + " iterations)", minimum.value(), "nats")
                .finding("loss spread around its trend, last fifth, constant step", constantSpread, "nats")
                .finding("loss spread around its trend, last fifth, decaying step", decayingSpread, "nats")
                .finding("spread ratio constant / decaying", constantSpread / decayingSpread, "")
                .finding("mean excess loss, last fifth, constant step", constantExcess, "nats")
                .finding("mean excess loss, last fifth, decaying step", decayingExcess, "nats");
        results.series(SeriesCsv.write(context.directory(), "sgd-noise",
                new String[] {"step", "loss_constant", "loss_decaying", "lr_constant", "lr_decaying", "minimum"},
                step, constant.loss(), decaying.loss(), constant.rate(), decaying.rate(), minimumLine));
        String constantName = "constant step " + Numbers.compact(alpha);
        String decayingName = "decaying step " + Numbers.compact(alpha) + "/(1 + t/" + Numbers.compact(tau) + ")";
        results.plots(LinePlot.titled("Online SGD on logistic regression: constant vs decaying step")
                .xAxis("update t (examples processed)")
                .yAxis("training objective (cross-entropy + λ‖w‖², nats)")
                .line(constantName, step, constant.loss())
                .line(decayingName, step, decaying.loss())
                .line("minimum (L-BFGS)", step, minimumLine)
                .save(context.directory(), "sgd-noise-loss"));
        int half = EVALUATIONS / 2;
        results.plots(LinePlot.titled("Second half of the run, above the minimum (log scale)")
                .xAxis("update t (examples processed)")
                .yAxis("objective − minimum (nats)")
                .logY()
                .line(constantName, tail(step, half), excess(constant.loss(), half, best))
                .line(decayingName, tail(step, half), excess(decaying.loss(), half, best))
                .save(context.directory(), "sgd-noise-excess"));
        results.plots(LinePlot.titled("Learning rate over the run")
                .xAxis("update t (examples processed)")
                .yAxis("learning rate α_t")
                .line("constant", step, constant.rate())
                .line("decaying", step, decaying.rate())
                .save(context.directory(), "sgd-noise-lr"));
        boolean supported = constantSpread > 2 * decayingSpread && constantExcess > decayingExcess;
        results.verdict(supported, String.format(Locale.ROOT,
                "Over the last fifth of the run the loss spreads %.2g nats with the constant step and %.2g with the"
                        + " decaying one (%.1f×), and stays %.3g nats above the minimum on average against %.3g.",
                constantSpread, decayingSpread, constantSpread / decayingSpread, constantExcess, decayingExcess));
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

    private static Trajectory trajectory(ExperimentContext context, Dataset data, Rng init, long orderSeed, long steps,
                                         LearningRateSchedule schedule, String label, double[] stepOut) {
        context.say("  %s step: %d updates", label, steps);
        Sequential model = Models.logisticRegression(init, data.featureCount(), data.classes());
        Trainer trainer = new Trainer(model, new SoftmaxCrossEntropy(),
                new Sgd(schedule.baseRate()).withWeightDecay(2 * LAMBDA).builder().schedule(schedule).build(model.namedParameters()));
        EmpiricalRisk risk = EmpiricalRisk.of(model, new SoftmaxCrossEntropy(), data, 4096).withL2(LAMBDA, "*");
        MiniBatches batches = new MiniBatches(data, BatchOptions.shuffled(1, orderSeed));
        Iterator<Batch> it = batches.nextEpoch().iterator();
        double[] loss = new double[EVALUATIONS + 1];
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
            }
            stepOut[e] = done;
            loss[e] = risk.value(risk.parameters());
            rate[e] = schedule.valueAt(done);
        }
        return new Trajectory(loss, rate);
    }

    private record Trajectory(double[] loss, double[] rate) {
        double lowest() {
            double m = Double.POSITIVE_INFINITY;
            for (double v : loss) {
                m = Math.min(m, v);
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
