package dev.descent.data;

import dev.descent.random.Rng;
import dev.descent.tensor.Tensor;

/**
 * Seeded toy classification problems, for examples and tests: the same arguments always give
 * the same data set. Examples come in a random order, as scikit-learn's generators give them.
 */
public final class SyntheticData {
    /** Blob centres are drawn uniformly from this box in every feature, as in scikit-learn. */
    private static final double CENTER_BOX = 10.0;

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
