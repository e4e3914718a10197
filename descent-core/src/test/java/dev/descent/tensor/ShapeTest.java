package dev.descent.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Shape: sizes, axes, equality and the messages of its errors. */
class ShapeTest {

    @Test
    void sizeRankAndAxes() {
        Shape s = Shape.of(2, 3, 4);
        assertThat(s.size()).isEqualTo(24);
        assertThat(s.rank()).isEqualTo(3);
        assertThat(s.dim(0)).isEqualTo(2);
        assertThat(s.dim(-1)).isEqualTo(4);
        assertThat(s.dim(-3)).isEqualTo(2);
        assertThat(Shape.of().size()).isEqualTo(1);
        assertThat(Shape.of(3, 0).size()).isZero();
    }

    @Test
    void axesOutOfRangeAreNamed() {
        assertThatThrownBy(() -> Shape.of(2, 3).dim(2))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("axis 2 out of range for shape [2, 3]");
        assertThatThrownBy(() -> Shape.of(2, 3).dim(-3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("axis -3");
    }

    @Test
    void negativeAndOversizedShapesAreRejected() {
        assertThatThrownBy(() -> Shape.of(2, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("shape [2, -1]: dimension 1 is negative");
        assertThatThrownBy(() -> Shape.of(65536, 65536))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2^31");
    }

    @Test
    void isAValueAndDoesNotExposeItsArray() {
        int[] dims = {2, 3};
        Shape s = Shape.of(dims);
        dims[0] = 9;
        s.dims()[1] = 9;
        assertThat(s).isEqualTo(Shape.of(2, 3)).hasSameHashCodeAs(Shape.of(2, 3)).hasToString("[2, 3]");
        assertThat(s).isNotEqualTo(Shape.of(3, 2));
    }
}
