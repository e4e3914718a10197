package dev.descent.autodiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.descent.random.Rng;
import dev.descent.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Batch and layer normalisation against double references, by finite differences, and the running statistics. */
class NormOpsGradientTest {
    private static final GradientChecker CHECKER = GradientChecker.standard();

    /** Batch norm in double with the given statistics (null: the batch's own, biased). */
    static double[] batchNorm(double[] x, double[] gamma, double[] beta, int[] shape, double[] mean, double[] var,
                              double eps) {
        int n = shape[0];
        int c = shape[1];
        int plane = x.length / (n * c);
        double[] y = new double[x.length];
        for (int ch = 0; ch < c; ch++) {
            double mu;
            double v;
            if (mean == null) {
                double s = 0;
                double q = 0;
                for (int b = 0; b < n; b++) {
                    for (int i = 0; i < plane; i++) {
                        s += x[(b * c + ch) * plane + i];
                    }
                }
                mu = s / (n * plane);
                for (int b = 0; b < n; b++) {
                    for (int i = 0; i < plane; i++) {
                        double d = x[(b * c + ch) * plane + i] - mu;
                        q += d * d;
                    }
                }
                v = q / (n * plane);
            } else {
                mu = mean[ch];
                v = var[ch];
            }
            for (int b = 0; b < n; b++) {
                for (int i = 0; i < plane; i++) {
                    int k = (b * c + ch) * plane + i;
                    y[k] = (x[k] - mu) / Math.sqrt(v + eps) * gamma[ch] + beta[ch];
                }
            }
        }
        return y;
    }

    static double[] layerNorm(double[] x, double[] gamma, double[] beta, int size, double eps) {
        double[] y = new double[x.length];
        for (int r = 0; r < x.length / size; r++) {
            double s = 0;
            double q = 0;
            for (int i = 0; i < size; i++) {
                s += x[r * size + i];
            }
            double mu = s / size;
            for (int i = 0; i < size; i++) {
                q += (x[r * size + i] - mu) * (x[r * size + i] - mu);
            }
            for (int i = 0; i < size; i++) {
                y[r * size + i] = (x[r * size + i] - mu) / Math.sqrt(q / size + eps) * gamma[i] + beta[i];
            }
        }
        return y;
    }

    @ParameterizedTest(name = "x{0}")
    @ValueSource(strings = {"4,3", "3,2,5", "2,3,4,5"})
    void batchNormInTrainingNormalisesWithTheBatchStatistics(String dims) {
        int[] shape = java.util.Arrays.stream(dims.split(",")).mapToInt(Integer::parseInt).toArray();
        int c = shape[1];
        Tensor x = RandomTensors.uniform(new Rng(shape.length), -2, 3, shape);
        Tensor gamma = RandomTensors.uniform(new Rng(5), 0.5, 1.5, c);
        Tensor beta = RandomTensors.uniform(new Rng(6), -1, 1, c);
        CHECKER.verify("batch_norm(train)",
                in -> NormOps.batchNorm(in[0], in[1], in[2], null, null, true, 0.1f, 1e-5f),
                r -> batchNorm(r[0], r[1], r[2], shape, null, null, 1e-5), x, gamma, beta);
    }

    @Test
    void batchNormInEvaluationUsesTheRunningStatisticsAndLeavesThemAlone() {
        int[] shape = {3, 2, 3, 3};
        Tensor x = RandomTensors.uniform(new Rng(1), -2, 3, shape);
        Tensor gamma = RandomTensors.uniform(new Rng(5), 0.5, 1.5, 2);
        Tensor beta = RandomTensors.uniform(new Rng(6), -1, 1, 2);
        Tensor mean = Tensor.of(new float[] {0.3f, -0.7f}, 2);
        Tensor var = Tensor.of(new float[] {1.7f, 0.4f}, 2);
        CHECKER.verify("batch_norm(eval)",
                in -> NormOps.batchNorm(in[0], in[1], in[2], mean, var, false, 0.1f, 1e-3f),
                r -> batchNorm(r[0], r[1], r[2], shape, new double[] {0.3f, -0.7f}, new double[] {1.7f, 0.4f}, 1e-3),
                x, gamma, beta);
        assertThat(mean.data()).containsExactly(0.3f, -0.7f);
        assertThat(var.data()).containsExactly(1.7f, 0.4f);
    }

    @Test
    void trainingMovesTheRunningStatisticsByMomentumWithTheUnbiasedVariance() {
        // one channel, values 1, 2, 3, 6: mean 3, biased variance 3.5, unbiased 14/3
        Tensor x = Tensor.of(new float[] {1, 2, 3, 6}, 4, 1);
        Tensor mean = Tensor.of(new float[] {1}, 1);
        Tensor var = Tensor.of(new float[] {2}, 1);
        Variable y = NormOps.batchNorm(new Tape().input(x), null, null, mean, var, true, 0.25f, 0f + 1e-5f);
        assertThat(mean.data()[0]).isCloseTo(0.75f * 1 + 0.25f * 3, within(1e-6f));
        assertThat(var.data()[0]).isCloseTo((float) (0.75 * 2 + 0.25 * 14.0 / 3), within(1e-6f));
        assertThat(y.value().data()[3]).isCloseTo((float) (3 / Math.sqrt(3.5 + 1e-5)), within(1e-6f));
    }

    @Test
    void oneValuePerChannelInTrainingIsRefusedAsPyTorchDoes() {
        Variable x = Variable.constant(Tensor.zeros(1, 3));
        assertThatThrownBy(() -> NormOps.batchNorm(x, null, null, null, null, true, 0.1f, 1e-5f))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected more than 1 value per channel when training")
                .hasMessageContaining("eval()");
    }

    @ParameterizedTest(name = "x{0}, normalising the last {1} values")
    @org.junit.jupiter.params.provider.CsvSource({"'3,4', 4", "'2,3,4', 12", "'5,1,6', 6"})
    void layerNormNormalisesEachExampleOverItsTrailingValues(String dims, int size) {
        int[] shape = java.util.Arrays.stream(dims.split(",")).mapToInt(Integer::parseInt).toArray();
        Tensor x = RandomTensors.uniform(new Rng(size), -2, 3, shape);
        Tensor gamma = RandomTensors.uniform(new Rng(7), 0.5, 1.5, size);
        Tensor beta = RandomTensors.uniform(new Rng(8), -1, 1, size);
        CHECKER.verify("layer_norm", in -> NormOps.layerNorm(in[0], size, in[1], in[2], 1e-5f),
                r -> layerNorm(r[0], r[1], r[2], size, 1e-5), x, gamma, beta);
    }

    @Test
    void channelDropoutZeroesWholeMapsAndScalesTheRest() {
        Tensor x = Tensor.filled(1f, 8, 16, 3, 3);
        Variable y = DropoutOps.dropout2d(new Tape().input(x), 0.5f, true, new Rng(4));
        float[] d = y.value().data();
        int zeroed = 0;
        for (int map = 0; map < 8 * 16; map++) {
            float first = d[map * 9];
            assertThat(first).isIn(0f, 2f);
            for (int i = 1; i < 9; i++) {
                assertThat(d[map * 9 + i]).isEqualTo(first);
            }
            zeroed += first == 0f ? 1 : 0;
        }
        assertThat(zeroed).isBetween(40, 88); // 64 expected of 128
        Variable again = DropoutOps.dropout2d(new Tape().input(x), 0.5f, true, new Rng(4));
        assertThat(again.value().data()).containsExactly(d);
        assertThat(DropoutOps.dropout2d(new Tape().input(x), 0.5f, false, new Rng(4)).value()).isSameAs(x);
    }

    @Test
    void channelDropoutPassesTheGradientThroughTheKeptMapsOnly() {
        Tensor x = RandomTensors.uniform(new Rng(2), -1, 1, 2, 3, 2, 2);
        Tape tape = new Tape();
        Variable in = new Variable(x, true, tape, null);
        Variable y = DropoutOps.dropout2d(in, 0.4f, true, new Rng(9));
        y.backward(Tensor.filled(1f, 2, 3, 2, 2));
        float[] out = y.value().data();
        float[] grad = in.grad().data();
        for (int i = 0; i < out.length; i++) {
            float scale = out[i] == 0f ? 0f : 1f / 0.6f;
            assertThat(grad[i]).isCloseTo(scale, within(1e-6f));
        }
    }
}
