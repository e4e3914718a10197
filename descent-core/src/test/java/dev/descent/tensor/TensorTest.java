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

    @Test
    void ofNestedArraysCopiesRowMajor() {
        float[][] rows = {{1, 2, 3}, {4, 5, 6}};
        Tensor t = Tensor.of(rows);
        rows[0][0] = 100;
        assertThat(t.shape()).isEqualTo(Shape.of(2, 3));
        assertThat(t.data()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(Tensor.of(new double[][] {{0.5, 1e300}, {-2, 1.0 / 3}}).data())
                .containsExactly(0.5f, Float.POSITIVE_INFINITY, -2f, 1f / 3);
        Tensor cube = Tensor.of(new float[][][] {{{1, 2}, {3, 4}, {5, 6}}, {{7, 8}, {9, 10}, {11, 12}}});
        assertThat(cube.shape()).isEqualTo(Shape.of(2, 3, 2));
        assertThat(cube.data()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
        assertThat(Tensor.of(new double[][][] {{{1}}, {{2}}}).shape()).isEqualTo(Shape.of(2, 1, 1));
    }

    @Test
    void ofEmptyNestedArrays() {
        assertThat(Tensor.of(new float[0][]).shape()).isEqualTo(Shape.of(0, 0));
        assertThat(Tensor.of(new float[3][0]).shape()).isEqualTo(Shape.of(3, 0));
        assertThat(Tensor.of(new float[2][0][]).shape()).isEqualTo(Shape.of(2, 0, 0));
        assertThat(Tensor.of(new double[0][][]).shape()).isEqualTo(Shape.of(0, 0, 0));
    }

    @Test
    void raggedArraysAreRejectedNamingTheRowAndBothLengths() {
        assertThatThrownBy(() -> Tensor.of(new float[][] {{1, 2}, {3, 4}, {5}}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Tensor.of: row 2 has 1 values but row 0 has 2; a tensor needs every row the same length");
        assertThatThrownBy(() -> Tensor.of(new double[][] {{1}, null}))
                .hasMessage("Tensor.of: row 1 is null");
        assertThatThrownBy(() -> Tensor.of(new float[][][] {{{1, 2}}, {{3, 4}, {5, 6}}}))
                .hasMessage("Tensor.of: block [1] has 2 rows but block [0] has 1; a tensor needs every block the same size");
        assertThatThrownBy(() -> Tensor.of(new float[][][] {{{1, 2}, {3}}}))
                .hasMessage("Tensor.of: row [0][1] has 1 values but row [0][0] has 2; a tensor needs every row the same length");
        assertThatThrownBy(() -> Tensor.of(new double[][][] {{{1, 2}}, {{3}}}))
                .hasMessage("Tensor.of: row [1][0] has 1 values but row [0][0] has 2; a tensor needs every row the same length");
        assertThatThrownBy(() -> Tensor.of(new float[][][] {{{1}}, null}))
                .hasMessage("Tensor.of: block [1] is null");
        assertThatThrownBy(() -> Tensor.of(new float[][][] {{{1}, null}}))
                .hasMessage("Tensor.of: row [0][1] is null");
    }

    @Test
    void toArrayReturnsCopiesOfTheRows() {
        Tensor t = Tensor.generate(i -> i, 2, 3);
        float[][] rows = t.toArray2d();
        assertThat(rows).isDeepEqualTo(new float[][] {{0, 1, 2}, {3, 4, 5}});
        rows[0][0] = 100;
        assertThat(t.get(0)).isZero();
        assertThat(Tensor.of(rows).toArray2d()).isDeepEqualTo(rows);
        float[][][] cube = Tensor.generate(i -> i, 2, 1, 3).toArray3d();
        assertThat(cube).isDeepEqualTo(new float[][][] {{{0, 1, 2}}, {{3, 4, 5}}});
        assertThat(Tensor.zeros(0, 4).toArray2d()).isEmpty();
        assertThatThrownBy(() -> Tensor.zeros(2, 3, 4).toArray2d())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("toArray2d() needs a rank-2 tensor, not shape [2, 3, 4]");
        assertThatThrownBy(() -> Tensor.zeros(6).toArray3d()).hasMessageContaining("rank-3");
    }

    @Test
    void reshapeAndViewInferMinusOne() {
        Tensor t = Tensor.generate(i -> i, 2, 3, 4);
        assertThat(t.reshape(-1).shape()).isEqualTo(Shape.of(24));
        assertThat(t.view(6, -1).shape()).isEqualTo(Shape.of(6, 4));
        assertThat(t.view(6, -1).data()).isSameAs(t.data());
        assertThatThrownBy(() -> t.view(5, -1)).hasMessageContaining("no size for the -1");
    }

    @Test
    void argmaxAlongTheLastAxisGivesPredictedClasses() {
        Tensor logits = Tensor.of(new float[][] {{0.1f, 2f, -1f}, {3f, 3f, 0f}, {-5f, -4f, -4f}});
        assertThat(logits.argmax(-1)).containsExactly(1, 0, 1); // ties: the first, as torch.argmax
        assertThat(logits.argmax(1)).containsExactly(1, 0, 1);
        assertThat(logits.argmax(0)).containsExactly(1, 1, 1);
        assertThat(logits.argmax()).isEqualTo(3); // flat index of the first 3
    }

    @Test
    void argmaxAlongAMiddleAxisKeepsTheOtherAxesInRowMajorOrder() {
        // x[i][j][k] = value; argmax over j gives shape [2, 2] in row-major order
        Tensor x = Tensor.of(new float[][][] {{{1, 9}, {5, 2}, {3, 4}}, {{0, 0}, {-1, 7}, {8, 7}}});
        assertThat(x.argmax(1)).containsExactly(1, 0, 2, 1);
        assertThat(x.argmax(-2)).containsExactly(1, 0, 2, 1);
        assertThat(x.argmax(0)).containsExactly(0, 0, 0, 1, 1, 1);
        assertThat(x.argmax(2)).containsExactly(1, 0, 1, 0, 1, 0);
    }

    @Test
    void argmaxTreatsNaNAsTheLargestLikePyTorch() {
        float nan = Float.NaN;
        Tensor x = Tensor.of(new float[][] {{1, nan, 3, nan}, {nan, 5, 6, 7}, {2, 4, Float.POSITIVE_INFINITY, 0}});
        assertThat(x.argmax(1)).containsExactly(1, 0, 2);
        assertThat(x.argmax(0)).containsExactly(1, 0, 2, 0);
        assertThat(x.argmax()).isEqualTo(1);
        assertThat(Tensor.of(new float[] {Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY}, 2).argmax()).isZero();
    }

    @Test
    void argmaxRejectsEmptyAxesAndBadAxes() {
        assertThat(Tensor.zeros(0, 3).argmax(1)).isEmpty();
        assertThatThrownBy(() -> Tensor.zeros(3, 0).argmax(1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("argmax: axis 1 of shape [3, 0] is empty; there is no largest value to point at");
        assertThatThrownBy(() -> Tensor.zeros(0).argmax()).hasMessageContaining("empty");
        assertThatThrownBy(() -> Tensor.zeros(2, 3).argmax(2))
                .hasMessage("argmax: axis 2 is out of range for shape [2, 3]; use an axis from -2 to 1");
        assertThat(Tensor.scalar(4f).argmax()).isZero();
    }
}
