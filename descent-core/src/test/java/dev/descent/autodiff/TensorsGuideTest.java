package dev.descent.autodiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.tensor.Shape;
import dev.descent.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The example and the broadcasting claims of docs/tensors.md, so that the guide stays true. */
class TensorsGuideTest {

    @Test
    void theOpeningExampleRunsAndGivesTheHandComputedGradient() {
        Variable w = Variable.parameter(Tensor.of(new float[][] {{0.5f, -1f}, {2f, 0f}}));
        Tape tape = new Tape();
        Variable x = tape.input(Tensor.of(new double[][] {{1, 2}, {3, 4}}));
        Variable loss = x.matmul(w).clamp(-1f, 1f).pow(2).mean();
        loss.backward();
        // x·w = [[4.5, -1], [9.5, -3]] → clamped [[1, -1], [1, -1]], all at or beyond a bound:
        // only the -1 at (0, 1) lies inside [-1, 1], so only it passes a gradient, 2·(-1)/4 = -0.5
        assertThat(loss.item()).isEqualTo(1f);
        assertThat(w.grad().toArray2d()).isDeepEqualTo(new float[][] {{0f, -0.5f}, {0f, -1f}});
    }

    @Test
    void plainValuesThroughANoGradTape() {
        Tensor t = Tensor.of(new float[][] {{1, 2, 3}, {4, 5, 6}});
        Tensor transposed = Tape.noGrad().input(t).transpose(0, 1).value();
        assertThat(transposed.shape()).isEqualTo(Shape.of(3, 2));
    }

    @Test
    void keepDimAlongTheFirstAxisBroadcastsBackButAlongTheLastDoesNotYet() {
        Variable x = Tape.noGrad().input(Tensor.of(new float[][] {{1, 2, 3}, {4, 5, 6}}));
        assertThat(x.sub(x.mean(0, true)).shape()).isEqualTo(Shape.of(2, 3));
        assertThatThrownBy(() -> x.sub(x.mean(1, true)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[2, 1]");
    }
}
