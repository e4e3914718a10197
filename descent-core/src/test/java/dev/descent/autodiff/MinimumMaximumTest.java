package dev.descent.autodiff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * minimum and maximum where finite differences cannot look: ties and NaN, with the values and
 * gradients PyTorch gives (its derivative formulas for maximum: a gets g where a &gt; b, g/2
 * where a = b, 0 where a &lt; b; b the mirror image; comparisons with NaN are all false).
 */
class MinimumMaximumTest {
    private static final float NAN = Float.NaN;

    @Test
    void forwardValuesAndNaNPropagation() {
        Tape tape = Tape.noGrad();
        Variable a = tape.input(Tensor.of(new float[] {1, 5, -2, NAN, 3, 0}, 6));
        Variable b = tape.input(Tensor.of(new float[] {4, 5, -3, 1, NAN, -0f}, 6));
        assertThat(a.maximum(b).value().data()).containsExactly(4, 5, -2, NAN, NAN, 0);
        assertThat(a.minimum(b).value().data()).containsExactly(1, 5, -3, NAN, NAN, -0f);
    }

    @Test
    void maximumSplitsTheGradientOnTiesAndGivesItAllToBothOnNaN() {
        Variable a = Variable.parameter(Tensor.of(new float[] {1, 5, -2, NAN}, 4));
        Variable b = Variable.parameter(Tensor.of(new float[] {4, 5, -3, 1}, 4));
        Tape tape = new Tape();
        Variable seedOwner = tape.input(Tensor.zeros(4));
        Variable y = a.add(seedOwner).maximum(b.add(seedOwner));
        y.backward(Tensor.of(new float[] {1, 2, 3, 4}, 4));
        assertThat(a.grad().data()).containsExactly(0, 1, 3, 4);
        assertThat(b.grad().data()).containsExactly(1, 1, 0, 4);
    }

    @Test
    void minimumIsTheMirrorImage() {
        Variable a = Variable.parameter(Tensor.of(new float[] {1, 5, -2, NAN}, 4));
        Variable b = Variable.parameter(Tensor.of(new float[] {4, 5, -3, 1}, 4));
        Tape tape = new Tape();
        Variable zeros = tape.input(Tensor.zeros(4));
        a.add(zeros).minimum(b.add(zeros)).backward(Tensor.of(new float[] {1, 2, 3, 4}, 4));
        assertThat(a.grad().data()).containsExactly(1, 1, 0, 4);
        assertThat(b.grad().data()).containsExactly(0, 1, 3, 4);
    }

    @Test
    void aBroadcastOperandCollectsItsSharesFromEveryRow() {
        // b = [2, 0] against a 3×2: ties in column 0 row 0 and column 1 row 2
        Variable a = Variable.parameter(Tensor.of(new float[][] {{2, -1}, {3, -4}, {1, 0}}));
        Variable b = Variable.parameter(Tensor.of(new float[] {2, 0}, 2));
        Tape tape = new Tape();
        Variable zero = tape.input(Tensor.scalar(0f));
        Variable y = a.add(zero).maximum(b.add(zero));
        assertThat(y.value().data()).containsExactly(2, 0, 3, 0, 2, 0);
        y.sum().backward();
        assertThat(a.grad().data()).containsExactly(0.5f, 0, 1, 0, 0, 0.5f);
        assertThat(b.grad().data()).containsExactly(0.5f + 0 + 1, 1 + 1 + 0.5f);
    }

    @Test
    void reluAsMaximumWithZeroMatchesPyTorchAtZero() {
        // torch.maximum(x, zeros) at x = 0 passes half the gradient, unlike relu's 0
        Variable x = Variable.parameter(Tensor.of(new float[] {-1, 0, 2}, 3));
        Tape tape = new Tape();
        Variable zeros = tape.input(Tensor.zeros(3));
        x.add(zeros).maximum(zeros).sum().backward();
        assertThat(x.grad().data()).containsExactly(0, 0.5f, 1);
    }
}
