package dev.descent.data;

import dev.descent.random.Rng;
import java.util.Arrays;

/**
 * Seeded, stratified splits of a data set, for data sets without an official split (or to
 * carve a validation part out of a training part). For cross-validation see {@link KFold}.
 */
public final class Splits {
    private Splits() {
    }

    /**
     * A data set cut in three by {@link #trainValidationTest}: the part to train on, the part to
     * choose settings and stop on, and the part to report the final result on, touched once.
     */
    public record TrainValidationTest(Dataset train, Dataset validation, Dataset test) {
    }

    /**
     * Holds out about {@code fraction} of every class.
     *
     * <p>Class {@code c} with {@code count} examples contributes {@code round(fraction·count)}
     * examples to the held-out part, clamped to {@code [1, count − 1]} when {@code count ≥ 2} so
     * that every such class appears on both sides; a class with a single example stays in the
     * training part. Which examples are held out is chosen by an {@link Rng} seeded with
     * {@code seed}, so the same seed gives the same split. Both parts keep the original order
     * of their examples and are named {@code <name>/train} and {@code <name>/held-out}.
     *
     * @param fraction in (0, 1), exclusive
     */
    public static HoldOutSplit holdOut(Dataset dataset, double fraction, long seed) {
        int[][] parts = holdOutIndices(dataset.labels(), dataset.classes(), fraction, seed);
        return new HoldOutSplit(
                dataset.subset(parts[0]).withName(dataset.name() + "/train"),
                dataset.subset(parts[1]).withName(dataset.name() + "/held-out"));
    }

    /**
     * The example indices of {@link #holdOut}'s two parts, {@code {train, heldOut}}, from the
     * labels alone: for readers that build both parts without materialising the whole set.
     */
    static int[][] holdOutIndices(int[] labels, int classes, double fraction, long seed) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("hold-out fraction must be in (0, 1), exclusive, got " + fraction);
        }
        Rng rng = new Rng(seed);
        int[][] byClass = indicesByClass(labels, classes);
        boolean[] heldOut = new boolean[labels.length];
        int heldOutCount = 0;
        for (int[] members : byClass) {
            int take = heldOutShare(members.length, fraction);
            rng.shuffle(members);
            for (int i = 0; i < take; i++) {
                heldOut[members[i]] = true;
            }
            heldOutCount += take;
        }
        int[] trainIndices = new int[labels.length - heldOutCount];
        int[] heldOutIndices = new int[heldOutCount];
        int t = 0;
        int h = 0;
        for (int i = 0; i < heldOut.length; i++) {
            if (heldOut[i]) {
                heldOutIndices[h++] = i;
            } else {
                trainIndices[t++] = i;
            }
        }
        return new int[][] {trainIndices, heldOutIndices};
    }

    /**
     * Cuts {@code dataset} into training, validation and test parts, stratified by class.
     *
     * <p>Class {@code c} with {@code count ≥ 3} examples gives the test part
     * {@code round(testFraction·count)} examples, clamped to {@code [1, count − 2]}, then the
     * validation part {@code round(validationFraction·count)}, clamped to
     * {@code [1, count − test − 1]}; the training part keeps the remainder, so such a class
     * appears in all three parts. A class of 2 gives one example to training and one to test;
     * a class of 1 stays in training. Which
     * examples go where is chosen by an {@link Rng} seeded with {@code seed}: the same seed
     * gives the same split. The parts keep the original order of their examples and are named
     * {@code <name>/train}, {@code <name>/validation} and {@code <name>/test}.
     *
     * @param validationFraction in (0, 1), exclusive
     * @param testFraction       in (0, 1), exclusive, and {@code validationFraction + testFraction < 1}
     */
    public static TrainValidationTest trainValidationTest(Dataset dataset, double validationFraction,
            double testFraction, long seed) {
        requireOpenUnit("validationFraction", validationFraction);
        requireOpenUnit("testFraction", testFraction);
        if (!(validationFraction + testFraction < 1)) {
            throw new IllegalArgumentException("validationFraction + testFraction must be below 1 so that examples"
                    + " are left to train on, got " + validationFraction + " + " + testFraction + " = "
                    + (validationFraction + testFraction));
        }
        final byte train = 0;
        final byte validation = 1;
        final byte test = 2;
        Rng rng = new Rng(seed);
        byte[] part = new byte[dataset.size()];
        int[] sizes = new int[3];
        for (int[] members : indicesByClass(dataset)) {
            int count = members.length;
            // Test first, leaving room for validation when the class has the examples for it.
            int testShare = count < 3 ? heldOutShare(count, testFraction)
                    : clampedShare(count - 1, Math.round(testFraction * count));
            int validationShare = clampedShare(count - testShare, Math.round(validationFraction * count));
            rng.shuffle(members);
            for (int i = 0; i < members.length; i++) {
                part[members[i]] = i < testShare ? test : i < testShare + validationShare ? validation : train;
            }
            sizes[test] += testShare;
            sizes[validation] += validationShare;
            sizes[train] += count - testShare - validationShare;
        }
        int[][] indices = {new int[sizes[train]], new int[sizes[validation]], new int[sizes[test]]};
        int[] filled = new int[3];
        for (int i = 0; i < part.length; i++) {
            indices[part[i]][filled[part[i]]++] = i;
        }
        return new TrainValidationTest(
                dataset.subset(indices[train]).withName(dataset.name() + "/train"),
                dataset.subset(indices[validation]).withName(dataset.name() + "/validation"),
                dataset.subset(indices[test]).withName(dataset.name() + "/test"));
    }

    /**
     * The three parts of one training run's data: to train on, to choose settings and stop
     * on, and to report on once.
     */
    public record Parts<E extends Examples>(E train, E validation, E test) {

        /**
         * The parts with their features standardised by the training part's means and standard
         * deviations (see {@link Standardization}), with those statistics to save with the model.
         */
        public Standardized<E> standardized() {
            Standardization.Fitted scaling = new Standardization().fit(train.features(),
                    "dataset '" + train.name() + "'");
            return new Standardized<>(new Parts<>(apply(scaling, train), apply(scaling, validation),
                    apply(scaling, test)), scaling);
        }

        @SuppressWarnings("unchecked")
        private static <E extends Examples> E apply(Standardization.Fitted scaling, E part) {
            return part instanceof Dataset d ? (E) scaling.apply(d) : (E) scaling.apply((RegressionDataset) part);
        }
    }

    /** Standardised parts and the statistics they were standardised with. */
    public record Standardized<E extends Examples>(Parts<E> parts, Standardization.Fitted scaling) {
    }

    /**
     * The split of a training run on data without an official test set: a {@code testFraction}
     * share is held out as the test part first, then a {@code validationFraction} share of the
     * rest as the validation part; the remainder is trained on. The same seed gives the same
     * parts.
     *
     * <ul>
     *   <li>Class labels ({@link Dataset}): both hold-outs are stratified, {@link #holdOut} with
     *       {@code seed} and then with {@code seed + 1}; each part keeps the original order.</li>
     *   <li>Regression targets ({@link RegressionDataset}): the rows are permuted by an
     *       {@link Rng} seeded with {@code seed}; the first {@code max(1, round(testFraction·n))}
     *       are the test part, the next {@code max(1, round(validationFraction·(n − test)))}
     *       the validation part.</li>
     * </ul>
     *
     * @param validationFraction in (0, 1), exclusive
     * @param testFraction       in (0, 1), exclusive
     */
    @SuppressWarnings("unchecked")
    public static <E extends Examples> Parts<E> testThenValidation(E all, double validationFraction,
                                                                  double testFraction, long seed) {
        requireOpenUnit("validationFraction", validationFraction);
        requireOpenUnit("testFraction", testFraction);
        if (all instanceof Dataset dataset) {
            HoldOutSplit testSplit = holdOut(dataset, testFraction, seed);
            HoldOutSplit validationSplit = holdOut(testSplit.train(), validationFraction, seed + 1);
            return (Parts<E>) new Parts<>(validationSplit.train().withName(dataset.name() + "/train"),
                    validationSplit.heldOut().withName(dataset.name() + "/validation"),
                    testSplit.heldOut().withName(dataset.name() + "/test"));
        }
        RegressionDataset regression = (RegressionDataset) all;
        int n = regression.size();
        if (n < 3) {
            throw new IllegalArgumentException("dataset '" + regression.name() + "' has " + n + " examples; training,"
                    + " validation and test parts need at least 3");
        }
        int[] order = new Rng(seed).permutation(n);
        int testCount = Math.min(n - 2, Math.max(1, (int) Math.round(testFraction * n)));
        int validationCount = Math.min(n - testCount - 1,
                Math.max(1, (int) Math.round(validationFraction * (n - testCount))));
        return (Parts<E>) new Parts<>(
                regression.subset(Arrays.copyOfRange(order, testCount + validationCount, n))
                        .withName(regression.name() + "/train"),
                regression.subset(Arrays.copyOfRange(order, testCount, testCount + validationCount))
                        .withName(regression.name() + "/validation"),
                regression.subset(Arrays.copyOfRange(order, 0, testCount)).withName(regression.name() + "/test"));
    }

    /**
     * How many examples {@link #testThenValidation} puts in each part, {@code {train, validation,
     * test}}, computed from the class counts (or the row count) alone, without splitting: so that
     * a caller can refuse data too small for the split before any work. For regression targets
     * with fewer than 3 rows, where {@link #testThenValidation} refuses, every row counts as
     * training.
     *
     * @param validationFraction in (0, 1), exclusive
     * @param testFraction       in (0, 1), exclusive
     */
    public static int[] testThenValidationSizes(Examples all, double validationFraction, double testFraction) {
        requireOpenUnit("validationFraction", validationFraction);
        requireOpenUnit("testFraction", testFraction);
        if (all instanceof Dataset dataset) {
            int[] sizes = new int[3];
            for (int count : classCounts(dataset.labels(), dataset.classes())) {
                int test = heldOutShare(count, testFraction);
                int validation = heldOutShare(count - test, validationFraction);
                sizes[0] += count - test - validation;
                sizes[1] += validation;
                sizes[2] += test;
            }
            return sizes;
        }
        int n = all.size();
        if (n < 3) {
            return new int[] {n, 0, 0};
        }
        int testCount = Math.min(n - 2, Math.max(1, (int) Math.round(testFraction * n)));
        int validationCount = Math.min(n - testCount - 1,
                Math.max(1, (int) Math.round(validationFraction * (n - testCount))));
        return new int[] {n - testCount - validationCount, validationCount, testCount};
    }

    /** How many examples {@link #holdOut} puts in each part, {@code {train, heldOut}}, from the labels alone. */
    public static int[] holdOutSizes(int[] labels, int classes, double fraction) {
        requireOpenUnit("fraction", fraction);
        int heldOut = 0;
        for (int count : classCounts(labels, classes)) {
            heldOut += heldOutShare(count, fraction);
        }
        return new int[] {labels.length - heldOut, heldOut};
    }

    private static int[] classCounts(int[] labels, int classes) {
        int[] counts = new int[classes];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    private static void requireOpenUnit(String name, double fraction) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException(name + " must be in (0, 1), exclusive, got " + fraction);
        }
    }

    /**
     * {@code share} clamped to {@code [1, count − 1]} so that both sides keep an example, or 0
     * when {@code count < 2}: a lone example stays on the training side.
     */
    private static int clampedShare(int count, long share) {
        if (count < 2) {
            return 0;
        }
        return (int) Math.max(1, Math.min(count - 1, share));
    }

    /** How many of a class's {@code count} examples go to the held-out part. */
    static int heldOutShare(int count, double fraction) {
        return clampedShare(count, Math.round(fraction * count));
    }

    /** The row indices of each class, in the data set's order; element {@code c} lists class {@code c}. */
    static int[][] indicesByClass(Dataset dataset) {
        return indicesByClass(dataset.labels(), dataset.classes());
    }

    private static int[][] indicesByClass(int[] labels, int classes) {
        int[] counts = new int[classes];
        for (int label : labels) {
            counts[label]++;
        }
        int[][] byClass = new int[classes][];
        for (int c = 0; c < classes; c++) {
            byClass[c] = new int[counts[c]];
        }
        int[] filled = new int[classes];
        for (int i = 0; i < labels.length; i++) {
            int c = labels[i];
            byClass[c][filled[c]++] = i;
        }
        return byClass;
    }
}
