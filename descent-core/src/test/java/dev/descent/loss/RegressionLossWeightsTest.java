package dev.descent.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.descent.autodiff.GradientChecker;
import dev.descent.autodiff.RandomTensors;
import dev.descent.autodiff.Tape;
import dev.descent.autodiff.Variable;
import dev.descent.random.Rng;
import dev.descent.tensor.Tensor;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The importance-weighted and per-example forms of the elementwise regression losses:
 * {@code (1/(b·k)) Σᵢ wᵢ Σⱼ ℓ(pᵢⱼ − tᵢⱼ)} and each row's mean {@code (1/k) Σⱼ ℓ(pᵢⱼ − tᵢⱼ)}.
 */
class RegressionLossWeightsTest {

    /** A loss and the same ℓ(d) in plain double arithmetic. */
    static Stream<Arguments> losses() {
        DoubleUnaryOperator squared = d -> d * d;
        return Stream.of(
                Arguments.of(new MeanSquaredError(), squared),
                Arguments.of(new HuberLoss(), huber(1.0)),
                Arguments.of(new HuberLoss(0.5f), huber(0.5)));
    }

    private static DoubleUnaryOperator huber(double delta) {
        return d -> Math.abs(d) < delta ? 0.5 * d * d : delta * (Math.abs(d) - 0.5 * delta);
    }

    /** Residuals from −3 to 3: both of Huber's regions are covered. */
    private static Tensor[] batch(long seed, int rows, int columns) {
        Rng rng = new Rng(seed);
        return new Tensor[] {RandomTensors.uniform(rng, -2, 2, rows, columns),
            RandomTensors.uniform(rng, -1, 1, rows, columns)};
    }

    private static float[] ones(int n) {
        float[] w = new float[n];
        java.util.Arrays.fill(w, 1f);
        return w;
    }

    private record Result(float value, float[] gradient) {
    }

    private static Result run(RegressionLoss loss, Tensor p, Tensor t, float[] weights) {
        // predictions = 0 + w: a tape-bound value whose gradient flows unchanged into the parameter w
        Variable w = Variable.parameter(p.copy());
        Variable predictions = new Tape().input(Tensor.zeros(p.shape())).add(w);
        Variable value = weights == null ? loss.compute(predictions, t) : loss.compute(predictions, t, weights);
        value.backward();
        return new Result(value.item(), w.grad().data().clone());
    }

    @ParameterizedTest
    @MethodSource("losses")
    void unitWeightsGiveTheUnweightedLossBitForBit(RegressionLoss loss, DoubleUnaryOperator ell) {
        assertThat(loss.hasPerExampleForm()).isTrue();
        for (int[] shape : new int[][] {{3, 2}, {7, 1}, {16, 5}, {1, 3}}) {
            Tensor[] pt = batch(shape[0] * 31L + shape[1], shape[0], shape[1]);
            Result plain = run(loss, pt[0], pt[1], null);
            Result weighted = run(loss, pt[0], pt[1], ones(shape[0]));
            assertThat(Float.floatToRawIntBits(weighted.value())).as("value for %s", java.util.Arrays.toString(shape))
                    .isEqualTo(Float.floatToRawIntBits(plain.value()));
            assertThat(weighted.gradient()).as("gradient for %s", java.util.Arrays.toString(shape))
                    .containsExactly(plain.gradient());
        }
        // a vector of predictions (k = 1) with one weight per element
        Tensor[] pt = batch(77, 6, 1);
        Tensor p = pt[0].reshape(6);
        Tensor t = pt[1].reshape(6);
        assertThat(run(loss, p, t, ones(6)).value()).isEqualTo(run(loss, p, t, null).value());
        assertThat(run(loss, p, t, ones(6)).gradient()).containsExactly(run(loss, p, t, null).gradient());
    }

    @ParameterizedTest
    @MethodSource("losses")
    void theWeightedValueIsTheWeightedMeanComputedByHand(RegressionLoss loss, DoubleUnaryOperator ell) {
        Tensor p = Tensor.of(new float[] {0.5f, -1.25f, 2f, 3.5f, -0.75f, 0.1f}, 3, 2);
        Tensor t = Tensor.of(new float[] {0f, 1f, -1f, 3f, 0.25f, -2.4f}, 3, 2);
        float[] w = {0.5f, 2f, 1.25f};

        float value = loss.compute(Tape.noGrad().input(p), t, w).item();

        double total = 0;
        for (int i = 0; i < 3; i++) {
            double row = 0;
            for (int j = 0; j < 2; j++) {
                row += ell.applyAsDouble((double) p.get(i, j) - t.get(i, j));
            }
            total += w[i] * row;
        }
        double expected = total / (3 * 2);
        assertThat((double) value).isCloseTo(expected, within(1e-6 * Math.abs(expected)));
        // and it is not the unweighted mean
        assertThat(loss.compute(Tape.noGrad().input(p), t).item()).isNotEqualTo(value);
    }

    @ParameterizedTest
    @MethodSource("losses")
    void theWeightedGradientMatchesAFiniteDifferenceInDouble(RegressionLoss loss, DoubleUnaryOperator ell) {
        for (int[] shape : new int[][] {{3, 2}, {5, 4}, {4, 1}}) {
            int b = shape[0];
            int k = shape[1];
            Rng rng = new Rng(1000L + b * 10L + k);
            // residuals kept away from Huber's kinks at ±δ, where a finite difference is meaningless
            Tensor p = RandomTensors.uniform(rng, -2, 2, b, k);
            Tensor t = Tensor.zeros(b, k);
            for (int i = 0; i < p.size(); i++) {
                float r;
                do {
                    r = (float) (6 * rng.nextDouble() - 3);
                } while (Math.abs(Math.abs(r) - 1) < 0.05 || Math.abs(Math.abs(r) - 0.5) < 0.05);
                t.data()[i] = p.data()[i] - r;
            }
            float[] w = new float[b];
            for (int i = 0; i < b; i++) {
                w[i] = (float) (0.1 + 3 * rng.nextDouble());
            }
            double[] td = RandomTensors.toDouble(t);
            GradientChecker.standard().verify(loss + " weighted " + b + "x" + k, in -> loss.compute(in[0], t, w),
                    v -> {
                        double total = 0;
                        for (int i = 0; i < td.length; i++) {
                            total += w[i / k] * ell.applyAsDouble(v[0][i] - td[i]);
                        }
                        return new double[] {total / td.length};
                    }, p);
        }
    }

    @ParameterizedTest
    @MethodSource("losses")
    void perExampleGivesEachRowsMean(RegressionLoss loss, DoubleUnaryOperator ell) {
        Tensor[] pt = batch(5, 4, 3);
        Tensor p = pt[0];
        Tensor t = pt[1];
        float[] out = new float[4];

        loss.perExample(p, t, out);

        double sumOfRows = 0;
        for (int i = 0; i < 4; i++) {
            double row = 0;
            for (int j = 0; j < 3; j++) {
                row += ell.applyAsDouble((double) p.get(i, j) - t.get(i, j));
            }
            assertThat((double) out[i]).as("row %d", i).isCloseTo(row / 3, within(1e-6 * Math.max(1, row / 3)));
            sumOfRows += out[i];
        }
        // the mean of the rows' means is the loss (equal row widths)
        assertThat((double) loss.compute(Tape.noGrad().input(p), t).item()).isCloseTo(sumOfRows / 4, within(1e-6));
        // a single target per row: the row's loss itself; vector predictions count one row per element
        Tensor[] single = batch(6, 5, 1);
        float[] column = new float[5];
        float[] vector = new float[5];
        loss.perExample(single[0], single[1], column);
        loss.perExample(single[0].reshape(5), single[1].reshape(5), vector);
        for (int i = 0; i < 5; i++) {
            double expected = ell.applyAsDouble((double) single[0].get(i) - single[1].get(i));
            assertThat((double) column[i]).isCloseTo(expected, within(1e-6 * Math.max(1, expected)));
        }
        assertThat(vector).containsExactly(column);
    }

    @ParameterizedTest
    @MethodSource("losses")
    void aWeightArrayOfTheWrongLengthIsRefused(RegressionLoss loss, DoubleUnaryOperator ell) {
        Tensor p = Tensor.zeros(3, 2);
        Tensor t = Tensor.zeros(3, 2);
        // 3 rows need exactly 3 weights: every other length is refused, naming the count and the shape
        for (int length : new int[] {0, 4, 5, 7, 12}) {
            assertThatThrownBy(() -> loss.compute(new Tape().input(p), t, new float[length]))
                    .as("%d weights", length)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(loss.getClass().getSimpleName())
                    .hasMessageContaining(length + " example weights")
                    .hasMessageContaining("[3, 2]")
                    .hasMessageContaining("one weight per row");
        }
    }

    @ParameterizedTest
    @MethodSource("losses")
    void aWeightCountThatDividesTheElementsButIsNotTheRowCountIsRefusedToo(RegressionLoss loss,
                                                                          DoubleUnaryOperator ell) {
        Tensor p = Tensor.zeros(3, 2);
        Tensor t = Tensor.zeros(3, 2);
        // 1, 2 and 6 weights divide the 6 elements; none is one weight per row of [3, 2]. Accepted,
        // 2 weights would weight elements {0,1,2} and {3,4,5} (straddling rows), 6 would weight elements.
        java.util.List<String> accepted = new java.util.ArrayList<>();
        for (int length : new int[] {1, 2, 6}) {
            Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
                    () -> loss.compute(new Tape().input(p), t, new float[length]));
            if (thrown == null) {
                accepted.add(length + " weights");
                continue;
            }
            assertThat(thrown).as("%d weights for [3, 2] predictions", length)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(length + " example weights")
                    .hasMessageContaining("one weight per row");
        }
        assertThat(accepted).as("weight arrays accepted by %s for [3, 2] predictions (3 rows)", loss).isEmpty();
    }
}
