package dev.descent.autodiff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.random.Rng;
import dev.descent.tensor.Tensor;
import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** exp, log, ReLU, LeakyReLU, sigmoid, tanh and both GELUs against finite differences. */
class ElementwiseOpsGradientTest {
    private static final GradientChecker CHECKER = GradientChecker.standard();
    private static final int[] DIMS = {4, 5};

    private static GradientChecker.Reference map(DoubleUnaryOperator f) {
        return x -> Arrays.stream(x[0]).map(f).toArray();
    }

    private static Tensor uniform(long seed, double low, double high) {
        return RandomTensors.uniform(new Rng(seed), low, high, DIMS);
    }

    @Test
    void exp() {
        CHECKER.verify("exp", in -> in[0].exp(), map(Math::exp), uniform(31, -3, 3));
    }

    @Test
    void logOfPositiveInputs() {
        CHECKER.verify("log", in -> in[0].log(), map(Math::log), uniform(32, 0.1, 5));
    }

    @Test
    void logFollowsIeeeOutsideItsDomain() {
        Tape tape = Tape.noGrad();
        Variable y = tape.input(Tensor.of(new float[] {0f, -1f}, 2)).log();
        assertThat(y.value().get(0)).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(y.value().get(1)).isNaN();
    }

    @Test
    void reluAwayFromItsKink() {
        // at least 0.05 from 0: the central difference with h ≈ 1e-6 never straddles the kink
        Tensor x = RandomTensors.awayFromZero(new Rng(33), 0.05, 3, DIMS);
        CHECKER.verify("relu", in -> in[0].relu(), map(v -> Math.max(v, 0)), x);
    }

    @ParameterizedTest(name = "slope {0}")
    @ValueSource(floats = {0.01f, 0.2f, -0.5f, 1.5f})
    void leakyReluAwayFromItsKink(float slope) {
        Tensor x = RandomTensors.awayFromZero(new Rng(34), 0.05, 3, DIMS);
        CHECKER.verify("leakyRelu(" + slope + ")", in -> ElementwiseOps.leakyRelu(in[0], slope),
                map(v -> v > 0 ? v : slope * v), x);
    }

    @Test
    void atZeroReluAndLeakyReluUseTheLeftDerivativeAsPyTorchDoes() {
        Variable x = Variable.parameter(Tensor.zeros(1));
        Tape tape = new Tape();
        Variable zero = tape.input(Tensor.zeros(1));
        x.add(zero).relu().sum().backward();
        assertThat(x.grad().get(0)).isEqualTo(0f);
        x.zeroGrad();
        ElementwiseOps.leakyRelu(x.add(zero), 0.1f).sum().backward();
        assertThat(x.grad().get(0)).isEqualTo(0.1f);
    }

    @Test
    void sigmoid() {
        CHECKER.verify("sigmoid", in -> in[0].sigmoid(), map(v -> 1 / (1 + Math.exp(-v))), uniform(35, -6, 6));
    }

    @Test
    void sigmoidSaturatesWithoutOverflow() {
        Tensor x = Tensor.of(new float[] {-1000f, -100f, 100f, 1000f}, 4);
        Variable y = Tape.noGrad().input(x).sigmoid();
        float[] s = y.value().data();
        assertThat(s[0]).isEqualTo(0f);
        assertThat(s[1]).isBetween(0f, 1e-43f); // e^-100 ≈ 3.7e-44, a subnormal float
        assertThat(s[2]).isEqualTo(1f);
        assertThat(s[3]).isEqualTo(1f);
        // saturated inputs: the checker still holds since the reference gradient is ~0 there too
        CHECKER.verify("sigmoid(saturated)", in -> in[0].sigmoid(), map(v -> 1 / (1 + Math.exp(-v))),
                Tensor.of(new float[] {-30f, -12f, 12f, 30f}, 4));
    }

    @Test
    void tanh() {
        CHECKER.verify("tanh", in -> in[0].tanh(), map(Math::tanh), uniform(36, -3, 3));
    }

    @Test
    void geluExact() {
        CHECKER.verify("gelu", in -> ElementwiseOps.gelu(in[0]), map(v -> v * normalCdf(v)), uniform(37, -4, 4));
    }

    @Test
    void geluTanhApproximation() {
        double c = Math.sqrt(2 / Math.PI);
        CHECKER.verify("gelu(tanh)", in -> ElementwiseOps.gelu(in[0], true),
                map(v -> 0.5 * v * (1 + Math.tanh(c * (v + 0.044715 * v * v * v)))), uniform(38, -4, 4));
    }

    @Test
    void theTwoGelusAgreeToAboutOneThousandth() {
        // Hendrycks and Gimpel's approximation is within ~5e-4 of the exact form on [-4, 4]
        Tensor x = uniform(39, -4, 4);
        Tape tape = Tape.noGrad();
        float[] exact = ElementwiseOps.gelu(tape.input(x), false).value().data();
        float[] approximate = ElementwiseOps.gelu(tape.input(x), true).value().data();
        for (int i = 0; i < exact.length; i++) {
            assertThat(approximate[i]).isCloseTo(exact[i], org.assertj.core.api.Assertions.within(1e-3f));
        }
    }

    /**
     * Φ(x) from the Maclaurin series of erf, independent of the main code's rational
     * approximation: for |x| ≤ 4 the largest term is ~1e5, so about 1e-11 absolute accuracy.
     */
    static double normalCdf(double x) {
        double z = x / Math.sqrt(2);
        double term = z;
        double sum = z;
        for (int n = 1; n < 200; n++) {
            term *= -z * z / n;
            double contribution = term / (2 * n + 1);
            sum += contribution;
            if (Math.abs(contribution) < 1e-17) {
                break;
            }
        }
        return 0.5 * (1 + 2 / Math.sqrt(Math.PI) * sum);
    }

    @Test
    void normalCdfReferenceIsRightAtKnownPoints() {
        assertThat(normalCdf(0)).isEqualTo(0.5);
        assertThat(normalCdf(1)).isCloseTo(0.8413447460685429, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(normalCdf(-2)).isCloseTo(0.022750131948179195, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(normalCdf(4)).isCloseTo(0.9999683287581669, org.assertj.core.api.Assertions.within(1e-11));
    }
}
