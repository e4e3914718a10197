package dev.descent.data;

import dev.descent.tensor.Tensor;

/**
 * Standardization ("z-scores"): {@code x' = (x − mean) / std} per feature, with the mean and
 * the standard deviation of the training split, so that every training column ends with
 * mean 0 and standard deviation 1. As scikit-learn's {@code StandardScaler}.
 *
 * <p>The standard deviation is the <em>population</em> one, dividing by {@code n} (not
 * {@code n − 1}): it is the spread of the training data itself, and with it the standardized
 * training columns have population standard deviation exactly 1. Statistics are computed in
 * double, in two passes (mean, then squared deviations from it).
 *
 * <p>A constant training column has standard deviation 0; it is given standard deviation 1
 * instead, to avoid dividing by zero, so it is only centred: its training values become 0 and
 * other values keep their distance from the constant. {@link Fitted#stds()} reports that 1.
 */
public final class Standardization implements FeatureTransform {
    static final String KIND = "standardization";

    @Override
    public Fitted fit(Tensor trainFeatures, String source) {
        ColumnAffineTransform.requireFittable(trainFeatures, source, KIND);
        int n = trainFeatures.dim(0);
        int d = trainFeatures.dim(1);
        float[] values = trainFeatures.data();
        double[] means = new double[d];
        for (int i = 0; i < values.length; i += d) {
            for (int j = 0; j < d; j++) {
                means[j] += values[i + j];
            }
        }
        for (int j = 0; j < d; j++) {
            means[j] /= n;
        }
        double[] squares = new double[d];
        for (int i = 0; i < values.length; i += d) {
            for (int j = 0; j < d; j++) {
                double deviation = values[i + j] - means[j];
                squares[j] += deviation * deviation;
            }
        }
        double[] stds = new double[d];
        for (int j = 0; j < d; j++) {
            double std = Math.sqrt(squares[j] / n);
            stds[j] = std > 0 ? std : 1;
        }
        return new Fitted(means, stds);
    }

    @Override
    public Fitted fit(Dataset train) {
        return fit(train.features(), "dataset '" + train.name() + "'");
    }

    @Override
    public Fitted fit(RegressionDataset train) {
        return fit(train.features(), "dataset '" + train.name() + "'");
    }

    @Override
    public String toString() {
        return "Standardization";
    }

    /** The means and standard deviations learnt from a training split. */
    public static final class Fitted implements FittedTransform {
        private final double[] means;
        private final double[] stds;
        private final ColumnAffineTransform affine;

        private Fitted(double[] means, double[] stds) {
            this.means = means;
            this.stds = stds;
            this.affine = new ColumnAffineTransform(KIND, means, stds);
        }

        /**
         * Restores saved parameters, e.g. {@link #means()} and {@link #stds()} read back from
         * a file: the result transforms exactly as the fitted original did.
         *
         * @param means one finite value per feature
         * @param stds  one finite value {@code > 0} per feature
         */
        public static Fitted of(double[] means, double[] stds) {
            ColumnAffineTransform.requireParameters(KIND, "means", means, "stds", stds);
            for (int j = 0; j < stds.length; j++) {
                if (!(stds[j] > 0)) {
                    throw new IllegalArgumentException(KIND + ": stds must be > 0, got " + stds[j] + " for feature "
                            + j + " (a constant column is saved with std 1)");
                }
            }
            return new Fitted(means.clone(), stds.clone());
        }

        /** A copy of the training mean of each feature. */
        public double[] means() {
            return means.clone();
        }

        /**
         * A copy of each feature's divisor: the training population standard deviation, or 1
         * for a constant training column.
         */
        public double[] stds() {
            return stds.clone();
        }

        @Override
        public int featureCount() {
            return means.length;
        }

        @Override
        public void applyInPlace(Tensor features) {
            affine.applyInPlace(features, "a " + features.shape() + " tensor");
        }

        @Override
        public Dataset apply(Dataset data) {
            return affine.apply(data);
        }

        @Override
        public RegressionDataset apply(RegressionDataset data) {
            return affine.apply(data);
        }

        /** Undoes {@link #applyInPlace}: {@code x = x'·std + mean}, in place. */
        public void invertInPlace(Tensor standardized) {
            affine.invertInPlace(standardized, "a " + standardized.shape() + " tensor");
        }

        @Override
        public String toString() {
            return "Standardization.Fitted[" + means.length + " features]";
        }
    }
}
