package dev.descent.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.descent.autodiff.GradientChecker;
import dev.descent.autodiff.RandomTensors;
import dev.descent.autodiff.Tape;
import dev.descent.random.Rng;
import dev.descent.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Mean squared error over all elements. */
class MeanSquaredErrorTest {
    private static final MeanSquaredError LOSS = new MeanSquaredError();

    @Test
    void handComputedValue() {
        Tensor p = Tensor.of(new float[] {1, 2, 3, 4}, 2, 2);
        Tensor t = Tensor.of(new float[] {1, 0, 4, 6}, 2, 2);
        assertThat(LOSS.compute(Tape.noGrad().input(p), t).item()).isEqualTo((0 + 4 + 1 + 4) / 4f);
    }

    @Test
    void gradient() {
        Rng rng = new Rng(101);
        Tensor p = RandomTensors.uniform(rng, -3, 3, 3, 4);
        Tensor t = RandomTensors.uniform(rng, -3, 3, 3, 4);
        double[] td = RandomTensors.toDouble(t);
        GradientChecker.standard().verify("MSE", in -> LOSS.compute(in[0], t), v -> {
            double total = 0;
            for (int i = 0; i < td.length; i++) {
                total += (v[0][i] - td[i]) * (v[0][i] - td[i]);
            }
            return new double[] {total / td.length};
        }, p);
    }

    @Test
    void aColumnOfPredictionsMatchesAVectorOfTargets() {
        Tensor p = Tensor.of(new float[] {1, 2, 3}, 3, 1);
        Tensor t = Tensor.of(new float[] {0, 2, 5}, 3);
        assertThat((double) LOSS.compute(Tape.noGrad().input(p), t).item()).isCloseTo(5 / 3.0, within(1e-6));
    }

    @Test
    void shapesMustMatchAndTheBatchMustNotBeEmpty() {
        assertThatThrownBy(() -> LOSS.compute(new Tape().input(Tensor.zeros(2, 3)), Tensor.zeros(6)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MeanSquaredError").hasMessageContaining("[2, 3]").hasMessageContaining("[6]");
        assertThatThrownBy(() -> LOSS.compute(new Tape().input(Tensor.zeros(0)), Tensor.zeros(0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
    }
}
