package dev.descent.solver;

import static dev.descent.solver.TestProblems.distance;
import static dev.descent.solver.TestProblems.norm;
import static dev.descent.solver.TestProblems.ones;
import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.solver.TestProblems.LogisticRegression;
import dev.descent.solver.TestProblems.Quadratic;
import dev.descent.solver.TestProblems.Rosenbrock;
import dev.descent.solver.TestSolvers.Named;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every solver on the three test problems against their known minimisers: ill-conditioned
 * quadratics (κ = 10² and 10⁴, n = 20), the extended Rosenbrock function (n = 2 and 10) and
 * logistic regression; the convergence rate of steepest descent with exact steps against
 * Kantorovich's bound; and the ordering of iteration counts the theory predicts.
 */
class SolverConvergenceTest {
    static final int DIMENSION = 20;
    static final long SEED = 42;

    /** ‖∇f‖ ≤ 10⁻⁷ gives ‖x − x*‖ ≤ ‖∇f‖/λ_min = 10⁻⁷ here, below 10⁻⁶·‖x*‖ since ‖x*‖ &gt; 0.1. */
    static final StoppingCriteria QUADRATIC = StoppingCriteria.defaults().withGradientTolerance(1e-7)
            .withMaxIterations(400_000).withMaxEvaluations(2_000_000);
    /** The Hessian at (1, …, 1) has λ_min ≈ 0.4, so ‖∇f‖ ≤ 10⁻⁷ puts x within about 3·10⁻⁷. */
    static final StoppingCriteria ROSENBROCK = StoppingCriteria.defaults().withGradientTolerance(1e-7)
            .withMaxIterations(100_000);
    /** λ_min(∇²f) ≥ the ridge 0.01, so ‖∇f‖ ≤ 10⁻⁹ puts w within 10⁻⁷ of the minimiser. */
    static final StoppingCriteria LOGISTIC = StoppingCriteria.defaults().withGradientTolerance(1e-9)
            .withMaxIterations(100_000);

    private static final Map<Double, Quadratic> QUADRATICS = new HashMap<>();

    static synchronized Quadratic quadratic(double conditionNumber) {
        return QUADRATICS.computeIfAbsent(conditionNumber,
                kappa -> TestProblems.illConditionedQuadratic(DIMENSION, kappa, SEED));
    }

    static Stream<Arguments> quadraticRuns() {
        return Stream.of(1e2, 1e4).flatMap(kappa -> TestSolvers.forQuadratic(kappa).stream()
                .map(solver -> Arguments.of(kappa, solver)));
    }

    @ParameterizedTest(name = "{1}, κ = {0}")
    @MethodSource("quadraticRuns")
    void everySolverFindsTheMinimiserOfAnIllConditionedQuadratic(double conditionNumber, Named solver) {
        Quadratic problem = quadratic(conditionNumber);
        SolverResult result = solver.solver().minimize(problem.function(), new double[DIMENSION], QUADRATIC);

        assertThat(result.reason()).as(result.toString()).isEqualTo(StopReason.GRADIENT_TOLERANCE);
        assertThat(distance(result.x(), problem.minimizer())).as(result.toString())
                .isLessThanOrEqualTo(1e-6 * norm(problem.minimizer()));
        assertThat(result.valueHistory()).hasSize(result.iterations() + 1);
        assertThat(result.gradientNormHistory()[result.iterations()]).isEqualTo(result.gradientNorm());
    }

    /** (κ − 1)²/(κ + 1)²: Kantorovich's bound on the contraction of f − f* per exact steepest-descent step. */
    private static double kantorovich(double conditionNumber) {
        return Math.pow((conditionNumber - 1) / (conditionNumber + 1), 2);
    }

    /** (f_{k+1} − f*)/(f_k − f*) while f_k − f* is well above the rounding error of f. */
    private static double[] contractions(SolverResult result, double minimum) {
        double[] values = result.valueHistory();
        int k = 0;
        double[] ratios = new double[values.length - 1];
        while (k + 1 < values.length && values[k + 1] - minimum > 1e-7) {
            ratios[k] = (values[k + 1] - minimum) / (values[k] - minimum);
            k++;
        }
        return java.util.Arrays.copyOf(ratios, k);
    }

    @ParameterizedTest(name = "κ = {0}")
    @MethodSource("conditionNumbers")
    void exactStepsContractTheErrorInFNoSlowerThanKantorovichsBound(double conditionNumber) {
        Quadratic problem = quadratic(conditionNumber);
        SolverResult result = GradientDescent.withExactStep().minimize(problem.function(), new double[DIMENSION],
                StoppingCriteria.defaults().withGradientTolerance(0).withMaxIterations(400));
        double bound = kantorovich(conditionNumber);

        double[] ratios = contractions(result, problem.minimumValue());
        assertThat(ratios).hasSizeGreaterThan(100);
        double worst = java.util.Arrays.stream(ratios).max().orElseThrow();
        assertThat(worst).as("the slowest contraction").isLessThanOrEqualTo(bound + 1e-6);
        // From a generic start the iterates settle into the zigzag between the extreme
        // eigenvectors, so the bound is nearly attained: it is the rate, not just a bound.
        assertThat(worst).as("the slowest contraction").isGreaterThan(bound - 0.005);
    }

    static Stream<Double> conditionNumbers() {
        return Stream.of(1e2, 1e4);
    }

    @Test
    void fromTheWorstStartEveryExactStepContractsByExactlyKantorovichsBound() {
        // x₀ − x* = v_min/λ_min + v_max/λ_max: each step maps it to ±(κ−1)/(κ+1)·(v_min/λ_min − v_max/λ_max).
        double kappa = 1e2;
        Quadratic problem = quadratic(kappa);
        double[][] v = problem.eigenvectors();
        double[] x0 = problem.minimizer().clone();
        for (int i = 0; i < DIMENSION; i++) {
            x0[i] += v[0][i] / problem.smallestEigenvalue() + v[DIMENSION - 1][i] / problem.largestEigenvalue();
        }
        SolverResult result = GradientDescent.withExactStep().minimize(problem.function(), x0,
                StoppingCriteria.defaults().withGradientTolerance(0).withMaxIterations(150));

        double[] ratios = contractions(result, problem.minimumValue());
        assertThat(ratios).hasSizeGreaterThan(100);
        for (double ratio : ratios) {
            assertThat(ratio).isCloseTo(kantorovich(kappa), org.assertj.core.data.Offset.offset(1e-6));
        }
    }

    @Test
    void newtonSolvesAQuadraticInOneStep() {
        Quadratic problem = quadratic(1e4);
        SolverResult result = NewtonMethod.defaults().minimize(problem.function(), new double[DIMENSION], QUADRATIC);
        assertThat(result.iterations()).isEqualTo(1);
        assertThat(distance(result.x(), problem.minimizer())).isLessThan(1e-10);
    }

    @ParameterizedTest(name = "κ = {0}")
    @MethodSource("conditionNumbers")
    void conjugateGradientsWithExactStepsTerminateInAboutNIterations(double conditionNumber) {
        // Linear CG finds x* in n steps in exact arithmetic; rounding costs a few more. Restarting
        // every n iterations (as once recommended) would take 48 and 337 here.
        Quadratic problem = quadratic(conditionNumber);
        for (NonlinearConjugateGradient.Beta beta : NonlinearConjugateGradient.Beta.values()) {
            NonlinearConjugateGradient cg = new NonlinearConjugateGradient(beta,
                    new ExactQuadraticLineSearch(problem.function()));
            SolverResult result = cg.minimize(problem.function(), new double[DIMENSION], QUADRATIC);
            assertThat(result.reason()).as(result.toString()).isEqualTo(StopReason.GRADIENT_TOLERANCE);
            assertThat(result.iterations()).as(result.toString()).isLessThanOrEqualTo(3 * DIMENSION);
            assertThat(distance(result.x(), problem.minimizer())).isLessThanOrEqualTo(1e-6 * norm(problem.minimizer()));
        }
    }

    static List<Named> rosenbrockSolvers() {
        return TestSolvers.general().stream().filter(s -> !s.name().equals(TestSolvers.GD_ARMIJO)).toList();
    }

    static Stream<Arguments> rosenbrockRuns() {
        return Stream.of(2, 10).flatMap(n -> rosenbrockSolvers().stream().map(solver -> Arguments.of(n, solver)));
    }

    @ParameterizedTest(name = "{1}, n = {0}")
    @MethodSource("rosenbrockRuns")
    void curvatureAwareSolversFindTheRosenbrockMinimumFromTheStandardStart(int dimension, Named solver) {
        Rosenbrock rosenbrock = new Rosenbrock(dimension);
        SolverResult result = solver.solver().minimize(rosenbrock, rosenbrock.standardStart(), ROSENBROCK);

        assertThat(result.reason()).as(result.toString()).isEqualTo(StopReason.GRADIENT_TOLERANCE);
        assertThat(maxAbsDifference(result.x(), ones(dimension))).as(result.toString()).isLessThanOrEqualTo(1e-5);
        if (!solver.name().startsWith("Nesterov")) {
            assertNonIncreasing(result.valueHistory());
        }
    }

    @Test
    void gradientDescentWithArmijoCrawlsDownTheRosenbrockValleyWithinALargeBudget() {
        Rosenbrock rosenbrock = new Rosenbrock(2);
        SolverResult result = GradientDescent.withArmijo().minimize(rosenbrock, rosenbrock.standardStart(),
                StoppingCriteria.defaults().withGradientTolerance(1e-4).withMaxIterations(100_000));

        assertThat(result.reason()).as(result.toString()).isEqualTo(StopReason.GRADIENT_TOLERANCE);
        assertThat(maxAbsDifference(result.x(), ones(2))).isLessThanOrEqualTo(1e-3);
        assertThat(result.iterations()).as("many more than L-BFGS's few dozen").isGreaterThan(1_000);
        assertNonIncreasing(result.valueHistory());
    }

    @Test
    void newtonFallsBackToTheGradientWhereTheHessianIsIndefiniteAndSaysSo() {
        // At (0, 1) the Rosenbrock Hessian is diag(2 − 400, 200): indefinite.
        Rosenbrock rosenbrock = new Rosenbrock(2);
        SolverResult result = NewtonMethod.defaults().minimize(rosenbrock, new double[] {0, 1}, ROSENBROCK);

        assertThat(result.notes()).anySatisfy(note -> assertThat(note)
                .startsWith("Hessian not positive definite; took the steepest-descent direction instead")
                .contains("first at iteration 1"));
        assertThat(result.reason()).isEqualTo(StopReason.GRADIENT_TOLERANCE);
        assertThat(maxAbsDifference(result.x(), ones(2))).isLessThanOrEqualTo(1e-5);
    }

    private static final LogisticRegression LOGISTIC_REGRESSION = new LogisticRegression();

    /** Newton's solution with ‖∇f‖ ≤ 10⁻¹²: the reference the other solvers must agree with. */
    static double[] newtonLogisticSolution() {
        SolverResult reference = NewtonMethod.defaults().minimize(LOGISTIC_REGRESSION, new double[4],
                LOGISTIC.withGradientTolerance(1e-12));
        assertThat(reference.reason()).isEqualTo(StopReason.GRADIENT_TOLERANCE);
        return reference.x();
    }

    static List<Named> logisticSolvers() {
        return TestSolvers.withLipschitz(LOGISTIC_REGRESSION.lipschitzBound());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("logisticSolvers")
    void everySolverAgreesWithNewtonOnLogisticRegression(Named solver) {
        double[] reference = newtonLogisticSolution();
        SolverResult result = solver.solver().minimize(LOGISTIC_REGRESSION, new double[4], LOGISTIC);

        assertThat(result.reason()).as(result.toString()).isEqualTo(StopReason.GRADIENT_TOLERANCE);
        assertThat(distance(result.x(), reference)).as(result.toString()).isLessThanOrEqualTo(1e-6);
    }

    @Test
    void iterationCountsOnLogisticRegressionFollowTheTheory() {
        Map<String, Integer> iterations = new HashMap<>();
        for (Named solver : logisticSolvers()) {
            iterations.put(solver.name(),
                    solver.solver().minimize(LOGISTIC_REGRESSION, new double[4], LOGISTIC).iterations());
        }
        int newton = iterations.get(TestSolvers.NEWTON);
        int lbfgs = iterations.get(TestSolvers.LBFGS);
        int gradientDescent = Math.min(iterations.get(TestSolvers.GD_FIXED), iterations.get(TestSolvers.GD_ARMIJO));
        int nesterov = Math.min(iterations.get(TestSolvers.NESTEROV_FIXED),
                iterations.get(TestSolvers.NESTEROV_BACKTRACKING));
        int conjugateGradient = Math.max(iterations.get(TestSolvers.CG_PR), iterations.get(TestSolvers.CG_FR));

        assertThat(newton).as("Newton (IRLS) " + iterations).isLessThanOrEqualTo(10);
        assertThat(newton).as("Newton below L-BFGS " + iterations).isLessThan(lbfgs);
        assertThat(10 * lbfgs).as("L-BFGS far below gradient descent " + iterations).isLessThan(gradientDescent);
        assertThat(5 * conjugateGradient).as("CG far below gradient descent " + iterations).isLessThan(gradientDescent);
        assertThat(2 * nesterov).as("acceleration beats gradient descent " + iterations).isLessThan(gradientDescent);
    }

    static double maxAbsDifference(double[] a, double[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    /** f_{k+1} ≤ f_k for every k, up to rounding: what a sufficient-decrease line search guarantees. */
    static void assertNonIncreasing(double[] values) {
        for (int k = 0; k + 1 < values.length; k++) {
            assertThat(values[k + 1]).as("f at iteration %d", k + 1)
                    .isLessThanOrEqualTo(values[k] + 1e-12 * Math.max(1, Math.abs(values[k])));
        }
    }
}
