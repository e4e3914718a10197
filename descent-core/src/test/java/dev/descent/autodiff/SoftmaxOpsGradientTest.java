package dev.descent.autodiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.descent.random.Rng;
import dev.descent.tensor.Tensor;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** softmax and logSoftmax over the last dimension: gradients, stability, and their identities. */
class SoftmaxOpsGradientTest {
    private static final GradientChecker CHECKER = GradientChecker.standard();

    /** Row-wise log-softmax in double, shifted by the row maximum. */
    static double[] logSoftmax(double[] x, int columns) {
        double[] y = new double[x.length];
        for (int o = 0; o < x.length; o += columns) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < columns; j++) {
                max = Math.max(max, x[o + j]);
            }
            double total = 0;
            for (int j = 0; j < columns; j++) {
                total += Math.exp(x[o + j] - max);
            }
            double logNormalizer = max + Math.log(total);
            for (int j = 0; j < columns; j++) {
                y[o + j] = x[o + j] - logNormalizer;
            }
        }
        return y;
    }

    static double[] softmax(double[] x, int columns) {
        double[] y = logSoftmax(x, columns);
        for (int i = 0; i < y.length; i++) {
            y[i] = Math.exp(y[i]);
        }
        return y;
    }

    @Test
    void softmax() {
        Tensor x = RandomTensors.uniform(new Rng(51), -3, 3, 3, 5);
        CHECKER.verify("softmax", in -> in[0].softmax(), v -> softmax(v[0], 5), x);
    }

    @Test
    void logSoftmax() {
        Tensor x = RandomTensors.uniform(new Rng(52), -3, 3, 3, 5);
        CHECKER.verify("logSoftmax", in -> in[0].logSoftmax(), v -> logSoftmax(v[0], 5), x);
    }

    @Test
    void rowsOfHigherRankTensorsAndASingleRow() {
        Tensor x3 = RandomTensors.uniform(new Rng(53), -3, 3, 2, 2, 4);
        CHECKER.verify("softmax[2,2,4]", in -> in[0].softmax(), v -> softmax(v[0], 4), x3);
        CHECKER.verify("logSoftmax[2,2,4]", in -> in[0].logSoftmax(), v -> logSoftmax(v[0], 4), x3);
        Tensor row = RandomTensors.uniform(new Rng(54), -3, 3, 6);
        CHECKER.verify("softmax[6]", in -> in[0].softmax(), v -> softmax(v[0], 6), row);
    }

    @Test
    void largeLogitsGiveFiniteValuesAndRightGradients() {
        // ±80: e^80 overflows float32 (max ≈ 3.4e38 ≈ e^88.7) once two such terms are summed
        // without the max shift; e^160 overflows any float
        Tensor x = Tensor.of(new float[] {80, -80, 0, 79, -80, 80, 80, 1, 2.5f, -79, -80, 3}, 3, 4);
        CHECKER.verify("softmax(±80)", in -> in[0].softmax(), v -> softmax(v[0], 4), x);
        CHECKER.verify("logSoftmax(±80)", in -> in[0].logSoftmax(), v -> logSoftmax(v[0], 4), x);
    }

    @Test
    void extremeLogitsStayFinite() {
        Tensor x = Tensor.of(new float[] {1000, -1000, 0, -1000, -1000, -1000}, 2, 3);
        Tape tape = new Tape();
        Variable p = Variable.parameter(x.copy());
        Variable shifted = p.add(tape.input(Tensor.zeros(3)));
        Variable logP = shifted.logSoftmax();
        float[] logValues = logP.value().data();
        assertThat(logValues[0]).isEqualTo(0f);
        assertThat(logValues[1]).isEqualTo(-2000f);
        assertThat(logValues[2]).isEqualTo(-1000f);
        for (int j = 3; j < 6; j++) {
            // the row's log-normaliser −998.9 is held as a float32 to ulp(1000) ≈ 6e-5, as are the logits
            assertThat(logValues[j]).isCloseTo((float) -Math.log(3), within(1.3e-4f));
        }
        Variable probabilities = shifted.softmax();
        assertThat(probabilities.value().data()).containsExactly(1f, 0f, 0f, 1f / 3, 1f / 3, 1f / 3);
        logP.sum().backward();
        for (float g : p.grad().data()) {
            assertThat(g).isFinite();
        }
    }

    @Property(tries = 100)
    void softmaxRowsArePositiveAndSumToOne(@ForAll @IntRange(min = 1, max = 4) int rows,
                                           @ForAll @IntRange(min = 1, max = 9) int columns,
                                           @ForAll @DoubleRange(min = 0.1, max = 60) double spread,
                                           @ForAll long seed) {
        Tensor x = RandomTensors.uniform(new Rng(seed), -spread, spread, rows, columns);
        float[] y = Tape.noGrad().input(x).softmax().value().data();
        for (int r = 0; r < rows; r++) {
            double total = 0;
            for (int j = 0; j < columns; j++) {
                assertThat(y[r * columns + j]).isBetween(0f, 1f);
                total += y[r * columns + j];
            }
            assertThat(total).isCloseTo(1.0, within(1e-5));
        }
    }

    @Property(tries = 100)
    void logSoftmaxIsTheLogarithmOfSoftmax(@ForAll @IntRange(min = 1, max = 4) int rows,
                                           @ForAll @IntRange(min = 1, max = 9) int columns,
                                           @ForAll @DoubleRange(min = 0.1, max = 20) double spread,
                                           @ForAll long seed) {
        Tensor x = RandomTensors.uniform(new Rng(seed), -spread, spread, rows, columns);
        Tape tape = Tape.noGrad();
        float[] p = tape.input(x).softmax().value().data();
        float[] logP = tape.input(x).logSoftmax().value().data();
        for (int i = 0; i < p.length; i++) {
            // compared as probabilities: log of a tiny p is ill-conditioned, exp(logP) is not
            assertThat(Math.exp(logP[i])).isCloseTo(p[i], within(1e-6 + 1e-5 * p[i]));
            assertThat(logP[i]).isLessThanOrEqualTo(1e-6f);
        }
    }

    @Property(tries = 100)
    void softmaxIgnoresAShiftOfEachRow(@ForAll @IntRange(min = 1, max = 9) int columns,
                                       @ForAll @DoubleRange(min = -50, max = 50) double shift,
                                       @ForAll long seed) {
        Tensor x = RandomTensors.uniform(new Rng(seed), -5, 5, 2, columns);
        Tensor shifted = Tensor.generate(i -> x.get(i) + shift, 2, columns);
        Tape tape = Tape.noGrad();
        float[] p = tape.input(x).softmax().value().data();
        float[] q = tape.input(shifted).softmax().value().data();
        for (int i = 0; i < p.length; i++) {
            // the shift itself is rounded to float32 at |x + shift| ≤ 55: ~4e-6 absolute in the logit
            assertThat(q[i]).isCloseTo(p[i], within(1e-5f));
        }
    }
}
