package dev.descent.solver;

/**
 * The exact line search on a quadratic f(x) = ½·xᵀAx − bᵀx + c: the step that minimises f
 * along d, in closed form.
 *
 * <pre>
 *   φ(t) = f(x + t·d) = f(x) + t·gᵀd + ½·t²·dᵀAd        g = ∇f(x) = Ax − b
 *   φ'(t*) = 0   ⇒   t* = −gᵀd / dᵀAd
 * </pre>
 *
 * It costs one matrix-vector product and one evaluation (at the accepted point), ignores the
 * first trial, and needs dᵀAd &gt; 0 (A positive definite along d); otherwise the search
 * reports {@link LineSearchResult.Outcome#FAILED}. Steepest descent with this
 * step is the textbook method whose error in f contracts by at most ((κ − 1)/(κ + 1))² per
 * iteration.
 *
 * <p>Reference: J. Nocedal, S. J. Wright, Numerical Optimization, 2nd ed. (2006), (3.26) and
 * Theorem 3.3; the bound is L. V. Kantorovich's inequality.
 *
 * @param quadratic the quadratic whose A gives the curvature; the search evaluates whatever
 *     function it is handed, which should be this quadratic (possibly wrapped, e.g. to count calls)
 */
public record ExactQuadraticLineSearch(QuadraticFunction quadratic) implements LineSearch {

    private static final String OWNER = "ExactQuadraticLineSearch";

    public ExactQuadraticLineSearch {
        SolverArguments.requireNonNull(OWNER, "quadratic", quadratic);
    }

    /** t* = −gᵀd / dᵀAd for the gradient g at the start and the direction d. */
    public static double step(QuadraticFunction quadratic, double[] gradient, double[] direction) {
        double curvature = quadratic.curvatureAlong(direction);
        if (!(curvature > 0)) {
            throw new IllegalArgumentException(OWNER + ": dᵀAd = " + curvature
                    + " must be > 0 for the minimum along d to exist; A is not positive definite along d");
        }
        return -Vectors.dot(gradient, direction) / curvature;
    }

    @Override
    public LineSearchResult search(DifferentiableFunction function, Point start, double[] direction,
            double firstTrial, Point accepted) {
        if (function.dimension() != quadratic.dimension()) {
            throw new IllegalArgumentException(OWNER + ": the function has dimension " + function.dimension()
                    + " but the quadratic has dimension " + quadratic.dimension());
        }
        double slope = LineSearch.requireDescent(OWNER, start, direction);
        double curvature = quadratic.curvatureAlong(direction);
        if (!(curvature > 0)) {
            accepted.copyFrom(start);
            return new LineSearchResult(0, 0, LineSearchResult.Outcome.FAILED, "dᵀAd = " + curvature
                    + " ≤ 0: A is not positive definite along d, so f has no minimum along it");
        }
        double t = -slope / curvature;
        accepted.setAlong(start, t, direction);
        accepted.evaluate(function);
        return LineSearchResult.satisfied(t, 1);
    }

    @Override
    public String toString() {
        return "ExactQuadraticLineSearch";
    }
}
