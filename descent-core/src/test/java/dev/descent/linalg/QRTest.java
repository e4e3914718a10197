package dev.descent.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.random.Rng;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A = QR with Q orthonormal and R upper triangular, least-squares solutions, and rank deficiency. */
class QRTest {

    @Property(tries = 40)
    void reconstructsTheMatrixWithOrthonormalQ(@ForAll long seed, @ForAll @IntRange(min = 1, max = 40) int columns,
            @ForAll @IntRange(min = 0, max = 30) int extraRows) {
        checkFactors(RandomMatrices.gaussian(new Rng(seed), columns + extraRows, columns));
    }

    /** Column counts on both sides of the panel boundaries, where the blocked update takes over. */
    @ParameterizedTest(name = "{0} columns")
    @ValueSource(ints = {QR.PANEL_WIDTH - 1, QR.PANEL_WIDTH, QR.PANEL_WIDTH + 1, 2 * QR.PANEL_WIDTH + 5, 100})
    void reconstructsAcrossPanels(int columns) {
        checkFactors(RandomMatrices.gaussian(new Rng(columns), columns + 17, columns));
        checkFactors(RandomMatrices.gaussian(new Rng(-columns), columns, columns));
    }

    private static void checkFactors(DoubleMatrix a) {
        QR qr = QR.decompose(a);
        DoubleMatrix q = qr.q();
        DoubleMatrix r = qr.r();
        int n = a.columns();
        assertThat(RandomMatrices.maxAbsDifference(q.multiply(r), a)).as("A − QR").isLessThan(1e-10);
        assertThat(RandomMatrices.maxAbsDifference(q.gram(), DoubleMatrix.identity(n))).as("QᵀQ − I").isLessThan(1e-10);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                assertThat(r.get(i, j)).isZero();
            }
        }
    }

    @Property(tries = 40)
    void theSolutionSatisfiesTheNormalEquations(@ForAll long seed, @ForAll @IntRange(min = 1, max = 70) int columns,
            @ForAll @IntRange(min = 0, max = 40) int extraRows) {
        Rng rng = new Rng(seed);
        DoubleMatrix a = RandomMatrices.gaussian(rng, columns + extraRows, columns);
        double[] b = RandomMatrices.gaussianVector(rng, a.rows());
        double[] x = QR.decompose(a).solve(b);
        double[] residual = a.multiply(x);
        for (int i = 0; i < residual.length; i++) {
            residual[i] -= b[i];
        }
        // Aᵀ(Ax − b) = 0, relative to the size of Aᵀb
        assertThat(RandomMatrices.maxAbs(a.transposeMultiply(residual)))
                .isLessThan(1e-10 * Math.max(1, RandomMatrices.maxAbs(a.transposeMultiply(b))));
    }

    @Test
    void aSquareSystemIsSolvedExactly() {
        DoubleMatrix a = DoubleMatrix.of(3, 3, 2, 1, 0, 1, 3, 1, 0, 1, 4);
        double[] x = QR.decompose(a).solve(new double[] {3, 5, 5});
        assertThat(x).containsExactly(new double[] {1, 1, 1}, org.assertj.core.api.Assertions.within(1e-14));
    }

    @Test
    void aDependentColumnIsNamed() {
        Rng rng = new Rng(3);
        DoubleMatrix a = RandomMatrices.gaussian(rng, 80, 40);
        for (int i = 0; i < 80; i++) {
            a.set(i, 35, 2 * a.get(i, 3) - a.get(i, 34)); // in the second panel, depending on both
        }
        assertThatThrownBy(() -> QR.decompose(a))
                .isInstanceOfSatisfying(RankDeficientException.class, e -> assertThat(e.column()).isEqualTo(35))
                .hasMessageContaining("column 35 is (nearly) a linear combination of columns 0…34")
                .hasMessageContaining("ridge").hasMessageContaining("λ > 0");
    }

    @Test
    void aZeroColumnIsNamed() {
        DoubleMatrix a = DoubleMatrix.of(3, 2, 0, 1, 0, 2, 0, 3);
        assertThatThrownBy(() -> QR.decompose(a))
                .isInstanceOfSatisfying(RankDeficientException.class, e -> assertThat(e.column()).isZero())
                .hasMessageContaining("column 0 is zero");
    }

    @Test
    void theToleranceIsRelativeToEachColumnsNorm() {
        DoubleMatrix a = DoubleMatrix.of(3, 2, 1e-12, 1e12, 2e-12, -1e12, -1e-12, 3e12);
        QR qr = QR.decompose(a);
        assertThat(RandomMatrices.maxAbsDifference(qr.q().gram(), DoubleMatrix.identity(2))).isLessThan(1e-12);
    }

    @Test
    void refusesWideNonFiniteAndBadTolerance() {
        assertThatThrownBy(() -> QR.decompose(DoubleMatrix.zeros(2, 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least as many rows as columns")
                .hasMessageContaining("2 × 3").hasMessageContaining("ridge");
        assertThatThrownBy(() -> QR.decompose(DoubleMatrix.of(2, 1, 1, Double.POSITIVE_INFINITY)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a[1, 0] is Infinity");
        assertThatThrownBy(() -> QR.decompose(DoubleMatrix.identity(2), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("relativeDiagonalTolerance");
        assertThatThrownBy(() -> QR.decompose(DoubleMatrix.identity(2)).solve(new double[3]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("length 3").hasMessageContaining("2 rows");
    }
}
