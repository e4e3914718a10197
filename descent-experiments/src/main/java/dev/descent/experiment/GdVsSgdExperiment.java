package dev.descent.experiment;

import dev.descent.data.Batch;
import dev.descent.data.BatchOptions;
import dev.descent.data.Dataset;
import dev.descent.data.MiniBatches;
import dev.descent.linalg.Cholesky;
import dev.descent.linalg.DoubleMatrix;
import dev.descent.loss.SoftmaxCrossEntropy;
import dev.descent.nn.Models;
import dev.descent.nn.Sequential;
import dev.descent.optim.Sgd;
import dev.descent.plot.LinePlot;
import dev.descent.random.Rng;
import dev.descent.train.Trainer;
import dev.descent.train.EmpiricalRisk;
import dev.descent.train.Evaluator;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * {@code gd-vs-sgd}: batch gradient descent, online SGD (one example per update) and
 * mini-batch SGD (64), from the same initial weights, repeated over the context's seeds (each
 * seed draws the initial weights, the batch order and the synthetic problems).
 *
 * <p>Part 1, real data: logistic regression (convex) and an MLP on the training set, the full
 * training loss recorded against epochs (examples processed / n, checkpoints at exact epoch
 * boundaries) and against training time, with the measured time per update: GD's touches all n
 * examples, O(nd), SGD's one, O(d). GD's step is chosen by backtracking line search on the
 * descent-lemma condition f(w − αg) ≤ f(w) − (α/2)‖g‖², which holds for every α ≤ 1/L: from 4,
 * halved until it holds at the start, then kept, and halved again whenever a step fails it, so
 * GD's loss falls monotonically. The search's passes at the start are reported, not counted as
 * epochs; a rejected step later costs a pass and is counted. SGD has constant rates (stated).
 *
 * <p>Part 2, controlled conditioning: least squares on synthetic data whose covariance has
 * eigenvalues spread geometrically from 1 to 1/κ (d = 20, n = 2 000, noise σ = 0.5), for
 * κ ∈ {10, 100, 1000}; the updates each method needs to bring f − f* down to ρ·(f(w₀) − f*)
 * for ρ ∈ {10⁻¹, …, 10⁻⁴}, beside the predicted orders: κ·ln(1/ρ) for GD with step 1/L,
 * and growth like 1/ρ for SGD with the decaying step α_t = min(1/(2 max‖xᵢ‖²), 2/(μ(t + 1))).
 */
public final class GdVsSgdExperiment implements Experiment {
    /** Checkpoints of SGD, in epochs: geometric up to exactly one epoch (the plots' log axis). */
    private static final double[] SGD_CHECKPOINTS = {1.0 / 1024, 1.0 / 512, 1.0 / 256, 1.0 / 128, 1.0 / 64,
        1.0 / 32, 1.0 / 16, 1.0 / 8, 1.0 / 4, 1.0 / 2, 1};

    @Override
    public String name() {
        return "gd-vs-sgd";
    }

    @Override
    public String claim() {
        return "Per example processed, SGD makes far more progress than batch GD (an update costs O(d), not O(nd));"
                + " GD needs O(κ log 1/ρ) updates to reach accuracy ρ, SGD a number that grows like 1/ρ.";
    }

    @Override
    public String source() {
        return "The lectures' comparison of the two methods' costs (Bottou, Curtis and Nocedal 2018, 'Optimization"
                + " methods for large-scale machine learning', §3–4): with an L-smooth, μ-strongly convex objective,"
                + " GD with step 1/L contracts f − f* by (1 − 1/κ) per update, so κ·ln(1/ρ) updates of O(nd) each;"
                + " SGD with a decaying step reaches ρ after O(1/ρ) updates of O(d) each.";
    }

    static String rule() {
        return "Part 1: for each model and each SGD variant, the paired difference (GD's training loss after exactly"
                + " one epoch − SGD's) over the seeds must exceed two standard errors. Part 2: on every seed and κ,"
                + " GD's update counts are at most κ·ln(1/ρ) (step 1/L), and GD's count at ρ = 10⁻⁴ grows with κ;"
                + " for each κ, the log-log slope of SGD's count against 1/ρ from ρ = 10⁻² to 10⁻⁴ (1 for a count"
                + " ∝ 1/ρ) is above ½ and above GD's slope (which tends to 0 for a count ∝ log 1/ρ), both beyond two"
                + " standard errors of the mean over seeds. Supported when all hold; not supported when a part"
                + " fails beyond the noise; otherwise inconclusive.";
    }

    @Override
    public Results run(ExperimentContext context) {
        Dataset data = context.data();
        int epochs = 1;
        int gdUpdates = 10;
        int hidden = context.quick() ? 16 : 64;
        long[] seeds = context.seeds();
        Results results = new Results(this)
                .setting("data", data.size() + " × " + data.featureCount() + ", " + data.classes() + " classes")
                .setting("budgets", "SGD " + epochs + " epochs, GD " + gdUpdates + " updates")
                .setting("rates", "GD: backtracking on f(w − αg) ≤ f(w) − (α/2)‖g‖² from α = 4; mini-batch (64) 0.1,"
                        + " online (1) 0.01; no momentum")
                .setting("seeds", seeds.length)
                .rule(rule());
        List<Verdict> parts = new ArrayList<>();
        StringBuilder why = new StringBuilder("After exactly one epoch, GD − SGD training loss (paired over "
                + seeds.length + " seeds): ");
        for (String modelName : new String[] {"logistic regression", "MLP"}) {
            String slug = modelName.startsWith("MLP") ? "mlp" : "logreg";
            String model = modelName.startsWith("MLP") ? "MLP " + data.featureCount() + "-" + hidden + "-"
                    + data.classes() : "logistic regression";
            // [method][seed]
            List<List<Curve>> runs = new ArrayList<>(List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>()));
            for (long seed : seeds) {
                Rng rng = new Rng(seed);
                long initSeed = rng.nextLong();
                long orderSeed = rng.nextLong();
                runs.get(0).add(gradientDescent(context, data, modelName, hidden, gdUpdates, initSeed));
                runs.get(1).add(sgd(context, data, modelName, hidden, 64, 0.1, epochs, initSeed, orderSeed));
                runs.get(2).add(sgd(context, data, modelName, hidden, 1, 0.01, epochs, initSeed, orderSeed));
            }
            LinePlot byEpoch = LinePlot.titled(model + ": training loss per example processed (seed " + seeds[0] + ")")
                    .xAxis("epochs (examples processed / n, log scale)").yAxis("training loss (nats)").logX();
            LinePlot byTime = LinePlot.titled(model + ": training loss against training time (seed " + seeds[0] + ")")
                    .xAxis("training time (s, log scale; evaluations excluded)").yAxis("training loss (nats)").logX();
            double[] gdAfterOne = afterOneEpoch(runs.get(0));
            for (List<Curve> method : runs) {
                Curve c = method.get(0);
                byEpoch.line(c.name, c.positiveEpochs(), c.loss);
                byTime.line(c.name, c.positiveSeconds(), c.loss);
                results.finding(model + ", " + c.name + ": time per update",
                        OverSeeds.of(method.stream().mapToDouble(r -> r.secondsPerUpdate * 1e6).toArray()), "µs")
                        .finding(model + ", " + c.name + ": training loss after 1 epoch",
                                OverSeeds.of(afterOneEpoch(method)), "nats");
                results.series(SeriesCsv.write(context.directory(), "gd-vs-sgd-" + slug + "-" + c.slug,
                        new String[] {"epochs", "updates", "training_seconds", "training_loss"},
                        c.epochs, c.updates, c.seconds, c.loss));
                if (method != runs.get(0)) {
                    double[] sgdAfterOne = afterOneEpoch(method);
                    OverSeeds gap = OverSeeds.difference(gdAfterOne, sgdAfterOne);
                    parts.add(judgePart1(gdAfterOne, sgdAfterOne)); // the rule VerdictRulesTest checks
                    why.append(String.format(Locale.ROOT, "%s vs %s %s nats; ", model, c.name, gap));
                }
            }
            results.finding(model + ", batch GD: step chosen by the line search",
                    OverSeeds.of(runs.get(0).stream().mapToDouble(r -> r.initialStep).toArray()), "")
                    .finding(model + ", batch GD: step at the end",
                            OverSeeds.of(runs.get(0).stream().mapToDouble(r -> r.finalStep).toArray()), "")
                    .finding(model + ", batch GD: passes of the initial line search",
                            OverSeeds.of(runs.get(0).stream().mapToDouble(r -> r.searchPasses).toArray()), "");
            results.plots(byEpoch.save(context.directory(), "gd-vs-sgd-" + slug + "-epochs"));
            results.plots(byTime.save(context.directory(), "gd-vs-sgd-" + slug + "-time"));
        }

        // Part 2: updates to reach ρ against κ, per seed.
        double[] kappas = context.quick() ? new double[] {10, 100} : new double[] {10, 100, 1000};
        double[] rhos = {1e-1, 1e-2, 1e-3, 1e-4};
        int last = rhos.length - 1;
        // [kappa][seed][rho]
        long[][][] gd = new long[kappas.length][seeds.length][];
        long[][][] sgd = new long[kappas.length][seeds.length][];
        for (int r = 0; r < seeds.length; r++) {
            Rng rng = new Rng(seeds[r]).split();
            for (int k = 0; k < kappas.length; k++) {
                Synthetic problem = Synthetic.of(kappas[k], context.quick() ? 500 : 2000, 20, rng.split());
                gd[k][r] = problem.gdUpdates(rhos);
                sgd[k][r] = problem.sgdUpdates(rhos, rng.split(), context.quick() ? 300_000L : 20_000_000L);
            }
        }
        boolean gdWithinBound = true;
        boolean gdGrowsWithKappa = true;
        List<double[]> rows = new ArrayList<>();
        List<Verdict> slopeParts = new ArrayList<>();
        for (int k = 0; k < kappas.length; k++) {
            double kappa = kappas[k];
            double[] gdSlope = new double[seeds.length];
            double[] sgdSlope = new double[seeds.length];
            for (int r = 0; r < seeds.length; r++) {
                for (int i = 0; i < rhos.length; i++) {
                    gdWithinBound &= gd[k][r][i] > 0 && gd[k][r][i] <= kappa * Math.log(1 / rhos[i]);
                }
                if (k > 0) {
                    gdGrowsWithKappa &= gd[k][r][last] > gd[k - 1][r][last];
                }
                gdSlope[r] = slope(gd[k][r], last - 2, last);
                // SGD out of budget counts at the budget (negative), which only understates its slope
                sgdSlope[r] = slope(sgd[k][r], last - 2, last);
            }
            for (int i = 0; i < rhos.length; i++) {
                double predicted = kappa * Math.log(1 / rhos[i]);
                double[] gdCounts = column(gd[k], i);
                double[] sgdCounts = column(sgd[k], i);
                rows.add(new double[] {kappa, rhos[i], OverSeeds.of(gdCounts).mean(), predicted,
                    OverSeeds.of(sgdCounts).mean()});
                results.finding(String.format(Locale.ROOT, "κ = %s, ρ = %s: GD updates (κ·ln(1/ρ) = %.0f)",
                        Numbers.compact(kappa), Numbers.compact(rhos[i]), predicted), OverSeeds.of(gdCounts), "")
                        .finding(String.format(Locale.ROOT, "κ = %s, ρ = %s: SGD updates", Numbers.compact(kappa),
                                Numbers.compact(rhos[i])), OverSeeds.of(sgdCounts), "");
            }
            slopeParts.add(judgePart2(gdSlope, sgdSlope));
            results.finding("κ = " + Numbers.compact(kappa) + ": log-log slope of GD's count against 1/ρ, ρ = 10⁻² → 10⁻⁴",
                    OverSeeds.of(gdSlope), "")
                    .finding("κ = " + Numbers.compact(kappa) + ": log-log slope of SGD's count against 1/ρ, ρ = 10⁻² → 10⁻⁴",
                            OverSeeds.of(sgdSlope), "");
        }
        parts.addAll(slopeParts);
        parts.add(Verdict.of(gdWithinBound));
        parts.add(Verdict.of(gdGrowsWithKappa));
        double[][] table = new double[5][rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            for (int c = 0; c < 5; c++) {
                table[c][i] = rows.get(i)[c];
            }
        }
        results.series(SeriesCsv.write(context.directory(), "gd-vs-sgd-conditioning",
                new String[] {"kappa", "rho", "gd_updates_mean", "kappa_ln_1_over_rho", "sgd_updates_mean"}, table));
        LinePlot byRho = LinePlot.titled("Updates to reach f − f* ≤ ρ·(f(w₀) − f*), least squares (mean over "
                + seeds.length + " seeds)").xAxis("1/ρ (log scale)").yAxis("updates (log scale)").logX().logY();
        for (double kappa : kappas) {
            List<double[]> mine = rows.stream().filter(r -> r[0] == kappa).toList();
            double[] inverseRho = mine.stream().mapToDouble(r -> 1 / r[1]).toArray();
            byRho.sweep("GD, κ = " + Numbers.compact(kappa), inverseRho, mine.stream().mapToDouble(r -> r[2]).toArray());
            byRho.reference("bound κ·ln(1/ρ), κ = " + Numbers.compact(kappa), inverseRho,
                    mine.stream().mapToDouble(r -> r[3]).toArray());
            double[] sgdUpdates = mine.stream().mapToDouble(r -> r[4]).toArray();
            if (java.util.Arrays.stream(sgdUpdates).allMatch(v -> v > 0)) {
                byRho.sweep("SGD, κ = " + Numbers.compact(kappa), inverseRho, sgdUpdates);
            }
        }
        results.plots(byRho.save(context.directory(), "gd-vs-sgd-conditioning"));

        Verdict verdict = Verdict.allOf(parts);
        results.verdict(verdict, why + String.format(Locale.ROOT, "GD's update counts are %s the bound κ·ln(1/ρ) on"
                        + " every seed and %s with κ; from ρ = 10⁻² to 10⁻⁴ SGD's counts grow %s (see the"
                        + " slopes).",
                gdWithinBound ? "within" : "not all within", gdGrowsWithKappa ? "grow" : "do not always grow",
                slopeParts.stream().allMatch(v -> v == Verdict.SUPPORTED)
                        ? "like a power of 1/ρ above ½ and faster than GD's"
                        : "not clearly like a power of 1/ρ above ½ and faster than GD's"));
        return results;
    }

    /** Part 1 for one model and one SGD variant: GD's loss after one epoch above SGD's beyond the noise. */
    static Verdict judgePart1(double[] gdAfterOneEpoch, double[] sgdAfterOneEpoch) {
        return OverSeeds.difference(gdAfterOneEpoch, sgdAfterOneEpoch).above(0);
    }

    /**
     * Part 2 for one κ: SGD's count grows like a power of 1/ρ above ½ (1 in theory), and faster
     * than GD's (whose count grows like log 1/ρ), both beyond the noise.
     */
    static Verdict judgePart2(double[] gdSlope, double[] sgdSlope) {
        return Verdict.allOf(OverSeeds.of(sgdSlope).above(0.5), OverSeeds.difference(sgdSlope, gdSlope).above(0));
    }

    /** The log-log slope of |count| against 1/ρ between two of the ρ values (decades apart). */
    private static double slope(long[] counts, int from, int to) {
        return Math.log10((double) Math.abs(counts[to]) / Math.abs(counts[from])) / (to - from);
    }

    private static double[] column(long[][] perSeed, int i) {
        double[] c = new double[perSeed.length];
        for (int r = 0; r < c.length; r++) {
            c[r] = Math.abs(perSeed[r][i]);
        }
        return c;
    }

    private static double[] afterOneEpoch(List<Curve> runs) {
        return runs.stream().mapToDouble(c -> c.at(1.0)).toArray();
    }

    private static Sequential model(Dataset data, String modelName, int hidden, long initSeed) {
        return modelName.startsWith("MLP")
                ? Models.mlp(new Rng(initSeed), data.featureCount(), hidden, data.classes())
                : Models.logisticRegression(new Rng(initSeed), data.featureCount(), data.classes());
    }

    /**
     * Full-batch GD with the backtracking step described in the class comment. Each accepted
     * trial's gradient is the next update's, so a step that needs no halving costs one pass.
     */
    private static Curve gradientDescent(ExperimentContext context, Dataset data, String modelName, int hidden,
                                         int updates, long initSeed) {
        Sequential model = model(data, modelName, hidden, initSeed);
        EmpiricalRisk risk = EmpiricalRisk.of(model, new SoftmaxCrossEntropy(), data, 4096);
        int d = risk.dimension();
        double[] w = risk.parameters();
        double[] g = new double[d];
        double[] trial = new double[d];
        double[] trialGradient = new double[d];
        long start = System.nanoTime();
        double f = risk.valueAndGradient(w, g);
        Curve curve = new Curve("batch GD (line search)", "gd", updates + 1);
        curve.add(0, 0, 0, f);
        double alpha = 4;
        int searchPasses = 0;
        long passes = 0;
        long nanos = 0;
        for (int t = 1; t <= updates; t++) {
            double gg = 0;
            for (int j = 0; j < d; j++) {
                gg += g[j] * g[j];
            }
            double ft;
            while (true) {
                for (int j = 0; j < d; j++) {
                    trial[j] = w[j] - alpha * g[j];
                }
                ft = risk.valueAndGradient(trial, trialGradient);
                if (ft <= f - alpha / 2 * gg || alpha < 1e-6) {
                    break;
                }
                alpha /= 2;
                if (t == 1) {
                    searchPasses++;
                } else {
                    passes++;
                }
            }
            passes++;
            double[] swap = w;
            w = trial;
            trial = swap;
            swap = g;
            g = trialGradient;
            trialGradient = swap;
            f = ft;
            if (t == 1) {
                curve.initialStep = alpha;
                nanos = 0; // the search at the start is reported, not timed
                start = System.nanoTime();
            }
            nanos += System.nanoTime() - start;
            start = System.nanoTime();
            curve.add(t, passes, nanos / 1e9, f);
        }
        curve.finalStep = alpha;
        curve.searchPasses = searchPasses;
        curve.secondsPerUpdate = nanos / 1e9 / Math.max(1, updates - 1);
        curve.trim();
        context.say("  %s, %s: loss %.4f after %d updates, step %.4g (from %.4g; %d passes of search)", modelName,
                curve.name, f, updates, alpha, curve.initialStep, searchPasses);
        return curve;
    }

    private static Curve sgd(ExperimentContext context, Dataset data, String modelName, int hidden, int batch,
                             double rate, int epochs, long initSeed, long orderSeed) {
        Sequential model = model(data, modelName, hidden, initSeed);
        Trainer trainer = new Trainer(model, new SoftmaxCrossEntropy(), new Sgd(rate).build(model.namedParameters()));
        MiniBatches batches = new MiniBatches(data, BatchOptions.shuffled(batch, orderSeed));
        Evaluator evaluator = new Evaluator(4096);
        long n = data.size();
        Curve curve = new Curve(batch == 1 ? "online SGD (1)" : "mini-batch SGD (" + batch + ")",
                batch == 1 ? "online" : "minibatch", SGD_CHECKPOINTS.length + 1);
        curve.add(0, 0, 0, evaluator.evaluate(model, new SoftmaxCrossEntropy(), data).loss());
        long examples = 0;
        long updates = 0;
        long trainingNanos = 0;
        int next = 0;
        for (int e = 0; e < epochs; e++) {
            Iterator<Batch> it = batches.nextEpoch().iterator();
            long start = System.nanoTime();
            while (it.hasNext()) {
                Batch b = it.next();
                trainer.step(b.features(), b.labels());
                examples += b.size();
                updates++;
                if (next < SGD_CHECKPOINTS.length && examples >= Math.round(SGD_CHECKPOINTS[next] * n)) {
                    trainingNanos += System.nanoTime() - start;
                    // the epoch boundaries are exact: the last batch of an epoch is the partial one
                    curve.add(updates, (double) examples / n, trainingNanos / 1e9,
                            evaluator.evaluate(model, new SoftmaxCrossEntropy(), data).loss());
                    while (next < SGD_CHECKPOINTS.length && examples >= Math.round(SGD_CHECKPOINTS[next] * n)) {
                        next++;
                    }
                    start = System.nanoTime();
                }
            }
            trainingNanos += System.nanoTime() - start;
        }
        curve.secondsPerUpdate = trainingNanos / 1e9 / updates;
        curve.trim();
        context.say("  %s, %s: loss %.4f after %d updates (%.1f µs each)", modelName, curve.name,
                curve.loss[curve.loss.length - 1], updates, curve.secondsPerUpdate * 1e6);
        return curve;
    }

    /** Training loss along a run. */
    private static final class Curve {
        final String name;
        final String slug;
        double[] updates;
        double[] epochs;
        double[] seconds;
        double[] loss;
        int count;
        double secondsPerUpdate;
        double initialStep = Double.NaN;
        double finalStep = Double.NaN;
        int searchPasses;

        Curve(String name, String slug, int capacity) {
            this.name = name;
            this.slug = slug;
            updates = new double[capacity];
            epochs = new double[capacity];
            seconds = new double[capacity];
            loss = new double[capacity];
        }

        void add(double update, double epoch, double second, double value) {
            updates[count] = update;
            epochs[count] = epoch;
            seconds[count] = second;
            loss[count] = value;
            count++;
        }

        void trim() {
            updates = java.util.Arrays.copyOf(updates, count);
            epochs = java.util.Arrays.copyOf(epochs, count);
            seconds = java.util.Arrays.copyOf(seconds, count);
            loss = java.util.Arrays.copyOf(loss, count);
        }

        /** The loss at exactly {@code epoch} epochs of examples. */
        double at(double epoch) {
            for (int i = 0; i < count; i++) {
                if (Math.abs(epochs[i] - epoch) < 1e-9) {
                    return loss[i];
                }
            }
            throw new IllegalStateException(name + " has no checkpoint at exactly " + epoch + " epochs");
        }

        /** Epochs with the start moved to a small positive value, for a log axis. */
        double[] positiveEpochs() {
            double[] e = epochs.clone();
            e[0] = Math.max(e[0], Math.min(1e-4, e.length > 1 ? e[1] / 10 : 1e-4));
            return e;
        }

        double[] positiveSeconds() {
            double[] s = seconds.clone();
            s[0] = Math.max(s[0], s.length > 1 ? s[1] / 10 : 1e-6);
            for (int i = 1; i < s.length; i++) {
                s[i] = Math.max(s[i], 1e-9);
            }
            return s;
        }
    }

    /**
     * Least squares (1/2n)‖Xw − y‖² on synthetic data: rows x ~ N(0, diag(λ_j)) with λ_j from 1
     * down to 1/κ geometrically, y = x·w_true + N(0, 0.25), so κ(XᵀX/n) ≈ κ.
     */
    private record Synthetic(double[] x, double[] y, int n, int d, double[] optimum, double minimum, double largest,
                             double smallest, double maxRowNorm) {

        static Synthetic of(double kappa, int n, int d, Rng rng) {
            double[] x = new double[n * d];
            double[] y = new double[n];
            double[] truth = new double[d];
            for (int j = 0; j < d; j++) {
                truth[j] = rng.nextGaussian();
            }
            for (int i = 0; i < n; i++) {
                double dot = 0;
                for (int j = 0; j < d; j++) {
                    double scale = Math.sqrt(Math.pow(kappa, -(double) j / (d - 1)));
                    x[i * d + j] = scale * rng.nextGaussian();
                    dot += x[i * d + j] * truth[j];
                }
                y[i] = dot + 0.5 * rng.nextGaussian();
            }
            double[] gram = new double[d * d];
            double[] rhs = new double[d];
            double maxRow = 0;
            for (int i = 0; i < n; i++) {
                double norm = 0;
                for (int a = 0; a < d; a++) {
                    rhs[a] += x[i * d + a] * y[i] / n;
                    norm += x[i * d + a] * x[i * d + a];
                    for (int b = 0; b < d; b++) {
                        gram[a * d + b] += x[i * d + a] * x[i * d + b] / n;
                    }
                }
                maxRow = Math.max(maxRow, norm);
            }
            double[] optimum = Cholesky.decompose(DoubleMatrix.wrap(gram.clone(), d, d)).solve(rhs);
            double largest = Eigenvalues.largest(gram, d);
            double smallest = Eigenvalues.smallest(gram, d);
            Synthetic s = new Synthetic(x, y, n, d, optimum, 0, largest, smallest, maxRow);
            return new Synthetic(x, y, n, d, optimum, s.value(optimum), largest, smallest, maxRow);
        }

        double value(double[] w) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                double r = -y[i];
                for (int j = 0; j < d; j++) {
                    r += x[i * d + j] * w[j];
                }
                s += r * r;
            }
            return s / (2 * n);
        }

        /** GD with step 1/L from 0: the first update count at which f − f* ≤ ρ·(f(0) − f*), per ρ. */
        long[] gdUpdates(double[] rhos) {
            double[] w = new double[d];
            double start = value(w) - minimum;
            long[] found = new long[rhos.length];
            java.util.Arrays.fill(found, -1);
            double[] g = new double[d];
            for (long t = 1; t <= 1_000_000 && found[rhos.length - 1] < 0; t++) {
                java.util.Arrays.fill(g, 0);
                for (int i = 0; i < n; i++) {
                    double r = -y[i];
                    for (int j = 0; j < d; j++) {
                        r += x[i * d + j] * w[j];
                    }
                    for (int j = 0; j < d; j++) {
                        g[j] += r * x[i * d + j] / n;
                    }
                }
                for (int j = 0; j < d; j++) {
                    w[j] -= g[j] / largest;
                }
                double excess = value(w) - minimum;
                for (int r = 0; r < rhos.length; r++) {
                    if (found[r] < 0 && excess <= rhos[r] * start) {
                        found[r] = t;
                    }
                }
            }
            return found;
        }

        /**
         * SGD from 0, one random example per update, α_t = min(1/(2 max‖xᵢ‖²), 2/(μ(t + 1))); the
         * objective is checked every 50 updates; -1 when the budget runs out first.
         */
        long[] sgdUpdates(double[] rhos, Rng rng, long budget) {
            double[] w = new double[d];
            double start = value(w) - minimum;
            long[] found = new long[rhos.length];
            java.util.Arrays.fill(found, -1);
            double cap = 1 / (2 * maxRowNorm);
            long check = 50;
            for (long t = 0; t < budget && found[rhos.length - 1] < 0; t++) {
                int i = rng.nextInt(n);
                double r = -y[i];
                for (int j = 0; j < d; j++) {
                    r += x[i * d + j] * w[j];
                }
                double alpha = Math.min(cap, 2 / (smallest * (t + 1)));
                for (int j = 0; j < d; j++) {
                    w[j] -= alpha * r * x[i * d + j];
                }
                if ((t + 1) % check == 0) {
                    double excess = value(w) - minimum;
                    for (int k = 0; k < rhos.length; k++) {
                        if (found[k] < 0 && excess <= rhos[k] * start) {
                            found[k] = t + 1;
                        }
                    }
                }
            }
            return found;
        }
    }
}
