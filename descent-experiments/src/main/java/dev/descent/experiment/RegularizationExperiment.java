package dev.descent.experiment;

import dev.descent.data.Dataset;
import dev.descent.experiment.RegularizationRuns.LongRun;
import dev.descent.experiment.RegularizationRuns.Sets;
import dev.descent.experiment.RegularizationRuns.ToLoss;
import dev.descent.plot.LinePlot;
import dev.descent.random.Rng;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * {@code regularization}: the lectures' over-fitting and capacity claims, each where it can
 * appear, repeated over the context's seeds (each seed draws its own data subsets, label noise,
 * initial weights and batch order). Every network is an MLP with one hidden layer of ReLU units
 * trained by SGD with momentum 0.9 at a constant rate, with no regularisation at all.
 *
 * <ol>
 *   <li><b>Over-fitting in time.</b> 1 000 training images with 20 % of their labels flipped to
 *       another class, a clean validation set (1 000) and a clean test set (2 000), all drawn at
 *       random from the training file. Width 64, batch 32, α = 0.01, 120 epochs; training and
 *       validation error every 2 epochs. Early stopping keeps the weights of the epoch with the
 *       lowest validation error; the test set, never used for a choice, measures both.</li>
 *   <li><b>Capacity.</b> The same run at widths 2 … 256, on a grid of ratio about √2 around
 *       the width that first fits the training labels, the flipped ones included (the
 *       interpolation width: the smallest width whose training error, evaluated every 4 epochs,
 *       comes within {@link #FIT_TOLERANCE} = 0.2 % of 0 within the 120 epochs; per seed).</li>
 *   <li><b>The U-curve of classical statistics.</b> 20 points x ~ U(−1, 1),
 *       y = sin(πx) + N(0, 0.3²); least-squares polynomials of degree 0 … 15; test error on
 *       2 000 fresh points.</li>
 *   <li><b>Batch size.</b> The 1 000 images with their true labels, width 64; batch 16 at
 *       α ∈ {0.005, 0.01, 0.02} and batch 128 at α ∈ {0.02, 0.04, 0.08, 0.16}, each run
 *       until its training loss is at most 0.1 nats. The rate of each batch size is tuned on
 *       the validation error at that loss; the test error compares the tuned runs. A control
 *       trains batch 128 at batch 16's tuned rate for as many epochs as batch 16 needed (the
 *       old comparison at a fixed rate and equal epochs).</li>
 * </ol>
 *
 * <p>Verdict rule (the same words are written into the results): with d the per-seed paired
 * difference and SE its standard error over seeds, a part holds when mean(d) − 2·SE &gt; 0 and is
 * rejected when mean(d) + 2·SE &lt; 0. The claim holds when parts 1, 2 and 3 hold; over seeds
 * 0–24, in groups of five as {@code --seed 0} … {@code --seed 4} run them, each does every time.
 * Two comparisons are measured and reported with their own verdicts but are not part of the
 * claim, because those verdicts change from one group of five seeds to the next: the peak of
 * double descent (the test error one grid step below the interpolation width against at it;
 * over the 25 seeds it falls through that width instead of peaking) and small against large
 * batches at a tuned rate and equal training loss (over the 25 seeds they differ by less than a
 * tenth of a percentage point).
 */
public final class RegularizationExperiment implements Experiment {
    /** Polynomial degrees compared by the U-curve rule: too simple, about right, too flexible. */
    static final int SIMPLE_DEGREE = 1;
    static final int MIDDLE_DEGREE = 3;
    static final int COMPLEX_DEGREE = 15;
    static final int POLYNOMIAL_POINTS = 20;
    static final int POLYNOMIAL_TEST_POINTS = 2_000;
    static final double POLYNOMIAL_NOISE = 0.3;
    /**
     * A width fits the training labels when its training error comes within this fraction of 0
     * at some evaluation: 2 of 1 000 labels. Exactly 0 is a knife edge: after flipping, a few
     * near-identical images carry different labels, and SGD at a constant rate keeps missing
     * one or two of them at every width (in 2 of 25 seeds even at width 256).
     */
    static final double FIT_TOLERANCE = 0.002;
    /** The polynomial plot's y range: the U's bottom stays readable, the exploding end is clipped with a note. */
    private static final double POLYNOMIAL_PLOT_BOTTOM = 0.01;
    private static final double POLYNOMIAL_PLOT_TOP = 100;

    /**
     * The sizes of one run; the quick ones only exercise the code.
     *
     * @param train       training images (parts 1, 2 and 4)
     * @param validation  validation images: early stopping and rate tuning
     * @param test        test images: every reported error
     * @param labelNoise  fraction of training labels flipped (parts 1 and 2)
     * @param widths      hidden widths of part 2, increasing
     * @param timeWidth   the width of part 1 (one of {@code widths}) and of part 4
     * @param epochs      epochs of parts 1 and 2
     * @param every       epochs between evaluations in part 1
     * @param sweepEvery  epochs between evaluations at the other widths
     * @param batch       batch size of parts 1 and 2
     * @param rate        learning rate of parts 1 and 2
     * @param smallBatch  part 4's small batch size
     * @param smallRates  the rates it is tried at
     * @param largeBatch  part 4's large batch size
     * @param largeRates  the rates it is tried at
     * @param targetLoss  the training loss (nats) every part-4 run trains to
     * @param maxEpochs   a part-4 run that has not reached it by then stops there
     */
    record Sizes(int train, int validation, int test, double labelNoise, int[] widths, int timeWidth, int epochs,
                 int every, int sweepEvery, int batch, double rate, int smallBatch, double[] smallRates,
                 int largeBatch, double[] largeRates, double targetLoss, int maxEpochs) {
        static final Sizes FULL = new Sizes(
                1_000, 1_000, 2_000, 0.2,                                   // train, validation, test, label noise
                new int[] {2, 4, 8, 11, 16, 23, 32, 45, 64, 91, 128, 256}, 64, // widths, time width
                120, 2, 4, 32, 0.01,                                        // epochs, every, sweep every, batch, α
                16, new double[] {0.005, 0.01, 0.02},                       // small batch and its rates
                128, new double[] {0.02, 0.04, 0.08, 0.16},                 // large batch and its rates
                0.1, 150);                                                  // target loss, epoch limit
        static final Sizes QUICK = new Sizes(
                300, 300, 600, 0.2,
                new int[] {2, 8, 16, 32, 64}, 32,
                30, 2, 2, 16, 0.02,
                8, new double[] {0.01, 0.02},
                64, new double[] {0.05, 0.1},
                0.1, 40);

        int timeIndex() {
            for (int i = 0; i < widths.length; i++) {
                if (widths[i] == timeWidth) {
                    return i;
                }
            }
            throw new IllegalStateException("the time width " + timeWidth + " is not among the widths");
        }
    }

    @Override
    public String name() {
        return "regularization";
    }

    @Override
    public String claim() {
        return "Trained long on few noisy labels, a network over-fits in time (its test error rises while its"
                + " training error falls to zero, so early stopping helps); over width its test error does not trace"
                + " the classical U, since past the width that first fits all its labels wider is better; a polynomial"
                + " fit to 20 noisy points does trace the U. Measured alongside: whether the test error peaks at that"
                + " width (double descent), and small against large batches at a tuned rate and equal training loss.";
    }

    @Override
    public String source() {
        return "Lecture ideas: over-fitting and early stopping; the bias–variance trade-off and the U-shaped test"
                + " error over capacity; double descent past the interpolation threshold (Belkin et al., PNAS 2019;"
                + " Nakkiran et al., 'Deep double descent', 2019); small batches find flatter minima that generalise"
                + " better (Keskar et al., ICLR 2017), against comparisons at a tuned rate per batch size (Shallue et"
                + " al., JMLR 2019; Goyal et al. 2017, the linear scaling rule).";
    }

    @Override
    public Results run(ExperimentContext context) {
        Sizes sizes = context.quick() ? Sizes.QUICK : Sizes.FULL;
        Dataset data = context.data();
        if (sizes.train + sizes.validation + sizes.test > data.size()) {
            throw new IllegalArgumentException("regularization needs " + (sizes.train + sizes.validation + sizes.test)
                    + " examples, the data set has " + data.size());
        }
        long[] seeds = context.seeds();
        SeedRuns[] runs = new SeedRuns[seeds.length];
        for (int s = 0; s < seeds.length; s++) {
            long start = System.nanoTime();
            runs[s] = runSeed(context, sizes, seeds[s]);
            context.say("regularization: seed %d done (%.1f s)", seeds[s], (System.nanoTime() - start) / 1e9);
        }
        return report(context, sizes, runs);
    }

    // ---------------------------------------------------------------- the verdict rules

    /**
     * Part 1: over-fitting in time. Holds when, beyond two standard errors of the paired
     * differences, the training error falls from the early-stopping epoch to the end and the
     * test error rises; rejected when either moves the other way beyond its noise.
     */
    static Verdict overfitsInTime(double[] trainErrorAtStop, double[] finalTrainError, double[] testErrorAtStop,
                                  double[] finalTestError) {
        return Verdict.allOf(OverSeeds.difference(trainErrorAtStop, finalTrainError).above(0),
                OverSeeds.difference(finalTestError, testErrorAtStop).above(0));
    }

    /**
     * Part 2: past the interpolation width wider is better, not worse as the classical U would
     * have it. Holds when the test error at the interpolation width exceeds the widest net's
     * beyond two standard errors; rejected when it is below it beyond them (the U's rising branch).
     */
    static Verdict fallsPastInterpolation(double[] testErrorAtInterpolation, double[] testErrorAtWidest) {
        return OverSeeds.difference(testErrorAtInterpolation, testErrorAtWidest).above(0);
    }

    /**
     * Measured: the peak of double descent. Holds when the test error at the interpolation width
     * exceeds the error one grid step narrower beyond two standard errors; rejected when it is
     * below it beyond them.
     */
    static Verdict peaksAtInterpolation(double[] testErrorAtInterpolation, double[] testErrorOneStepNarrower) {
        return OverSeeds.difference(testErrorAtInterpolation, testErrorOneStepNarrower).above(0);
    }

    /**
     * Part 3: the classical U. Holds when the middle degree's log test error is below both the
     * simple and the complex degree's, each beyond two standard errors of the paired difference;
     * rejected when it is above either beyond them.
     */
    static Verdict uCurve(double[] logTestErrorSimple, double[] logTestErrorMiddle, double[] logTestErrorComplex) {
        return Verdict.allOf(OverSeeds.difference(logTestErrorSimple, logTestErrorMiddle).above(0),
                OverSeeds.difference(logTestErrorComplex, logTestErrorMiddle).above(0));
    }

    /**
     * Measured: small batches generalise better (Keskar et al.). Holds when the large batch's
     * test error exceeds the small batch's beyond two standard errors of the paired difference;
     * rejected when it is below it beyond them.
     */
    static Verdict smallBatchGeneralisesBetter(double[] smallBatchTestError, double[] largeBatchTestError) {
        return OverSeeds.difference(largeBatchTestError, smallBatchTestError).above(0);
    }

    /**
     * The interpolation width's index: the first width whose lowest training error over the run
     * is at most {@code tolerance}, or the last index when none comes that close.
     */
    static int interpolationIndex(double[] lowestTrainErrorByWidth, double tolerance) {
        for (int i = 0; i < lowestTrainErrorByWidth.length; i++) {
            if (RegularizationRuns.within(lowestTrainErrorByWidth[i], tolerance)) {
                return i;
            }
        }
        return lowestTrainErrorByWidth.length - 1;
    }

    /**
     * The index of the run with the lowest validation error among those that reached the target
     * loss (the first on ties); among all runs by their training loss when none reached it;
     * −1 when every run diverged.
     */
    static int tunedIndex(ToLoss[] runs) {
        int best = -1;
        for (int i = 0; i < runs.length; i++) {
            if (runs[i].reached() && (best < 0 || runs[i].validationError() < runs[best].validationError())) {
                best = i;
            }
        }
        if (best >= 0) {
            return best;
        }
        for (int i = 0; i < runs.length; i++) {
            if (Double.isFinite(runs[i].trainLoss()) && (best < 0 || runs[i].trainLoss() < runs[best].trainLoss())) {
                best = i;
            }
        }
        return best;
    }

    // ---------------------------------------------------------------- one seed

    /** Everything one seed measures. {@code polynomialTrain/Test} are log₁₀ of the mean squared errors by degree. */
    private record SeedRuns(long seed, LongRun[] widths, double[] polynomialTrain, double[] polynomialTest,
                            PolynomialSample polynomialSample, ToLoss[] small, ToLoss[] large, ToLoss control) {
        LongRun time(Sizes sizes) {
            return widths[sizes.timeIndex()];
        }

        int interpolation() {
            return interpolationIndex(column(widths, LongRun::lowestTrainError), FIT_TOLERANCE);
        }

        ToLoss tunedSmall() {
            return tuned(small);
        }

        ToLoss tunedLarge() {
            return tuned(large);
        }
    }

    private static ToLoss tuned(ToLoss[] runs) {
        int i = tunedIndex(runs);
        if (i < 0) {
            throw new IllegalStateException("every run of batch " + runs[0].batch() + " diverged, at rates "
                    + Arrays.toString(Arrays.stream(runs).mapToDouble(ToLoss::rate).toArray()) + "; lower them");
        }
        return runs[i];
    }

    /** One seed's 20 noisy points and the fits drawn in the illustration. */
    private record PolynomialSample(double[] x, double[] y, PolynomialRegression[] fits) {
    }

    private static SeedRuns runSeed(ExperimentContext context, Sizes sizes, long seed) {
        Rng rng = new Rng(seed);
        Dataset data = context.data();
        int[] order = rng.permutation(data.size());
        Dataset clean = data.subset(Arrays.copyOfRange(order, 0, sizes.train));
        Dataset validation = data.subset(Arrays.copyOfRange(order, sizes.train, sizes.train + sizes.validation));
        Dataset test = data.subset(Arrays.copyOfRange(order, sizes.train + sizes.validation,
                sizes.train + sizes.validation + sizes.test));
        Dataset noisy = withFlippedLabels(clean, sizes.labelNoise, rng.nextLong());
        long initSeed = rng.nextLong();
        long orderSeed = rng.nextLong();
        long polynomialSeed = rng.nextLong();

        Sets noisySets = new Sets(noisy, validation, test);
        LongRun[] widths = new LongRun[sizes.widths.length];
        for (int i = 0; i < widths.length; i++) {
            long start = System.nanoTime();
            boolean time = i == sizes.timeIndex();
            widths[i] = RegularizationRuns.trainLong(noisySets, sizes.widths[i], sizes.batch, sizes.rate, sizes.epochs,
                    time ? sizes.every : sizes.sweepEvery, initSeed, orderSeed);
            LongRun r = widths[i];
            context.say("  seed %d, width %4d: training error %.3f, test %.3f; early stop at epoch %d: test %.3f"
                    + " (%.1f s)", seed, r.width(), r.trainError(), r.testError(), r.stopEpoch(), r.testErrorAtStop(),
                    (System.nanoTime() - start) / 1e9);
        }

        double[][] polynomial = new double[2][COMPLEX_DEGREE + 1];
        PolynomialSample sample = polynomialU(new Rng(polynomialSeed), polynomial[0], polynomial[1]);

        Sets cleanSets = new Sets(clean, validation, test);
        ToLoss[] small = toLoss(context, cleanSets, sizes, sizes.smallBatch, sizes.smallRates, initSeed, orderSeed);
        ToLoss[] large = toLoss(context, cleanSets, sizes, sizes.largeBatch, sizes.largeRates, initSeed, orderSeed);
        ToLoss tunedSmall = tuned(small);
        ToLoss control = RegularizationRuns.trainToLoss(cleanSets, sizes.timeWidth, sizes.largeBatch,
                tunedSmall.rate(), Double.NEGATIVE_INFINITY, tunedSmall.epochs(), initSeed, orderSeed);
        return new SeedRuns(seed, widths, polynomial[0], polynomial[1], sample, small, large, control);
    }

    private static ToLoss[] toLoss(ExperimentContext context, Sets sets, Sizes sizes, int batch, double[] rates,
                                   long initSeed, long orderSeed) {
        ToLoss[] runs = new ToLoss[rates.length];
        for (int i = 0; i < rates.length; i++) {
            runs[i] = RegularizationRuns.trainToLoss(sets, sizes.timeWidth, batch, rates[i], sizes.targetLoss,
                    sizes.maxEpochs, initSeed, orderSeed);
            context.say("  batch %3d, α %-6s %s after %d epochs: validation error %.3f, test %.3f", batch,
                    Numbers.compact(rates[i]), runs[i].reached() ? "reached the target" : "did not reach it",
                    runs[i].epochs(), runs[i].validationError(), runs[i].testError());
        }
        return runs;
    }

    /**
     * The training set with {@code fraction} of its labels (exactly the rounded count, chosen at
     * random) each replaced by one of the other classes, uniformly.
     */
    static Dataset withFlippedLabels(Dataset clean, double fraction, long seed) {
        Rng rng = new Rng(seed);
        int[] labels = clean.labels().clone();
        int[] who = rng.permutation(labels.length);
        int flips = (int) Math.round(fraction * labels.length);
        for (int i = 0; i < flips; i++) {
            int e = who[i];
            labels[e] = (labels[e] + 1 + rng.nextInt(clean.classes() - 1)) % clean.classes();
        }
        return new Dataset(clean.name() + " (" + Math.round(100 * fraction) + " % of labels flipped)",
                clean.features(), labels, clean.classes(), clean.classNames());
    }

    /** Fills the log₁₀ training and test mean squared errors by degree; returns the sample and three fits. */
    private static PolynomialSample polynomialU(Rng rng, double[] logTrain, double[] logTest) {
        double[] x = new double[POLYNOMIAL_POINTS];
        double[] y = new double[POLYNOMIAL_POINTS];
        draw(rng, x, y);
        double[] testX = new double[POLYNOMIAL_TEST_POINTS];
        double[] testY = new double[POLYNOMIAL_TEST_POINTS];
        draw(rng, testX, testY);
        PolynomialRegression[] shown = new PolynomialRegression[3];
        for (int d = 0; d <= COMPLEX_DEGREE; d++) {
            PolynomialRegression fit = PolynomialRegression.fit(x, y, d);
            logTrain[d] = Math.log10(fit.meanSquaredError(x, y));
            logTest[d] = Math.log10(fit.meanSquaredError(testX, testY));
            if (d == SIMPLE_DEGREE) {
                shown[0] = fit;
            } else if (d == MIDDLE_DEGREE) {
                shown[1] = fit;
            } else if (d == COMPLEX_DEGREE) {
                shown[2] = fit;
            }
        }
        return new PolynomialSample(x, y, shown);
    }

    private static void draw(Rng rng, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            x[i] = 2 * rng.nextDouble() - 1;
            y[i] = truth(x[i]) + POLYNOMIAL_NOISE * rng.nextGaussian();
        }
    }

    private static double truth(double x) {
        return Math.sin(Math.PI * x);
    }

    // ---------------------------------------------------------------- findings, files, verdict

    private Results report(ExperimentContext context, Sizes sizes, SeedRuns[] runs) {
        int n = runs.length;
        int widest = sizes.widths.length - 1;
        Results results = new Results(this)
                .setting("seeds", Arrays.toString(context.seeds()) + " (each draws its own subsets, label noise,"
                        + " initial weights and batch order)")
                .setting("data", sizes.train + " training images drawn at random from " + context.dataSource() + ", "
                        + Math.round(100 * sizes.labelNoise) + " % of their labels flipped to another class (parts 1–2;"
                        + " part 4 uses the true labels); " + sizes.validation + " validation and " + sizes.test
                        + " test images, disjoint, true labels")
                .setting("model", "MLP " + context.data().featureCount() + "-w-" + context.data().classes()
                        + " (ReLU), softmax cross-entropy, no regularisation")
                .setting("optimizer", "SGD, momentum " + RegularizationRuns.MOMENTUM + ", constant rate")
                .setting("part 1: over-fitting in time", "width " + sizes.timeWidth + ", batch " + sizes.batch
                        + ", α = " + sizes.rate + ", " + sizes.epochs + " epochs; training and validation error every "
                        + sizes.every + " epochs; early stopping keeps the weights of the lowest validation error")
                .setting("part 2: capacity", "widths " + Arrays.toString(sizes.widths) + ", otherwise as part 1"
                        + " (training and validation error every " + sizes.sweepEvery + " epochs); interpolation"
                        + " width = the smallest width whose training error comes within " + percent(FIT_TOLERANCE)
                        + " of 0 at one of these evaluations (all labels fitted but at most " + percent(FIT_TOLERANCE)
                        + ")")
                .setting("part 3: polynomial U-curve", POLYNOMIAL_POINTS + " points x ~ U(−1, 1), y = sin(πx) + N(0, "
                        + POLYNOMIAL_NOISE + "²); least squares in the Legendre basis, degrees 0–" + COMPLEX_DEGREE
                        + "; test error on " + POLYNOMIAL_TEST_POINTS + " fresh points")
                .setting("part 4: batch size", "width " + sizes.timeWidth + ", true labels; batch " + sizes.smallBatch
                        + " at α ∈ " + Arrays.toString(sizes.smallRates) + ", batch " + sizes.largeBatch + " at α ∈ "
                        + Arrays.toString(sizes.largeRates) + ", each until the training loss is ≤ " + sizes.targetLoss
                        + " nats (at most " + sizes.maxEpochs + " epochs); rate tuned on the validation error; control:"
                        + " batch " + sizes.largeBatch + " at batch " + sizes.smallBatch
                        + "'s tuned rate for as many epochs");

        // part 1
        double[] trainAtStop = column(runs, r -> r.time(sizes).trainErrorAtStop());
        double[] trainFinal = column(runs, r -> r.time(sizes).trainError());
        double[] testAtStop = column(runs, r -> r.time(sizes).testErrorAtStop());
        double[] testFinal = column(runs, r -> r.time(sizes).testError());
        double[] stopEpoch = column(runs, r -> r.time(sizes).stopEpoch());
        String atWidth = ", width " + sizes.timeWidth;
        results.finding("early-stopping epoch (lowest validation error)" + atWidth, OverSeeds.of(stopEpoch), "epochs");
        if (Arrays.stream(runs).allMatch(r -> r.time(sizes).fits(FIT_TOLERANCE))) {
            results.finding("first epoch fitting the training labels (error ≤ " + percent(FIT_TOLERANCE) + ")" + atWidth,
                    OverSeeds.of(column(runs, r -> r.time(sizes).firstEpochFitting(FIT_TOLERANCE))), "epochs");
        }
        results
                .finding("validation error at the early-stopping epoch" + atWidth,
                        OverSeeds.of(column(runs, r -> r.time(sizes).validationErrorAtStop())), "")
                .finding("validation error after " + sizes.epochs + " epochs" + atWidth,
                        OverSeeds.of(column(runs, r -> r.time(sizes).validationError())), "")
                .finding("training error at the early-stopping epoch" + atWidth, OverSeeds.of(trainAtStop), "")
                .finding("training error after " + sizes.epochs + " epochs" + atWidth, OverSeeds.of(trainFinal), "")
                .finding("test error, early-stopped" + atWidth, OverSeeds.of(testAtStop), "")
                .finding("test error after " + sizes.epochs + " epochs" + atWidth, OverSeeds.of(testFinal), "")
                .finding("test error rise from early stopping to the end (paired)" + atWidth,
                        OverSeeds.difference(testFinal, testAtStop), "");
        Verdict time = overfitsInTime(trainAtStop, trainFinal, testAtStop, testFinal);

        // part 2
        double[] interpolationWidth = column(runs, r -> sizes.widths[r.interpolation()]);
        double[] testAtInterpolation = column(runs, r -> r.widths[r.interpolation()].testError());
        double[] testWidest = column(runs, r -> r.widths[widest].testError());
        double[] testNarrower = column(runs, r -> r.widths[Math.max(0, r.interpolation() - 1)].testError());
        long noneFits = Arrays.stream(runs).filter(r -> !r.widths[r.interpolation()].fits(FIT_TOLERANCE)).count();
        results.finding("interpolation width (smallest width fitting the training labels)",
                        OverSeeds.of(interpolationWidth), "hidden units")
                .finding("training error at width " + sizes.widths[0], OverSeeds.of(column(runs,
                        r -> r.widths[0].trainError())), "")
                .finding("test error at width " + sizes.widths[0], OverSeeds.of(column(runs,
                        r -> r.widths[0].testError())), "")
                .finding("test error one grid step below the interpolation width", OverSeeds.of(testNarrower), "")
                .finding("test error at the interpolation width", OverSeeds.of(testAtInterpolation), "")
                .finding("test error at width " + sizes.widths[widest], OverSeeds.of(testWidest), "")
                .finding("test error fall from the interpolation width to width " + sizes.widths[widest] + " (paired)",
                        OverSeeds.difference(testAtInterpolation, testWidest), "")
                .finding("test error rise into the interpolation width from one step below (paired)",
                        OverSeeds.difference(testAtInterpolation, testNarrower), "")
                .finding("early-stopped test error at the interpolation width", OverSeeds.of(column(runs,
                        r -> r.widths[r.interpolation()].testErrorAtStop())), "")
                .finding("early-stopped test error at width " + sizes.widths[widest], OverSeeds.of(column(runs,
                        r -> r.widths[widest].testErrorAtStop())), "");
        Verdict pastInterpolation = fallsPastInterpolation(testAtInterpolation, testWidest);
        Verdict peak = peaksAtInterpolation(testAtInterpolation, testNarrower);

        // part 3
        double[] logSimple = column(runs, r -> r.polynomialTest[SIMPLE_DEGREE]);
        double[] logMiddle = column(runs, r -> r.polynomialTest[MIDDLE_DEGREE]);
        double[] logComplex = column(runs, r -> r.polynomialTest[COMPLEX_DEGREE]);
        for (int d : new int[] {SIMPLE_DEGREE, MIDDLE_DEGREE, COMPLEX_DEGREE}) {
            results.finding("polynomial, log₁₀ training MSE, degree " + d,
                            OverSeeds.of(column(runs, r -> r.polynomialTrain[d])), "")
                    .finding("polynomial, log₁₀ test MSE, degree " + d,
                            OverSeeds.of(column(runs, r -> r.polynomialTest[d])), "");
        }
        results.finding("polynomial, log₁₀ test MSE, degree " + SIMPLE_DEGREE + " − degree " + MIDDLE_DEGREE
                        + " (paired)", OverSeeds.difference(logSimple, logMiddle), "")
                .finding("polynomial, log₁₀ test MSE, degree " + COMPLEX_DEGREE + " − degree " + MIDDLE_DEGREE
                        + " (paired)", OverSeeds.difference(logComplex, logMiddle), "");
        Verdict u = uCurve(logSimple, logMiddle, logComplex);

        // part 4
        double[] smallTest = column(runs, r -> r.tunedSmall().testError());
        double[] largeTest = column(runs, r -> r.tunedLarge().testError());
        long unreached = Arrays.stream(runs).filter(r -> !r.tunedSmall().reached() || !r.tunedLarge().reached())
                .count();
        String small = "batch " + sizes.smallBatch;
        String large = "batch " + sizes.largeBatch;
        results.finding("tuned rate, " + small, OverSeeds.of(column(runs, r -> r.tunedSmall().rate())), "")
                .finding("tuned rate, " + large, OverSeeds.of(column(runs, r -> r.tunedLarge().rate())), "")
                .finding("epochs to training loss " + sizes.targetLoss + ", " + small + " at its tuned rate",
                        OverSeeds.of(column(runs, r -> r.tunedSmall().epochs())), "epochs")
                .finding("epochs to training loss " + sizes.targetLoss + ", " + large + " at its tuned rate",
                        OverSeeds.of(column(runs, r -> r.tunedLarge().epochs())), "epochs")
                .finding("validation error at equal training loss, " + small + ", tuned rate",
                        OverSeeds.of(column(runs, r -> r.tunedSmall().validationError())), "")
                .finding("validation error at equal training loss, " + large + ", tuned rate",
                        OverSeeds.of(column(runs, r -> r.tunedLarge().validationError())), "")
                .finding("test error at equal training loss, " + small + ", tuned rate", OverSeeds.of(smallTest), "")
                .finding("test error at equal training loss, " + large + ", tuned rate", OverSeeds.of(largeTest), "")
                .finding("test error, " + large + " − " + small + " (paired, tuned rates, equal training loss)",
                        OverSeeds.difference(largeTest, smallTest), "")
                .finding("control: training loss, " + large + " at " + small + "'s tuned rate and epochs",
                        OverSeeds.of(column(runs, r -> r.control.trainLoss())), "nats")
                .finding("control: test error, " + large + " at " + small + "'s tuned rate and epochs",
                        OverSeeds.of(column(runs, r -> r.control.testError())), "");
        Verdict batch = smallBatchGeneralisesBetter(smallTest, largeTest);

        writeSeries(context, sizes, runs, results);
        writePlots(context, sizes, runs, results);

        Verdict overall = Verdict.allOf(time, pastInterpolation, u);
        results.rule("For each comparison, take the per-seed difference d (over " + n + " seeds), its mean and its"
                + " standard error SE = sd/√" + n + ". A part holds when mean(d) − 2·SE > 0 and is rejected when"
                + " mean(d) + 2·SE < 0; otherwise it is inconclusive. (1) Over-fitting in time: d = training error at"
                + " the early-stopping epoch − at the end, and d = test error at the end − test error of the"
                + " early-stopped weights; both must hold. (2) Past the interpolation width (the narrowest width"
                + " whose training error comes within " + percent(FIT_TOLERANCE) + " of 0): d = test error at the"
                + " interpolation width − at the widest width. (3) Polynomial U: d = log₁₀ test MSE at degree "
                + SIMPLE_DEGREE + " − at degree " + MIDDLE_DEGREE + ", and at degree " + COMPLEX_DEGREE + " − at degree "
                + MIDDLE_DEGREE + "; both must hold. The claim holds when (1), (2) and (3) all hold, is rejected when"
                + " one is rejected, and is otherwise inconclusive. Measured, with the same rule but outside the"
                + " claim: the peak of double descent, d = test error at the interpolation width − one grid step"
                + " narrower; and small batches, d = test error of batch " + sizes.largeBatch + " − batch "
                + sizes.smallBatch + ", each at its tuned rate and stopped at training loss " + sizes.targetLoss + ".");
        results.verdict(overall, String.format(Locale.ROOT,
                "(1) %s: with width %d the training error falls from %s at the early-stopping epoch (%s) to %s at"
                        + " epoch %d, while the test error rises from %s (early-stopped) to %s. (2) %s: the interpolation"
                        + " width is %s%s; the test error falls from %s there to %s at width %d (early-stopped: %s and"
                        + " %s). (3) %s: log₁₀ test MSE %s at degree %d, %s at degree %d, %s at degree %d, while the"
                        + " training MSE falls to %s. Measured: the double-descent peak is %s (test error %s one step"
                        + " narrower than the interpolation width, %s at it); small batches generalising better is %s"
                        + " (tuned rates, training loss %s: test error %s with batch %d, %s with batch %d%s; the"
                        + " control at batch %d's rate and epochs ends at training loss %s and test error %s).",
                time.label(), sizes.timeWidth, OverSeeds.of(trainAtStop), OverSeeds.of(stopEpoch),
                OverSeeds.of(trainFinal), sizes.epochs, OverSeeds.of(testAtStop), OverSeeds.of(testFinal),
                pastInterpolation.label(), OverSeeds.of(interpolationWidth),
                noneFits == 0 ? "" : " (in " + noneFits + " seed(s) no width fitted the labels; the widest counts)",
                OverSeeds.of(testAtInterpolation), OverSeeds.of(testWidest), sizes.widths[widest],
                OverSeeds.of(column(runs, r -> r.widths[r.interpolation()].testErrorAtStop())),
                OverSeeds.of(column(runs, r -> r.widths[widest].testErrorAtStop())),
                u.label(), OverSeeds.of(logSimple), SIMPLE_DEGREE, OverSeeds.of(logMiddle), MIDDLE_DEGREE,
                OverSeeds.of(logComplex), COMPLEX_DEGREE, OverSeeds.of(column(runs,
                        r -> r.polynomialTrain[COMPLEX_DEGREE])),
                peak.label().toLowerCase(Locale.ROOT), OverSeeds.of(testNarrower), OverSeeds.of(testAtInterpolation),
                batch.label().toLowerCase(Locale.ROOT), sizes.targetLoss, OverSeeds.of(smallTest), sizes.smallBatch,
                OverSeeds.of(largeTest), sizes.largeBatch,
                unreached == 0 ? "" : "; in " + unreached + " seed(s) a batch size reached the target at no rate",
                sizes.smallBatch, OverSeeds.of(column(runs, r -> r.control.trainLoss())),
                OverSeeds.of(column(runs, r -> r.control.testError()))));
        return results;
    }

    private static void writeSeries(ExperimentContext context, Sizes sizes, SeedRuns[] runs, Results results) {
        int n = runs.length;
        int widest = sizes.widths.length - 1;
        results.series(SeriesCsv.write(context.directory(), "regularization-seeds",
                new String[] {"seed", "stop_epoch", "train_error_at_stop", "train_error_final", "test_error_at_stop",
                    "test_error_final", "interpolation_width", "test_error_one_step_narrower",
                    "test_error_at_interpolation", "test_error_widest", "log10_test_mse_degree_" + SIMPLE_DEGREE,
                    "log10_test_mse_degree_" + MIDDLE_DEGREE, "log10_test_mse_degree_" + COMPLEX_DEGREE,
                    "tuned_rate_batch_" + sizes.smallBatch, "tuned_rate_batch_" + sizes.largeBatch,
                    "test_error_batch_" + sizes.smallBatch, "test_error_batch_" + sizes.largeBatch,
                    "control_train_loss", "control_test_error"},
                column(runs, r -> r.seed), column(runs, r -> r.time(sizes).stopEpoch()),
                column(runs, r -> r.time(sizes).trainErrorAtStop()), column(runs, r -> r.time(sizes).trainError()),
                column(runs, r -> r.time(sizes).testErrorAtStop()), column(runs, r -> r.time(sizes).testError()),
                column(runs, r -> sizes.widths[r.interpolation()]),
                column(runs, r -> r.widths[Math.max(0, r.interpolation() - 1)].testError()),
                column(runs, r -> r.widths[r.interpolation()].testError()),
                column(runs, r -> r.widths[widest].testError()),
                column(runs, r -> r.polynomialTest[SIMPLE_DEGREE]), column(runs, r -> r.polynomialTest[MIDDLE_DEGREE]),
                column(runs, r -> r.polynomialTest[COMPLEX_DEGREE]), column(runs, r -> r.tunedSmall().rate()),
                column(runs, r -> r.tunedLarge().rate()), column(runs, r -> r.tunedSmall().testError()),
                column(runs, r -> r.tunedLarge().testError()), column(runs, r -> r.control.trainLoss()),
                column(runs, r -> r.control.testError())));
        double[] epochs = timeAxis(sizes);
        List<String> header = new ArrayList<>(List.of("epoch", "train_error_mean", "train_error_se",
                "validation_error_mean", "validation_error_se"));
        List<double[]> columns = new ArrayList<>(List.of(epochs,
                mean(runs, epochs.length, (r, i) -> r.time(sizes).trainCurve()[i]),
                standardError(runs, epochs.length, (r, i) -> r.time(sizes).trainCurve()[i]),
                mean(runs, epochs.length, (r, i) -> r.time(sizes).validationCurve()[i]),
                standardError(runs, epochs.length, (r, i) -> r.time(sizes).validationCurve()[i])));
        for (SeedRuns r : runs) {
            header.add("train_error_seed_" + r.seed);
            columns.add(r.time(sizes).trainCurve());
            header.add("validation_error_seed_" + r.seed);
            columns.add(r.time(sizes).validationCurve());
        }
        results.series(SeriesCsv.write(context.directory(), "regularization-over-time", header.toArray(String[]::new),
                columns.toArray(double[][]::new)));

        int w = sizes.widths.length;
        double[] fits = new double[w];
        double[] firstFit = new double[w];
        for (int i = 0; i < w; i++) {
            int k = i;
            fits[i] = Arrays.stream(runs).filter(r -> r.widths[k].fits(FIT_TOLERANCE)).count() / (double) n;
            firstFit[i] = finiteMean(Arrays.stream(runs).mapToDouble(r -> r.widths[k].fits(FIT_TOLERANCE)
                    ? r.widths[k].firstEpochFitting(FIT_TOLERANCE) : Double.NaN).toArray());
        }
        results.series(SeriesCsv.write(context.directory(), "regularization-width",
                new String[] {"width", "train_error_mean", "train_error_se", "validation_error_mean",
                    "test_error_mean", "test_error_se", "early_stopped_test_error_mean",
                    "early_stopped_test_error_se", "early_stopping_epoch_mean", "fraction_of_seeds_fitting_the_labels",
                    "first_epoch_fitting_the_labels_mean"},
                toDoubles(sizes.widths), mean(runs, w, (r, i) -> r.widths[i].trainError()),
                standardError(runs, w, (r, i) -> r.widths[i].trainError()),
                mean(runs, w, (r, i) -> r.widths[i].validationError()),
                mean(runs, w, (r, i) -> r.widths[i].testError()),
                standardError(runs, w, (r, i) -> r.widths[i].testError()),
                mean(runs, w, (r, i) -> r.widths[i].testErrorAtStop()),
                standardError(runs, w, (r, i) -> r.widths[i].testErrorAtStop()),
                mean(runs, w, (r, i) -> r.widths[i].stopEpoch()), fits, firstFit));

        int degrees = COMPLEX_DEGREE + 1;
        double[] degreeAxis = new double[degrees];
        for (int d = 0; d < degrees; d++) {
            degreeAxis[d] = d;
        }
        results.series(SeriesCsv.write(context.directory(), "regularization-polynomial",
                new String[] {"degree", "log10_train_mse_mean", "log10_train_mse_se", "log10_test_mse_mean",
                    "log10_test_mse_se"},
                degreeAxis, mean(runs, degrees, (r, d) -> r.polynomialTrain[d]),
                standardError(runs, degrees, (r, d) -> r.polynomialTrain[d]),
                mean(runs, degrees, (r, d) -> r.polynomialTest[d]),
                standardError(runs, degrees, (r, d) -> r.polynomialTest[d])));

        List<double[]> rows = new ArrayList<>();
        for (int b = 0; b < 2; b++) {
            boolean isSmall = b == 0;
            double[] rates = isSmall ? sizes.smallRates : sizes.largeRates;
            for (int i = 0; i < rates.length; i++) {
                int k = i;
                double[] reached = new double[n];
                double[] epochsTo = new double[n];
                double[] validation = new double[n];
                double[] test = new double[n];
                double[] tuned = new double[n];
                for (int s = 0; s < n; s++) {
                    ToLoss t = (isSmall ? runs[s].small : runs[s].large)[k];
                    reached[s] = t.reached() ? 1 : 0;
                    epochsTo[s] = t.reached() ? t.epochs() : Double.NaN;
                    validation[s] = t.reached() ? t.validationError() : Double.NaN;
                    test[s] = t.reached() ? t.testError() : Double.NaN;
                    tuned[s] = tunedIndex(isSmall ? runs[s].small : runs[s].large) == k ? 1 : 0;
                }
                rows.add(new double[] {isSmall ? sizes.smallBatch : sizes.largeBatch, rates[i], meanOf(reached),
                    finiteMean(epochsTo), finiteMean(validation), finiteStandardError(validation), finiteMean(test),
                    finiteStandardError(test), meanOf(tuned)});
            }
        }
        results.series(SeriesCsv.write(context.directory(), "regularization-batch-size",
                new String[] {"batch_size", "rate", "fraction_of_seeds_reaching_target", "epochs_to_target_mean",
                    "validation_error_mean", "validation_error_se", "test_error_mean", "test_error_se",
                    "fraction_of_seeds_tuned_here"},
                transpose(rows)));
    }

    private static void writePlots(ExperimentContext context, Sizes sizes, SeedRuns[] runs, Results results) {
        int n = runs.length;
        double[] epochs = timeAxis(sizes);
        int points = epochs.length;
        double[] trainMean = mean(runs, points, (r, i) -> r.time(sizes).trainCurve()[i]);
        double[] trainSe = standardError(runs, points, (r, i) -> r.time(sizes).trainCurve()[i]);
        double[] validationMean = mean(runs, points, (r, i) -> r.time(sizes).validationCurve()[i]);
        double[] validationSe = standardError(runs, points, (r, i) -> r.time(sizes).validationCurve()[i]);
        double stop = OverSeeds.of(column(runs, r -> r.time(sizes).stopEpoch())).mean();
        double top = Math.max(max(plus(validationMean, validationSe)), max(plus(trainMean, trainSe)));
        results.plots(LinePlot.titled(String.format(Locale.ROOT, "Over-fitting in time: width %d, %d %% of %d labels"
                        + " flipped", sizes.timeWidth, Math.round(100 * sizes.labelNoise), sizes.train))
                .xAxis("epoch")
                .yAxis("error rate (fraction misclassified)")
                .yIncludesZero()
                .band("training error ± 1 SE", epochs, minus(trainMean, trainSe), plus(trainMean, trainSe))
                .band("validation error ± 1 SE", epochs, minus(validationMean, validationSe),
                        plus(validationMean, validationSe))
                .line("training error (noisy labels)", epochs, trainMean)
                .line("validation error (true labels)", epochs, validationMean)
                .reference("early stopping (lowest validation error): mean epoch " + Math.round(stop),
                        new double[] {stop, stop}, new double[] {0, top})
                .note(String.format(Locale.ROOT, "mean ± 1 SE over %d seeds; test error %s early-stopped, %s after %d"
                                + " epochs", n, OverSeeds.of(column(runs, r -> r.time(sizes).testErrorAtStop())),
                        OverSeeds.of(column(runs, r -> r.time(sizes).testError())), sizes.epochs))
                .save(context.directory(), "regularization-over-time"));

        int w = sizes.widths.length;
        double[] widths = toDoubles(sizes.widths);
        double[] testMean = mean(runs, w, (r, i) -> r.widths[i].testError());
        double[] testSe = standardError(runs, w, (r, i) -> r.widths[i].testError());
        double[] interpolation = column(runs, r -> sizes.widths[r.interpolation()]);
        double median = median(interpolation);
        double ceiling = max(plus(testMean, testSe));
        results.plots(LinePlot.titled("Error against width after " + sizes.epochs + " epochs, "
                        + Math.round(100 * sizes.labelNoise) + " % of labels flipped")
                .xAxis("hidden units (one hidden layer, log scale)")
                .yAxis("error rate (fraction misclassified)")
                .logX()
                .yIncludesZero()
                .band("test error ± 1 SE", widths, minus(testMean, testSe), plus(testMean, testSe))
                .sweep("test error after " + sizes.epochs + " epochs", widths, testMean)
                .sweep("test error, early-stopped", widths, mean(runs, w, (r, i) -> r.widths[i].testErrorAtStop()))
                .sweep("training error (noisy labels)", widths, mean(runs, w, (r, i) -> r.widths[i].trainError()))
                .reference("interpolation width (first to fit the training labels), median " + Numbers.compact(median),
                        new double[] {median, median}, new double[] {0, ceiling})
                .note("mean ± 1 SE over " + n + " seeds; interpolation width per seed: " + joined(interpolation))
                .save(context.directory(), "regularization-width"));

        int degrees = COMPLEX_DEGREE + 1;
        double[] degreeAxis = new double[degrees];
        for (int d = 0; d < degrees; d++) {
            degreeAxis[d] = d;
        }
        double[] trainLog = mean(runs, degrees, (r, d) -> r.polynomialTrain[d]);
        double[] testLog = mean(runs, degrees, (r, d) -> r.polynomialTest[d]);
        double[] testLogSe = standardError(runs, degrees, (r, d) -> r.polynomialTest[d]);
        double noiseVariance = POLYNOMIAL_NOISE * POLYNOMIAL_NOISE;
        results.plots(LinePlot.titled("Polynomial fits to " + POLYNOMIAL_POINTS + " noisy points: the U-curve")
                .xAxis("polynomial degree")
                .yAxis("mean squared error (log scale)")
                .logY()
                .yRange(POLYNOMIAL_PLOT_BOTTOM, POLYNOMIAL_PLOT_TOP)
                .xTicksAtData()
                .band("test error ± 1 SE", degreeAxis, pow10(minus(testLog, testLogSe)), pow10(plus(testLog, testLogSe)))
                .sweep("training error", degreeAxis, pow10(trainLog))
                .sweep("test error (" + POLYNOMIAL_TEST_POINTS + " fresh points)", degreeAxis, pow10(testLog))
                .reference("noise variance σ² = " + Numbers.compact(noiseVariance) + ", the least possible test error",
                        new double[] {0, COMPLEX_DEGREE}, new double[] {noiseVariance, noiseVariance})
                .note("geometric mean ± 1 SE (of log₁₀) over " + n + " seeds")
                .save(context.directory(), "regularization-polynomial"));

        PolynomialSample sample = runs[0].polynomialSample;
        int grid = 401;
        double[] gx = new double[grid];
        double[] truth = new double[grid];
        double[][] fitted = new double[3][grid];
        for (int i = 0; i < grid; i++) {
            gx[i] = -1 + 2.0 * i / (grid - 1);
            truth[i] = truth(gx[i]);
            for (int f = 0; f < 3; f++) {
                fitted[f][i] = sample.fits()[f].valueAt(gx[i]);
            }
        }
        results.plots(LinePlot.titled("The " + POLYNOMIAL_POINTS + " points of seed " + runs[0].seed
                        + " and three of their least-squares fits")
                .xAxis("x")
                .yAxis("y")
                .yRange(-2.5, 2.5)
                .points("training points", sample.x(), sample.y())
                .reference("truth sin(πx)", gx, truth)
                .line("degree " + SIMPLE_DEGREE + " (too simple)", gx, fitted[0])
                .line("degree " + MIDDLE_DEGREE, gx, fitted[1])
                .line("degree " + COMPLEX_DEGREE + " (too flexible)", gx, fitted[2])
                .save(context.directory(), "regularization-polynomial-fits"));

        LinePlot batchPlot = LinePlot.titled("Batch size at equal training loss (" + Numbers.compact(sizes.targetLoss)
                        + " nats), by learning rate")
                .xAxis("learning rate α (log scale)")
                .yAxis("validation error when the training loss reaches the target")
                .logX();
        for (int b = 0; b < 2; b++) {
            boolean isSmall = b == 0;
            double[] rates = isSmall ? sizes.smallRates : sizes.largeRates;
            double[] m = new double[rates.length];
            double[] se = new double[rates.length];
            for (int i = 0; i < rates.length; i++) {
                double[] v = new double[n];
                for (int s = 0; s < n; s++) {
                    ToLoss t = (isSmall ? runs[s].small : runs[s].large)[i];
                    v[s] = t.reached() ? t.validationError() : Double.NaN;
                }
                m[i] = finiteMean(v);
                se[i] = finiteStandardError(v);
            }
            if (Arrays.stream(m).anyMatch(Double::isFinite)) {
                batchPlot.band("batch " + (isSmall ? sizes.smallBatch : sizes.largeBatch) + " ± 1 SE", rates,
                                minus(m, se), plus(m, se))
                        .sweep("batch " + (isSmall ? sizes.smallBatch : sizes.largeBatch), rates, m);
            }
        }
        batchPlot.points("tuned rate of each seed, batch " + sizes.smallBatch, column(runs, r -> r.tunedSmall().rate()),
                        column(runs, r -> r.tunedSmall().validationError()))
                .points("tuned rate of each seed, batch " + sizes.largeBatch, column(runs, r -> r.tunedLarge().rate()),
                        column(runs, r -> r.tunedLarge().validationError()))
                .note(String.format(Locale.ROOT, "mean ± 1 SE over the seeds reaching the target; test error at the"
                                + " tuned rates: %s (batch %d), %s (batch %d)",
                        OverSeeds.of(column(runs, r -> r.tunedSmall().testError())), sizes.smallBatch,
                        OverSeeds.of(column(runs, r -> r.tunedLarge().testError())), sizes.largeBatch));
        results.plots(batchPlot.save(context.directory(), "regularization-batch-size"));
    }

    // ---------------------------------------------------------------- small helpers

    private interface Indexed {
        double value(SeedRuns run, int index);
    }

    private static double[] timeAxis(Sizes sizes) {
        double[] e = new double[sizes.epochs / sizes.every];
        for (int i = 0; i < e.length; i++) {
            e[i] = (i + 1) * sizes.every;
        }
        return e;
    }

    private static double[] column(SeedRuns[] runs, ToDoubleFunction<SeedRuns> value) {
        double[] c = new double[runs.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = value.applyAsDouble(runs[i]);
        }
        return c;
    }

    private static double[] column(LongRun[] runs, ToDoubleFunction<LongRun> value) {
        double[] c = new double[runs.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = value.applyAsDouble(runs[i]);
        }
        return c;
    }

    private static double[] mean(SeedRuns[] runs, int length, Indexed value) {
        double[] m = new double[length];
        for (int i = 0; i < length; i++) {
            int k = i;
            m[i] = OverSeeds.of(column(runs, r -> value.value(r, k))).mean();
        }
        return m;
    }

    private static double[] standardError(SeedRuns[] runs, int length, Indexed value) {
        double[] se = new double[length];
        for (int i = 0; i < length; i++) {
            int k = i;
            se[i] = OverSeeds.of(column(runs, r -> value.value(r, k))).standardError();
        }
        return se;
    }

    private static double meanOf(double[] values) {
        return OverSeeds.of(values).mean();
    }

    private static double finiteMean(double[] values) {
        double[] finite = Arrays.stream(values).filter(Double::isFinite).toArray();
        return finite.length == 0 ? Double.NaN : OverSeeds.of(finite).mean();
    }

    private static double finiteStandardError(double[] values) {
        double[] finite = Arrays.stream(values).filter(Double::isFinite).toArray();
        return finite.length == 0 ? Double.NaN : OverSeeds.of(finite).standardError();
    }

    private static double[][] transpose(List<double[]> rows) {
        int columns = rows.get(0).length;
        double[][] t = new double[columns][rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < columns; c++) {
                t[c][r] = rows.get(r)[c];
            }
        }
        return t;
    }

    private static double[] toDoubles(int[] values) {
        return Arrays.stream(values).asDoubleStream().toArray();
    }

    private static double[] plus(double[] a, double[] b) {
        double[] c = new double[a.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = a[i] + b[i];
        }
        return c;
    }

    private static double[] minus(double[] a, double[] b) {
        double[] c = new double[a.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = a[i] - b[i];
        }
        return c;
    }

    private static double[] pow10(double[] a) {
        return Arrays.stream(a).map(v -> Math.pow(10, v)).toArray();
    }

    private static double max(double[] a) {
        return Arrays.stream(a).filter(Double::isFinite).max().orElse(1);
    }

    /** 0.002 → "0.2 %". */
    private static String percent(double fraction) {
        return Numbers.compact(100 * fraction) + " %";
    }

    private static String joined(double[] values) {
        StringBuilder b = new StringBuilder();
        for (double v : values) {
            b.append(b.length() == 0 ? "" : ", ").append(Numbers.compact(v));
        }
        return b.toString();
    }

    /** The median; of an even count, the geometric mean of the middle two (widths are compared on a log scale). */
    private static double median(double[] a) {
        double[] s = a.clone();
        Arrays.sort(s);
        int m = s.length / 2;
        return s.length % 2 == 1 ? s[m] : Math.sqrt(s[m - 1] * s[m]);
    }
}
