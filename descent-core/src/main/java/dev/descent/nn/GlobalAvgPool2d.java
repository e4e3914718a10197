package dev.descent.nn;

import dev.descent.autodiff.PoolOps;
import dev.descent.autodiff.Variable;

/** {@code nn.AdaptiveAvgPool2d(1)}: each channel's mean, [N, C, H, W] → [N, C, 1, 1]. No parameters. */
public final class GlobalAvgPool2d extends AbstractLayer {

    @Override
    public Variable forward(Variable input) {
        return PoolOps.globalAvgPool2d(input);
    }

    @Override
    public String toString() {
        return "AdaptiveAvgPool2d(output_size=1)";
    }
}
