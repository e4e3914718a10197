package dev.descent.nn;

import dev.descent.tensor.Tensor;

/**
 * {@code nn.BatchNorm2d(num_features)}: batch normalisation of NCHW feature maps per channel,
 * over the batch and every position; see {@link BatchNorm} for the parameters, buffers and modes.
 */
public final class BatchNorm2d extends BatchNorm {

    /** PyTorch's defaults: eps 1e-5, momentum 0.1, affine, tracking running statistics. */
    public BatchNorm2d(int numFeatures) {
        this(numFeatures, 1e-5f, 0.1f, true, true);
    }

    public BatchNorm2d(int numFeatures, float eps, float momentum, boolean affine, boolean trackRunningStats) {
        super(numFeatures, eps, momentum, affine, trackRunningStats);
    }

    @Override
    void checkInput(Tensor input) {
        if (input.rank() != 4) {
            throw new IllegalArgumentException("BatchNorm2d: expected 4D input (got " + input.rank()
                    + "D input of shape " + input.shape() + "); it normalises NCHW feature maps");
        }
    }
}
