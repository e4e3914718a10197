package dev.descent.solver;

/**
 * Nesterov's accelerated gradient method in the FISTA form, with a fixed step 1/L or
 * backtracking on L, and optional adaptive restart of the momentum.
 *
 * <pre>
 *   y₁ = x₀,  t₁ = 1
 *   for k = 1, 2, …
 *       x_k = y_k − (1/L)·∇f(y_k)
 *           backtracking (growth η &gt; 1): while f(x_k) &gt; f(y_k) − ‖∇f(y_k)‖²/(2L):  L ← η·L, recompute x_k
 *       restart: if ∇f(y_k)ᵀ(x_k − x_{k−1}) &gt; 0:  t_k ← 1            (momentum dropped)
 *       t_{k+1} = (1 + √(1 + 4·t_k²)) / 2
 *       y_{k+1} = x_k + ((t_k − 1)/t_{k+1})·(x_k − x_{k−1})
 * </pre>
 *
 * With L ≥ the Lipschitz constant of ∇f, f(x_k) − f* ≤ 2L‖x₀ − x*‖²/(k + 1)², against 1/k for
 * gradient descent. The backtracking test is the descent lemma f(x) ≤ f(y) + ∇f(y)ᵀ(x − y) +
 * (L/2)‖x − y‖² at x = y − ∇f(y)/L; L only grows, so after a few iterations it settles at a local
 * estimate of the Lipschitz constant. The momentum (t_k − 1)/t_{k+1} tends to 1, which on a
 * strongly convex problem makes the iterates overshoot and ripple; restarting it whenever the
 * gradient step turns against the momentum removes the ripples and restores linear convergence
 * at a rate close to 1 − 1/√κ. (The test "f increased" does the same in exact arithmetic, but
 * near the minimiser f is rounding noise and would restart at random; the gradient test stays
 * reliable.) Each iteration evaluates f at x_k (with its gradient, for the stopping test) and at
 * y_{k+1}, plus one evaluation per backtracking trial.
 *
 * <p>References: Y. Nesterov, "A method for solving the convex programming problem with
 * convergence rate O(1/k²)", Soviet Math. Dokl. 27 (1983); A. Beck, M. Teboulle, "A fast
 * iterative shrinkage-thresholding algorithm for linear inverse problems", SIAM J. Imaging Sci.
 * 2(1) (2009), with backtracking; B. O'Donoghue, E. Candès, "Adaptive restart for accelerated
 * gradient schemes", Found. Comput. Math. 15 (2015), the gradient restart scheme.
 *
 * @param lipschitz L &gt; 0: the Lipschitz constant of ∇f (fixed step), or the first estimate
 *     of it (backtracking), which should err on the small side
 * @param growth η ≥ 1: the factor L grows by after a failed backtracking test; 1 means a fixed
 *     step 1/L, never tested
 * @param restart whether to drop the momentum when the gradient step opposes it
 */
public record NesterovAcceleratedGradient(double lipschitz, double growth, boolean restart)
        implements Solver<DifferentiableFunction> {

    private static final String OWNER = "NesterovAcceleratedGradient";
    /** Backtracking trials per iteration before the run stops as a failed line search. */
    private static final int MAX_BACKTRACKS = 100;

    public NesterovAcceleratedGradient {
        SolverArguments.requirePositive(OWNER, "lipschitz (L)", lipschitz);
        if (!(growth >= 1) || Double.isInfinite(growth)) {
            throw SolverArguments.invalid(OWNER, "growth (η)", growth, "a finite number ≥ 1 (1 = fixed step)");
        }
    }

    /** The fixed step 1/L, with restart. */
    public static NesterovAcceleratedGradient withFixedStep(double lipschitz) {
        return new NesterovAcceleratedGradient(lipschitz, 1, true);
    }

    /** Backtracking from the estimate L₀, doubling it after each failed test, with restart. */
    public static NesterovAcceleratedGradient withBacktracking(double initialLipschitz) {
        return new NesterovAcceleratedGradient(initialLipschitz, 2, true);
    }

    public NesterovAcceleratedGradient withRestart(boolean value) {
        return new NesterovAcceleratedGradient(lipschitz, growth, value);
    }

    public NesterovAcceleratedGradient withGrowth(double value) {
        return new NesterovAcceleratedGradient(lipschitz, value, restart);
    }

    /** O'Donoghue and Candès' gradient test: ∇f(y_k)ᵀ(x_k − x_{k−1}) &gt; 0. */
    private static boolean momentumOpposesGradient(Point y, Point xk, Point xPrevious) {
        double sum = 0;
        for (int i = 0; i < xk.dimension(); i++) {
            sum += y.gradient()[i] * (xk.x()[i] - xPrevious.x()[i]);
        }
        return sum > 0;
    }

    private static LineSearchResult backtrackingFailed(Point last, double estimate, int trials) {
        String note = "backtracking raised L to " + estimate + " in " + trials
                + " trials without meeting f(x) ≤ f(y) − ‖∇f(y)‖²/(2L)";
        return new LineSearchResult(0, trials,
                last.isFinite() ? LineSearchResult.Outcome.FAILED : LineSearchResult.Outcome.NOT_FINITE, note);
    }

    @Override
    public SolverResult minimize(DifferentiableFunction function, double[] x0, StoppingCriteria stopping) {
        boolean backtracking = growth > 1;
        String name = "Nesterov (" + (backtracking ? "backtracking from L = " : "L = ") + lipschitz + ")";
        String hint = backtracking
                ? "check the function for overflow, or start from a larger Lipschitz estimate L"
                : "the step 1/L = " + 1 / lipschitz + " is too long: try a larger Lipschitz constant L";
        Run run = new Run(name, hint, function, stopping);
        DifferentiableFunction f = run.function();
        Point x = run.start(x0);
        int n = x.dimension();
        Point next = new Point(n);
        Point y = new Point(n);
        y.copyFrom(x);
        double[] direction = new double[n];
        double estimate = lipschitz;
        double t = 1;
        SolverResult result = run.checkStart(x);
        while (result == null) {
            Vectors.negate(y.gradient(), direction);
            double squaredNorm = Vectors.dot(direction, direction);
            next.setAlong(y, 1 / estimate, direction);
            next.evaluate(f);
            if (backtracking) {
                int trials = 1;
                while (!SufficientDecrease.holds(0.5, 1 / estimate, y.value(), -squaredNorm, next.value(),
                        next.slopeAlong(direction))) {
                    if (trials == MAX_BACKTRACKS) {
                        return run.lineSearchStopped(x, backtrackingFailed(next, estimate, trials));
                    }
                    estimate *= growth;
                    next.setAlong(y, 1 / estimate, direction);
                    next.evaluate(f);
                    trials++;
                }
                if (trials > 1) {
                    run.note("backtracking raised the Lipschitz estimate", "L = " + estimate);
                }
            }
            if (restart && momentumOpposesGradient(y, next, x)) {
                t = 1;
                run.note("restarted the momentum");
            }
            double tNext = (1 + Math.sqrt(1 + 4 * t * t)) / 2;
            double momentum = (t - 1) / tNext;
            // y ← x_k + momentum·(x_k − x_{k−1}), written before x_{k−1} is overwritten.
            double[] yx = y.x();
            double[] xk = next.x();
            double[] xPrevious = x.x();
            for (int i = 0; i < n; i++) {
                yx[i] = xk[i] + momentum * (xk[i] - xPrevious[i]);
            }
            t = tNext;
            Point previous = x;
            x = next;
            next = previous;
            result = run.completeIteration(x);
            if (result == null) {
                if (momentum == 0) {
                    y.copyFrom(x);
                } else {
                    y.evaluate(f);
                    if (!y.isFinite()) {
                        // The extrapolated point left the function's domain: drop the momentum.
                        y.copyFrom(x);
                        t = 1;
                        run.note("dropped the momentum because f was not finite at the extrapolated point");
                    }
                }
            }
        }
        return result;
    }
}
