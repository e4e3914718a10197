package dev.descent.autodiff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.tensor.Tensor;

/** Comparison of a computed tensor with a golden one (e.g. PyTorch's), for parity tests. */
public final class GoldenTensors {
    private GoldenTensors() {
    }

    /**
     * Requires the same shape and every element within {@code relative} × the golden tensor's
     * largest magnitude, and names the worst element when not.
     */
    public static void assertClose(String what, Tensor actual, Tensor expected, double relative) {
        assertClose(what, actual, expected, relative, 0);
    }

    /**
     * As {@link #assertClose(String, Tensor, Tensor, double)}, allowing at least {@code absolute}:
     * for tensors that are all but zero (a gradient that cancels), where the relative bound would
     * ask for more digits than float32 sums keep.
     */
    public static void assertClose(String what, Tensor actual, Tensor expected, double relative, double absolute) {
        assertThat(actual.shape()).as(what + " shape").isEqualTo(expected.shape());
        double scale = 0;
        for (float v : expected.data()) {
            scale = Math.max(scale, Math.abs(v));
        }
        double worst = 0;
        int at = -1;
        for (int i = 0; i < expected.size(); i++) {
            double error = Math.abs(actual.data()[i] - expected.data()[i]);
            if (!(error <= worst)) { // NaN counts as the worst
                worst = Double.isNaN(error) ? Double.POSITIVE_INFINITY : error;
                at = i;
            }
        }
        assertThat(worst).as("%s: largest difference %s at %d (golden %s, computed %s), scale %s", what, worst, at,
                at < 0 ? 0 : expected.data()[at], at < 0 ? 0 : actual.data()[at], scale)
                .isLessThanOrEqualTo(Math.max(absolute, relative * Math.max(scale, 1e-30)));
    }
}
