package dev.descent.data;

import dev.descent.tensor.Tensor;

/**
 * Min-max scaling: {@code x' = (x − min) / (max − min)} per feature, with the minimum and
 * maximum of the training split, so that every training column lies in [0, 1] (its minimum
 * at 0, its maximum at 1). As scikit-learn's {@code MinMaxScaler} with its default range.
 *
 * <p>Values of other splits are <em>not clipped</em>: a test value below the training
 * minimum maps below 0, one above the maximum above 1. Clipping would hide that the model is
 * asked to extrapolate, and would make the map impossible to invert; clip afterwards if a
 * model needs strict bounds.
 *
 * <p>A constant training column ({@code max = min}) is given range 1 instead of 0, to avoid
 * dividing by zero: its training values become 0 and other values become {@code x − min}.
 */
public final class MinMaxScaling implements FeatureTransform {
    static final String KIND = "min-max scaling";

    @Override
    public Fitted fit(Tensor trainFeatures, String source) {
        ColumnAffineTransform.requireFittable(trainFeatures, source, KIND);
        int d = trainFeatures.dim(1);
        float[] values = trainFeatures.data();
        double[] mins = new double[d];
        double[] maxs = new double[d];
        for (int j = 0; j < d; j++) {
            mins[j] = values[j];
            maxs[j] = values[j];
        }
        for (int i = d; i < values.length; i += d) {
            for (int j = 0; j < d; j++) {
                mins[j] = Math.min(mins[j], values[i + j]);
                maxs[j] = Math.max(maxs[j], values[i + j]);
            }
        }
        return new Fitted(mins, maxs);
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
        return "MinMaxScaling";
    }

    /** The minimum and maximum of each feature, learnt from a training split. */
    public static final class Fitted implements FittedTransform {
        private final double[] mins;
        private final double[] maxs;
        private final ColumnAffineTransform affine;

        private Fitted(double[] mins, double[] maxs) {
            this.mins = mins;
            this.maxs = maxs;
            double[] ranges = new double[mins.length];
            for (int j = 0; j < ranges.length; j++) {
                double range = maxs[j] - mins[j];
                ranges[j] = range > 0 ? range : 1;
            }
            this.affine = new ColumnAffineTransform(KIND, mins, ranges);
        }

        /**
         * Restores saved parameters, e.g. {@link #mins()} and {@link #maxs()} read back from a
         * file: the result transforms exactly as the fitted original did.
         *
         * @param mins one finite value per feature
         * @param maxs one finite value per feature, each at least its minimum
         */
        public static Fitted of(double[] mins, double[] maxs) {
            ColumnAffineTransform.requireParameters(KIND, "mins", mins, "maxs", maxs);
            for (int j = 0; j < mins.length; j++) {
                if (maxs[j] < mins[j]) {
                    throw new IllegalArgumentException(KIND + ": feature " + j + " has max " + maxs[j]
                            + " below its min " + mins[j]);
                }
            }
            return new Fitted(mins.clone(), maxs.clone());
        }

        /** A copy of the training minimum of each feature. */
        public double[] mins() {
            return mins.clone();
        }

        /** A copy of the training maximum of each feature (equal to the minimum for a constant column). */
        public double[] maxs() {
            return maxs.clone();
        }

        @Override
        public int featureCount() {
            return mins.length;
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

        /** Undoes {@link #applyInPlace}: {@code x = x'·(max − min) + min}, in place. */
        public void invertInPlace(Tensor scaled) {
            affine.invertInPlace(scaled, "a " + scaled.shape() + " tensor");
        }

        @Override
        public String toString() {
            return "MinMaxScaling.Fitted[" + mins.length + " features]";
        }
    }
}
