package dev.descent.nn;

import dev.descent.autodiff.PoolOps;
import dev.descent.autodiff.Variable;

/**
 * {@code nn.AvgPool2d(kernel, stride, padding)}: the mean of each window of an NCHW input, the
 * padding counted as zeros ({@code count_include_pad=True}, PyTorch's default). No parameters.
 */
public final class AvgPool2d extends AbstractLayer {
    private final int[] kernel;
    private final int[] stride;
    private final int[] padding;

    /** {@code nn.AvgPool2d(k)}: k×k windows, stride k, no padding. */
    public AvgPool2d(int kernelSize) {
        this(new int[] {kernelSize, kernelSize}, new int[] {kernelSize, kernelSize}, new int[] {0, 0});
    }

    /** Each pair as [height, width]; checked against the input's shape when it runs. */
    public AvgPool2d(int[] kernel, int[] stride, int[] padding) {
        this.kernel = kernel.clone();
        this.stride = stride.clone();
        this.padding = padding.clone();
    }

    @Override
    public Variable forward(Variable input) {
        return PoolOps.avgPool2d(input, kernel, stride, padding);
    }

    @Override
    public String toString() {
        return "AvgPool2d(kernel_size=" + Conv2d.pair(kernel) + ", stride=" + Conv2d.pair(stride)
                + ", padding=" + Conv2d.pair(padding) + ")";
    }
}
