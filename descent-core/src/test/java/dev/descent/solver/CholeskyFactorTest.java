package dev.descent.solver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The Newton step's factorisation: solves SPD systems, refuses everything else. */
class CholeskyFactorTest {

    @Property(tries = 100)
    void solvesSymmetricPositiveDefiniteSystems(@ForAll long seed, @ForAll @IntRange(min = 1, max = 12) int n) {
        Random random = new Random(seed);
        double[][] h = LineSearchTest.randomQuadratic(random, n).matrix();
        double[] rhs = LineSearchTest.gaussian(random, n);
        CholeskyFactor cholesky = new CholeskyFactor(n);

        assertThat(cholesky.factor(h)).isTrue();
        double[] x = new double[n];
        cholesky.solve(rhs, x);
        for (int i = 0; i < n; i++) {
            assertThat(TestProblems.dot(h[i], x)).isCloseTo(rhs[i],
                    org.assertj.core.data.Offset.offset(1e-9 * (1 + TestProblems.norm(rhs))));
        }
    }

    @Test
    void readsOnlyTheLowerTriangle() {
        CholeskyFactor cholesky = new CholeskyFactor(2);
        assertThat(cholesky.factor(new double[][] {{4, 999}, {2, 5}})).isTrue();
        double[] x = new double[2];
        cholesky.solve(new double[] {6, 7}, x); // [[4, 2], [2, 5]]·(1, 1) = (6, 7)
        assertThat(x).containsExactly(new double[] {1, 1}, org.assertj.core.data.Offset.offset(1e-15));
    }

    @Test
    void refusesIndefiniteSingularAndNaNMatrices() {
        CholeskyFactor cholesky = new CholeskyFactor(2);
        assertThat(cholesky.factor(new double[][] {{1, 0}, {0, -1}})).as("indefinite").isFalse();
        assertThat(cholesky.factor(new double[][] {{1, 1}, {1, 1}})).as("singular").isFalse();
        assertThat(cholesky.factor(new double[][] {{1, 0}, {0, 1e-13}})).as("nearly singular").isFalse();
        assertThat(cholesky.factor(new double[][] {{Double.NaN, 0}, {0, 1}})).as("NaN").isFalse();
        assertThat(cholesky.factor(new double[][] {{0, 0}, {0, 0}})).as("zero").isFalse();
    }
}
