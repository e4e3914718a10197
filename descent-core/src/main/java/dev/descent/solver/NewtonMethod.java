package dev.descent.solver;

/**
 * Damped Newton's method: step to the minimiser of the local quadratic model, shortened by a
 * backtracking search while far from the solution.
 *
 * <pre>
 *   for k = 0, 1, …
 *       H_k = ∇²f(x_k)
 *       if H_k = L·Lᵀ (Cholesky succeeds):  solve H_k·d_k = −∇f(x_k)
 *       else:                                 d_k = −∇f(x_k)      (noted in the result)
 *       t_k from backtracking Armijo, first trial 1
 *       x_{k+1} = x_k + t_k·d_k
 * </pre>
 *
 * Near a minimiser with a positive definite Hessian the full step t = 1 is accepted and the
 * error squares at every iteration (quadratic convergence): logistic regression, where Newton's
 * method is iteratively reweighted least squares (IRLS), converges in a handful of iterations.
 * Each iteration costs a Hessian and an O(n³) factorisation, so this is for small n. Where H is
 * not positive definite the Newton direction need not descend; the method then takes a
 * steepest-descent step, and the result's notes say how often. Hessian evaluations are not
 * counted as function evaluations (there is one per iteration).
 *
 * <p>Reference: J. Nocedal, S. J. Wright, Numerical Optimization, 2nd ed. (2006), §3.3 and
 * §3.4 (Newton's method with Hessian modification); S. Boyd, L. Vandenberghe, Convex
 * Optimization (2004), §9.5 (damped Newton).
 *
 * @param lineSearch the backtracking search; its first trial is always the full step 1
 */
public record NewtonMethod(BacktrackingArmijo lineSearch) implements Solver<TwiceDifferentiableFunction> {

    public NewtonMethod {
        SolverArguments.requireNonNull("NewtonMethod", "lineSearch", lineSearch);
    }

    /** With {@link BacktrackingArmijo#defaults()}. */
    public static NewtonMethod defaults() {
        return new NewtonMethod(BacktrackingArmijo.defaults());
    }

    @Override
    public SolverResult minimize(TwiceDifferentiableFunction function, double[] x0, StoppingCriteria stopping) {
        Run run = new Run("Newton", "check the Hessian and the function for overflow", function, stopping);
        Point x = run.start(x0);
        int n = x.dimension();
        Point next = new Point(n);
        double[] direction = new double[n];
        double[][] hessian = new double[n][n];
        CholeskyFactor cholesky = new CholeskyFactor(n);
        SolverResult result = run.checkStart(x);
        while (result == null) {
            function.hessian(x.x(), hessian);
            boolean newton = cholesky.factor(hessian);
            if (newton) {
                cholesky.solve(x.gradient(), direction);
                Vectors.negate(direction, direction);
                newton = x.slopeAlong(direction) < 0;
            }
            if (!newton) {
                Vectors.negate(x.gradient(), direction);
                run.note("Hessian not positive definite; took the steepest-descent direction instead");
            }
            LineSearchResult step = lineSearch.search(run.function(), x, direction, 1, next);
            if (!step.outcome().moved()) {
                return run.lineSearchStopped(x, step);
            }
            Point previous = x;
            x = next;
            next = previous;
            result = run.completeIteration(x);
        }
        return result;
    }
}
