package dev.descent.autodiff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.random.Rng;
import dev.descent.tensor.Tensor;
import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * exp, log, abs, sqrt, pow, clamp, ReLU, LeakyReLU, sigmoid, tanh and both GELUs against finite
 * differences, and PyTorch's choices where the derivative is undefined.
 */
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
    void absAwayFromItsKink() {
        Tensor x = RandomTensors.awayFromZero(new Rng(131), 0.05, 3, DIMS);
        CHECKER.verify("abs", in -> in[0].abs(), map(Math::abs), x);
    }

    @Test
    void absAtZeroAndNaNHasGradientZeroAsPyTorchsSign() {
        Variable x = Variable.parameter(Tensor.of(new float[] {-2f, -0f, 0f, 3f, Float.NaN}, 5));
        Variable y = x.add(new Tape().input(Tensor.scalar(0f))).abs();
        assertThat(y.value().data()).containsExactly(2f, 0f, 0f, 3f, Float.NaN);
        y.sum().backward();
        assertThat(x.grad().data()).containsExactly(-1f, 0f, 0f, 1f, 0f);
    }

    @Test
    void sqrtOfPositiveInputs() {
        CHECKER.verify("sqrt", in -> in[0].sqrt(), map(Math::sqrt), uniform(132, 0.1, 5));
    }

    @Test
    void sqrtAtZeroHasAnInfiniteGradientAndNegativesGiveNaN() {
        Variable x = Variable.parameter(Tensor.of(new float[] {0f, -1f, 4f}, 3));
        Variable y = x.add(new Tape().input(Tensor.scalar(0f))).sqrt();
        assertThat(y.value().data()).containsExactly(0f, Float.NaN, 2f);
        y.sum().backward();
        assertThat(x.grad().data()).containsExactly(Float.POSITIVE_INFINITY, Float.NaN, 0.25f);
    }

    @ParameterizedTest(name = "exponent {0}")
    @ValueSource(doubles = {2, 3, 0.5, 1.5, -1, -2.5, 1, 0, 1.0 / 3})
    void powOfPositiveInputs(double exponent) {
        CHECKER.verify("pow(" + exponent + ")", in -> in[0].pow(exponent),
                map(v -> Math.pow(v, exponent)), uniform(133, 0.2, 3));
    }

    @ParameterizedTest(name = "exponent {0}")
    @ValueSource(doubles = {2, 3, -1, -2, 4})
    void powWithIntegerExponentsOfNegativeInputs(double exponent) {
        Tensor x = RandomTensors.awayFromZero(new Rng(134), 0.3, 2, DIMS);
        CHECKER.verify("pow(" + exponent + ")", in -> in[0].pow(exponent), map(v -> Math.pow(v, exponent)), x);
    }

    @Test
    void powEdgeCasesFollowPyTorch() {
        Variable x = Variable.parameter(Tensor.of(new float[] {0f, -8f, 2f}, 3));
        Variable shifted = x.add(new Tape().input(Tensor.scalar(0f)));
        // exponent 0: the value is 1 everywhere (0^0 = 1) and the gradient 0, even at x = 0
        Variable constant = shifted.pow(0);
        assertThat(constant.value().data()).containsExactly(1f, 1f, 1f);
        constant.sum().backward();
        assertThat(x.grad().data()).containsExactly(0f, 0f, 0f);
        // a negative base with a fractional exponent is NaN, as in PyTorch
        assertThat(shifted.pow(1.0 / 3).value().get(1)).isNaN();
        // a square root's gradient at 0 is infinite
        x.zeroGrad();
        shifted.pow(0.5).sum().backward();
        assertThat(x.grad().get(0)).isEqualTo(Float.POSITIVE_INFINITY);
    }

    @Test
    void clampAwayFromItsBounds() {
        // -3 to 3 in steps that never come within 0.05 of -1 or 1.5
        float[] values = new float[20];
        for (int i = 0; i < values.length; i++) {
            values[i] = -2.9f + 0.3f * i;
        }
        Tensor x = Tensor.wrap(values, DIMS);
        CHECKER.verify("clamp(-1, 1.5)", in -> in[0].clamp(-1f, 1.5f), map(v -> Math.min(Math.max(v, -1), 1.5)), x);
        CHECKER.verify("clamp(-1, +inf)", in -> in[0].clamp(-1f, Float.POSITIVE_INFINITY),
                map(v -> Math.max(v, -1)), x);
        CHECKER.verify("clamp(-inf, 1.5)", in -> ElementwiseOps.clamp(in[0], Float.NEGATIVE_INFINITY, 1.5f),
                map(v -> Math.min(v, 1.5)), x);
    }

    @Test
    void clampPassesTheGradientOnItsBoundsAsPyTorch() {
        Variable x = Variable.parameter(Tensor.of(new float[] {-2f, -1f, 0f, 1f, 2f, Float.NaN}, 6));
        Variable y = x.add(new Tape().input(Tensor.scalar(0f))).clamp(-1f, 1f);
        assertThat(y.value().data()).containsExactly(-1f, -1f, 0f, 1f, 1f, Float.NaN);
        y.sum().backward();
        assertThat(x.grad().data()).containsExactly(0f, 1f, 1f, 1f, 0f, 0f);
    }

    @Test
    void clampWithMinAboveMaxGivesMaxEverywhereAsPyTorch() {
        Variable x = Variable.parameter(Tensor.of(new float[] {-5f, 0.5f, 5f}, 3));
        Variable y = x.add(new Tape().input(Tensor.scalar(0f))).clamp(1f, 0f);
        assertThat(y.value().data()).containsExactly(0f, 0f, 0f);
        y.sum().backward();
        assertThat(x.grad().data()).containsExactly(0f, 0f, 0f);
    }

    @Test
    void clampRejectsNaNBounds() {
        Variable x = Tape.noGrad().input(Tensor.zeros(2));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> x.clamp(Float.NaN, 1f))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("clamp: min is NaN; pass a number, or ∓Infinity for no bound on that side");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> x.clamp(0f, Float.NaN))
                .hasMessageStartingWith("clamp: max is NaN");
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
