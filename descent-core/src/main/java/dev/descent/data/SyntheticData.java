package dev.descent.data;

import dev.descent.random.Rng;
import dev.descent.tensor.Tensor;
import java.util.List;

/**
 * Seeded toy problems, for examples and tests: the same arguments always give the same data.
 * Classification problems come as a {@link Dataset} with examples in a random order, as
 * scikit-learn's generators give them; {@link #linearRegression} and {@link #logistic} also
 * return the true parameters they were drawn from, so that a fit can be checked against them.
 */
public final class SyntheticData {
    /** Blob centres are drawn uniformly from this box in every feature, as in scikit-learn. */
    private static final double CENTER_BOX = 10.0;
    /** How far each spiral arm winds, in turns, from the centre to radius 1. */
    private static final double SPIRAL_TURNS = 1.0;
    /** The XOR corners in dealing order; labels alternate 0, 1, 0, 1 so classes stay balanced. */
    private static final double[][] XOR_CORNERS = {{-1, -1}, {-1, 1}, {1, 1}, {1, -1}};
    /** The logistic intercept is drawn uniformly from [−this, this), keeping classes roughly balanced. */
    private static final double LOGISTIC_INTERCEPT_RANGE = 0.5;

    /**
     * Regression data {@code y = x·w + b + ε} and the true {@code w} and {@code b} it came from.
     *
     * @param data          {@code [n, d]} features and {@code [n]} targets
     * @param trueWeights   {@code w}, length {@code d}; copied in and out
     * @param trueIntercept {@code b}
     */
    public record RegressionProblem(RegressionDataset data, double[] trueWeights, double trueIntercept) {
        public RegressionProblem {
            trueWeights = trueWeights.clone();
        }

        @Override
        public double[] trueWeights() {
            return trueWeights.clone();
        }
    }

    /**
     * Binary classification data drawn from a logistic model, {@code P(y = 1 | x) = σ(x·w + b)},
     * and the true {@code w} and {@code b}.
     *
     * @param data          {@code [n, d]} features, labels 0 and 1
     * @param trueWeights   {@code w}, length {@code d}; copied in and out
     * @param trueIntercept {@code b}
     */
    public record LogisticProblem(Dataset data, double[] trueWeights, double trueIntercept) {
        public LogisticProblem {
            trueWeights = trueWeights.clone();
        }

        @Override
        public double[] trueWeights() {
            return trueWeights.clone();
        }
    }

    private SyntheticData() {
    }

    /**
     * Two interleaving half circles in 2-D, like scikit-learn's {@code make_moons}: class 0 on
     * the upper arc {@code (cos t, sin t)}, class 1 on the lower arc
     * {@code (1 − cos t, 0.5 − sin t)}, {@code t} evenly spaced in [0, π]; class 0 gets
     * {@code n / 2} points, class 1 the rest. Then Gaussian noise of standard deviation
     * {@code noise} is added to every coordinate.
     *
     * @param n     at least 2, so that both classes appear
     * @param noise standard deviation, at least 0
     */
    public static Dataset twoMoons(int n, double noise, long seed) {
        if (n < 2) {
            throw new IllegalArgumentException("two moons: n must be at least 2 (one point per moon), got " + n);
        }
        requireSpread("two moons: noise", noise);
        int outer = n / 2;
        int inner = n - outer;
        double[] x = new double[n];
        double[] y = new double[n];
        int[] labels = new int[n];
        for (int i = 0; i < outer; i++) {
            double t = evenlySpaced(i, outer);
            x[i] = Math.cos(t);
            y[i] = Math.sin(t);
        }
        for (int i = 0; i < inner; i++) {
            double t = evenlySpaced(i, inner);
            x[outer + i] = 1 - Math.cos(t);
            y[outer + i] = 0.5 - Math.sin(t);
            labels[outer + i] = 1;
        }
        Rng rng = new Rng(seed);
        int[] order = rng.permutation(n);
        float[] features = new float[2 * n];
        int[] shuffledLabels = new int[n];
        for (int row = 0; row < n; row++) {
            int source = order[row];
            features[2 * row] = (float) (x[source] + noise * rng.nextGaussian());
            features[2 * row + 1] = (float) (y[source] + noise * rng.nextGaussian());
            shuffledLabels[row] = labels[source];
        }
        return new Dataset("two-moons", Tensor.wrap(features, n, 2), shuffledLabels, 2);
    }

    /**
     * Isotropic Gaussian clusters, like scikit-learn's {@code make_blobs}: one centre per class
     * drawn uniformly from [−10, 10) in every feature, and points at that centre plus Gaussian
     * noise of standard deviation {@code spread}. Classes get {@code n / classes} points each,
     * the first {@code n % classes} classes one more.
     *
     * @param n        at least {@code classes}, so that every class appears
     * @param classes  at least 1
     * @param features at least 1
     * @param spread   standard deviation around each centre, at least 0
     */
    public static Dataset gaussianBlobs(int n, int classes, int features, double spread, long seed) {
        if (classes < 1) {
            throw new IllegalArgumentException("gaussian blobs: classes must be at least 1, got " + classes);
        }
        if (features < 1) {
            throw new IllegalArgumentException("gaussian blobs: features must be at least 1, got " + features);
        }
        if (n < classes) {
            throw new IllegalArgumentException("gaussian blobs: n must be at least classes (" + classes
                    + ") so that every class has a point, got " + n);
        }
        requireSpread("gaussian blobs: spread", spread);
        Rng rng = new Rng(seed);
        double[] centers = new double[classes * features];
        for (int i = 0; i < centers.length; i++) {
            centers[i] = CENTER_BOX * (2 * rng.nextDouble() - 1);
        }
        int[] order = rng.permutation(n);
        float[] values = new float[Math.multiplyExact(n, features)];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            // Example i in class-major order (class 0's points first) lands on row order[i].
            int label = classOf(i, n, classes);
            int row = order[i];
            labels[row] = label;
            for (int f = 0; f < features; f++) {
                values[row * features + f] = (float) (centers[label * features + f] + spread * rng.nextGaussian());
            }
        }
        return new Dataset("gaussian-blobs", Tensor.wrap(values, n, features), labels, classes);
    }

    /**
     * Interleaved spiral arms in 2-D, one per class, as in the CS231n course notes: point
     * {@code j} of the {@code m} points of class {@code c} lies at radius {@code r = (j + 1) / m}
     * and angle {@code 2π·c / classes + 2π·r} (each arm winds one turn, the arms being rotations
     * of one another), plus Gaussian noise of standard deviation {@code noise} on every
     * coordinate. Classes get {@code n / classes} points each, the first
     * {@code n % classes} one more.
     *
     * @param n       at least {@code classes}, so that every class appears
     * @param classes at least 2
     * @param noise   standard deviation, at least 0
     */
    public static Dataset spirals(int n, int classes, double noise, long seed) {
        if (classes < 2) {
            throw new IllegalArgumentException("spirals: classes must be at least 2, got " + classes);
        }
        if (n < classes) {
            throw new IllegalArgumentException("spirals: n must be at least classes (" + classes
                    + ") so that every class has a point, got " + n);
        }
        requireSpread("spirals: noise", noise);
        Rng rng = new Rng(seed);
        int[] order = rng.permutation(n);
        float[] values = new float[2 * n];
        int[] labels = new int[n];
        int example = 0;
        for (int c = 0; c < classes; c++) {
            int m = blockSize(c, n, classes);
            for (int j = 0; j < m; j++) {
                double radius = (j + 1.0) / m;
                double angle = 2 * Math.PI * ((double) c / classes + SPIRAL_TURNS * radius);
                int row = order[example++];
                labels[row] = c;
                values[2 * row] = (float) (radius * Math.cos(angle) + noise * rng.nextGaussian());
                values[2 * row + 1] = (float) (radius * Math.sin(angle) + noise * rng.nextGaussian());
            }
        }
        return new Dataset("spirals", Tensor.wrap(values, n, 2), labels, classes);
    }

    /**
     * The XOR problem in 2-D: points at the corners {@code (±1, ±1)} plus Gaussian noise of
     * standard deviation {@code noise} on every coordinate; class 1 where the two signs differ
     * ({@code (−1, 1)} and {@code (1, −1)}), class 0 where they agree. No linear model separates
     * the classes. Corners get {@code n / 4} points each, some one more, so class 0 has
     * {@code ⌈n/2⌉} points and class 1 {@code ⌊n/2⌋}.
     *
     * @param n     at least 4, one point per corner
     * @param noise standard deviation, at least 0
     */
    public static Dataset xor(int n, double noise, long seed) {
        if (n < XOR_CORNERS.length) {
            throw new IllegalArgumentException("xor: n must be at least " + XOR_CORNERS.length
                    + " (one point per corner), got " + n);
        }
        requireSpread("xor: noise", noise);
        Rng rng = new Rng(seed);
        int[] order = rng.permutation(n);
        float[] values = new float[2 * n];
        int[] labels = new int[n];
        int example = 0;
        for (int corner = 0; corner < XOR_CORNERS.length; corner++) {
            int m = blockSize(corner, n, XOR_CORNERS.length);
            for (int j = 0; j < m; j++) {
                int row = order[example++];
                labels[row] = corner % 2;
                values[2 * row] = (float) (XOR_CORNERS[corner][0] + noise * rng.nextGaussian());
                values[2 * row + 1] = (float) (XOR_CORNERS[corner][1] + noise * rng.nextGaussian());
            }
        }
        return new Dataset("xor", Tensor.wrap(values, n, 2), labels, 2);
    }

    /**
     * A linear regression problem with known answer: true weights {@code w} and intercept
     * {@code b} drawn from the standard normal distribution, features {@code x} drawn
     * independently from it too, and targets {@code y = x·w + b + noise·ε} with standard normal
     * {@code ε}. The targets are computed in double from the stored (float) features, so with
     * {@code noise = 0} they are exact up to float rounding.
     *
     * @param n        examples, at least 1
     * @param features {@code d}, at least 1
     * @param noise    standard deviation of the target noise, at least 0
     */
    public static RegressionProblem linearRegression(int n, int features, double noise, long seed) {
        requireAtLeast("linear regression: n", n, 1);
        requireAtLeast("linear regression: features", features, 1);
        requireSpread("linear regression: noise", noise);
        Rng rng = new Rng(seed);
        double[] weights = gaussians(rng, features);
        double intercept = rng.nextGaussian();
        float[] x = new float[Math.multiplyExact(n, features)];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            double target = intercept;
            for (int j = 0; j < features; j++) {
                float value = (float) rng.nextGaussian();
                x[i * features + j] = value;
                target += value * weights[j];
            }
            y[i] = (float) (target + noise * rng.nextGaussian());
        }
        RegressionDataset data = new RegressionDataset("linear-regression", Tensor.wrap(x, n, features),
                Tensor.wrap(y, n), List.of());
        return new RegressionProblem(data, weights, intercept);
    }

    /**
     * A binary classification problem drawn from a logistic model with known answer: true
     * weights {@code w} from the standard normal distribution, intercept {@code b} uniform in
     * [−0.5, 0.5) (so neither class dominates), features {@code x} standard normal, and each
     * label 1 with probability {@code σ(x·w + b) = 1 / (1 + exp(−(x·w + b)))}, computed in
     * double from the stored (float) features. The classes overlap: even the true model
     * misclassifies some examples, as real data would.
     *
     * @param n        examples, at least 1
     * @param features {@code d}, at least 1
     */
    public static LogisticProblem logistic(int n, int features, long seed) {
        requireAtLeast("logistic: n", n, 1);
        requireAtLeast("logistic: features", features, 1);
        Rng rng = new Rng(seed);
        double[] weights = gaussians(rng, features);
        double intercept = LOGISTIC_INTERCEPT_RANGE * (2 * rng.nextDouble() - 1);
        float[] x = new float[Math.multiplyExact(n, features)];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            double logit = intercept;
            for (int j = 0; j < features; j++) {
                float value = (float) rng.nextGaussian();
                x[i * features + j] = value;
                logit += value * weights[j];
            }
            double probability = 1 / (1 + Math.exp(-logit));
            labels[i] = rng.nextDouble() < probability ? 1 : 0;
        }
        return new LogisticProblem(new Dataset("logistic", Tensor.wrap(x, n, features), labels, 2),
                weights, intercept);
    }

    private static double[] gaussians(Rng rng, int count) {
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = rng.nextGaussian();
        }
        return values;
    }

    /** The size of block {@code b} when {@code n} items are dealt to {@code blocks} blocks, larger ones first. */
    private static int blockSize(int b, int n, int blocks) {
        return n / blocks + (b < n % blocks ? 1 : 0);
    }

    private static void requireAtLeast(String what, int value, int minimum) {
        if (value < minimum) {
            throw new IllegalArgumentException(what + " must be at least " + minimum + ", got " + value);
        }
    }

    /** The class of example {@code i} when {@code n} examples are dealt to classes in blocks. */
    private static int classOf(int i, int n, int classes) {
        int base = n / classes;
        int larger = n % classes; // the first `larger` classes hold base + 1 examples
        int inLarger = larger * (base + 1);
        return i < inLarger ? i / (base + 1) : larger + (i - inLarger) / base;
    }

    private static double evenlySpaced(int i, int count) {
        return count == 1 ? 0 : Math.PI * i / (count - 1);
    }

    private static void requireSpread(String what, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(what + " must be a finite number ≥ 0, got " + value);
        }
    }
}
