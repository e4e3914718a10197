package dev.descent.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.solver.TestProblems.Quadratic;
import dev.descent.solver.TestProblems.Rosenbrock;
import dev.descent.solver.TestSolvers.Named;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each stop reason triggered by a case built for it, and reported with its numbers. */
class StoppingTest {
    private static final Quadratic QUADRATIC = TestProblems.illConditionedQuadratic(10, 100, 7);
    private static final double[] ORIGIN = new double[10];
    private static final StoppingCriteria NONE = StoppingCriteria.defaults().withGradientTolerance(0)
            .withMaxIterations(Integer.MAX_VALUE).withMaxEvaluations(Long.MAX_VALUE);

    @Test
    void gradientToleranceStopsAtTheFirstIterateBelowIt() {
        SolverResult result = GradientDescent.withExactStep().minimize(QUADRATIC.function(), ORIGIN,
                NONE.withGradientTolerance(1e-3));

        assertThat(result.reason()).isEqualTo(StopReason.GRADIENT_TOLERANCE);
        assertThat(result.converged()).isTrue();
        assertThat(result.gradientNorm()).isLessThanOrEqualTo(1e-3);
        double[] norms = result.gradientNormHistory();
        for (int k = 0; k < result.iterations(); k++) {
            assertThat(norms[k]).isGreaterThan(1e-3);
        }
        assertThat(result.message()).contains("converged after " + result.iterations() + " iterations")
                .contains("≤ gradientTolerance 0.00100");
    }

    @Test
    void relativeChangeStopsWhenFBarelyMoves() {
        double tolerance = 1e-6;
        SolverResult result = GradientDescent.withFixedStep(0.01).minimize(QUADRATIC.function(), ORIGIN,
                NONE.withRelativeChangeTolerance(tolerance));

        assertThat(result.reason()).isEqualTo(StopReason.RELATIVE_CHANGE);
        assertThat(result.converged()).isTrue();
        double[] f = result.valueHistory();
        int k = result.iterations();
        assertThat(Math.abs(f[k] - f[k - 1])).isLessThanOrEqualTo(tolerance * Math.max(1, Math.abs(f[k])));
        assertThat(Math.abs(f[k - 1] - f[k - 2])).isGreaterThan(tolerance * Math.max(1, Math.abs(f[k - 1])));
        assertThat(result.message()).contains("relativeChangeTolerance");
    }

    @Test
    void maxIterationsStopsAfterExactlyThatMany() {
        SolverResult result = Lbfgs.defaults().minimize(QUADRATIC.function(), ORIGIN, NONE.withMaxIterations(7));

        assertThat(result.reason()).isEqualTo(StopReason.MAX_ITERATIONS);
        assertThat(result.converged()).isFalse();
        assertThat(result.iterations()).isEqualTo(7);
        assertThat(result.valueHistory()).hasSize(8);
        assertThat(result.message()).contains("maxIterations = 7").contains("not converged");
    }

    @Test
    void zeroIterationsOnlyEvaluatesTheStart() {
        SolverResult result = NewtonMethod.defaults().minimize(QUADRATIC.function(), ORIGIN, NONE.withMaxIterations(0));

        assertThat(result.reason()).isEqualTo(StopReason.MAX_ITERATIONS);
        assertThat(result.iterations()).isZero();
        assertThat(result.evaluations()).isEqualTo(1);
        assertThat(result.x()).containsExactly(ORIGIN);
    }

    @Test
    void convergenceIsReportedBeforeAnExhaustedBudget() {
        // Newton lands on the minimiser of a quadratic in its only allowed iteration.
        SolverResult result = NewtonMethod.defaults().minimize(QUADRATIC.function(), ORIGIN,
                NONE.withGradientTolerance(1e-8).withMaxIterations(1));
        assertThat(result.reason()).isEqualTo(StopReason.GRADIENT_TOLERANCE);
    }

    @Test
    void maxEvaluationsCountsLineSearchEvaluations() {
        Rosenbrock rosenbrock = new Rosenbrock(2);
        SolverResult result = GradientDescent.withArmijo().minimize(rosenbrock, rosenbrock.standardStart(),
                NONE.withMaxEvaluations(50));

        assertThat(result.reason()).isEqualTo(StopReason.MAX_EVALUATIONS);
        assertThat(result.evaluations()).isBetween(50L, 50L + BacktrackingArmijo.defaults().maxEvaluations());
        assertThat(result.evaluations()).as("backtracking evaluates more than once per iteration")
                .isGreaterThan(result.iterations() + 1L);
        assertThat(result.message()).contains("maxEvaluations = 50");
    }

    @Test
    void maxWallTimeStopsASlowRun() {
        DifferentiableFunction slow = new DifferentiableFunction() {
            @Override
            public int dimension() {
                return 10;
            }

            @Override
            public double valueAndGradient(double[] x, double[] gradientOut) {
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return QUADRATIC.function().valueAndGradient(x, gradientOut);
            }
        };
        long start = System.nanoTime();
        SolverResult result = GradientDescent.withFixedStep(1e-6).minimize(slow, ORIGIN,
                NONE.withMaxWallTime(Duration.ofMillis(30)));
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(result.reason()).isEqualTo(StopReason.MAX_WALL_TIME);
        assertThat(elapsedMillis).isGreaterThanOrEqualTo(30);
        assertThat(result.iterations()).isLessThanOrEqualTo(20);
        assertThat(result.message()).contains("maxWallTime = PT0.03S");
    }

    @Test
    void aZeroWallTimeStopsBeforeTheFirstIteration() {
        SolverResult result = Lbfgs.defaults().minimize(QUADRATIC.function(), ORIGIN, NONE.withMaxWallTime(Duration.ZERO));
        assertThat(result.reason()).isEqualTo(StopReason.MAX_WALL_TIME);
        assertThat(result.iterations()).isZero();
    }

    @Test
    void aTooLongFixedStepDivergesAndTheMessageSaysWhenAndWhatToChange() {
        // L = 100 here; α = 0.03 > 2/L makes the error grow by |1 − α·100| = 2 per step along the top
        // eigenvector, so f ~ 4^k·f₀ overflows a double (~2^1024) after about 512 steps.
        SolverResult result = GradientDescent.withFixedStep(0.03).minimize(QUADRATIC.function(), ORIGIN, NONE);

        assertThat(result.reason()).isEqualTo(StopReason.DIVERGED);
        assertThat(result.message()).matches("gradient descent \\(α = 0\\.03\\) diverged at iteration \\d+: f = .*")
                .contains("try a smaller one").contains("α < 2/L");
        assertThat(result.iterations()).isBetween(480, 540);
        assertFinite(result.x());
        assertThat(Double.isFinite(result.value())).isTrue();
        assertThat(result.valueHistory()).hasSize(result.iterations());
        assertFinite(result.valueHistory());
    }

    static List<Named> allSolvers() {
        return TestSolvers.forQuadratic(QUADRATIC.largestEigenvalue());
    }

    /** The quadratic, except that f is NaN from the given evaluation on. */
    private static final class PoisonedQuadratic implements TwiceDifferentiableFunction {
        private final QuadraticFunction quadratic = QUADRATIC.function();
        private final int firstNaN;
        private int evaluations;

        PoisonedQuadratic(int firstNaN) {
            this.firstNaN = firstNaN;
        }

        @Override
        public int dimension() {
            return quadratic.dimension();
        }

        @Override
        public double valueAndGradient(double[] x, double[] gradientOut) {
            double value = quadratic.valueAndGradient(x, gradientOut);
            return ++evaluations >= firstNaN ? Double.NaN : value;
        }

        @Override
        public void hessian(double[] x, double[][] out) {
            quadratic.hessian(x, out);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allSolvers")
    void aFunctionThatTurnsNaNStopsEverySolverAsDiverged(Named solver) {
        if (solver.name().equals(TestSolvers.GD_EXACT)) {
            return; // needs a QuadraticFunction, which cannot turn NaN at a finite point
        }
        SolverResult result = solver.solver().minimize(new PoisonedQuadratic(4), ORIGIN, NONE.withMaxIterations(1000));

        assertThat(result.reason()).as(result.toString()).isEqualTo(StopReason.DIVERGED);
        assertThat(result.message()).matches(".* diverged at iteration \\d+: .*");
        assertFinite(result.x());
        assertThat(result.evaluations()).isLessThan(200);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allSolvers")
    void aNaNAtTheStartStopsEverySolverAtIterationZero(Named solver) {
        SolverResult result = solver.solver().minimize(QUADRATIC.function(), nanStart(), NONE);

        assertThat(result.reason()).isEqualTo(StopReason.DIVERGED);
        assertThat(result.iterations()).isZero();
        assertThat(result.evaluations()).isEqualTo(1);
        assertThat(result.message()).contains("diverged at the start point x0 (iteration 0): f = NaN")
                .contains("check x0");
    }

    private static void assertFinite(double[] values) {
        assertThat(java.util.Arrays.stream(values).allMatch(Double::isFinite)).as(java.util.Arrays.toString(values))
                .isTrue();
    }

    private static double[] nanStart() {
        double[] x = ORIGIN.clone();
        x[3] = Double.NaN;
        return x;
    }

    @Test
    void aLineSearchThatOnlyMeetsNaNReportsDivergence() {
        // f = ½‖x‖² with an honest gradient, NaN for ‖x‖ ≥ 1: from x = (0.5, 0) every trial of
        // a search with a first trial of 10⁶ and 5 halvings lands in the NaN region.
        DifferentiableFunction walled = new DifferentiableFunction() {
            @Override
            public int dimension() {
                return 2;
            }

            @Override
            public double valueAndGradient(double[] x, double[] gradientOut) {
                gradientOut[0] = x[0];
                gradientOut[1] = x[1];
                double squared = x[0] * x[0] + x[1] * x[1];
                return squared < 1 ? 0.5 * squared : Double.NaN;
            }
        };
        GradientDescent descent = new GradientDescent(StepSize.armijo(
                BacktrackingArmijo.defaults().withInitialStep(1e6).withMaxEvaluations(5)));
        SolverResult result = descent.minimize(walled, new double[] {0.5, 0}, NONE);

        assertThat(result.reason()).isEqualTo(StopReason.DIVERGED);
        assertThat(result.message()).contains("diverged at iteration 1").contains("still NaN or infinite at the smallest of 5 trial steps")
                .contains("smaller initialStep");
        assertThat(result.x()).containsExactly(0.5, 0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lineSearchSolvers")
    void aDirectionThatOnlyClimbsMakesTheLineSearchFailAndTheRunSaysSo(Named solver) {
        // f = ‖x‖₁ at its kink x = 0, reporting the subgradient (1, 1, 1): f rises along −g at every
        // step, so no line search can accept one. (Newton gets a zero Hessian and falls back to −g.)
        TwiceDifferentiableFunction kink = new TwiceDifferentiableFunction() {
            @Override
            public int dimension() {
                return 3;
            }

            @Override
            public double valueAndGradient(double[] x, double[] gradientOut) {
                double value = 0;
                for (int i = 0; i < 3; i++) {
                    gradientOut[i] = x[i] >= 0 ? 1 : -1;
                    value += Math.abs(x[i]);
                }
                return value;
            }

            @Override
            public void hessian(double[] x, double[][] out) {
                for (double[] row : out) {
                    java.util.Arrays.fill(row, 0);
                }
            }
        };
        SolverResult result = solver.solver().minimize(kink, new double[3], NONE.withMaxIterations(100));

        assertThat(result.reason()).as(result.toString()).isEqualTo(StopReason.LINE_SEARCH_FAILED);
        assertThat(result.message()).contains("stopped at iteration 1 because the line search failed");
        assertThat(result.x()).containsExactly(0, 0, 0);
        assertThat(result.iterations()).isZero();
    }

    @Test
    void relativeGradientToleranceIsMeasuredFromTheStart() {
        SolverResult result = GradientDescent.withExactStep().minimize(QUADRATIC.function(), ORIGIN,
                NONE.withRelativeGradientTolerance(1e-4));

        double[] norms = result.gradientNormHistory();
        assertThat(result.reason()).isEqualTo(StopReason.GRADIENT_TOLERANCE);
        assertThat(result.gradientNorm()).isLessThanOrEqualTo(1e-4 * norms[0]);
        assertThat(norms[result.iterations() - 1]).isGreaterThan(1e-4 * norms[0]);
        assertThat(result.message()).contains("relativeGradientTolerance·‖∇f(x₀)‖");
    }

    @Test
    void float32DefaultsAskForARelativeDecreaseOfTheGradient() {
        StoppingCriteria float32 = StoppingCriteria.forFloat32();

        assertThat(float32.gradientTolerance()).isZero();
        assertThat(float32.relativeGradientTolerance()).isEqualTo(1e-5);
        assertThat(float32.maxIterations()).isEqualTo(StoppingCriteria.defaults().maxIterations());
        assertThat(StoppingCriteria.defaults().relativeGradientTolerance()).isZero();
    }

    /**
     * 1 + ½Σ aᵢ(xᵢ − cᵢ)² evaluated as a float32 model is: x rounded to float32, float
     * arithmetic. Like a loss, its minimum is not 0, so near the minimiser the decrease a step
     * promises falls below float32's resolution of f ≈ 1 and every line search ends by failing,
     * with ‖∇f‖ at the float32 rounding level: about 10⁻³, 10⁻⁵ of its value at x₀ = 0.
     */
    private static TwiceDifferentiableFunction float32Quadratic(double declaredPrecision) {
        float[] a = {1, 2, 3, 4};
        double[] c = {1.1, -10 / 3.0, 27.1, -3.7}; // none is a float32: a rounded x never lands on c
        return new TwiceDifferentiableFunction() {
            @Override
            public int dimension() {
                return a.length;
            }

            @Override
            public double valueAndGradient(double[] x, double[] gradientOut) {
                float value = 1;
                for (int i = 0; i < a.length; i++) {
                    float residual = (float) ((float) x[i] - c[i]);
                    value += 0.5f * a[i] * residual * residual;
                    gradientOut[i] = a[i] * residual;
                }
                return value;
            }

            @Override
            public void hessian(double[] x, double[][] out) {
                for (int i = 0; i < a.length; i++) {
                    java.util.Arrays.fill(out[i], 0);
                    out[i][i] = a[i];
                }
            }

            @Override
            public double relativePrecision() {
                return declaredPrecision;
            }
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lineSearchSolvers")
    void aLineSearchStalledByFloat32RoundingHasConvergedToFloat32Precision(Named solver) {
        SolverResult result = solver.solver().minimize(float32Quadratic(Math.ulp(1f)), new double[4],
                NONE.withMaxIterations(10_000));

        double[] norms = result.gradientNormHistory();
        assertThat(result.reason()).as(result.toString()).isEqualTo(StopReason.PRECISION_LIMIT);
        assertThat(result.converged()).isTrue();
        assertThat(result.gradientNorm()).isLessThanOrEqualTo(Math.sqrt(Math.ulp(1f)) * norms[0]);
        assertThat(result.message()).contains("converged to float32 precision")
                .contains("the line search can no longer decrease f measurably");
    }

    @Test
    void theSameStallIsAFailureWhenTheFunctionClaimsDoublePrecision() {
        SolverResult result = Lbfgs.defaults().minimize(float32Quadratic(Math.ulp(1.0)), new double[4],
                NONE.withMaxIterations(10_000));

        assertThat(result.reason()).as(result.toString()).isEqualTo(StopReason.LINE_SEARCH_FAILED);
        assertThat(result.converged()).isFalse();
        assertThat(result.message()).contains("above the precision limit");
    }

    static Stream<Named> lineSearchSolvers() {
        return TestSolvers.general().stream().filter(s -> !s.name().startsWith("Nesterov"));
    }

    @Test
    void theExactStepNeedsAQuadraticAndSaysWhatToUseInstead() {
        Rosenbrock rosenbrock = new Rosenbrock(2);
        assertThatThrownBy(() -> GradientDescent.withExactStep().minimize(rosenbrock, rosenbrock.standardStart(), NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("GradientDescent: the exact step needs a QuadraticFunction, got ")
                .hasMessageEndingWith("; use StepSize.armijo() for other functions");
    }

    @Test
    void aStartOfTheWrongLengthIsRejected() {
        assertThatThrownBy(() -> Lbfgs.defaults().minimize(QUADRATIC.function(), new double[3], NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("L-BFGS (m = 10): x0 has length 3 but the function's dimension is 10");
    }
}
