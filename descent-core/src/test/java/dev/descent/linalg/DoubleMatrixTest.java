package dev.descent.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.descent.random.Rng;
import dev.descent.tensor.Tensor;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Shapes, products against hand-computed values, and the streamed products against the explicit transpose. */
class DoubleMatrixTest {

    @Test
    void multiplyByHand() {
        DoubleMatrix a = DoubleMatrix.of(2, 3, 1, 2, 3, 4, 5, 6);
        DoubleMatrix b = DoubleMatrix.of(3, 2, 7, 8, 9, 10, 11, 12);
        assertThat(a.multiply(b).data()).containsExactly(58, 64, 139, 154);
        assertThat(a.multiply(new double[] {1, 0, -1})).containsExactly(-2, -2);
        assertThat(a.gram().data()).containsExactly(17, 22, 27, 22, 29, 36, 27, 36, 45);
        assertThat(a.transposeMultiply(new double[] {1, -1})).containsExactly(-3, -3, -3);
    }

    /** Row counts that leave every remainder of the four-row passes, column counts small and odd. */
    @ParameterizedTest(name = "{0} rows")
    @ValueSource(ints = {1, 2, 3, 4, 5, 7, 8, 13, 100})
    void gramAndTransposeMultiplyMatchTheExplicitTranspose(int rows) {
        Rng rng = new Rng(rows);
        for (int columns : new int[] {1, 3, 17}) {
            DoubleMatrix a = RandomMatrices.gaussian(rng, rows, columns);
            double[] v = RandomMatrices.gaussianVector(rng, rows);
            DoubleMatrix transpose = RandomMatrices.naiveTranspose(a);
            assertThat(RandomMatrices.maxAbsDifference(a.gram(), transpose.multiply(a)))
                    .as("%d × %d", rows, columns).isLessThan(1e-12 * rows);
            double[] expected = transpose.multiply(v);
            double[] actual = a.transposeMultiply(v);
            for (int j = 0; j < columns; j++) {
                assertThat(actual[j]).isCloseTo(expected[j], within(1e-12 * rows));
            }
        }
    }

    @Property(tries = 30)
    void gramIsExactlySymmetric(@ForAll long seed, @ForAll @IntRange(min = 1, max = 40) int rows,
            @ForAll @IntRange(min = 1, max = 40) int columns) {
        DoubleMatrix g = RandomMatrices.gaussian(new Rng(seed), rows, columns).gram();
        for (int i = 0; i < columns; i++) {
            for (int j = 0; j < i; j++) {
                assertThat(g.get(i, j)).isEqualTo(g.get(j, i));
            }
        }
    }

    @Test
    void widensFloatsAndTensors() {
        Tensor t = Tensor.of(new float[] {0.1f, 2, 3, 4, 5, 6}, 3, 2);
        DoubleMatrix m = DoubleMatrix.fromTensor(t);
        assertThat(m.rows()).isEqualTo(3);
        assertThat(m.columns()).isEqualTo(2);
        assertThat(m.get(0, 0)).isEqualTo((double) 0.1f);
        assertThat(m.row(2)).containsExactly(5, 6);
        assertThatThrownBy(() -> DoubleMatrix.fromTensor(Tensor.zeros(6)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rank-2").hasMessageContaining("[6]");
    }

    @Test
    void shapeErrorsNameBothShapes() {
        DoubleMatrix a = DoubleMatrix.zeros(2, 3);
        assertThatThrownBy(() -> a.multiply(DoubleMatrix.zeros(2, 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[2 × 3] · [2 × 3]");
        assertThatThrownBy(() -> a.multiply(new double[2]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[2 × 3]").hasMessageContaining("length 2");
        assertThatThrownBy(() -> a.transposeMultiply(new double[3]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[2 × 3]").hasMessageContaining("length 3");
        assertThatThrownBy(() -> DoubleMatrix.wrap(new double[5], 2, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs 6 values").hasMessageContaining("5");
        assertThatThrownBy(() -> a.get(2, 0)).isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("row 2");
        assertThatThrownBy(() -> a.get(0, 3)).isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("column 3");
    }

    @Test
    void identityAndWrapSharesValues() {
        assertThat(DoubleMatrix.identity(2).data()).containsExactly(1, 0, 0, 1);
        double[] values = {1, 2};
        DoubleMatrix wrapped = DoubleMatrix.wrap(values, 1, 2);
        wrapped.set(0, 1, 5);
        assertThat(values[1]).isEqualTo(5);
        assertThat(DoubleMatrix.of(1, 2, values).data()).isNotSameAs(values);
    }
}
