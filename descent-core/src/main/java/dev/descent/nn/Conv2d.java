package dev.descent.nn;

import dev.descent.autodiff.ConvOps;
import dev.descent.autodiff.Variable;
import dev.descent.init.Initializer;
import dev.descent.random.Rng;
import dev.descent.tensor.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Two-dimensional convolution with PyTorch's {@code nn.Conv2d} layout and defaults: input
 * [N, in, H, W], {@code weight} [out, in/groups, kh, kw], {@code bias} [out]; weight and bias
 * drawn from U(−1/√fan_in, 1/√fan_in) with fan_in = in/groups · kh · kw (PyTorch's
 * {@code kaiming_uniform_(a=√5)} and bias rule). See {@link ConvOps#conv2d} for the arithmetic.
 */
public final class Conv2d extends AbstractLayer {
    private final int inChannels;
    private final int outChannels;
    private final int[] kernel;
    private final int[] stride;
    private final int[] padding;
    private final int[] dilation;
    private final int groups;
    private final Variable weight;
    private final Variable bias;

    /** {@code nn.Conv2d(in, out, kernel)}: square kernel, stride 1, no padding, with bias, seeded with {@link Layer#DEFAULT_SEED}. */
    public Conv2d(int inChannels, int outChannels, int kernelSize) {
        this(inChannels, outChannels, kernelSize, 1, 0, new Rng(Layer.DEFAULT_SEED));
    }

    /** {@code nn.Conv2d(in, out, kernel, stride, padding)} with square sizes, dilation 1, one group and a bias. */
    public Conv2d(int inChannels, int outChannels, int kernelSize, int stride, int padding, Rng rng) {
        this(inChannels, outChannels, new int[] {kernelSize, kernelSize}, new int[] {stride, stride},
                new int[] {padding, padding}, new int[] {1, 1}, 1, true, rng);
    }

    /**
     * Every setting of {@code nn.Conv2d}, each pair as [height, width].
     *
     * @throws IllegalArgumentException naming the setting that does not fit
     */
    public Conv2d(int inChannels, int outChannels, int[] kernel, int[] stride, int[] padding, int[] dilation,
                  int groups, boolean withBias, Rng rng) {
        String name = "Conv2d(" + inChannels + ", " + outChannels + ", kernel_size=" + Arrays.toString(kernel) + ")";
        if (inChannels <= 0 || outChannels <= 0) {
            throw new IllegalArgumentException(name + ": the channel counts must be positive");
        }
        if (groups <= 0 || inChannels % groups != 0 || outChannels % groups != 0) {
            throw new IllegalArgumentException(name + ": groups = " + groups
                    + " must be positive and divide both in_channels and out_channels");
        }
        requirePair(name, "kernel_size", kernel, 1);
        requirePair(name, "stride", stride, 1);
        requirePair(name, "padding", padding, 0);
        requirePair(name, "dilation", dilation, 1);
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.kernel = kernel.clone();
        this.stride = stride.clone();
        this.padding = padding.clone();
        this.dilation = dilation.clone();
        this.groups = groups;
        int fanIn = inChannels / groups * kernel[0] * kernel[1];
        int fanOut = outChannels / groups * kernel[0] * kernel[1];
        Tensor w = Tensor.zeros(outChannels, inChannels / groups, kernel[0], kernel[1]);
        Initializer.pytorchLinearDefault().initialize(w, fanIn, fanOut, rng);
        this.weight = Variable.parameter(w);
        if (withBias) {
            Tensor b = Tensor.zeros(outChannels);
            Initializer.pytorchLinearDefault().initialize(b, fanIn, fanOut, rng);
            this.bias = Variable.parameter(b);
        } else {
            this.bias = null;
        }
    }

    private static void requirePair(String layer, String setting, int[] pair, int min) {
        if (pair == null || pair.length != 2 || pair[0] < min || pair[1] < min) {
            throw new IllegalArgumentException(layer + ": " + setting + " must be two values ≥ " + min
                    + " [height, width], got " + Arrays.toString(pair));
        }
    }

    @Override
    public Variable forward(Variable input) {
        return ConvOps.conv2d(input, weight, bias, stride, padding, dilation, groups);
    }

    @Override
    public Map<String, Variable> namedParameters() {
        Map<String, Variable> named = new LinkedHashMap<>();
        named.put("weight", weight);
        if (bias != null) {
            named.put("bias", bias);
        }
        return named;
    }

    public Variable weight() {
        return weight;
    }

    /** The bias, or null when the layer has none. */
    public Variable bias() {
        return bias;
    }

    public int inChannels() {
        return inChannels;
    }

    public int outChannels() {
        return outChannels;
    }

    public int groups() {
        return groups;
    }

    @Override
    public String toString() {
        return "Conv2d(" + inChannels + ", " + outChannels + ", kernel_size=" + pair(kernel) + ", stride="
                + pair(stride) + (padding[0] == 0 && padding[1] == 0 ? "" : ", padding=" + pair(padding))
                + (dilation[0] == 1 && dilation[1] == 1 ? "" : ", dilation=" + pair(dilation))
                + (groups == 1 ? "" : ", groups=" + groups) + (bias == null ? ", bias=False" : "") + ")";
    }

    /** PyTorch's tuple form, e.g. {@code (3, 3)}. */
    static String pair(int[] p) {
        return "(" + p[0] + ", " + p[1] + ")";
    }
}
