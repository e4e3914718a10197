package dev.descent.solver;

/**
 * Backtracking line search with the Armijo sufficient-decrease condition.
 *
 * <pre>
 *   t ← t₀
 *   while f(x + t·d) &gt; f(x) + c·t·∇f(x)ᵀd:
 *       t ← ρ·t
 *   return t
 * </pre>
 *
 * The loop ends because d descends: for small enough t the decrease is ≈ t·|∇fᵀd| &gt; c·t·|∇fᵀd|.
 * A NaN or infinite value at a trial counts as "not sufficient", so an overlong first step is
 * shortened instead of poisoning the run. Near a minimiser, where the predicted decrease is
 * below the rounding error of f, the test is judged on slopes instead (see
 * {@link SufficientDecrease}); elsewhere it is exactly the inequality above.
 * {@link #initialStep()} is the t₀ of {@link GradientDescent} and {@link NewtonMethod}; other
 * callers pass their own first trial.
 *
 * <p>Reference: L. Armijo, "Minimization of functions having Lipschitz continuous first
 * partial derivatives", Pacific J. Math. 16(1) (1966); J. Nocedal, S. J. Wright, Numerical
 * Optimization, 2nd ed. (2006), Algorithm 3.1.
 *
 * @param sufficientDecrease c ∈ (0, 1), the fraction of the linear decrease demanded; 10⁻⁴ is usual
 * @param shrinkFactor ρ ∈ (0, 1), how much t shrinks after a rejected trial
 * @param initialStep t₀ &gt; 0, the first trial when the caller has no better guess
 * @param maxEvaluations the trials allowed (≥ 1) before the search reports failure
 */
public record BacktrackingArmijo(double sufficientDecrease, double shrinkFactor, double initialStep,
        int maxEvaluations) implements LineSearch {

    private static final String OWNER = "BacktrackingArmijo";

    public BacktrackingArmijo {
        SolverArguments.requireOpenUnitInterval(OWNER, "sufficientDecrease (c)", sufficientDecrease);
        SolverArguments.requireOpenUnitInterval(OWNER, "shrinkFactor (ρ)", shrinkFactor);
        SolverArguments.requirePositive(OWNER, "initialStep (t₀)", initialStep);
        SolverArguments.requireAtLeast(OWNER, "maxEvaluations", maxEvaluations, 1);
    }

    /** c = 10⁻⁴, ρ = ½, t₀ = 1, at most 60 trials (down to t = 2⁻⁵⁹ ≈ 10⁻¹⁸). */
    public static BacktrackingArmijo defaults() {
        return new BacktrackingArmijo(1e-4, 0.5, 1, 60);
    }

    public BacktrackingArmijo withSufficientDecrease(double value) {
        return new BacktrackingArmijo(value, shrinkFactor, initialStep, maxEvaluations);
    }

    public BacktrackingArmijo withShrinkFactor(double value) {
        return new BacktrackingArmijo(sufficientDecrease, value, initialStep, maxEvaluations);
    }

    public BacktrackingArmijo withInitialStep(double value) {
        return new BacktrackingArmijo(sufficientDecrease, shrinkFactor, value, maxEvaluations);
    }

    public BacktrackingArmijo withMaxEvaluations(int value) {
        return new BacktrackingArmijo(sufficientDecrease, shrinkFactor, initialStep, value);
    }

    @Override
    public LineSearchResult search(DifferentiableFunction function, Point start, double[] direction,
            double firstTrial, Point accepted) {
        SolverArguments.requirePositive(OWNER, "firstTrial", firstTrial);
        double slope0 = LineSearch.requireDescent(OWNER, start, direction);
        double value0 = start.value();
        double t = firstTrial;
        for (int evaluations = 1; evaluations <= maxEvaluations; evaluations++) {
            accepted.setAlong(start, t, direction);
            accepted.evaluate(function);
            double slopeT = accepted.slopeAlong(direction);
            if (SufficientDecrease.holds(sufficientDecrease, t, value0, slope0, accepted.value(), slopeT)) {
                return LineSearchResult.satisfied(t, evaluations);
            }
            t *= shrinkFactor;
        }
        double smallest = t / shrinkFactor;
        boolean lastFinite = accepted.isFinite();
        accepted.copyFrom(start);
        if (!lastFinite) {
            return new LineSearchResult(0, maxEvaluations, LineSearchResult.Outcome.NOT_FINITE,
                    "f or ∇f was still NaN or infinite at the smallest of " + maxEvaluations + " trial steps, t = "
                            + smallest);
        }
        return new LineSearchResult(0, maxEvaluations, LineSearchResult.Outcome.FAILED,
                "no step from " + firstTrial + " down to " + smallest + " decreased f sufficiently in "
                        + maxEvaluations + " evaluations (∇fᵀd = " + slope0 + ")");
    }

    @Override
    public String toString() {
        return "Armijo(c=" + sufficientDecrease + ", ρ=" + shrinkFactor + ", t₀=" + initialStep + ")";
    }
}
