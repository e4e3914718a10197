package dev.descent.model;

import dev.descent.tensor.Tensor;

/**
 * The checks on an estimator's feature rows, with messages that name the call, the row and
 * the column: rows of one width, finite values, the width the model was fitted on.
 */
final class FeatureRows {

    private FeatureRows() {
    }

    /**
     * {@code x} copied into an {@code [n, d]} tensor.
     *
     * @throws IllegalArgumentException when x is empty, ragged, or holds NaN or ±∞
     */
    static Tensor matrix(float[][] x, String call) {
        if (x == null || x.length == 0) {
            throw new IllegalArgumentException(call + ": x has no rows");
        }
        int d = width(x[0], 0, call);
        if (d == 0) {
            throw new IllegalArgumentException(call + ": the rows of x have no features");
        }
        float[] values = new float[Math.multiplyExact(x.length, d)];
        for (int i = 0; i < x.length; i++) {
            if (width(x[i], i, call) != d) {
                throw new IllegalArgumentException(call + ": row " + i + " of x has " + x[i].length
                        + " features but row 0 has " + d + "; every row needs the same features");
            }
            System.arraycopy(x[i], 0, values, i * d, d);
        }
        Tensor matrix = Tensor.wrap(values, x.length, d);
        requireFinite(matrix, call);
        return matrix;
    }

    /**
     * Checks rows to predict on: each of {@code features} finite values.
     *
     * @throws IllegalArgumentException naming the row, its width and the model's, or the bad value
     */
    static void requirePredictable(float[][] x, int features, String call) {
        if (x == null) {
            throw new IllegalArgumentException(call + ": x is null");
        }
        for (int i = 0; i < x.length; i++) {
            if (width(x[i], i, call) != features) {
                throw new IllegalArgumentException(call + ": the model was fitted on " + features + " features, but"
                        + " row " + i + " of x has " + x[i].length);
            }
            for (int j = 0; j < features; j++) {
                if (!Float.isFinite(x[i][j])) {
                    throw notFinite(call, i, j, x[i][j]);
                }
            }
        }
    }

    /** Rejects NaN and ±∞ in an {@code [n, d]} matrix. */
    static void requireFinite(Tensor x, String call) {
        float[] v = x.data();
        int d = x.dim(1);
        for (int i = 0; i < v.length; i++) {
            if (!Float.isFinite(v[i])) {
                throw notFinite(call, i / d, i % d, v[i]);
            }
        }
    }

    /** Checks a data set's width against the model's. */
    static void requireWidth(int dataFeatures, int features, String call) {
        if (dataFeatures != features) {
            throw new IllegalArgumentException(call + ": the model was fitted on " + features + " features, but the"
                    + " data has " + dataFeatures);
        }
    }

    private static int width(float[] row, int index, String call) {
        if (row == null) {
            throw new IllegalArgumentException(call + ": row " + index + " of x is null");
        }
        return row.length;
    }

    private static IllegalArgumentException notFinite(String call, int row, int column, float value) {
        return new IllegalArgumentException(call + ": x[row " + row + ", column " + column + "] is " + value
                + "; remove or impute it first");
    }
}
