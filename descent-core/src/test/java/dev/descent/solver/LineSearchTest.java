package dev.descent.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;
import org.junit.jupiter.api.Test;

/**
 * The three line searches against their defining conditions, on random convex quadratics and
 * on the (non-convex) Rosenbrock function, plus their failure modes.
 */
class LineSearchTest {

    /** A random symmetric positive definite quadratic of the given size, eigenvalues in [0.1, 100]. */
    static QuadraticFunction randomQuadratic(Random random, int n) {
        double[][] m = new double[n][n];
        for (double[] row : m) {
            for (int j = 0; j < n; j++) {
                row[j] = random.nextGaussian();
            }
        }
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = 0;
                for (int k = 0; k < n; k++) {
                    sum += m[i][k] * m[j][k];
                }
                a[i][j] = sum + (i == j ? 0.1 : 0);
                a[j][i] = a[i][j];
            }
        }
        double[] b = gaussian(random, n);
        return new QuadraticFunction(a, b, random.nextGaussian());
    }

    static double[] gaussian(Random random, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextGaussian();
        }
        return v;
    }

    /** A random direction turned downhill at {@code start}. */
    static double[] descentDirection(Random random, Point start) {
        double[] d = gaussian(random, start.dimension());
        if (start.slopeAlong(d) > 0) {
            for (int i = 0; i < d.length; i++) {
                d[i] = -d[i];
            }
        }
        return d;
    }

    static Point evaluatedAt(DifferentiableFunction f, double[] x) {
        Point p = Point.at(x);
        p.evaluate(f);
        return p;
    }

    /** f(x + t·d). */
    static double valueAlong(DifferentiableFunction f, Point start, double t, double[] d) {
        Point p = new Point(start.dimension());
        p.setAlong(start, t, d);
        return f.value(p.x());
    }

    /** Counts the calls a search makes. */
    static final class Counting implements DifferentiableFunction {
        final DifferentiableFunction inner;
        int calls;

        Counting(DifferentiableFunction inner) {
            this.inner = inner;
        }

        @Override
        public int dimension() {
            return inner.dimension();
        }

        @Override
        public double valueAndGradient(double[] x, double[] gradientOut) {
            calls++;
            return inner.valueAndGradient(x, gradientOut);
        }
    }

    /**
     * On a quadratic φ(t) = φ(0) + s·t + ½·q·t², so the Armijo condition φ(t) ≤ φ(0) + c·t·s holds
     * exactly for t ≤ 2(1 − c)·|s|/q: the trials t₀, ρ·t₀, …, ρ^(m−1)·t₀ of a search allowed m
     * evaluations reach that interval only if ρ^(m−1)·t₀ does. A random direction can be nearly
     * orthogonal to ∇f, which makes the interval tiny, and with ρ = 0.9 even sixty trials shrink
     * t₀ only by 0.9⁵⁹ ≈ 2·10⁻³; so both outcomes are part of the property (see
     * {@link #armijoRunsOutOfEvaluationsWhenTheAcceptableStepsAreFarBelowTheFirstTrial}).
     */
    @Property(tries = 300)
    void armijoAcceptsTheFirstTrialThatDecreasesSufficiently(@ForAll long seed,
            @ForAll @IntRange(min = 1, max = 6) int n, @ForAll @DoubleRange(min = 1e-4, max = 0.5) @Scale(6) double c,
            @ForAll @DoubleRange(min = 0.1, max = 0.9) double rho,
            @ForAll @DoubleRange(min = -3, max = 2) double log10FirstTrial,
            @ForAll @IntRange(min = 1, max = 60) int maxEvaluations) {
        double firstTrial = Math.pow(10, log10FirstTrial);
        Random random = new Random(seed);
        QuadraticFunction f = randomQuadratic(random, n);
        Point start = evaluatedAt(f, gaussian(random, n));
        double[] d = descentDirection(random, start);
        double slope = start.slopeAlong(d);
        double largestAcceptable = 2 * (1 - c) * -slope / curvatureAlong(f, d);
        double lastTrial = firstTrial * Math.pow(rho, maxEvaluations - 1);
        // Within rounding of the boundary the oracle above cannot tell which side the last trial is on.
        Assume.that(Math.abs(lastTrial / largestAcceptable - 1) > 1e-6);
        Counting counting = new Counting(f);
        Point accepted = new Point(n);

        LineSearchResult result = new BacktrackingArmijo(c, rho, 1, maxEvaluations).search(counting, start, d,
                firstTrial, accepted);

        if (lastTrial > largestAcceptable) {
            assertThat(result.outcome()).as("no trial down to %s reaches t ≤ %s", lastTrial, largestAcceptable)
                    .isEqualTo(LineSearchResult.Outcome.FAILED);
            assertThat(result.step()).isZero();
            assertThat(result.evaluations()).isEqualTo(counting.calls).isEqualTo(maxEvaluations);
            assertThat(accepted.x()).containsExactly(start.x());
            assertThat(accepted.value()).isEqualTo(start.value());
            return;
        }
        assertThat(result.outcome()).as("the last trial %s ≤ %s is acceptable", lastTrial, largestAcceptable)
                .isEqualTo(LineSearchResult.Outcome.SATISFIED);
        double t = result.step();
        double slack = 1e-12 * Math.max(1, Math.abs(start.value()));
        assertThat(accepted.value()).as("Armijo at t = %s", t)
                .isLessThanOrEqualTo(start.value() + c * t * slope + slack);
        assertThat(accepted.value()).isEqualTo(f.value(accepted.x()));
        for (int i = 0; i < n; i++) {
            assertThat(accepted.x()[i]).isCloseTo(start.x()[i] + t * d[i], within(1e-12 * (1 + Math.abs(t * d[i]))));
        }
        if (t < firstTrial) {
            double previous = t / rho;
            assertThat(valueAlong(f, start, previous, d)).as("the rejected trial t/ρ = %s", previous)
                    .isGreaterThan(start.value() + c * previous * slope - slack);
        }
        assertThat(result.evaluations()).isEqualTo(counting.calls)
                .isEqualTo(1 + (int) Math.round(Math.log(firstTrial / t) / Math.log(1 / rho)));
    }

    @Test
    void armijoRunsOutOfEvaluationsWhenTheAcceptableStepsAreFarBelowTheFirstTrial() {
        // A sample that failed the property when it expected 60 evaluations to be enough: d is almost
        // orthogonal to ∇f (cos = −0.008), so only t ≤ 0.02277 decreases f sufficiently, while
        // 60 trials from t₀ = 10^1.64 = 43.65 with ρ = 0.88 end at 43.65·0.88⁵⁹ = 0.02315.
        Random random = new Random(-1);
        QuadraticFunction f = randomQuadratic(random, 5);
        Point start = evaluatedAt(f, gaussian(random, 5));
        double[] d = descentDirection(random, start);
        double firstTrial = Math.pow(10, 1.64);
        BacktrackingArmijo search = new BacktrackingArmijo(1e-4, 0.88, 1, 60);

        LineSearchResult sixty = search.search(f, start, d, firstTrial, new Point(5));
        assertThat(sixty.outcome()).isEqualTo(LineSearchResult.Outcome.FAILED);
        assertThat(sixty.note()).startsWith("no step from 43.65158322401658 down to 0.02314609103300994");

        LineSearchResult sixtyOne = search.withMaxEvaluations(61).search(f, start, d, firstTrial, new Point(5));
        assertThat(sixtyOne.outcome()).isEqualTo(LineSearchResult.Outcome.SATISFIED);
        assertThat(sixtyOne.evaluations()).isEqualTo(61);
        assertThat(sixtyOne.step()).isCloseTo(firstTrial * Math.pow(0.88, 60), within(1e-12));
    }

    /** dᵀAd, from the matrix itself. */
    static double curvatureAlong(QuadraticFunction f, double[] d) {
        double[][] a = f.matrix();
        double sum = 0;
        for (int i = 0; i < d.length; i++) {
            sum += d[i] * TestProblems.dot(a[i], d);
        }
        return sum;
    }

    @Property(tries = 300)
    void armijoHoldsOnTheNonConvexRosenbrockFunction(@ForAll @DoubleRange(min = -2, max = 2) double x,
            @ForAll @DoubleRange(min = -1, max = 3) double y) {
        TestProblems.Rosenbrock f = new TestProblems.Rosenbrock(2);
        Point start = evaluatedAt(f, new double[] {x, y});
        if (start.gradientNorm() < 1e-8) {
            return;
        }
        double[] d = {-start.gradient()[0], -start.gradient()[1]};
        Point accepted = new Point(2);
        LineSearchResult result = BacktrackingArmijo.defaults().search(f, start, d, 1, accepted);

        assertThat(result.outcome()).isEqualTo(LineSearchResult.Outcome.SATISFIED);
        assertThat(accepted.value()).isLessThanOrEqualTo(start.value() + 1e-4 * result.step() * start.slopeAlong(d)
                + 1e-12 * Math.max(1, start.value()));
    }

    @Property(tries = 300)
    void strongWolfeStepsMeetBothConditionsOnQuadratics(@ForAll long seed,
            @ForAll @IntRange(min = 1, max = 6) int n, @ForAll @DoubleRange(min = 0.05, max = 0.95) double c2,
            @ForAll @DoubleRange(min = -4, max = 3) double log10FirstTrial) {
        double firstTrial = Math.pow(10, log10FirstTrial);
        Random random = new Random(seed);
        QuadraticFunction f = randomQuadratic(random, n);
        Point start = evaluatedAt(f, gaussian(random, n));
        double[] d = descentDirection(random, start);
        assertMeetsStrongWolfe(f, start, d, StrongWolfe.defaults().withCurvature(c2), firstTrial);
    }

    @Property(tries = 300)
    void strongWolfeStepsMeetBothConditionsOnRosenbrock(@ForAll @DoubleRange(min = -2, max = 2) double x,
            @ForAll @DoubleRange(min = -1, max = 3) double y, @ForAll @DoubleRange(min = 0.1, max = 0.9) double c2,
            @ForAll @DoubleRange(min = -5, max = 1) double log10FirstTrial) {
        double firstTrial = Math.pow(10, log10FirstTrial);
        TestProblems.Rosenbrock f = new TestProblems.Rosenbrock(2);
        Point start = evaluatedAt(f, new double[] {x, y});
        if (start.gradientNorm() < 1e-8) {
            return;
        }
        double[] d = {-start.gradient()[0], -start.gradient()[1]};
        assertMeetsStrongWolfe(f, start, d, StrongWolfe.defaults().withCurvature(c2), firstTrial);
    }

    private static void assertMeetsStrongWolfe(DifferentiableFunction f, Point start, double[] d, StrongWolfe search,
            double firstTrial) {
        double slope = start.slopeAlong(d);
        Counting counting = new Counting(f);
        Point accepted = new Point(start.dimension());
        LineSearchResult result = search.search(counting, start, d, firstTrial, accepted);

        assertThat(result.outcome()).as(result.toString()).isEqualTo(LineSearchResult.Outcome.SATISFIED);
        double t = result.step();
        assertThat(accepted.value()).as("sufficient decrease at t = %s", t).isLessThanOrEqualTo(
                start.value() + search.sufficientDecrease() * t * slope + 1e-12 * Math.max(1, Math.abs(start.value())));
        assertThat(Math.abs(accepted.slopeAlong(d))).as("curvature at t = %s", t)
                .isLessThanOrEqualTo(search.curvature() * Math.abs(slope) * (1 + 1e-12));
        assertThat(result.evaluations()).isEqualTo(counting.calls).isLessThanOrEqualTo(search.maxEvaluations());
    }

    @Test
    void strongWolfeExtrapolatesFromATooShortFirstTrialAndZoomsFromATooLongOne() {
        // f = ½(x − 10)², from 0 along +1: the minimiser is t* = 10.
        QuadraticFunction f = new QuadraticFunction(new double[][] {{1}}, new double[] {10});
        Point start = evaluatedAt(f, new double[] {0});
        double[] d = {1};
        StrongWolfe search = StrongWolfe.forConjugateGradient();
        Point accepted = new Point(1);

        LineSearchResult shortFirst = search.search(f, start, d, 0.01, accepted);
        assertThat(shortFirst.outcome()).isEqualTo(LineSearchResult.Outcome.SATISFIED);
        assertThat(shortFirst.step()).isBetween(9.0, 11.0);
        assertThat(shortFirst.evaluations()).isGreaterThan(5);

        LineSearchResult longFirst = search.search(f, start, d, 1e6, accepted);
        assertThat(longFirst.outcome()).isEqualTo(LineSearchResult.Outcome.SATISFIED);
        assertThat(longFirst.step()).isBetween(9.0, 11.0);
    }

    @Test
    void strongWolfeBacksOutOfARegionWhereTheFunctionIsNaN() {
        // f = ½x² for |x| < 1, NaN beyond: from 0.9 along −1, the first trial 100 lands in NaN.
        DifferentiableFunction walled = new DifferentiableFunction() {
            @Override
            public int dimension() {
                return 1;
            }

            @Override
            public double valueAndGradient(double[] x, double[] gradientOut) {
                gradientOut[0] = x[0];
                return Math.abs(x[0]) < 1 ? 0.5 * x[0] * x[0] : Double.NaN;
            }
        };
        Point start = evaluatedAt(walled, new double[] {0.9});
        Point accepted = new Point(1);
        LineSearchResult result = StrongWolfe.defaults().search(walled, start, new double[] {-1}, 100, accepted);

        assertThat(result.outcome()).isEqualTo(LineSearchResult.Outcome.SATISFIED);
        assertThat(Math.abs(accepted.x()[0])).isLessThan(0.9);
    }

    @Test
    void strongWolfeOutOfEvaluationsKeepsAStepWithSufficientDecrease() {
        // One evaluation, a first trial far too short: it decreases f, the slope is still steep.
        QuadraticFunction f = new QuadraticFunction(new double[][] {{1}}, new double[] {10});
        Point start = evaluatedAt(f, new double[] {0});
        Point accepted = new Point(1);
        LineSearchResult result = StrongWolfe.defaults().withMaxEvaluations(1)
                .search(f, start, new double[] {1}, 0.01, accepted);

        assertThat(result.outcome()).isEqualTo(LineSearchResult.Outcome.SUFFICIENT_DECREASE_ONLY);
        assertThat(result.outcome().moved()).isTrue();
        assertThat(result.step()).isEqualTo(0.01);
        assertThat(accepted.x()).containsExactly(0.01);
        assertThat(result.note()).contains("kept t = 0.01");
    }

    @Property(tries = 300)
    void theExactStepIsTheMinimiserOfTheParabolaAlongD(@ForAll long seed, @ForAll @IntRange(min = 1, max = 6) int n) {
        Random random = new Random(seed);
        QuadraticFunction f = randomQuadratic(random, n);
        Point start = evaluatedAt(f, gaussian(random, n));
        double[] d = descentDirection(random, start);
        Point accepted = new Point(n);

        LineSearchResult result = new ExactQuadraticLineSearch(f).search(f, start, d, 123, accepted);

        // An independent oracle from values only: φ(t) = φ₀ + s·t + ½·q·t² through t = −1, 0, 1.
        double minus = valueAlong(f, start, -1, d);
        double plus = valueAlong(f, start, 1, d);
        double q = plus + minus - 2 * start.value();
        double s = (plus - minus) / 2;
        double scale = Math.abs(plus) + Math.abs(minus) + Math.abs(start.value());
        assertThat(result.step()).isCloseTo(-s / q, within(1e-9 * (1 + Math.abs(s / q)) * (1 + scale / q)));
        assertThat(result.evaluations()).isEqualTo(1);
        assertThat(Math.abs(accepted.slopeAlong(d))).as("φ'(t*) = 0")
                .isLessThanOrEqualTo(1e-9 * (Math.abs(start.slopeAlong(d)) + TestProblems.norm(d) * scale));
        assertThat(result.step()).isEqualTo(ExactQuadraticLineSearch.step(f, start.gradient(), d));
    }

    @Test
    void theExactSearchReportsACurvatureThatIsNotPositive() {
        QuadraticFunction saddle = new QuadraticFunction(new double[][] {{1, 0}, {0, -1}}, new double[] {0, 0});
        Point start = evaluatedAt(saddle, new double[] {0, 1});
        Point accepted = new Point(2);
        // ∇f(0, 1) = (0, −1), so d = (0, 1) descends, but f curves downward along it.
        LineSearchResult result = new ExactQuadraticLineSearch(saddle).search(saddle, start, new double[] {0, 1}, 1,
                accepted);

        assertThat(result.outcome()).isEqualTo(LineSearchResult.Outcome.FAILED);
        assertThat(result.note()).contains("dᵀAd = -1.0 ≤ 0");
        assertThat(accepted.x()).containsExactly(0, 1);
        assertThatThrownBy(() -> ExactQuadraticLineSearch.step(saddle, start.gradient(), new double[] {0, 1}))
                .hasMessageContaining("must be > 0");
    }

    @Test
    void everySearchRejectsADirectionThatDoesNotDescend() {
        QuadraticFunction f = new QuadraticFunction(new double[][] {{2}}, new double[] {0});
        Point start = evaluatedAt(f, new double[] {1});
        double[] uphill = {1};
        for (LineSearch search : new LineSearch[] {BacktrackingArmijo.defaults(), StrongWolfe.defaults(),
                new ExactQuadraticLineSearch(f)}) {
            assertThatThrownBy(() -> search.search(f, start, uphill, 1, new Point(1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageEndingWith(": the direction is not a descent direction: ∇f(x)ᵀd = 2.0 must be < 0; "
                            + "use −∇f(x), or reset the method's memory");
        }
    }

    @Test
    void armijoOutOfEvaluationsReturnsTheStartAndSaysWhy() {
        QuadraticFunction f = new QuadraticFunction(new double[][] {{1000}}, new double[] {0});
        Point start = evaluatedAt(f, new double[] {1});
        Point accepted = new Point(1);
        LineSearchResult result = BacktrackingArmijo.defaults().withMaxEvaluations(3)
                .search(f, start, new double[] {-1000}, 1, accepted);

        assertThat(result.outcome()).isEqualTo(LineSearchResult.Outcome.FAILED);
        assertThat(result.outcome().moved()).isFalse();
        assertThat(result.note()).isEqualTo(
                "no step from 1.0 down to 0.25 decreased f sufficiently in 3 evaluations (∇fᵀd = -1000000.0)");
        assertThat(accepted.x()).containsExactly(1);
        assertThat(accepted.value()).isEqualTo(start.value());
    }

    @Test
    void nearTheMinimumArmijoJudgesByTheSlopeWhereValuesAreRoundingNoise() {
        // f = ½‖x − x*‖² + 10⁶ in 3-D, written as ½xᵀx − x*ᵀx + c, so f carries rounding of ~10⁻¹⁰.
        // At ‖∇f‖ = 10⁻⁸ the step t = 1 lands on x* and lowers f by 5·10⁻¹⁷: invisible in f,
        // where a plain Armijo test accepts or rejects on the rounding alone.
        double[] minimizer = {3, -1, 2};
        double constant = 1e6 + 0.5 * TestProblems.dot(minimizer, minimizer);
        QuadraticFunction f = new QuadraticFunction(new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}, minimizer,
                constant);
        Random random = new Random(3);
        for (int trial = 0; trial < 50; trial++) {
            double[] x = minimizer.clone();
            double[] offset = gaussian(random, 3);
            double scale = 1e-8 / TestProblems.norm(offset);
            for (int i = 0; i < 3; i++) {
                x[i] += scale * offset[i];
            }
            Point start = evaluatedAt(f, x);
            double[] d = {-start.gradient()[0], -start.gradient()[1], -start.gradient()[2]};
            Point accepted = new Point(3);
            LineSearchResult result = BacktrackingArmijo.defaults().search(f, start, d, 1, accepted);

            assertThat(result.outcome()).isEqualTo(LineSearchResult.Outcome.SATISFIED);
            assertThat(result.step()).isEqualTo(1);
            assertThat(TestProblems.distance(accepted.x(), minimizer)).isLessThan(1e-12);
        }
        SolverResult run = GradientDescent.withArmijo().minimize(f, new double[3],
                StoppingCriteria.defaults().withGradientTolerance(1e-12));
        assertThat(run.reason()).as(run.toString()).isEqualTo(StopReason.GRADIENT_TOLERANCE);
    }
}
