package dev.descent.solver;

/**
 * Full-batch gradient descent (steepest descent).
 *
 * <pre>
 *   for k = 0, 1, …
 *       d_k = −∇f(x_k)
 *       α_k = α                                   (StepSize.Fixed)
 *           | backtrack from t₀ until Armijo holds  (StepSize.Armijo)
 *           | ‖∇f‖² / ∇fᵀA∇f                       (StepSize.Exact, f = ½xᵀAx − bᵀx + c)
 *       x_{k+1} = x_k + α_k·d_k
 * </pre>
 *
 * On a strongly convex quadratic with condition number κ the error f − f* contracts per
 * iteration by at most ((κ − 1)/(κ + 1))² with the exact step, and the distance to x* by
 * (1 − 1/κ) with α = 1/L: a problem with κ = 10⁴ needs tens of thousands of iterations, where
 * conjugate gradients and L-BFGS need tens. The method to compare everything else against.
 *
 * <p>Reference: A. Cauchy, "Méthode générale pour la résolution des systèmes d'équations
 * simultanées", C. R. Acad. Sci. Paris 25 (1847); J. Nocedal, S. J. Wright, Numerical
 * Optimization, 2nd ed. (2006), §3.3.
 *
 * @param stepSize how α_k is chosen
 */
public record GradientDescent(StepSize stepSize) implements Solver<DifferentiableFunction> {

    public GradientDescent {
        SolverArguments.requireNonNull("GradientDescent", "stepSize", stepSize);
    }

    /** With the constant step α. */
    public static GradientDescent withFixedStep(double step) {
        return new GradientDescent(StepSize.fixed(step));
    }

    /** With backtracking Armijo, {@link BacktrackingArmijo#defaults()}. */
    public static GradientDescent withArmijo() {
        return new GradientDescent(StepSize.armijo());
    }

    /** With the exact step; {@link #minimize} then needs a {@link QuadraticFunction}. */
    public static GradientDescent withExactStep() {
        return new GradientDescent(StepSize.exact());
    }

    @Override
    public SolverResult minimize(DifferentiableFunction function, double[] x0, StoppingCriteria stopping) {
        LineSearch search = null;
        double fixedStep = 0;
        double firstTrial = 1;
        String name;
        String hint;
        if (stepSize instanceof StepSize.Fixed fixed) {
            fixedStep = fixed.step();
            name = "gradient descent (α = " + fixedStep + ")";
            hint = "the step α = " + fixedStep + " is too long for this function: try a smaller one (on an "
                    + "L-smooth function gradient descent needs α < 2/L)";
        } else if (stepSize instanceof StepSize.Armijo armijo) {
            search = armijo.search();
            firstTrial = armijo.search().initialStep();
            name = "gradient descent (Armijo)";
            hint = "try a smaller initialStep for the line search, or check the function for overflow";
        } else {
            if (!(function instanceof QuadraticFunction quadratic)) {
                throw new IllegalArgumentException("GradientDescent: the exact step needs a QuadraticFunction, got "
                        + (function == null ? "null" : function.getClass().getName())
                        + "; use StepSize.armijo() for other functions");
            }
            search = new ExactQuadraticLineSearch(quadratic);
            name = "gradient descent (exact step)";
            hint = "check that A is positive definite";
        }

        Run run = new Run(name, hint, function, stopping);
        Point x = run.start(x0);
        Point next = new Point(x.dimension());
        double[] direction = new double[x.dimension()];
        SolverResult result = run.checkStart(x);
        while (result == null) {
            Vectors.negate(x.gradient(), direction);
            if (search == null) {
                next.setAlong(x, fixedStep, direction);
                next.evaluate(run.function());
            } else {
                LineSearchResult step = search.search(run.function(), x, direction, firstTrial, next);
                if (!step.outcome().moved()) {
                    return run.lineSearchStopped(x, step);
                }
                run.noteLineSearch(step);
            }
            Point previous = x;
            x = next;
            next = previous;
            result = run.completeIteration(x);
        }
        return result;
    }
}
