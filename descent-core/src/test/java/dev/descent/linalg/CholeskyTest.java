package dev.descent.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.random.Rng;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** A = LLᵀ on random SPD matrices, solutions, and the errors for matrices it must refuse. */
class CholeskyTest {

    @Property(tries = 60)
    void reconstructsTheMatrix(@ForAll long seed, @ForAll @IntRange(min = 1, max = 60) int size) {
        DoubleMatrix a = RandomMatrices.symmetricPositiveDefinite(new Rng(seed), size);
        DoubleMatrix l = Cholesky.decompose(a).lower();
        assertThat(RandomMatrices.maxAbsDifference(l.multiply(RandomMatrices.naiveTranspose(l)), a)).isLessThan(1e-10);
        for (int i = 0; i < size; i++) {
            assertThat(l.get(i, i)).isPositive();
            for (int j = i + 1; j < size; j++) {
                assertThat(l.get(i, j)).isZero();
            }
        }
    }

    @Property(tries = 60)
    void solvesTheSystem(@ForAll long seed, @ForAll @IntRange(min = 1, max = 60) int size) {
        Rng rng = new Rng(seed);
        DoubleMatrix a = RandomMatrices.symmetricPositiveDefinite(rng, size);
        double[] b = RandomMatrices.gaussianVector(rng, size);
        double[] x = Cholesky.decompose(a).solve(b);
        double[] ax = a.multiply(x);
        for (int i = 0; i < size; i++) {
            assertThat(Math.abs(ax[i] - b[i])).isLessThan(1e-10);
        }
    }

    @Test
    void aNegativePivotIsNamedWithItsValueAndTheFixes() {
        // eigenvalues 3 and −1: the second pivot is 1 − 2²/1 = −3
        DoubleMatrix a = DoubleMatrix.of(2, 2, 1, 2, 2, 1);
        assertThatThrownBy(() -> Cholesky.decompose(a))
                .isInstanceOfSatisfying(NotPositiveDefiniteException.class, e -> {
                    assertThat(e.pivotIndex()).isEqualTo(1);
                    assertThat(e.pivot()).isEqualTo(-3.0);
                })
                .hasMessageContaining("not positive definite").hasMessageContaining("pivot 1 is -3.00")
                .hasMessageContaining("ridge").hasMessageContaining("λ > 0").hasMessageContaining("QR");
    }

    @Test
    void theGramOfCollinearColumnsIsRefusedAtTheDependentColumn() {
        Rng rng = new Rng(7);
        DoubleMatrix x = RandomMatrices.gaussian(rng, 50, 4);
        for (int i = 0; i < 50; i++) {
            x.set(i, 2, x.get(i, 0) - 0.5 * x.get(i, 1));
        }
        assertThatThrownBy(() -> Cholesky.decompose(x.gram()))
                .isInstanceOfSatisfying(NotPositiveDefiniteException.class,
                        e -> assertThat(e.pivotIndex()).isEqualTo(2))
                .hasMessageContaining("column 2 of X is (nearly) a linear combination of columns 0…1");
    }

    @Test
    void aZeroMatrixFailsAtPivotZero() {
        assertThatThrownBy(() -> Cholesky.decompose(DoubleMatrix.zeros(3, 3)))
                .isInstanceOfSatisfying(NotPositiveDefiniteException.class, e -> assertThat(e.pivotIndex()).isZero())
                .hasMessageContaining("column 0 of X is zero");
    }

    @Test
    void theToleranceIsRelativeToEachDiagonalEntry() {
        // well conditioned after scaling the columns by 1e-8 and 1e8: the scale of a feature must not matter
        DoubleMatrix a = DoubleMatrix.of(2, 2, 1e-16, 0.5, 0.5, 1e16);
        double[] x = Cholesky.decompose(a).solve(new double[] {1e-8, 1e8});
        double[] ax = a.multiply(x);
        assertThat(ax[0] / 1e-8).isCloseTo(1, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(ax[1] / 1e8).isCloseTo(1, org.assertj.core.api.Assertions.within(1e-12));
    }

    @Test
    void refusesMatricesThatAreNotSquareSymmetricOrFinite() {
        assertThatThrownBy(() -> Cholesky.decompose(DoubleMatrix.zeros(2, 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("square").hasMessageContaining("[2 × 3]");
        assertThatThrownBy(() -> Cholesky.decompose(DoubleMatrix.of(2, 2, 2, 1, 0.5, 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("symmetric")
                .hasMessageContaining("a[1, 0]").hasMessageContaining("a[0, 1]");
        assertThatThrownBy(() -> Cholesky.decompose(DoubleMatrix.of(2, 2, 2, 0, 0, Double.NaN)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a[1, 1] is NaN");
        assertThatThrownBy(() -> Cholesky.decompose(DoubleMatrix.identity(2), -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("relativePivotTolerance");
        assertThatThrownBy(() -> Cholesky.decompose(DoubleMatrix.identity(2)).solve(new double[3]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("length 3").hasMessageContaining("2 × 2");
    }
}
