package dev.descent.linalg;

import dev.descent.tensor.Tensor;

/**
 * Validated least-squares inputs: {@code n ≥ 1} rows of {@code d ≥ 1} finite features, read
 * row by row as doubles from whatever storage they came in, and {@code n} finite targets. The
 * errors name the offending row and column.
 */
final class RegressionData {
    private final RowReader features;
    private final double[] targets;
    private final int rows;
    private final int columns;
    private final boolean float32;

    private RegressionData(RowReader features, double[] targets, int columns, boolean float32) {
        this.features = features;
        this.targets = targets;
        this.rows = targets.length;
        this.columns = columns;
        this.float32 = float32;
    }

    /** Row-major features {@code [n, d]} with {@code n = targets.length}. */
    static RegressionData of(float[] features, float[] targets) {
        int columns = columnsOf(features.length, targets.length);
        for (int i = 0; i < features.length; i++) {
            requireFinite(features[i], i / columns, i % columns);
        }
        double[] widened = new double[targets.length];
        for (int i = 0; i < targets.length; i++) {
            widened[i] = targets[i];
        }
        requireFiniteTargets(widened);
        return new RegressionData(RowReader.ofFloats(features, columns), widened, columns, true);
    }

    /** Row-major features {@code [n, d]} with {@code n = targets.length}. */
    static RegressionData of(double[] features, double[] targets) {
        int columns = columnsOf(features.length, targets.length);
        for (int i = 0; i < features.length; i++) {
            requireFinite(features[i], i / columns, i % columns);
        }
        requireFiniteTargets(targets);
        return new RegressionData(RowReader.ofDoubles(features, columns), targets.clone(), columns, false);
    }

    /** Features {@code [n, d]}, targets {@code [n]} or {@code [n, 1]}. */
    static RegressionData of(Tensor features, Tensor targets) {
        if (features.rank() != 2) {
            throw new IllegalArgumentException("least squares needs features of shape [n, d], got " + features.shape());
        }
        int n = features.dim(0);
        boolean column = targets.rank() == 1 || (targets.rank() == 2 && targets.dim(1) == 1);
        if (!column || targets.dim(0) != n) {
            throw new IllegalArgumentException("least squares needs targets of shape [n] or [n, 1] with n = " + n
                    + " (the feature rows), got " + targets.shape());
        }
        return of(features.data(), targets.data());
    }

    static RegressionData of(DoubleMatrix features, double[] targets) {
        if (features.rows() != targets.length) {
            throw new IllegalArgumentException("least squares needs one target per feature row: features are "
                    + features.shape() + " but there are " + targets.length + " targets");
        }
        requireRows(targets.length);
        return of(features.data(), targets);
    }

    int rows() {
        return rows;
    }

    int columns() {
        return columns;
    }

    /** Whether the features came as float32, so carry only about seven significant digits. */
    boolean float32() {
        return float32;
    }

    RowReader features() {
        return features;
    }

    double[] targets() {
        return targets;
    }

    double[] columnMeans() {
        double[] sums = new double[columns];
        double[] row = new double[columns];
        for (int i = 0; i < rows; i++) {
            features.read(i, row);
            for (int j = 0; j < columns; j++) {
                sums[j] += row[j];
            }
        }
        for (int j = 0; j < columns; j++) {
            sums[j] /= rows;
        }
        return sums;
    }

    /** The Euclidean norm of each feature column, as given (not centred). */
    double[] columnNorms() {
        double[] sumSquares = new double[columns];
        double[] row = new double[columns];
        for (int i = 0; i < rows; i++) {
            features.read(i, row);
            for (int j = 0; j < columns; j++) {
                sumSquares[j] += row[j] * row[j];
            }
        }
        for (int j = 0; j < columns; j++) {
            sumSquares[j] = Math.sqrt(sumSquares[j]);
        }
        return sumSquares;
    }

    double targetMean() {
        double sum = 0;
        for (double target : targets) {
            sum += target;
        }
        return sum / rows;
    }

    private static int columnsOf(int featureValues, int targetCount) {
        requireRows(targetCount);
        if (featureValues == 0 || featureValues % targetCount != 0) {
            throw new IllegalArgumentException("least squares needs row-major features [n, d] with d ≥ 1 and"
                    + " n = " + targetCount + " (one row per target), but the features hold " + featureValues
                    + " values, which is not a positive multiple of " + targetCount);
        }
        return featureValues / targetCount;
    }

    private static void requireRows(int rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("least squares needs at least one row, got none");
        }
    }

    private static void requireFinite(double value, int row, int column) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("least squares needs finite features, but features[row " + row
                    + ", column " + column + "] is " + value + "; drop or impute that row first");
        }
    }

    private static void requireFiniteTargets(double[] targets) {
        for (int i = 0; i < targets.length; i++) {
            if (!Double.isFinite(targets[i])) {
                throw new IllegalArgumentException("least squares needs finite targets, but targets[row " + i
                        + "] is " + targets[i] + "; drop or impute that row first");
            }
        }
    }
}
