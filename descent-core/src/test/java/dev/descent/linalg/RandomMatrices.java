package dev.descent.linalg;

import dev.descent.random.Rng;

/** Seeded random matrices and the naive reference computations the tests compare against. */
final class RandomMatrices {
    private RandomMatrices() {
    }

    /** Entries drawn from the standard normal distribution. */
    static DoubleMatrix gaussian(Rng rng, int rows, int columns) {
        DoubleMatrix a = DoubleMatrix.zeros(rows, columns);
        double[] values = a.data();
        for (int i = 0; i < values.length; i++) {
            values[i] = rng.nextGaussian();
        }
        return a;
    }

    /** {@code BᵀB/m + 0.1 I} for a Gaussian {@code B} with {@code m = 2·size + 3} rows: SPD, condition ≲ 100. */
    static DoubleMatrix symmetricPositiveDefinite(Rng rng, int size) {
        int m = 2 * size + 3;
        DoubleMatrix b = gaussian(rng, m, size);
        DoubleMatrix a = naiveTranspose(b).multiply(b);
        for (int i = 0; i < size; i++) {
            for (int j = 0; j < size; j++) {
                a.set(i, j, a.get(i, j) / m + (i == j ? 0.1 : 0));
            }
        }
        return a;
    }

    static double[] gaussianVector(Rng rng, int length) {
        double[] v = new double[length];
        for (int i = 0; i < length; i++) {
            v[i] = rng.nextGaussian();
        }
        return v;
    }

    /** The transpose, formed explicitly: the tests' oracle for the streamed products. */
    static DoubleMatrix naiveTranspose(DoubleMatrix a) {
        DoubleMatrix t = DoubleMatrix.zeros(a.columns(), a.rows());
        for (int i = 0; i < a.rows(); i++) {
            for (int j = 0; j < a.columns(); j++) {
                t.set(j, i, a.get(i, j));
            }
        }
        return t;
    }

    /** The largest absolute entry of {@code a − b}. */
    static double maxAbsDifference(DoubleMatrix a, DoubleMatrix b) {
        double largest = 0;
        for (int i = 0; i < a.data().length; i++) {
            largest = Math.max(largest, Math.abs(a.data()[i] - b.data()[i]));
        }
        return largest;
    }

    static double maxAbs(double[] values) {
        double largest = 0;
        for (double v : values) {
            largest = Math.max(largest, Math.abs(v));
        }
        return largest;
    }
}
