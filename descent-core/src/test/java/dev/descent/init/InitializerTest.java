package dev.descent.init;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.descent.random.Rng;
import dev.descent.tensor.Tensor;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bounds and moments of each initialiser on 100 000 draws. Tolerances are ≥ 5 standard errors:
 * the sample mean of N draws of standard deviation σ has error σ/√N ≈ 0.0032σ, the sample
 * standard deviation ≈ σ/√(2N) ≈ 0.0022σ for a normal (less for a uniform).
 */
class InitializerTest {
    private static final int FAN_IN = 300;
    private static final int FAN_OUT = 100;
    private static final int N = 100_000;

    private static Tensor draw(Initializer init, long seed) {
        Tensor t = Tensor.zeros(FAN_OUT, N / FAN_OUT);
        init.initialize(t, FAN_IN, FAN_OUT, new Rng(seed));
        return t;
    }

    private static double mean(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x;
        }
        return s / v.length;
    }

    private static double std(float[] v) {
        double m = mean(v);
        double s = 0;
        for (float x : v) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / v.length);
    }

    static Stream<Arguments> uniformInitializers() {
        return Stream.of(
                Arguments.of("uniform(0.3)", Initializer.uniform(0.3), 0.3),
                Arguments.of("xavierUniform(1)", Initializer.xavierUniform(1), Math.sqrt(6.0 / (FAN_IN + FAN_OUT))),
                Arguments.of("xavierUniform(2)", Initializer.xavierUniform(2), 2 * Math.sqrt(6.0 / (FAN_IN + FAN_OUT))),
                Arguments.of("kaimingUniform(√2)", Initializer.kaimingUniform(Initializer.RELU_GAIN),
                        Math.sqrt(2) * Math.sqrt(3.0 / FAN_IN)),
                Arguments.of("pytorchLinearDefault", Initializer.pytorchLinearDefault(), 1 / Math.sqrt(FAN_IN)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("uniformInitializers")
    void uniformWithinItsBoundAndSpreadOverIt(String name, Initializer init, double bound) {
        float[] v = draw(init, 1).data();
        double max = 0;
        for (float x : v) {
            max = Math.max(max, Math.abs(x));
        }
        assertThat(max).isLessThanOrEqualTo(bound).isGreaterThan(0.999 * bound);
        assertThat(mean(v)).isCloseTo(0, within(0.01 * bound));
        assertThat(std(v)).isCloseTo(bound / Math.sqrt(3), within(0.01 * bound / Math.sqrt(3)));
    }

    static Stream<Arguments> normalInitializers() {
        return Stream.of(
                Arguments.of("normal(0.05)", Initializer.normal(0.05), 0.05),
                Arguments.of("xavierNormal(1)", Initializer.xavierNormal(1), Math.sqrt(2.0 / (FAN_IN + FAN_OUT))),
                Arguments.of("kaimingNormal(√2)", Initializer.kaimingNormal(Initializer.RELU_GAIN),
                        Math.sqrt(2) / Math.sqrt(FAN_IN)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("normalInitializers")
    void normalWithItsStandardDeviation(String name, Initializer init, double sigma) {
        float[] v = draw(init, 2).data();
        assertThat(mean(v)).isCloseTo(0, within(0.02 * sigma));
        assertThat(std(v)).isCloseTo(sigma, within(0.015 * sigma));
        int withinOneSigma = 0;
        for (float x : v) {
            withinOneSigma += Math.abs(x) <= sigma ? 1 : 0;
        }
        // P(|Z| ≤ 1) = 0.6827; standard error √(p(1−p)/N) ≈ 0.0015
        assertThat(withinOneSigma / (double) N).isCloseTo(0.6827, within(0.01));
    }

    @Test
    void pytorchLinearDefaultBoundIsOneOverSqrtFanIn() {
        for (int fanIn : new int[] {1, 4, 784}) {
            Tensor t = Tensor.zeros(2000);
            Initializer.pytorchLinearDefault().initialize(t, fanIn, 7, new Rng(3));
            double bound = 1 / Math.sqrt(fanIn);
            for (float x : t.data()) {
                assertThat((double) Math.abs(x)).isLessThanOrEqualTo(bound);
            }
        }
    }

    @Test
    void sameSeedSameValuesAndAnotherSeedOthers() {
        for (Initializer init : new Initializer[] {Initializer.xavierUniform(1), Initializer.kaimingNormal(1),
                Initializer.pytorchLinearDefault()}) {
            assertThat(draw(init, 5).data()).containsExactly(draw(init, 5).data());
            assertThat(draw(init, 5).data()).isNotEqualTo(draw(init, 6).data());
        }
    }

    @Test
    void zerosAndConstant() {
        Tensor t = Tensor.filled(3f, 4, 5);
        Initializer.zeros().initialize(t, 5, 4, new Rng(1));
        assertThat(t.data()).containsOnly(0f);
        Initializer.constant(0.25f).initialize(t, 5, 4, new Rng(1));
        assertThat(t.data()).containsOnly(0.25f);
    }

    @Test
    void reluGainIsSqrtTwo() {
        assertThat(Initializer.RELU_GAIN).isEqualTo(Math.sqrt(2));
    }

    @Test
    void invalidBoundsAndDeviationsAreRejected() {
        for (double bad : new double[] {-1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> Initializer.uniform(bad))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bound").hasMessageContaining(String.valueOf(bad));
            assertThatThrownBy(() -> Initializer.normal(bad))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("std").hasMessageContaining(String.valueOf(bad));
        }
    }
}
