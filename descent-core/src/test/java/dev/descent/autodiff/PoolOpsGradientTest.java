package dev.descent.autodiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.random.Rng;
import dev.descent.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Max, average and global average pooling against direct double references, and max pooling's ties. */
class PoolOpsGradientTest {
    private static final GradientChecker CHECKER = GradientChecker.standard();

    /** Max (or mean, padding counted as zeros) over each window, in double. */
    static double[] pool(double[] x, int n, int c, int h, int w, int[] k, int[] s, int[] p, boolean max) {
        int oh = (h + 2 * p[0] - k[0]) / s[0] + 1;
        int ow = (w + 2 * p[1] - k[1]) / s[1] + 1;
        double[] y = new double[n * c * oh * ow];
        int o = 0;
        for (int plane = 0; plane < n * c; plane++) {
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++, o++) {
                    double best = Double.NEGATIVE_INFINITY;
                    double sum = 0;
                    for (int a = 0; a < k[0]; a++) {
                        for (int b = 0; b < k[1]; b++) {
                            int ih = i * s[0] - p[0] + a;
                            int iw = j * s[1] - p[1] + b;
                            if (ih < 0 || ih >= h || iw < 0 || iw >= w) {
                                continue;
                            }
                            double v = x[(plane * h + ih) * w + iw];
                            best = Math.max(best, v);
                            sum += v;
                        }
                    }
                    y[o] = max ? best : sum / (k[0] * k[1]);
                }
            }
        }
        return y;
    }

    @ParameterizedTest(name = "x[{0},{1},{2},{3}] kernel {4}x{5} stride {6}x{7} pad {8}x{9}")
    @CsvSource({
        "2, 3, 6, 6, 2, 2, 2, 2, 0, 0",   // the FMNIST CNN's MaxPool2d(2)
        "1, 2, 7, 5, 3, 3, 2, 2, 1, 1",   // overlapping windows, padding
        "2, 1, 5, 8, 2, 3, 1, 2, 1, 0",   // stride 1 rows, rectangular
        "1, 2, 9, 9, 3, 3, 3, 3, 0, 0",   // a ragged edge left out
    })
    void maxAndAveragePoolingMatchDirectReferences(int n, int c, int h, int w, int kh, int kw, int sh, int sw,
                                                   int ph, int pw) {
        int[] k = {kh, kw};
        int[] s = {sh, sw};
        int[] p = {ph, pw};
        Tensor x = RandomTensors.uniform(new Rng(h * 13L + w), -1, 1, n, c, h, w);
        CHECKER.verify("max_pool2d", in -> PoolOps.maxPool2d(in[0], k, s, p),
                r -> pool(r[0], n, c, h, w, k, s, p, true), x);
        CHECKER.verify("avg_pool2d", in -> PoolOps.avgPool2d(in[0], k, s, p),
                r -> pool(r[0], n, c, h, w, k, s, p, false), x);
    }

    @Test
    void globalAveragePoolingIsEachPlanesMean() {
        Tensor x = RandomTensors.uniform(new Rng(3), -1, 1, 2, 3, 4, 5);
        GradientChecker.Report report = CHECKER.verify("global_avg_pool2d", in -> PoolOps.globalAvgPool2d(in[0]),
                r -> pool(r[0], 2, 3, 4, 5, new int[] {4, 5}, new int[] {4, 5}, new int[] {0, 0}, false), x);
        assertThat(report.comparisons()).isGreaterThan(x.size());
    }

    @Test
    void aTieSendsTheGradientToTheFirstMaximumInRowMajorOrderAndNanWins() {
        Tape tape = new Tape();
        // one 2×2 window holding 1, 3 / 3, 2: the first 3 (row 0, column 1) takes the gradient
        Variable tie = new Variable(Tensor.of(new float[] {1, 3, 3, 2}, 1, 1, 2, 2), true, tape, null);
        Variable y = PoolOps.maxPool2d(tie, new int[] {2, 2}, new int[] {2, 2}, new int[] {0, 0});
        y.backward(Tensor.of(new float[] {1}, 1, 1, 1, 1));
        assertThat(y.value().data()).containsExactly(3f);
        assertThat(tie.grad().data()).containsExactly(0f, 1f, 0f, 0f);

        Tape other = new Tape();
        Variable nan = new Variable(Tensor.of(new float[] {1, 5, Float.NaN, 2}, 1, 1, 2, 2), true, other, null);
        Variable z = PoolOps.maxPool2d(nan, new int[] {2, 2}, new int[] {2, 2}, new int[] {0, 0});
        z.backward(Tensor.of(new float[] {1}, 1, 1, 1, 1));
        assertThat(z.value().data()[0]).isNaN();
        assertThat(nan.grad().data()).containsExactly(0f, 0f, 1f, 0f);
    }

    @Test
    void badWindowsNameWhatIsWrong() {
        Variable x = Variable.constant(Tensor.zeros(1, 1, 4, 4));
        assertThatThrownBy(() -> PoolOps.maxPool2d(x, new int[] {2, 2}, new int[] {2, 2}, new int[] {2, 2}))
                .hasMessageContaining("at most half the kernel");
        assertThatThrownBy(() -> PoolOps.maxPool2d(x, new int[] {5, 5}, new int[] {1, 1}, new int[] {0, 0}))
                .hasMessageContaining("does not fit a 4×4 input");
        assertThatThrownBy(() -> PoolOps.avgPool2d(Variable.constant(Tensor.zeros(2, 16)), new int[] {2, 2},
                new int[] {2, 2}, new int[] {0, 0})).hasMessageContaining("[batch, channels, height, width]");
    }
}
