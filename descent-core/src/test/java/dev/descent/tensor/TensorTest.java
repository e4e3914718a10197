package dev.descent.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Tensor construction, views and the messages of its errors. */
class TensorTest {

    @Test
    void reshapeErrorNamesBothShapesAndSizes() {
        Tensor t = Tensor.zeros(2, 3);
        assertThatThrownBy(() -> t.reshape(4, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot reshape [2, 3] (6 elements) to [4, 2] (8 elements)");
    }

    @Test
    void reshapeIsAViewAndCopyIsNot() {
        Tensor t = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor view = t.reshape(3, 2);
        Tensor copy = t.copy();
        t.set(5, 60f);
        assertThat(view.get(2, 1)).isEqualTo(60f);
        assertThat(copy.get(1, 2)).isEqualTo(6f);
        assertThat(view.shape()).isEqualTo(Shape.of(3, 2));
    }

    @Test
    void wrapChecksTheSizeAndDoesNotCopy() {
        float[] data = new float[5];
        assertThatThrownBy(() -> Tensor.wrap(data, 2, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("shape [2, 3] needs 6 values but the array holds 5");
        assertThatThrownBy(() -> Tensor.wrap(data, Shape.of(6)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("holds 5");
        assertThat(Tensor.wrap(data, 5).data()).isSameAs(data);
        assertThat(Tensor.of(data, 5).data()).isNotSameAs(data);
    }

    @Test
    void itemNeedsExactlyOneElement() {
        assertThat(Tensor.scalar(2.5f).item()).isEqualTo(2.5f);
        assertThat(Tensor.filled(3f, 1, 1).item()).isEqualTo(3f);
        assertThatThrownBy(() -> Tensor.zeros(2, 2).item())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("[2, 2]");
        assertThatThrownBy(() -> Tensor.zeros(0).item())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("[0]");
    }

    @Test
    void matrixAccessNeedsRankTwo() {
        Tensor t = Tensor.generate(i -> i, 2, 3);
        assertThat(t.get(1, 2)).isEqualTo(5f);
        assertThat(t.row(1)).containsExactly(3f, 4f, 5f);
        assertThatThrownBy(() -> Tensor.zeros(2, 3, 4).get(0, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rank-2").hasMessageContaining("[2, 3, 4]");
    }

    @Test
    void copyFromNeedsTheSameShape() {
        assertThatThrownBy(() -> Tensor.zeros(2, 3).copyFrom(Tensor.zeros(3, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("copyFrom: shapes differ, [2, 3] vs [3, 2]");
    }

    @Test
    void matrixViewOfOtherRanks() {
        Tensor scalar = Tensor.scalar(1f);
        assertThat(scalar.rows()).isEqualTo(1);
        assertThat(scalar.columns()).isEqualTo(1);
        Tensor cube = Tensor.zeros(2, 3, 4);
        assertThat(cube.rows()).isEqualTo(6);
        assertThat(cube.columns()).isEqualTo(4);
        assertThat(cube.dim(-1)).isEqualTo(4);
    }

    @Test
    void toStringShowsTheShapeAndTheFirstValues() {
        assertThat(Tensor.generate(i -> i, 10)).hasToString("Tensor[10] [0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, …]");
        assertThat(Tensor.filled(1f, 1, 2)).hasToString("Tensor[1, 2] [1.0, 1.0]");
    }
}
