package dev.descent.solver;

/**
 * Nonlinear conjugate gradients: each direction is the steepest-descent direction plus a
 * multiple β of the previous one, which on a quadratic with exact line searches makes the
 * directions A-conjugate and finds the minimiser in at most n steps.
 *
 * <pre>
 *   d₀ = −∇f₀
 *   for k = 0, 1, …
 *       t_k from the strong Wolfe search along d_k (c₂ = 0.1)
 *       x_{k+1} = x_k + t_k·d_k
 *       β_{k+1} = max(0, ∇f_{k+1}ᵀ(∇f_{k+1} − ∇f_k) / ‖∇f_k‖²)    Polak–Ribière+
 *              |  ‖∇f_{k+1}‖² / ‖∇f_k‖²                            Fletcher–Reeves
 *       restart (β = 0) when |∇f_{k+1}ᵀ∇f_k| ≥ 0.1·‖∇f_{k+1}‖²          (Powell)
 *       d_{k+1} = −∇f_{k+1} + β_{k+1}·d_k;  if it does not descend: d_{k+1} = −∇f_{k+1}
 *   first trial of each search: t_{k−1}·∇f_{k−1}ᵀd_{k−1} / ∇f_kᵀd_k   (min(1, 1/‖∇f₀‖) at k = 0)
 * </pre>
 *
 * Polak–Ribière+ resets itself (β = 0) when the new gradient says the old direction is stale,
 * which Fletcher–Reeves cannot do: after a tiny step FR keeps β ≈ 1 and crawls. Both therefore
 * restart when successive gradients are far from orthogonal (Powell's test), which never fires
 * on a quadratic with exact line searches, where the gradients are orthogonal. The textbook
 * restart every n iterations is left out on purpose: in floating point, CG on an
 * ill-conditioned quadratic needs more than n iterations, and restarting throws away the
 * conjugacy it has built (on the d = 20, κ = 10⁴ test quadratic with exact line searches,
 * 46 iterations without it, 337 with it).
 *
 * <p>The line search must be nearly exact for the directions to stay conjugate: c₂ = 0.1 (with
 * c₂ &lt; ½, FR's directions provably descend). Even so, its inexactness costs a lot on
 * ill-conditioned problems; on a {@link QuadraticFunction}, passing an
 * {@link ExactQuadraticLineSearch} turns this into linear conjugate gradients.
 *
 * <p>Reference: J. Nocedal, S. J. Wright, Numerical Optimization, 2nd ed. (2006), §5.2,
 * Algorithm 5.4, (5.44)–(5.45) for PR+ and FR, (5.52) for the restart test, (3.60) for the first
 * trial; E. Polak, G. Ribière (1969); R. Fletcher, C. M. Reeves (1964); M. J. D. Powell,
 * "Restart procedures for the conjugate gradient method", Math. Programming 12 (1977).
 *
 * @param beta the formula for β
 * @param lineSearch a search meeting the strong Wolfe conditions with a small c₂, usually
 *     {@link StrongWolfe#forConjugateGradient()}; or {@link ExactQuadraticLineSearch} on a quadratic
 */
public record NonlinearConjugateGradient(Beta beta, LineSearch lineSearch) implements Solver<DifferentiableFunction> {

    private static final String OWNER = "NonlinearConjugateGradient";
    /** Powell's restart threshold ν: successive gradients should be nearly orthogonal. */
    private static final double ORTHOGONALITY = 0.1;

    /** The choice of β_{k+1}. */
    public enum Beta {
        /** max(0, ∇f_{k+1}ᵀ(∇f_{k+1} − ∇f_k) / ‖∇f_k‖²). */
        POLAK_RIBIERE_PLUS,
        /** ‖∇f_{k+1}‖² / ‖∇f_k‖². */
        FLETCHER_REEVES
    }

    public NonlinearConjugateGradient {
        SolverArguments.requireNonNull(OWNER, "beta", beta);
        SolverArguments.requireNonNull(OWNER, "lineSearch", lineSearch);
    }

    /** Polak–Ribière+ with {@link StrongWolfe#forConjugateGradient()}. */
    public static NonlinearConjugateGradient polakRibierePlus() {
        return new NonlinearConjugateGradient(Beta.POLAK_RIBIERE_PLUS, StrongWolfe.forConjugateGradient());
    }

    /** Fletcher–Reeves with {@link StrongWolfe#forConjugateGradient()}. */
    public static NonlinearConjugateGradient fletcherReeves() {
        return new NonlinearConjugateGradient(Beta.FLETCHER_REEVES, StrongWolfe.forConjugateGradient());
    }

    public NonlinearConjugateGradient withLineSearch(LineSearch value) {
        return new NonlinearConjugateGradient(beta, value);
    }

    @Override
    public SolverResult minimize(DifferentiableFunction function, double[] x0, StoppingCriteria stopping) {
        String name = "nonlinear CG (" + (beta == Beta.POLAK_RIBIERE_PLUS ? "PR+" : "FR") + ")";
        Run run = new Run(name, "check the function for overflow, or lower the line search's maxStep", function,
                stopping);
        Point x = run.start(x0);
        int n = x.dimension();
        Point next = new Point(n);
        double[] direction = new double[n];
        Vectors.negate(x.gradient(), direction);
        double firstTrial = Math.min(1, 1 / x.gradientNorm());
        SolverResult result = run.checkStart(x);
        while (result == null) {
            double slope = x.slopeAlong(direction);
            LineSearchResult step = lineSearch.search(run.function(), x, direction, firstTrial, next);
            if (!step.outcome().moved()) {
                return run.lineSearchStopped(x, step);
            }
            run.noteLineSearch(step);

            double[] g = x.gradient();
            double[] gNext = next.gradient();
            double gg = Vectors.dot(g, g);
            double gNextNext = Vectors.dot(gNext, gNext);
            double gNextG = Vectors.dot(gNext, g);
            double b = beta == Beta.POLAK_RIBIERE_PLUS ? Math.max(0, (gNextNext - gNextG) / gg) : gNextNext / gg;
            if (Math.abs(gNextG) >= ORTHOGONALITY * gNextNext || !Double.isFinite(b)) {
                b = 0;
            }
            for (int i = 0; i < n; i++) {
                direction[i] = -gNext[i] + b * direction[i];
            }
            double nextSlope = next.slopeAlong(direction);
            if (b != 0 && !(nextSlope < 0)) {
                Vectors.negate(gNext, direction);
                nextSlope = -gNextNext;
                b = 0;
                run.note("the conjugate direction did not descend; restarted along −∇f");
            }
            firstTrial = step.step() * slope / nextSlope;
            if (!(firstTrial > 0) || Double.isInfinite(firstTrial)) {
                firstTrial = 1;
            }

            Point previous = x;
            x = next;
            next = previous;
            result = run.completeIteration(x);
        }
        return result;
    }
}
