package dev.descent.data;

import dev.descent.tensor.Tensor;

/**
 * A per-feature preprocessing step whose parameters are learnt from data, such as
 * {@link Standardization} or {@link MinMaxScaling}.
 *
 * <p>Fit on the training split only, then apply the one {@link FittedTransform} to the
 * training, validation and test splits alike:
 *
 * <pre>{@code
 * HoldOutSplit split = Splits.holdOut(data, 0.2, seed);
 * FittedTransform scaling = new Standardization().fit(split.train());
 * Dataset train = scaling.apply(split.train());
 * Dataset test = scaling.apply(split.heldOut());
 * }</pre>
 *
 * <p>Fitting on all the data, or on the test split, lets the test examples' statistics shape
 * the inputs the model trains on, so the measured test error is optimistic. A transform
 * (the configuration) is separate from what fitting learns (the state), as everywhere in
 * Descent: one transform can be fitted many times, e.g. once per cross-validation fold.
 */
public interface FeatureTransform {
    /**
     * Learns the parameters from {@code trainFeatures}.
     *
     * @param trainFeatures {@code [n, d]} with {@code n ≥ 1}, every value finite; not modified
     * @param source        names the features in messages, e.g. {@code "dataset 'digits/train'"}
     * @throws DataException            naming the row and column of a NaN or infinite value
     * @throws IllegalArgumentException when the tensor is not a non-empty matrix
     */
    FittedTransform fit(Tensor trainFeatures, String source);

    /** Learns the parameters from the features of {@code train}; see {@link #fit(Tensor, String)}. */
    default FittedTransform fit(Dataset train) {
        return fit(train.features(), "dataset '" + train.name() + "'");
    }

    /** Learns the parameters from the features (not the targets) of {@code train}. */
    default FittedTransform fit(RegressionDataset train) {
        return fit(train.features(), "dataset '" + train.name() + "'");
    }
}
