package dev.descent.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.descent.autodiff.GradientChecker;
import dev.descent.autodiff.Tape;
import dev.descent.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Huber loss: quadratic within δ of the target, linear beyond. */
class HuberLossTest {

    static double reference(double[] p, double[] t, double delta) {
        double total = 0;
        for (int i = 0; i < p.length; i++) {
            double d = Math.abs(p[i] - t[i]);
            total += d < delta ? 0.5 * d * d : delta * (d - 0.5 * delta);
        }
        return total / p.length;
    }

    @Test
    void handComputedValueInBothRegions() {
        // δ = 1: d = 0.5 → ½·0.25 = 0.125; d = −3 → 1·(3 − 0.5) = 2.5
        Tensor p = Tensor.of(new float[] {1.5f, -2f}, 2);
        Tensor t = Tensor.of(new float[] {1f, 1f}, 2);
        assertThat((double) new HuberLoss().compute(Tape.noGrad().input(p), t).item()).isCloseTo(1.3125, within(1e-7));
    }

    @ParameterizedTest(name = "delta {0}")
    @ValueSource(floats = {0.5f, 1f, 2f})
    void gradientInBothRegions(float delta) {
        // differences from −3.9 to 3.9 in both regions, none within 0.05 of ±δ
        float[] differences = {-3.9f, -2.6f, -1.3f, -0.7f, -0.2f, 0.1f, 0.35f, 0.8f, 1.6f, 2.3f, 3.9f, 0.02f};
        Tensor t = Tensor.generate(i -> 0.25 * i - 1, differences.length);
        Tensor p = Tensor.generate(i -> t.get(i) + differences[i], differences.length);
        double[] td = new double[t.size()];
        for (int i = 0; i < td.length; i++) {
            td[i] = t.get(i);
        }
        HuberLoss loss = new HuberLoss(delta);
        GradientChecker.standard().verify(loss.toString(), in -> loss.compute(in[0], t),
                v -> new double[] {reference(v[0], td, delta)}, p);
    }

    @ParameterizedTest(name = "delta {0}")
    @ValueSource(floats = {0f, -1f, Float.NaN, Float.POSITIVE_INFINITY})
    void deltaMustBeFiniteAndPositive(float delta) {
        assertThatThrownBy(() -> new HuberLoss(delta))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("delta").hasMessageContaining(String.valueOf(delta));
    }
}
