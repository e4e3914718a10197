package dev.descent.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The oracles the solver tests rely on, checked against central finite differences: the
 * gradients and Hessians of the quadratic, Rosenbrock and logistic regression, and the
 * construction of the ill-conditioned quadratic.
 */
class TestFunctionsTest {

    /** ∇f by central differences, step h. */
    static double[] numericalGradient(DifferentiableFunction f, double[] x, double h) {
        double[] gradient = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double[] plus = x.clone();
            double[] minus = x.clone();
            plus[i] += h;
            minus[i] -= h;
            gradient[i] = (f.value(plus) - f.value(minus)) / (2 * h);
        }
        return gradient;
    }

    /** Checks ∇f against differences of f, and ∇²f against differences of ∇f, at x. */
    static void assertDerivativesMatch(TwiceDifferentiableFunction f, double[] x, double tolerance) {
        int n = f.dimension();
        double[] gradient = new double[n];
        f.valueAndGradient(x, gradient);
        double[] numerical = numericalGradient(f, x, 1e-6);
        for (int i = 0; i < n; i++) {
            assertThat(gradient[i]).as("∂f/∂x%d", i).isCloseTo(numerical[i], within(tolerance * (1 + Math.abs(numerical[i]))));
        }
        double[][] hessian = new double[n][n];
        f.hessian(x, hessian);
        for (int j = 0; j < n; j++) {
            double[] plus = x.clone();
            double[] minus = x.clone();
            plus[j] += 1e-6;
            minus[j] -= 1e-6;
            double[] gPlus = new double[n];
            double[] gMinus = new double[n];
            f.valueAndGradient(plus, gPlus);
            f.valueAndGradient(minus, gMinus);
            for (int i = 0; i < n; i++) {
                double expected = (gPlus[i] - gMinus[i]) / 2e-6;
                assertThat(hessian[i][j]).as("∂²f/∂x%d∂x%d", i, j).isCloseTo(expected,
                        within(tolerance * (1 + Math.abs(expected))));
            }
        }
    }

    @Test
    void quadraticDerivatives() {
        Random random = new Random(1);
        QuadraticFunction f = LineSearchTest.randomQuadratic(random, 5);
        assertDerivativesMatch(f, LineSearchTest.gaussian(random, 5), 1e-6);
        double[] d = LineSearchTest.gaussian(random, 5);
        double[][] a = f.matrix();
        double expected = 0;
        for (int i = 0; i < 5; i++) {
            expected += d[i] * TestProblems.dot(a[i], d);
        }
        assertThat(f.curvatureAlong(d)).isCloseTo(expected, within(1e-12 * Math.abs(expected)));
    }

    @Test
    void rosenbrockDerivativesAndMinimum() {
        TestProblems.Rosenbrock f = new TestProblems.Rosenbrock(4);
        assertDerivativesMatch(f, new double[] {-1.2, 1, 0.3, -0.7}, 1e-6);
        double[] gradient = new double[4];
        assertThat(f.valueAndGradient(TestProblems.ones(4), gradient)).isZero();
        assertThat(TestProblems.norm(gradient)).isZero();
        assertThat(f.value(f.standardStart())).isCloseTo(2 * 24.2, within(1e-12));
    }

    @Test
    void logisticRegressionDerivativesAndOverlappingClasses() {
        TestProblems.LogisticRegression f = new TestProblems.LogisticRegression();
        assertDerivativesMatch(f, new double[] {0.5, -1, 0.3, 0.1}, 1e-6);
        assertThat(f.value(new double[4])).isCloseTo(Math.log(2), within(1e-15));
        // The classes overlap: even the fitted model gets some points wrong, so the problem is
        // not one that only the ridge keeps bounded.
        assertThat(f.misclassified(SolverConvergenceTest.newtonLogisticSolution())).isBetween(1, 20);
    }

    @Test
    void theIllConditionedQuadraticHasTheAdvertisedSpectrumAndMinimiser() {
        TestProblems.Quadratic q = TestProblems.illConditionedQuadratic(20, 1e4, 42);
        double[][] a = q.function().matrix();
        double[][] v = q.eigenvectors();
        double[] av = new double[20];
        for (int k : new int[] {0, 19}) {
            for (int i = 0; i < 20; i++) {
                av[i] = TestProblems.dot(a[i], v[k]);
            }
            double lambda = k == 0 ? q.smallestEigenvalue() : q.largestEigenvalue();
            for (int i = 0; i < 20; i++) {
                assertThat(av[i]).isCloseTo(lambda * v[k][i], within(1e-9 * lambda));
            }
        }
        double[] gradient = new double[20];
        q.function().valueAndGradient(q.minimizer(), gradient);
        assertThat(TestProblems.norm(gradient)).isLessThan(1e-10);
        assertThat(q.conditionNumber()).isEqualTo(1e4);
    }

    @Test
    void aQuadraticRejectsAnAsymmetricOrMisshapenMatrix() {
        assertThatThrownBy(() -> new QuadraticFunction(new double[][] {{1, 2}, {0, 1}}, new double[2]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("QuadraticFunction: A must be symmetric, but a[1][0] = 0.0 and a[0][1] = 2.0");
        assertThatThrownBy(() -> new QuadraticFunction(new double[][] {{1, 2}}, new double[2]))
                .hasMessage("QuadraticFunction: A has 1 rows but b has length 2");
        assertThatThrownBy(() -> new QuadraticFunction(new double[][] {{1}, {2, 3}}, new double[2]))
                .hasMessage("QuadraticFunction: A must be 2 × 2, but row 0 has length 1");
    }
}
