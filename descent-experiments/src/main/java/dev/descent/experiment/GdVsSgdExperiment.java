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
import dev.descent.train.Evaluator;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * {@code gd-vs-sgd}: batch gradient descent, online SGD (one example per update) and
 * mini-batch SGD (64), from the same initial weights and seed.
 *
 * <p>Part 1, real data: logistic regression (convex) and an MLP on the training set, the full
 * training loss recorded against epochs (examples processed / n) and against training time
 * (evaluations excluded), with the measured time per update: GD's touches all n examples, O(nd),
 * SGD's one, O(d). Each method has its own well-chosen constant rate (stated in the settings).
 *
 * <p>Part 2, controlled conditioning: least squares on synthetic data whose covariance has
 * eigenvalues spread geometrically from 1 to 1/κ (d = 20, n = 2 000, noise σ = 0.5), for
 * κ ∈ {10, 100, 1000}; the updates each method needs to bring f − f* down to ρ·(f(w₀) − f*)
 * for ρ ∈ {10⁻¹, …, 10⁻⁴}, beside the predicted orders: κ·ln(1/ρ) for GD with step 1/L,
 * and νκ²/ρ-like growth for SGD with the decaying step α_t = min(1/(2 max‖xᵢ‖²), 2/(μ(t + 1))).
 *
 * <p>Supported when, per example processed, both SGD variants reach a lower training loss than
 * GD after one epoch on both models; GD's update counts stay below the bound κ·ln(1/ρ) (a
 * worst case: here the starting error is spread over all directions, not only the flattest) and
 * grow with κ; and over the last decade of ρ, SGD's count grows at least 5-fold (∝ 1/ρ) and
 * faster than GD's (∝ log 1/ρ once the flattest direction dominates).
 */
public final class GdVsSgdExperiment implements Experiment {
    private static final int CHECKPOINTS = 40;

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
    public Results run(ExperimentContext context) {
        Dataset data = context.data();
        int epochs = context.quick() ? 2 : 3;
        int gdEpochs = context.quick() ? 20 : 40;
        Rng rng = new Rng(context.seed());
        long initSeed = rng.nextLong();
        long orderSeed = rng.nextLong();
        Results results = new Results(this)
                .setting("data", data.size() + " × " + data.featureCount() + ", " + data.classes() + " classes")
                .setting("budgets", "SGD " + epochs + " epochs, GD " + gdEpochs + " epochs (= updates)")
                .setting("rates", "GD 0.5, mini-batch (64) 0.1, online (1) 0.01; no momentum");

        boolean sgdAhead = true;
        for (String modelName : new String[] {"logistic regression", "MLP"}) {
            int hidden = context.quick() ? 16 : 64;
            List<Curve> curves = new ArrayList<>();
            curves.add(train(context, data, modelName, hidden, data.size(), 0.5, gdEpochs, initSeed, orderSeed));
            curves.add(train(context, data, modelName, hidden, 64, 0.1, epochs, initSeed, orderSeed));
            curves.add(train(context, data, modelName, hidden, 1, 0.01, epochs, initSeed, orderSeed));
            String slug = modelName.startsWith("MLP") ? "mlp" : "logreg";
            String model = modelName.startsWith("MLP") ? "MLP " + data.featureCount() + "-" + hidden + "-"
                    + data.classes() : "logistic regression";
            LinePlot byEpoch = LinePlot.titled(model + ": training loss per example processed")
                    .xAxis("epochs (examples processed / n, log scale)").yAxis("training loss (nats)").logX();
            LinePlot byTime = LinePlot.titled(model + ": training loss against training time")
                    .xAxis("training time (s, log scale; evaluations excluded)").yAxis("training loss (nats)").logX();
            double gdAfterOne = curves.get(0).at(1.0);
            for (Curve c : curves) {
                byEpoch.line(c.name, c.positiveEpochs(), c.loss);
                byTime.line(c.name, c.positiveSeconds(), c.loss);
                results.finding(model + ", " + c.name + ": time per update", c.secondsPerUpdate * 1e6, "µs")
                        .finding(model + ", " + c.name + ": training loss after 1 epoch", c.at(1.0), "nats");
                results.series(SeriesCsv.write(context.directory(), "gd-vs-sgd-" + slug + "-" + c.slug,
                        new String[] {"epochs", "updates", "training_seconds", "training_loss"},
                        c.epochs, c.updates, c.seconds, c.loss));
                if (c != curves.get(0)) {
                    sgdAhead &= c.at(1.0) < gdAfterOne;
                }
            }
            results.plots(byEpoch.save(context.directory(), "gd-vs-sgd-" + slug + "-epochs"));
            results.plots(byTime.save(context.directory(), "gd-vs-sgd-" + slug + "-time"));
        }

        // Part 2: updates to reach ρ against κ.
        double[] kappas = context.quick() ? new double[] {10, 100} : new double[] {10, 100, 1000};
        double[] rhos = {1e-1, 1e-2, 1e-3, 1e-4};
        List<double[]> rows = new ArrayList<>();
        boolean gdPredicted = true;
        boolean sgdSteeper = true;
        boolean gdGrowsWithKappa = true;
        long previousGd = 0;
        for (double kappa : kappas) {
            Synthetic problem = Synthetic.of(kappa, context.quick() ? 500 : 2000, 20, rng.split());
            long[] gd = problem.gdUpdates(rhos);
            long[] sgd = problem.sgdUpdates(rhos, rng.split(), context.quick() ? 2_000_000L : 20_000_000L);
            for (int r = 0; r < rhos.length; r++) {
                double predicted = kappa * Math.log(1 / rhos[r]);
                rows.add(new double[] {kappa, rhos[r], gd[r], predicted, sgd[r]});
                gdPredicted &= gd[r] > 0 && gd[r] <= predicted;
                results.finding(String.format(Locale.ROOT, "κ = %s, ρ = %s: GD updates (κ·ln(1/ρ) = %.0f)",
                        Numbers.compact(kappa), Numbers.compact(rhos[r]), predicted), gd[r], "")
                        .finding(String.format(Locale.ROOT, "κ = %s, ρ = %s: SGD updates", Numbers.compact(kappa),
                                Numbers.compact(rhos[r])), sgd[r], "");
            }
            if (previousGd > 0) {
                gdGrowsWithKappa &= gd[rhos.length - 1] > previousGd;
            }
            previousGd = gd[rhos.length - 1];
            int last = rhos.length - 1;
            double gdGrowth = (double) gd[last] / gd[last - 1];
            double sgdGrowth = sgd[last] < 0 ? Double.POSITIVE_INFINITY : (double) sgd[last] / sgd[last - 1];
            sgdSteeper &= sgdGrowth >= 5 && sgdGrowth > gdGrowth;
            results.finding("κ = " + Numbers.compact(kappa) + ": growth of GD's count over the last decade of ρ",
                    gdGrowth, "×")
                    .finding("κ = " + Numbers.compact(kappa) + ": growth of SGD's count over the last decade of ρ",
                            sgdGrowth, "×");
        }
        double[][] table = new double[5][rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            for (int c = 0; c < 5; c++) {
                table[c][i] = rows.get(i)[c];
            }
        }
        results.series(SeriesCsv.write(context.directory(), "gd-vs-sgd-conditioning",
                new String[] {"kappa", "rho", "gd_updates", "kappa_ln_1_over_rho", "sgd_updates"}, table));
        LinePlot byRho = LinePlot.titled("Updates to reach f − f* ≤ ρ·(f(w₀) − f*), least squares")
                .xAxis("1/ρ (log scale)").yAxis("updates (log scale)").logX().logY();
        for (double kappa : kappas) {
            List<double[]> mine = rows.stream().filter(r -> r[0] == kappa).toList();
            double[] inverseRho = mine.stream().mapToDouble(r -> 1 / r[1]).toArray();
            byRho.line("GD, κ = " + Numbers.compact(kappa), inverseRho, mine.stream().mapToDouble(r -> r[2]).toArray());
            double[] sgdUpdates = mine.stream().mapToDouble(r -> r[4]).toArray();
            if (java.util.Arrays.stream(sgdUpdates).allMatch(v -> v > 0)) {
                byRho.line("SGD, κ = " + Numbers.compact(kappa), inverseRho, sgdUpdates);
            }
        }
        results.plots(byRho.save(context.directory(), "gd-vs-sgd-conditioning"));

        boolean supported = sgdAhead && gdPredicted && gdGrowsWithKappa && sgdSteeper;
        results.verdict(supported, String.format(Locale.ROOT,
                "After one epoch of examples SGD is %s GD on both models (see the 'after 1 epoch' figures). GD's"
                        + " update counts are %s the bound κ·ln(1/ρ) and %s with κ; over the last decade of ρ SGD's"
                        + " %s.",
                sgdAhead ? "ahead of" : "not always ahead of", gdPredicted ? "below" : "not all below",
                gdGrowsWithKappa ? "grow" : "do not grow",
                sgdSteeper ? "grow at least 5-fold and faster than GD's" : "do not grow 5-fold and faster than GD's"));
        return results;
    }

    private static Curve train(ExperimentContext context, Dataset data, String modelName, int hidden, int batch,
                               double rate, int epochs, long initSeed, long orderSeed) {
        Sequential model = modelName.startsWith("MLP")
                ? Models.mlp(new Rng(initSeed), data.featureCount(), hidden, data.classes())
                : Models.logisticRegression(new Rng(initSeed), data.featureCount(), data.classes());
        Trainer trainer = new Trainer(model, new SoftmaxCrossEntropy(),
                new Sgd(rate).build(model.namedParameters()));
        MiniBatches batches = new MiniBatches(data, BatchOptions.shuffled(batch, orderSeed));
        Evaluator evaluator = new Evaluator(4096);
        long perEpoch = (data.size() + batch - 1) / batch;
        long total = perEpoch * epochs;
        Curve curve = new Curve(batch == data.size() ? "batch GD" : batch == 1 ? "online SGD (1)"
                : "mini-batch SGD (" + batch + ")", batch == data.size() ? "gd" : batch == 1 ? "online" : "minibatch",
                CHECKPOINTS + 1);
        curve.add(0, 0, 0, evaluator.evaluate(model, new SoftmaxCrossEntropy(), data).loss());
        Iterator<Batch> it = batches.nextEpoch().iterator();
        long done = 0;
        long trainingNanos = 0;
        for (int k = 1; k <= CHECKPOINTS; k++) {
            long target = Math.max(done, total * k / CHECKPOINTS);
            long start = System.nanoTime();
            for (; done < target; done++) {
                if (!it.hasNext()) {
                    it = batches.nextEpoch().iterator();
                }
                Batch b = it.next();
                trainer.step(b.features(), b.labels());
            }
            trainingNanos += System.nanoTime() - start;
            if (curve.count == 0 || done != curve.updates[curve.count - 1]) {
                curve.add(done, (double) done / perEpoch, trainingNanos / 1e9,
                        evaluator.evaluate(model, new SoftmaxCrossEntropy(), data).loss());
            }
        }
        curve.secondsPerUpdate = trainingNanos / 1e9 / done;
        curve.trim();
        context.say("  %s, %s: loss %.4f after %d updates (%.1f µs each)", modelName, curve.name,
                curve.loss[curve.loss.length - 1], done, curve.secondsPerUpdate * 1e6);
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

        /** The loss at the first checkpoint at or past {@code epoch}. */
        double at(double epoch) {
            for (int i = 0; i < count; i++) {
                if (epochs[i] >= epoch - 1e-9) {
                    return loss[i];
                }
            }
            return loss[count - 1];
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
