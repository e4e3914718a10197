package dev.descent.nn;

import dev.descent.autodiff.PoolOps;
import dev.descent.autodiff.Variable;

/**
 * {@code nn.MaxPool2d(kernel, stride, padding)}: the maximum of each window of an NCHW input
 * (stride defaults to the kernel, as in PyTorch). No parameters.
 */
public final class MaxPool2d extends AbstractLayer {
    private final int[] kernel;
    private final int[] stride;
    private final int[] padding;

    /** {@code nn.MaxPool2d(k)}: k×k windows, stride k, no padding. */
    public MaxPool2d(int kernelSize) {
        this(new int[] {kernelSize, kernelSize}, new int[] {kernelSize, kernelSize}, new int[] {0, 0});
    }

    /** Each pair as [height, width]; checked against the input's shape when it runs. */
    public MaxPool2d(int[] kernel, int[] stride, int[] padding) {
        this.kernel = kernel.clone();
        this.stride = stride.clone();
        this.padding = padding.clone();
    }

    @Override
    public Variable forward(Variable input) {
        return PoolOps.maxPool2d(input, kernel, stride, padding);
    }

    @Override
    public String toString() {
        return "MaxPool2d(kernel_size=" + Conv2d.pair(kernel) + ", stride=" + Conv2d.pair(stride)
                + ", padding=" + Conv2d.pair(padding) + ")";
    }
}
