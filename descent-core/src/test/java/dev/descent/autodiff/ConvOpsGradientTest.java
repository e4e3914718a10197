package dev.descent.autodiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.kernel.ComputeThreads;
import dev.descent.random.Rng;
import dev.descent.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * conv2d against a direct convolution in double, over a grid of shapes, strides, paddings,
 * dilations and groups, with and without bias: the forward values and the gradients of input,
 * weight and bias (central differences in float64, see {@link GradientChecker}).
 */
class ConvOpsGradientTest {
    private static final GradientChecker CHECKER = GradientChecker.standard();

    /** PyTorch's conv2d in double: x [n, c, h, w], w [o, c/groups, kh, kw], b [o] or null. */
    static double[] conv2d(double[] x, int n, int c, int h, int w, double[] weight, int o, int kh, int kw,
                           double[] bias, int[] stride, int[] pad, int[] dil, int groups) {
        int oh = ConvOps.outputSize(h, kh, stride[0], pad[0], dil[0]);
        int ow = ConvOps.outputSize(w, kw, stride[1], pad[1], dil[1]);
        int cg = c / groups;
        int og = o / groups;
        double[] y = new double[n * o * oh * ow];
        for (int b = 0; b < n; b++) {
            for (int out = 0; out < o; out++) {
                int group = out / og;
                for (int i = 0; i < oh; i++) {
                    for (int j = 0; j < ow; j++) {
                        double s = bias == null ? 0 : bias[out];
                        for (int ci = 0; ci < cg; ci++) {
                            int channel = group * cg + ci;
                            for (int ki = 0; ki < kh; ki++) {
                                for (int kj = 0; kj < kw; kj++) {
                                    int ih = i * stride[0] - pad[0] + ki * dil[0];
                                    int iw = j * stride[1] - pad[1] + kj * dil[1];
                                    if (ih < 0 || ih >= h || iw < 0 || iw >= w) {
                                        continue;
                                    }
                                    s += x[((b * c + channel) * h + ih) * w + iw]
                                            * weight[((out * cg + ci) * kh + ki) * kw + kj];
                                }
                            }
                        }
                        y[((b * o + out) * oh + i) * ow + j] = s;
                    }
                }
            }
        }
        return y;
    }

    @ParameterizedTest(name = "x[{0},{1},{2},{3}] w[{4},·,{5},{6}] stride {7}x{8} pad {9}x{10} dil {11}x{12} groups {13} bias {14}")
    @CsvSource({
        // n, c, h, w, o, kh, kw, sh, sw, ph, pw, dh, dw, groups, bias
        "2, 1, 5, 6, 3, 3, 3, 1, 1, 1, 1, 1, 1, 1, true",   // the FMNIST CNN's first layer, small
        "2, 3, 6, 5, 4, 3, 3, 1, 1, 0, 0, 1, 1, 1, true",   // no padding
        "1, 2, 7, 7, 3, 3, 2, 2, 2, 1, 0, 1, 1, 1, false",  // stride 2, rectangular kernel
        "2, 2, 6, 7, 2, 2, 3, 1, 2, 2, 1, 1, 1, 1, true",   // padding larger than needed
        "1, 2, 8, 7, 3, 3, 3, 1, 1, 2, 2, 2, 2, 1, true",   // dilation 2
        "2, 4, 5, 5, 6, 3, 3, 1, 1, 1, 1, 1, 1, 2, true",   // two groups
        "2, 4, 6, 5, 4, 3, 3, 2, 1, 1, 1, 1, 1, 4, false",  // depthwise (groups = channels)
        "1, 3, 4, 4, 2, 1, 1, 1, 1, 0, 0, 1, 1, 1, true",   // 1×1 kernel
        "1, 2, 5, 9, 3, 2, 4, 3, 2, 1, 2, 2, 1, 1, true",   // everything uneven
    })
    void matchesADirectConvolution(int n, int c, int h, int w, int o, int kh, int kw, int sh, int sw, int ph, int pw,
                                   int dh, int dw, int groups, boolean withBias) {
        int[] stride = {sh, sw};
        int[] pad = {ph, pw};
        int[] dil = {dh, dw};
        Rng rng = new Rng(31L * n + 7L * c + h * 3L + w + o * 11L + groups);
        Tensor x = RandomTensors.uniform(rng, -1, 1, n, c, h, w);
        Tensor weight = RandomTensors.uniform(rng, -1, 1, o, c / groups, kh, kw);
        Tensor bias = RandomTensors.uniform(rng, -1, 1, o);
        GradientChecker.Report report;
        if (withBias) {
            report = CHECKER.verify("conv2d",
                    in -> ConvOps.conv2d(in[0], in[1], in[2], stride, pad, dil, groups),
                    r -> conv2d(r[0], n, c, h, w, r[1], o, kh, kw, r[2], stride, pad, dil, groups), x, weight, bias);
        } else {
            report = CHECKER.verify("conv2d",
                    in -> ConvOps.conv2d(in[0], in[1], null, stride, pad, dil, groups),
                    r -> conv2d(r[0], n, c, h, w, r[1], o, kh, kw, null, stride, pad, dil, groups), x, weight);
        }
        assertThat(report.comparisons()).isGreaterThan(x.size() + weight.size());
    }

    /**
     * Convolution then 2×2 max pooling, forward and backward, on 1, 2 and 3 threads: 40 images,
     * so the weight gradient takes a full chunk of 32 and a partial one, each unfolded in parallel.
     */
    @Test
    void theSameBitsOnOneTwoAndThreeThreads() {
        int before = ComputeThreads.threads();
        try {
            float[][] runs = new float[3][];
            for (int threads = 1; threads <= 3; threads++) {
                ComputeThreads.setThreads(threads);
                Rng rng = new Rng(5);
                Tape tape = new Tape();
                Variable x = new Variable(RandomTensors.uniform(rng, -1, 1, 40, 16, 14, 14), true, tape, null);
                Variable weight = new Variable(RandomTensors.uniform(rng, -1, 1, 32, 16, 3, 3), true, tape, null);
                Variable bias = new Variable(RandomTensors.uniform(rng, -1, 1, 32), true, tape, null);
                Variable conv = ConvOps.conv2d(x, weight, bias, new int[] {1, 1}, new int[] {1, 1}, new int[] {1, 1},
                        1);
                Variable y = PoolOps.maxPool2d(conv, new int[] {2, 2}, new int[] {2, 2}, new int[] {0, 0});
                y.backward(RandomTensors.uniform(rng, -1, 1, y.shape().dims()));
                float[] all = new float[y.value().size() + weight.grad().size() + x.grad().size()];
                System.arraycopy(y.value().data(), 0, all, 0, y.value().size());
                System.arraycopy(weight.grad().data(), 0, all, y.value().size(), weight.grad().size());
                System.arraycopy(x.grad().data(), 0, all, y.value().size() + weight.grad().size(), x.grad().size());
                runs[threads - 1] = all;
            }
            assertThat(runs[1]).isEqualTo(runs[0]);
            assertThat(runs[2]).isEqualTo(runs[0]);
        } finally {
            ComputeThreads.setThreads(before);
        }
    }

    @Test
    void badShapesAndSettingsNameWhatIsWrong() {
        Variable image = Variable.constant(Tensor.zeros(2, 3, 8, 8));
        Variable flat = Variable.constant(Tensor.zeros(2, 784));
        Variable weight = Variable.constant(Tensor.zeros(4, 3, 3, 3));
        int[] one = {1, 1};
        int[] zero = {0, 0};
        assertThatThrownBy(() -> ConvOps.conv2d(flat, weight, null, one, zero, one, 1))
                .hasMessageContaining("[batch, channels, height, width]").hasMessageContaining("to [batch, 1, 28, 28]");
        assertThatThrownBy(() -> ConvOps.conv2d(image, Variable.constant(Tensor.zeros(4, 2, 3, 3)), null, one, zero,
                one, 1)).hasMessageContaining("3 channels").hasMessageContaining("has 2");
        assertThatThrownBy(() -> ConvOps.conv2d(image, weight, null, one, zero, one, 2))
                .hasMessageContaining("groups = 2 must divide");
        assertThatThrownBy(() -> ConvOps.conv2d(image, weight, Variable.constant(Tensor.zeros(3)), one, zero, one, 1))
                .hasMessageContaining("bias must have shape [4]");
        assertThatThrownBy(() -> ConvOps.conv2d(image, weight, null, new int[] {0, 1}, zero, one, 1))
                .hasMessageContaining("stride must be ≥ 1");
        assertThatThrownBy(() -> ConvOps.conv2d(image, Variable.constant(Tensor.zeros(4, 3, 9, 9)), null, one, zero,
                one, 1)).hasMessageContaining("does not fit a 8×8 input");
    }
}
