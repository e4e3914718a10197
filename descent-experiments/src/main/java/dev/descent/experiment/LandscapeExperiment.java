package dev.descent.experiment;

import dev.descent.autodiff.Variable;
import dev.descent.data.Batch;
import dev.descent.data.BatchOptions;
import dev.descent.data.Dataset;
import dev.descent.data.MiniBatches;
import dev.descent.data.Splits;
import dev.descent.loss.SoftmaxCrossEntropy;
import dev.descent.nn.Models;
import dev.descent.nn.Sequential;
import dev.descent.optim.Sgd;
import dev.descent.plot.ContourPlot;
import dev.descent.plot.LinePlot;
import dev.descent.random.Rng;
import dev.descent.train.Trainer;
import dev.descent.train.Evaluation;
import dev.descent.train.Evaluator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code landscape}: the training loss of an MLP seen along straight lines and on planes in
 * weight space. Net A is trained from seed A with plain SGD, its weights recorded every few
 * updates (the trajectory); net B the same way from another initialisation and batch order.
 * Every loss is the mean cross-entropy of the training loss on a fixed stratified subset of the
 * training set (10 000 of the 60 000 Fashion-MNIST examples), so that the ~2 000 evaluations fit
 * the time budget.
 *
 * <ul>
 *   <li>1-D, init → final: θ(α) = (1 − α)·θ_init + α·θ_final for α ∈ [−0.5, 1.5] (Goodfellow,
 *       Vinyals and Saxe, "Qualitatively characterizing neural network optimization problems",
 *       ICLR 2015: the line is typically monotone).</li>
 *   <li>1-D, A → B: the line between the two trained solutions. Hidden units of independently
 *       trained nets are permuted against each other, so their average is not a solution: a
 *       barrier is expected; its height is the highest loss on α ∈ [0, 1] minus the higher
 *       endpoint.</li>
 *   <li>2-D, random: θ_final + a·d₁ + b·d₂ for (a, b) ∈ [−1, 1]², d₁ and d₂ Gaussian and
 *       filter-normalised (Li, Xu, Taylor, Studer and Goldstein, "Visualizing the Loss Landscape
 *       of Neural Nets", NeurIPS 2018): every row of a weight matrix of the direction — one
 *       unit's incoming weights, the MLP's "filter" — is rescaled to the norm of the same row of
 *       θ_final, so a step of 1 moves each unit by its own size whatever the scale of its
 *       weights. The biases of the directions are 0, as the paper does for bias and batch-norm
 *       parameters. The trajectory is drawn by its least-squares coordinates in span(d₁, d₂) of
 *       θ_t − θ_final; random directions keep only a few per cent of the displacement (isotropic
 *       ones about √(2/dimension); the bias part not at all), which is itself the paper's reason
 *       for the next plot.</li>
 *   <li>2-D, PCA: the same around θ_final on the plane of the trajectory's first two principal
 *       directions (PCA of the centred θ_t − θ_final, unit-norm directions), as Li et al. draw
 *       optimizer paths; the grid covers the projected path with a margin.</li>
 * </ul>
 *
 * <p>Verdict rule: supported when (1) the init → final line descends: the loss at θ_final is below
 * the loss at θ_init and no point on α ∈ [0, 1] rises more than {@value #RISE_TOLERANCE} nats
 * above the lowest loss before it (a barrier of any height counts, not only one above the
 * starting loss); (2) the random slice is a bowl: its centre θ_final is within
 * {@value #CENTRE_TOLERANCE} nats of the slice's minimum and below every point of the slice's
 * edge; (3) the line between the two solutions has a barrier above {@value #BARRIER_THRESHOLD}
 * nats.
 */
public final class LandscapeExperiment implements Experiment {
    static final double RATE = 0.1;
    static final double RISE_TOLERANCE = 0.01;
    static final double CENTRE_TOLERANCE = 0.01;
    static final double BARRIER_THRESHOLD = 0.01;
    private static final double ALPHA_FROM = -0.5;
    private static final double ALPHA_TO = 1.5;

    @Override
    public String name() {
        return "landscape";
    }

    @Override
    public String claim() {
        return "Seen along the path of training the loss is a smooth basin: the straight line from initial to final"
                + " weights descends without barriers, and a 2-D slice around the solution is a bowl; two"
                + " independently trained solutions are separated by a barrier along the straight line.";
    }

    @Override
    public String source() {
        return "The lectures' loss-landscape pictures (Goodfellow, Vinyals and Saxe 2015, 'Qualitatively"
                + " characterizing neural network optimization problems'; Li et al. 2018, 'Visualizing the"
                + " loss landscape of neural nets', filter-normalised directions).";
    }

    /** Part (1): the loss ends lower and never rises more than the tolerance on the way. */
    static boolean descends(double startLoss, double endLoss, double largestRise) {
        return endLoss < startLoss && largestRise <= RISE_TOLERANCE;
    }

    /** Part (2): the centre is within the tolerance of the slice's minimum and below its whole edge. */
    static boolean bowl(double centreLoss, double sliceMinimum, double lowestOnEdge) {
        return centreLoss - sliceMinimum <= CENTRE_TOLERANCE && centreLoss < lowestOnEdge;
    }

    @Override
    public Results run(ExperimentContext context) {
        boolean quick = context.quick();
        Dataset data = context.data();
        int hidden = quick ? 16 : 64;
        int epochs = quick ? 2 : 3;
        int batch = quick ? 16 : 64;
        int probeSize = quick ? 400 : 10_000;
        int linePoints = quick ? 9 : 41; // (points − 1) divisible by 4: α = 0 and 1 are grid points
        int gridPoints = quick ? 9 : 41; // odd: the centre is a grid point
        int snapshots = quick ? 20 : 70;
        int[] widths = {data.featureCount(), hidden, data.classes()};
        Rng rng = new Rng(context.seed());
        Dataset probe = Splits.holdOut(data, (double) probeSize / data.size(), rng.nextLong()).heldOut();
        long initA = rng.nextLong();
        long orderA = rng.nextLong();
        long initB = rng.nextLong();
        long orderB = rng.nextLong();
        long directionSeed = rng.nextLong();
        long steps = (long) epochs * (data.size() / batch);
        int every = (int) Math.max(1, steps / snapshots);

        Results results = new Results(this)
                .setting("model", "MLP " + data.featureCount() + "-" + hidden + "-" + data.classes()
                        + " (ReLU), softmax cross-entropy")
                .setting("training", "plain SGD, α = " + RATE + ", batch " + batch + ", " + epochs + " epochs ("
                        + steps + " updates) on all " + data.size() + " training examples; nets A and B differ in"
                        + " initial weights and batch order")
                .setting("trajectory", "net A's weights every " + every + " updates")
                .setting("loss", "training loss measured on a fixed stratified subset of " + probe.size() + " of the "
                        + data.size() + " training examples (mean cross-entropy, nats), to fit the time budget")
                .setting("lines", linePoints + " points, α from " + ALPHA_FROM + " to " + ALPHA_TO)
                .setting("random directions", "Gaussian, filter-normalised per row of each weight matrix to the row's"
                        + " norm in θ_final (Li et al. 2018); bias components 0")
                .setting("slices", gridPoints + " × " + gridPoints + " grids: [−1, 1]² for the random directions,"
                        + " the projected path with a margin for the PCA directions");

        Training a = train(data, widths, batch, epochs, initA, orderA, every);
        Training b = train(data, widths, batch, epochs, initB, orderB, Integer.MAX_VALUE);
        Sequential model = Models.mlp(new Rng(initA), widths);
        Probe loss = new Probe(model, probe);
        double[] init = a.path.get(0);
        double[] fin = a.path.get(a.path.size() - 1);
        double[] other = b.path.get(b.path.size() - 1);
        context.say("  trained nets A and B: loss %.4f and %.4f on the subset", loss.at(fin).loss(),
                loss.at(other).loss());

        // 1-D: the two lines.
        double[] alpha = new double[linePoints];
        for (int i = 0; i < linePoints; i++) {
            alpha[i] = ALPHA_FROM + (ALPHA_TO - ALPHA_FROM) * i / (linePoints - 1);
        }
        Line toFinal = Line.along(loss, alpha, init, fin);
        Line between = Line.along(loss, alpha, fin, other);
        int start = index(alpha, 0);
        int end = index(alpha, 1);
        int lowest = toFinal.argMin();
        double rise = toFinal.largestRise(start, end);
        int highest = between.argMax(start, end);
        double barrier = between.loss[highest] - Math.max(between.loss[start], between.loss[end]);
        context.say("  init → final: %.4f → %.4f, largest rise %.4f; A → B barrier %.4f at α = %s",
                toFinal.loss[start], toFinal.loss[end], rise, barrier, Numbers.compact(alpha[highest]));
        results.finding("loss at θ_init (net A)", toFinal.loss[start], "nats")
                .finding("loss at θ_final (net A)", toFinal.loss[end], "nats")
                .finding("accuracy at θ_final (net A)", toFinal.accuracy[end], "")
                .finding("loss at θ_B (net B)", between.loss[end], "nats")
                .finding("‖θ_final − θ_init‖", Math.sqrt(Gradients.squaredDistance(fin, init)), "")
                .finding("init → final line: lowest loss", toFinal.loss[lowest], "nats")
                .finding("init → final line: α of the lowest loss", alpha[lowest], "")
                .finding("init → final line: largest rise on α ∈ [0, 1] (0 = monotone)", rise, "nats")
                .finding("init → final line: loss at α = " + Numbers.compact(ALPHA_TO), toFinal.loss[linePoints - 1],
                        "nats")
                .finding("‖θ_A − θ_B‖", Math.sqrt(Gradients.squaredDistance(fin, other)), "")
                .finding("A → B line: highest loss on α ∈ [0, 1]", between.loss[highest], "nats")
                .finding("A → B line: α of the highest loss", alpha[highest], "")
                .finding("A → B line: barrier (highest − higher endpoint)", barrier, "nats")
                .finding("A → B line: accuracy at α = 0.5", between.accuracy[index(alpha, 0.5)], "");
        results.series(SeriesCsv.write(context.directory(), "landscape-lines",
                new String[] {"alpha", "init_to_final_loss", "init_to_final_accuracy", "a_to_b_loss", "a_to_b_accuracy"},
                alpha, toFinal.loss, toFinal.accuracy, between.loss, between.accuracy));
        results.plots(LinePlot.titled("Training loss along straight lines in weight space")
                .xAxis("α, θ(α) = (1 − α)·θ_start + α·θ_end (α = 0: start, 1: end)")
                .yAxis("training loss (cross-entropy, nats)")
                .line("θ_init → θ_final (net A)", alpha, toFinal.loss)
                .line("θ_A → θ_B (two trained nets)", alpha, between.loss)
                .save(context.directory(), "landscape-lines"));
        results.plots(LinePlot.titled("Training accuracy along straight lines in weight space")
                .xAxis("α, θ(α) = (1 − α)·θ_start + α·θ_end (α = 0: start, 1: end)")
                .yAxis("training accuracy (fraction)")
                .line("θ_init → θ_final (net A)", alpha, toFinal.accuracy)
                .line("θ_A → θ_B (two trained nets)", alpha, between.accuracy)
                .save(context.directory(), "landscape-lines-accuracy"));

        // 2-D: random filter-normalised directions.
        Rng directions = new Rng(directionSeed);
        double[] d1 = filterNormalised(model, gaussian(directions, fin.length), fin);
        double[] d2 = filterNormalised(model, gaussian(directions, fin.length), fin);
        double[] axis = new double[gridPoints];
        for (int i = 0; i < gridPoints; i++) {
            axis[i] = -1 + 2.0 * i / (gridPoints - 1);
        }
        Slice random = Slice.of(loss, fin, d1, d2, axis, axis);
        Projection onRandom = Projection.of(a.path, fin, d1, d2);
        double slicedEdge = random.lowestOnEdge();
        int centre = gridPoints / 2;
        double centreLoss = random.z[centre][centre];
        context.say("  random slice: %.4f at the centre, %.4f to %.4f; the plane captures %.2f %% of θ_init − θ_final",
                centreLoss, random.min(), random.max(), 100 * onRandom.captured[0]);
        results.finding("random slice: loss at the centre (θ_final)", centreLoss, "nats")
                .finding("random slice: lowest loss", random.min(), "nats")
                .finding("random slice: highest loss", random.max(), "nats")
                .finding("random slice: a of the lowest loss", axis[random.argMin() % gridPoints], "")
                .finding("random slice: b of the lowest loss", axis[random.argMin() / gridPoints], "")
                .finding("random slice: lowest loss on the edge of [−1, 1]²", slicedEdge, "nats")
                .finding("random plane: fraction of ‖θ_init − θ_final‖ its projection keeps", onRandom.captured[0], "")
                .finding("random plane: largest such fraction along the trajectory", onRandom.largestCaptured(), "")
                .finding("√(2 / number of weights), what isotropic random directions would keep",
                        Math.sqrt(2.0 / fin.length), "");
        results.series(random.write(context.directory(), "landscape-random-slice"));

        // 2-D: the trajectory's principal directions.
        Pca pca = Pca.of(a.path, fin);
        Projection onPca = Projection.of(a.path, fin, pca.first, pca.second);
        double[] px = margined(onPca.x, gridPoints);
        double[] py = margined(onPca.y, gridPoints);
        Slice plane = Slice.of(loss, fin, pca.first, pca.second, px, py);
        double pathCaptured = onPca.capturedSquares();
        context.say("  PCA plane: PC1 %.1f %%, PC2 %.1f %% of the path's variance; it keeps %.1f %% of its squared"
                + " displacement", 100 * pca.firstShare, 100 * pca.secondShare, 100 * pathCaptured);
        results.finding("PCA: share of the trajectory's variance on PC1", pca.firstShare, "")
                .finding("PCA: share of the trajectory's variance on PC2", pca.secondShare, "")
                .finding("PCA plane: fraction of ‖θ_init − θ_final‖ its projection keeps", onPca.captured[0], "")
                .finding("PCA plane: fraction of the path's squared displacement Σ‖θ_t − θ_final‖² it keeps",
                        pathCaptured, "")
                .finding("PCA slice: lowest loss", plane.min(), "nats")
                .finding("PCA slice: highest loss", plane.max(), "nats");
        results.series(plane.write(context.directory(), "landscape-pca-slice"));

        double[] trajectoryLoss = new double[a.path.size()];
        for (int t = 0; t < trajectoryLoss.length; t++) {
            trajectoryLoss[t] = loss.at(a.path.get(t)).loss();
        }
        results.series(SeriesCsv.write(context.directory(), "landscape-trajectory",
                new String[] {"update", "loss", "distance_to_final", "random_x", "random_y", "random_captured",
                    "pca_x", "pca_y", "pca_captured"},
                a.updates(), trajectoryLoss, onRandom.distance, onRandom.x, onRandom.y, onRandom.captured,
                onPca.x, onPca.y, onPca.captured));

        results.plots(ContourPlot.titled("Random filter-normalised slice around θ_final (net A)")
                .xAxis("a, along d₁ (1 = each unit's weight-row norm)")
                .yAxis("b, along d₂ (1 = each unit's weight-row norm)")
                .zAxis("training loss (nats)")
                .grid(axis, axis, random.z)
                .levels(levels(random))
                .path(String.format(Locale.ROOT, "SGD trajectory projected (keeps %.1f %% of ‖θ_init − θ_final‖)",
                        100 * onRandom.captured[0]), onRandom.x, onRandom.y)
                .equalAspect()
                .note(onRandom.captured[0] < 0.5 ? String.format(Locale.ROOT, "The trajectory lies mostly out of this"
                        + " plane: its projection keeps %.1f %% of ‖θ_init − θ_final‖, so the path drawn is"
                        + " foreshortened and the contours are not the loss it met.", 100 * onRandom.captured[0])
                        : String.format(Locale.ROOT, "The projection keeps %.1f %% of ‖θ_init − θ_final‖.",
                        100 * onRandom.captured[0]))
                .save(context.directory(), "landscape-random-slice"));
        results.plots(ContourPlot.titled("Slice on the trajectory's two principal directions, around θ_final")
                .xAxis(String.format(Locale.ROOT, "PC1 coordinate (unit direction, %.0f %% of the path's variance)",
                        100 * pca.firstShare))
                .yAxis(String.format(Locale.ROOT, "PC2 coordinate (unit direction, %.0f %%)",
                        100 * pca.secondShare))
                .zAxis("training loss (nats)")
                .grid(px, py, plane.z)
                .levels(levels(plane))
                .path("SGD trajectory of net A, every " + every + " updates", onPca.x, onPca.y)
                .save(context.directory(), "landscape-pca-slice"));

        boolean descends = descends(toFinal.loss[start], toFinal.loss[end], rise);
        boolean bowl = bowl(centreLoss, random.min(), slicedEdge);
        boolean separated = barrier > BARRIER_THRESHOLD;
        results.rule("Supported when (1) the init → final line descends: the loss at θ_final is below the loss"
                + " at θ_init and no point on α ∈ [0, 1] rises more than 0.01 nats above the lowest loss"
                + " before it; (2) the random slice is a bowl: its centre is within 0.01 nats of the slice's"
                + " minimum and below every point of its edge; (3) the line between two independently"
                + " trained solutions has a barrier above 0.01 nats. One seed: each picture is a measurement"
                + " of trained nets, not a comparison of two arms.");
        results.verdict(Verdict.allOf(Verdict.of(descends), Verdict.of(bowl), Verdict.of(separated)),
                String.format(Locale.ROOT,
                "(1) From θ_init to θ_final the loss goes %.3f → %.3f with a largest rise of %.4f nats (%s;"
                        + " lowest %.3f at α = %s). (2) The random slice %s: %.3f at the centre, %.3f lowest, %.3f"
                        + " lowest on the edge, up to %.3f. (3) Between the two trained nets the loss rises %.3f"
                        + " nats above the higher endpoint at α = %s (%s). Random directions keep %.2f %% of"
                        + " ‖θ_init − θ_final‖, the PCA plane %.1f %%.",
                toFinal.loss[start], toFinal.loss[end], rise, rise <= RISE_TOLERANCE ? "no barrier" : "a barrier",
                toFinal.loss[lowest], Numbers.compact(alpha[lowest]), bowl ? "is a bowl" : "is not a bowl around θ_final",
                centreLoss, random.min(), slicedEdge, random.max(), barrier, Numbers.compact(alpha[highest]),
                separated ? "a barrier" : "no barrier", 100 * onRandom.captured[0], 100 * onPca.captured[0]));
        return results;
    }

    /** Trains one net with plain SGD, keeping its weights at update 0, every {@code every} updates and at the end. */
    private static Training train(Dataset data, int[] widths, int batch, int epochs, long initSeed, long orderSeed,
                                  int every) {
        Sequential model = Models.mlp(new Rng(initSeed), widths);
        Weights weights = new Weights(model);
        Trainer trainer = new Trainer(model, new SoftmaxCrossEntropy(),
                new Sgd(RATE).build(model.namedParameters()));
        MiniBatches batches = new MiniBatches(data, BatchOptions.shuffled(batch, orderSeed).withDropLast());
        Training training = new Training();
        training.add(0, weights.read());
        long done = 0;
        for (int e = 0; e < epochs; e++) {
            for (Batch b : batches.nextEpoch()) {
                trainer.step(b.features(), b.labels());
                done++;
                if (done % every == 0) {
                    training.add(done, weights.read());
                }
            }
        }
        if (training.updates.get(training.updates.size() - 1) != done) {
            training.add(done, weights.read());
        }
        return training;
    }

    /**
     * {@code direction} filter-normalised against {@code reference} (both flat, in the order of
     * {@code model}'s parameters), in place: each row of a weight matrix scaled to the norm of the
     * same row of the reference, every bias component set to 0.
     */
    static double[] filterNormalised(Sequential model, double[] direction, double[] reference) {
        int offset = 0;
        for (Variable v : model.namedParameters().values()) {
            int size = v.value().size();
            if (v.value().rank() == 2) {
                int columns = v.value().columns();
                for (int row = offset; row < offset + size; row += columns) {
                    double d = 0;
                    double r = 0;
                    for (int j = row; j < row + columns; j++) {
                        d += direction[j] * direction[j];
                        r += reference[j] * reference[j];
                    }
                    double scale = d > 0 ? Math.sqrt(r / d) : 0;
                    for (int j = row; j < row + columns; j++) {
                        direction[j] *= scale;
                    }
                }
            } else {
                Arrays.fill(direction, offset, offset + size, 0);
            }
            offset += size;
        }
        return direction;
    }

    private static double[] gaussian(Rng rng, int n) {
        double[] g = new double[n];
        for (int i = 0; i < n; i++) {
            g[i] = rng.nextGaussian();
        }
        return g;
    }

    private static int index(double[] alpha, double value) {
        for (int i = 0; i < alpha.length; i++) {
            if (Math.abs(alpha[i] - value) < 1e-9) {
                return i;
            }
        }
        throw new IllegalStateException("α = " + value + " is not a grid point");
    }

    /** {@code count} evenly spaced values over the range of {@code values}, widened by a quarter on each side. */
    private static double[] margined(double[] values, int count) {
        double lo = Arrays.stream(values).min().orElseThrow();
        double hi = Arrays.stream(values).max().orElseThrow();
        double span = Math.max(hi - lo, 1e-6);
        lo -= span / 4;
        hi += span / 4;
        double[] axis = new double[count];
        for (int i = 0; i < count; i++) {
            axis[i] = lo + (hi - lo) * i / (count - 1);
        }
        return axis;
    }

    /** Geometrically spaced levels from just above the slice's lowest value to its highest (12 or fewer). */
    private static double[] levels(Slice slice) {
        double lo = slice.min();
        double hi = slice.max();
        int count = 12;
        double[] levels = new double[count];
        for (int k = 0; k < count; k++) {
            levels[k] = lo * Math.pow(hi / lo, (k + 0.5) / count);
        }
        return levels;
    }

    /** A model's parameters as one flat vector, in the order of {@code namedParameters()}. */
    static final class Weights {
        private final List<float[]> arrays = new ArrayList<>();
        private final int size;

        Weights(Sequential model) {
            int n = 0;
            for (Variable v : model.namedParameters().values()) {
                arrays.add(v.value().data());
                n += v.value().size();
            }
            size = n;
        }

        double[] read() {
            double[] theta = new double[size];
            int offset = 0;
            for (float[] a : arrays) {
                for (int j = 0; j < a.length; j++) {
                    theta[offset + j] = a[j];
                }
                offset += a.length;
            }
            return theta;
        }

        /** Writes θ = base + x·u + y·v into the model. */
        void write(double[] base, double x, double[] u, double y, double[] v) {
            int offset = 0;
            for (float[] a : arrays) {
                for (int j = 0; j < a.length; j++) {
                    int k = offset + j;
                    a[j] = (float) (base[k] + x * u[k] + y * v[k]);
                }
                offset += a.length;
            }
        }
    }

    /** The training loss (on the fixed subset) at any point of weight space. */
    private static final class Probe {
        private final Sequential model;
        private final Weights weights;
        private final Dataset data;
        private final Evaluator evaluator = new Evaluator(2048);
        private final SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
        private final double[] zero;

        Probe(Sequential model, Dataset data) {
            this.model = model;
            this.weights = new Weights(model);
            this.data = data;
            this.zero = new double[weights.size];
        }

        Evaluation at(double[] theta) {
            return at(theta, 0, zero, 0, zero);
        }

        Evaluation at(double[] base, double x, double[] u, double y, double[] v) {
            weights.write(base, x, u, y, v);
            return evaluator.evaluate(model, loss, data);
        }
    }

    /** Weight snapshots of one run and the update at which each was taken. */
    private static final class Training {
        final List<double[]> path = new ArrayList<>();
        final List<Long> updates = new ArrayList<>();

        void add(long update, double[] theta) {
            updates.add(update);
            path.add(theta);
        }

        double[] updates() {
            return updates.stream().mapToDouble(Long::doubleValue).toArray();
        }
    }

    /** Loss and accuracy along θ(α) = (1 − α)·from + α·to. */
    private record Line(double[] loss, double[] accuracy) {
        static Line along(Probe probe, double[] alpha, double[] from, double[] to) {
            double[] direction = new double[from.length];
            for (int j = 0; j < from.length; j++) {
                direction[j] = to[j] - from[j];
            }
            double[] loss = new double[alpha.length];
            double[] accuracy = new double[alpha.length];
            for (int i = 0; i < alpha.length; i++) {
                Evaluation e = probe.at(from, alpha[i], direction, 0, direction);
                loss[i] = e.loss();
                accuracy[i] = e.accuracy();
            }
            return new Line(loss, accuracy);
        }

        int argMin() {
            int best = 0;
            for (int i = 1; i < loss.length; i++) {
                if (loss[i] < loss[best]) {
                    best = i;
                }
            }
            return best;
        }

        int argMax(int from, int to) {
            int best = from;
            for (int i = from + 1; i <= to; i++) {
                if (loss[i] > loss[best]) {
                    best = i;
                }
            }
            return best;
        }

        /** The largest amount by which the loss climbs above the lowest value before it, between two indices. */
        double largestRise(int from, int to) {
            double lowest = loss[from];
            double rise = 0;
            for (int i = from + 1; i <= to; i++) {
                rise = Math.max(rise, loss[i] - lowest);
                lowest = Math.min(lowest, loss[i]);
            }
            return rise;
        }
    }

    /** The loss on a plane: {@code z[row][column]} at centre + x[column]·u + y[row]·v. */
    private record Slice(double[] x, double[] y, double[][] z) {
        static Slice of(Probe probe, double[] centre, double[] u, double[] v, double[] x, double[] y) {
            double[][] z = new double[y.length][x.length];
            for (int r = 0; r < y.length; r++) {
                for (int c = 0; c < x.length; c++) {
                    z[r][c] = probe.at(centre, x[c], u, y[r], v).loss();
                }
            }
            return new Slice(x, y, z);
        }

        double min() {
            return Arrays.stream(z).flatMapToDouble(Arrays::stream).min().orElseThrow();
        }

        double max() {
            return Arrays.stream(z).flatMapToDouble(Arrays::stream).max().orElseThrow();
        }

        /** The lowest point as row · columns + column. */
        int argMin() {
            int best = 0;
            for (int k = 1; k < x.length * y.length; k++) {
                if (z[k / x.length][k % x.length] < z[best / x.length][best % x.length]) {
                    best = k;
                }
            }
            return best;
        }

        double lowestOnEdge() {
            double lowest = Double.POSITIVE_INFINITY;
            int last = y.length - 1;
            for (int c = 0; c < x.length; c++) {
                lowest = Math.min(lowest, Math.min(z[0][c], z[last][c]));
            }
            for (int r = 0; r < y.length; r++) {
                lowest = Math.min(lowest, Math.min(z[r][0], z[r][x.length - 1]));
            }
            return lowest;
        }

        /** One row per grid point: x, y, loss. */
        Path write(Path directory, String baseName) {
            int n = x.length * y.length;
            double[] xs = new double[n];
            double[] ys = new double[n];
            double[] zs = new double[n];
            int k = 0;
            for (int r = 0; r < y.length; r++) {
                for (int c = 0; c < x.length; c++) {
                    xs[k] = x[c];
                    ys[k] = y[r];
                    zs[k] = z[r][c];
                    k++;
                }
            }
            return SeriesCsv.write(directory, baseName, new String[] {"x", "y", "loss"}, xs, ys, zs);
        }
    }

    /**
     * Least-squares coordinates (x, y) of each θ_t − centre in span(u, v), the true distance
     * ‖θ_t − centre‖ and the fraction of it the projection keeps, ‖x·u + y·v‖ / ‖θ_t − centre‖.
     */
    private record Projection(double[] x, double[] y, double[] distance, double[] captured) {
        static Projection of(List<double[]> path, double[] centre, double[] u, double[] v) {
            double uu = dot(u, u);
            double uv = dot(u, v);
            double vv = dot(v, v);
            double det = uu * vv - uv * uv;
            int n = path.size();
            double[] x = new double[n];
            double[] y = new double[n];
            double[] distance = new double[n];
            double[] captured = new double[n];
            for (int t = 0; t < n; t++) {
                double[] theta = path.get(t);
                double du = 0;
                double dv = 0;
                double dd = 0;
                for (int j = 0; j < centre.length; j++) {
                    double d = theta[j] - centre[j];
                    du += d * u[j];
                    dv += d * v[j];
                    dd += d * d;
                }
                x[t] = (vv * du - uv * dv) / det;
                y[t] = (uu * dv - uv * du) / det;
                distance[t] = Math.sqrt(dd);
                double kept = x[t] * x[t] * uu + 2 * x[t] * y[t] * uv + y[t] * y[t] * vv;
                captured[t] = dd > 0 ? Math.sqrt(Math.max(kept, 0) / dd) : Double.NaN;
            }
            return new Projection(x, y, distance, captured);
        }

        double largestCaptured() {
            return Arrays.stream(captured).filter(Double::isFinite).max().orElse(Double.NaN);
        }

        /** Σ‖projection‖² / Σ‖θ_t − centre‖² over the trajectory. */
        double capturedSquares() {
            double kept = 0;
            double total = 0;
            for (int t = 0; t < distance.length; t++) {
                if (Double.isFinite(captured[t])) {
                    double d2 = distance[t] * distance[t];
                    kept += captured[t] * captured[t] * d2;
                    total += d2;
                }
            }
            return kept / total;
        }
    }

    /**
     * The first two principal directions of the trajectory's offsets θ_t − θ_final (centred), unit
     * length, from the eigenvectors of their small Gram matrix; signed so that θ_init has
     * non-negative coordinates.
     */
    private record Pca(double[] first, double[] second, double firstShare, double secondShare) {
        static Pca of(List<double[]> path, double[] centre) {
            int n = path.size();
            int d = centre.length;
            double[] mean = new double[d];
            for (double[] theta : path) {
                for (int j = 0; j < d; j++) {
                    mean[j] += (theta[j] - centre[j]) / n;
                }
            }
            double[][] rows = new double[n][d];
            for (int t = 0; t < n; t++) {
                for (int j = 0; j < d; j++) {
                    rows[t][j] = path.get(t)[j] - centre[j] - mean[j];
                }
            }
            double[] gram = new double[n * n];
            double trace = 0;
            for (int s = 0; s < n; s++) {
                for (int t = s; t < n; t++) {
                    gram[s * n + t] = dot(rows[s], rows[t]);
                    gram[t * n + s] = gram[s * n + t];
                }
                trace += gram[s * n + s];
            }
            double[][] eigen = symmetricEigen(gram, n);
            double[][] directions = new double[2][d];
            for (int k = 0; k < 2; k++) {
                double[] direction = directions[k];
                for (int t = 0; t < n; t++) {
                    double weight = eigen[k + 1][t];
                    for (int j = 0; j < d; j++) {
                        direction[j] += weight * rows[t][j];
                    }
                }
                double norm = Gradients.norm(direction);
                double sign = 0;
                for (int j = 0; j < d; j++) {
                    sign += (path.get(0)[j] - centre[j]) * direction[j];
                }
                double scale = (sign < 0 ? -1 : 1) / norm;
                for (int j = 0; j < d; j++) {
                    direction[j] *= scale;
                }
            }
            return new Pca(directions[0], directions[1], eigen[0][0] / trace, eigen[0][1] / trace);
        }
    }

    /**
     * The eigenvalues of a symmetric {@code n × n} matrix (row-major), largest first, and its
     * eigenvectors, by cyclic Jacobi rotations: {@code result[0]} the eigenvalues,
     * {@code result[1 + k]} the eigenvector of the k-th.
     */
    static double[][] symmetricEigen(double[] matrix, int n) {
        double[] a = matrix.clone();
        double[] v = new double[n * n];
        for (int i = 0; i < n; i++) {
            v[i * n + i] = 1;
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            double all = 0;
            for (int p = 0; p < n; p++) {
                for (int q = 0; q < n; q++) {
                    all += a[p * n + q] * a[p * n + q];
                    if (p != q) {
                        off += a[p * n + q] * a[p * n + q];
                    }
                }
            }
            if (off <= 1e-30 * all) {
                break;
            }
            for (int p = 0; p < n - 1; p++) {
                for (int q = p + 1; q < n; q++) {
                    double apq = a[p * n + q];
                    if (apq == 0) {
                        continue;
                    }
                    double theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(t * t + 1);
                    double s = t * c;
                    for (int k = 0; k < n; k++) { // columns p and q
                        double akp = a[k * n + p];
                        double akq = a[k * n + q];
                        a[k * n + p] = c * akp - s * akq;
                        a[k * n + q] = s * akp + c * akq;
                    }
                    for (int k = 0; k < n; k++) { // rows p and q
                        double apk = a[p * n + k];
                        double aqk = a[q * n + k];
                        a[p * n + k] = c * apk - s * aqk;
                        a[q * n + k] = s * apk + c * aqk;
                    }
                    for (int k = 0; k < n; k++) {
                        double vkp = v[k * n + p];
                        double vkq = v[k * n + q];
                        v[k * n + p] = c * vkp - s * vkq;
                        v[k * n + q] = s * vkp + c * vkq;
                    }
                }
            }
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        double[] diagonal = new double[n];
        for (int i = 0; i < n; i++) {
            diagonal[i] = a[i * n + i];
        }
        Arrays.sort(order, (i, j) -> Double.compare(diagonal[j], diagonal[i]));
        double[][] result = new double[n + 1][n];
        for (int k = 0; k < n; k++) {
            int column = order[k];
            result[0][k] = diagonal[column];
            for (int i = 0; i < n; i++) {
                result[1 + k][i] = v[i * n + column];
            }
        }
        return result;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
