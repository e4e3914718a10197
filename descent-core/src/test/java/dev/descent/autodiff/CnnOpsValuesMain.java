package dev.descent.autodiff;

import dev.descent.kernel.KernelProvider;
import dev.descent.random.Rng;
import dev.descent.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs convolutions (plain, strided, grouped, depthwise, dilated), pooling and batch norm
 * forward and backward on fixed inputs and prints every output and gradient, one tensor per
 * line as float bits in hex; {@link ScalarKernelsCnnTest} runs it in a child JVM on the scalar
 * kernels and compares with the vector kernels of its own.
 */
public final class CnnOpsValuesMain {
    private CnnOpsValuesMain() {
    }

    public static void main(String[] args) {
        System.out.println("kernels=" + KernelProvider.kernels().name());
        values().forEach((name, t) -> {
            StringBuilder line = new StringBuilder(name).append('=');
            for (float v : t.data()) {
                line.append(Integer.toHexString(Float.floatToRawIntBits(v))).append(',');
            }
            System.out.println(line);
        });
    }

    /** Every output and gradient by name. */
    static Map<String, Tensor> values() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        int[][] cases = { // n, c, h, w, out, k, stride, padding, dilation, groups
            {40, 3, 14, 14, 16, 3, 1, 1, 1, 1}, {5, 4, 9, 11, 6, 3, 2, 1, 1, 2}, {3, 8, 10, 10, 8, 3, 1, 1, 1, 8},
            {2, 2, 12, 12, 4, 3, 1, 2, 2, 1}, {70, 1, 28, 28, 8, 3, 1, 1, 1, 1}};
        for (int i = 0; i < cases.length; i++) {
            int[] c = cases[i];
            Rng rng = new Rng(100 + i);
            Tape tape = new Tape();
            Variable x = leaf(tape, RandomTensors.uniform(rng, -1, 1, c[0], c[1], c[2], c[3]));
            Variable w = leaf(tape, RandomTensors.uniform(rng, -0.5, 0.5, c[4], c[1] / c[9], c[5], c[5]));
            Variable b = leaf(tape, RandomTensors.uniform(rng, -0.5, 0.5, c[4]));
            Variable y = ConvOps.conv2d(x, w, b, new int[] {c[6], c[6]}, new int[] {c[7], c[7]},
                    new int[] {c[8], c[8]}, c[9]);
            Variable pooled = PoolOps.maxPool2d(y.relu(), new int[] {2, 2}, new int[] {2, 2}, new int[] {0, 0});
            pooled.backward(RandomTensors.uniform(rng, -1, 1, pooled.shape().dims()));
            List<Tensor> all = List.of(y.value(), pooled.value(), x.grad(), w.grad(), b.grad());
            for (int t = 0; t < all.size(); t++) {
                out.put("case" + i + ".t" + t, all.get(t).copy());
            }
            // batch norm on its own input (after a convolution with a bias, that bias's gradient would be 0
            // but for rounding, and no test of anything)
            Variable z = leaf(tape, RandomTensors.uniform(rng, -2, 3, y.shape().dims()));
            Variable gamma = leaf(tape, RandomTensors.uniform(rng, 0.5, 1.5, c[4]));
            Variable beta = leaf(tape, RandomTensors.uniform(rng, -0.5, 0.5, c[4]));
            Variable normed = NormOps.batchNorm(z, gamma, beta, null, null, true, 0.1f, 1e-5f).relu();
            normed.backward(RandomTensors.uniform(rng, -1, 1, normed.shape().dims()));
            List<Tensor> norm = List.of(normed.value(), z.grad(), gamma.grad(), beta.grad());
            for (int t = 0; t < norm.size(); t++) {
                out.put("case" + i + ".bn" + t, norm.get(t).copy());
            }
        }
        return out;
    }

    private static Variable leaf(Tape tape, Tensor value) {
        return new Variable(value, true, tape, null);
    }
}
