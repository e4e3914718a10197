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

    @Test
    void resolveAxisCountsNegativeAxesFromTheEndAndNamesTheOperation() {
        Shape s = Shape.of(2, 3, 4);
        assertThat(s.resolveAxis(0, "sum")).isZero();
        assertThat(s.resolveAxis(-1, "sum")).isEqualTo(2);
        assertThat(s.resolveAxis(-3, "sum")).isZero();
        assertThatThrownBy(() -> s.resolveAxis(3, "sum"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sum: axis 3 is out of range for shape [2, 3, 4]; use an axis from -3 to 2");
        assertThatThrownBy(() -> s.resolveAxis(-4, "max")).hasMessageStartingWith("max: axis -4");
        assertThatThrownBy(() -> Shape.of().resolveAxis(0, "argmax"))
                .hasMessage("argmax: axis 0 is out of range for shape []; a scalar has no axes, reshape it to [1] first");
    }

    @Test
    void sizesAroundAnAxisAndDerivedShapes() {
        Shape s = Shape.of(2, 3, 4);
        assertThat(s.sizeBefore(0)).isEqualTo(1);
        assertThat(s.sizeBefore(2)).isEqualTo(6);
        assertThat(s.sizeAfter(0)).isEqualTo(12);
        assertThat(s.sizeAfter(2)).isEqualTo(1);
        assertThat(s.withDim(1, 1)).isEqualTo(Shape.of(2, 1, 4));
        assertThat(s.withoutAxis(1)).isEqualTo(Shape.of(2, 4));
        assertThat(s.withoutAxis(0)).isEqualTo(Shape.of(3, 4));
        assertThat(Shape.of(5).withoutAxis(0)).isEqualTo(Shape.of());
    }

    @Test
    void reshapedInfersOneMinusOne() {
        Shape s = Shape.of(2, 3, 4);
        assertThat(s.reshaped(-1)).isEqualTo(Shape.of(24));
        assertThat(s.reshaped(2, -1)).isEqualTo(Shape.of(2, 12));
        assertThat(s.reshaped(-1, 4)).isEqualTo(Shape.of(6, 4));
        assertThat(s.reshaped(4, 3, 2)).isEqualTo(Shape.of(4, 3, 2));
        assertThat(Shape.of(0, 3).reshaped(-1)).isEqualTo(Shape.of(0));
        assertThat(Shape.of(0, 3).reshaped(-1, 3)).isEqualTo(Shape.of(0, 3));
        assertThat(Shape.of().reshaped(-1)).isEqualTo(Shape.of(1));
    }

    @Test
    void reshapedRejectsWhatCannotBeInferred() {
        Shape s = Shape.of(2, 3);
        assertThatThrownBy(() -> s.reshaped(-1, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot reshape [2, 3] to [-1, -1]: only one dimension can be -1 (inferred)");
        assertThatThrownBy(() -> s.reshaped(4, -1))
                .hasMessage("cannot reshape [2, 3] (6 elements) to [4, -1]: no size for the -1 makes the element counts match");
        assertThatThrownBy(() -> s.reshaped(-2, 3))
                .hasMessage("cannot reshape [2, 3] to [-2, 3]: dimension 0 is -2; use sizes ≥ 0, or -1 for one inferred size");
        assertThatThrownBy(() -> Shape.of(0, 3).reshaped(0, -1))
                .hasMessageContaining("no size for the -1");
        assertThatThrownBy(() -> s.reshaped(5))
                .hasMessage("cannot reshape [2, 3] (6 elements) to [5] (5 elements)");
    }
}
