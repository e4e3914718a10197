package dev.descent.nn;

import dev.descent.tensor.Tensor;

/**
 * {@code nn.BatchNorm1d(num_features)}: batch normalisation of [N, C] or [N, C, L] inputs per
 * feature C; see {@link BatchNorm} for the parameters, buffers and modes.
 */
public final class BatchNorm1d extends BatchNorm {

    /** PyTorch's defaults: eps 1e-5, momentum 0.1, affine, tracking running statistics. */
    public BatchNorm1d(int numFeatures) {
        this(numFeatures, 1e-5f, 0.1f, true, true);
    }

    public BatchNorm1d(int numFeatures, float eps, float momentum, boolean affine, boolean trackRunningStats) {
        super(numFeatures, eps, momentum, affine, trackRunningStats);
    }

    @Override
    void checkInput(Tensor input) {
        if (input.rank() != 2 && input.rank() != 3) {
            throw new IllegalArgumentException("BatchNorm1d: expected 2D or 3D input (got " + input.rank()
                    + "D input of shape " + input.shape() + ")");
        }
    }
}
