package dev.descent.data;

import dev.descent.tensor.Tensor;

/**
 * The per-column map {@code x' = (x − shift[j]) / scale[j]} shared by {@link Standardization}
 * and {@link MinMaxScaling}, with the checks both need. Arithmetic is in double, rounded to
 * float once per value.
 */
final class ColumnAffineTransform {
    private final String kind;
    private final double[] shift;
    private final double[] scale;

    /** Takes the arrays as they are: callers pass fresh ones. */
    ColumnAffineTransform(String kind, double[] shift, double[] scale) {
        this.kind = kind;
        this.shift = shift;
        this.scale = scale;
    }

    void applyInPlace(Tensor features, String source) {
        requireFeatureCount(features, source);
        int d = shift.length;
        float[] values = features.data();
        for (int i = 0; i < values.length; i += d) {
            for (int j = 0; j < d; j++) {
                values[i + j] = (float) ((values[i + j] - shift[j]) / scale[j]);
            }
        }
    }

    void invertInPlace(Tensor features, String source) {
        requireFeatureCount(features, source);
        int d = shift.length;
        float[] values = features.data();
        for (int i = 0; i < values.length; i += d) {
            for (int j = 0; j < d; j++) {
                values[i + j] = (float) (values[i + j] * scale[j] + shift[j]);
            }
        }
    }

    Dataset apply(Dataset data) {
        String source = "dataset '" + data.name() + "'";
        requireFeatureCount(data.features(), source);
        Tensor features = data.features().copy();
        applyInPlace(features, source);
        return data.sameShape(new Dataset(data.name(), features, data.labels(), data.classes(), data.classNames()));
    }

    RegressionDataset apply(RegressionDataset data) {
        String source = "dataset '" + data.name() + "'";
        requireFeatureCount(data.features(), source);
        Tensor features = data.features().copy();
        applyInPlace(features, source);
        return new RegressionDataset(data.name(), features, data.targets(), data.featureNames());
    }

    private void requireFeatureCount(Tensor features, String source) {
        if (features.rank() != 2) {
            throw new IllegalArgumentException(kind + ": " + source + " must be a [n, d] matrix, not shape "
                    + features.shape());
        }
        if (features.dim(1) != shift.length) {
            throw new IllegalArgumentException(kind + " fitted on " + countOf(shift.length) + " cannot be applied to "
                    + source + " with " + countOf(features.dim(1)));
        }
    }

    private static String countOf(int features) {
        return features == 1 ? "1 feature" : features + " features";
    }

    /**
     * Checks that {@code features} is a {@code [n, d]} matrix with {@code n ≥ 1} and only
     * finite values in {@code d ≥ 1} columns, naming the first bad value by row and column.
     */
    static void requireFittable(Tensor features, String source, String kind) {
        if (features.rank() != 2) {
            throw new IllegalArgumentException(kind + ": cannot fit on " + source
                    + ": features must be a [n, d] matrix, not shape " + features.shape());
        }
        if (features.dim(0) == 0) {
            throw new IllegalArgumentException(kind + ": cannot fit on " + source + ": it has no rows");
        }
        if (features.dim(1) == 0) {
            throw new IllegalArgumentException(kind + ": cannot fit on " + source + ": it has no features");
        }
        int d = features.dim(1);
        float[] values = features.data();
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new DataException(kind + ": cannot fit on " + source + ": the value at row " + i / d
                        + ", column " + i % d + " is " + values[i]
                        + "; remove or impute missing and infinite values before fitting");
            }
        }
    }

    /** Checks saved parameters: one per feature, equal lengths, all finite. */
    static void requireParameters(String kind, String firstName, double[] first, String secondName, double[] second) {
        if (first.length == 0) {
            throw new IllegalArgumentException(kind + ": " + firstName + " must hold at least one feature");
        }
        if (first.length != second.length) {
            throw new IllegalArgumentException(kind + ": " + first.length + " " + firstName + " but "
                    + second.length + " " + secondName + "; give one of each per feature");
        }
        for (int j = 0; j < first.length; j++) {
            if (!Double.isFinite(first[j]) || !Double.isFinite(second[j])) {
                throw new IllegalArgumentException(kind + ": feature " + j + " has " + firstName + " " + first[j]
                        + " and " + secondName + " " + second[j] + "; both must be finite");
            }
        }
    }
}
