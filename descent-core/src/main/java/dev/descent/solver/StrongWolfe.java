package dev.descent.solver;

/**
 * Line search for the strong Wolfe conditions: bracketing, then zoom with safeguarded cubic
 * interpolation.
 *
 * <pre>
 *   sufficient decrease:  φ(t) ≤ φ(0) + c₁·t·φ'(0)          φ(t) = f(x + t·d)
 *   curvature (strong):   |φ'(t)| ≤ c₂·|φ'(0)|              0 &lt; c₁ &lt; c₂ &lt; 1
 *
 *   bracket (Alg. 3.5):  t₀ = 0, t₁ = first trial; for i = 1, 2, …
 *       if φ(tᵢ) violates sufficient decrease or φ(tᵢ) ≥ φ(tᵢ₋₁) (i &gt; 1):  zoom(tᵢ₋₁, tᵢ)
 *       if |φ'(tᵢ)| ≤ c₂·|φ'(0)|:                                            return tᵢ
 *       if φ'(tᵢ) ≥ 0:                                                       zoom(tᵢ, tᵢ₋₁)
 *       tᵢ₊₁ ← min(2·tᵢ, maxStep)
 *   zoom(lo, hi) (Alg. 3.6): φ(lo) is the lowest value seen and φ'(lo)·(hi − lo) &lt; 0, so
 *       [lo, hi] holds a point satisfying both conditions; repeat:
 *       t ← minimiser of the cubic through φ, φ' at lo and hi, kept 10% inside the interval
 *       if φ(t) violates sufficient decrease or φ(t) ≥ φ(lo):  hi ← t
 *       else if |φ'(t)| ≤ c₂·|φ'(0)|:                          return t
 *       else: if φ'(t)·(hi − lo) ≥ 0: hi ← lo;  lo ← t
 * </pre>
 *
 * c₂ = 0.9 suits quasi-Newton methods, whose first trial t = 1 is usually accepted; nonlinear
 * conjugate gradients need a more exact search, c₂ = 0.1 ({@link #forConjugateGradient()}).
 * A trial where f or φ' is NaN or infinite is treated as "too far" and bisected towards lo.
 * When the evaluations run out after some step already decreased f sufficiently, that step is
 * returned as {@link LineSearchResult.Outcome#SUFFICIENT_DECREASE_ONLY}. At the limit of double
 * precision, values are compared through slopes (see {@link SufficientDecrease}).
 *
 * <p>Reference: J. Nocedal, S. J. Wright, Numerical Optimization, 2nd ed. (2006), §3.5,
 * Algorithms 3.5 and 3.6, and the cubic interpolation formula (3.59).
 *
 * @param sufficientDecrease c₁ ∈ (0, 1); 10⁻⁴ is usual
 * @param curvature c₂ ∈ (c₁, 1)
 * @param maxStep the largest step tried, &gt; 0
 * @param maxEvaluations the trials allowed (≥ 1)
 */
public record StrongWolfe(double sufficientDecrease, double curvature, double maxStep, int maxEvaluations)
        implements LineSearch {

    private static final String OWNER = "StrongWolfe";
    /** How far inside [lo, hi] an interpolated trial must stay, as a fraction of the width. */
    private static final double INTERPOLATION_MARGIN = 0.1;
    /** The zoom interval is treated as collapsed below this width relative to its end. */
    private static final double COLLAPSED = 1e-14;

    public StrongWolfe {
        SolverArguments.requireOpenUnitInterval(OWNER, "sufficientDecrease (c1)", sufficientDecrease);
        if (!(curvature > sufficientDecrease && curvature < 1)) {
            throw SolverArguments.invalid(OWNER, "curvature (c2)", curvature,
                    "in (c1 = " + sufficientDecrease + ", 1)");
        }
        SolverArguments.requirePositive(OWNER, "maxStep", maxStep);
        SolverArguments.requireAtLeast(OWNER, "maxEvaluations", maxEvaluations, 1);
    }

    /** c₁ = 10⁻⁴, c₂ = 0.9, steps up to 10²⁰, at most 40 evaluations: for quasi-Newton methods. */
    public static StrongWolfe defaults() {
        return new StrongWolfe(1e-4, 0.9, 1e20, 40);
    }

    /** c₁ = 10⁻⁴, c₂ = 0.1: the nearly exact search nonlinear conjugate gradients need. */
    public static StrongWolfe forConjugateGradient() {
        return defaults().withCurvature(0.1);
    }

    public StrongWolfe withSufficientDecrease(double value) {
        return new StrongWolfe(value, curvature, maxStep, maxEvaluations);
    }

    public StrongWolfe withCurvature(double value) {
        return new StrongWolfe(sufficientDecrease, value, maxStep, maxEvaluations);
    }

    public StrongWolfe withMaxStep(double value) {
        return new StrongWolfe(sufficientDecrease, curvature, value, maxEvaluations);
    }

    public StrongWolfe withMaxEvaluations(int value) {
        return new StrongWolfe(sufficientDecrease, curvature, maxStep, value);
    }

    @Override
    public LineSearchResult search(DifferentiableFunction function, Point start, double[] direction,
            double firstTrial, Point accepted) {
        SolverArguments.requirePositive(OWNER, "firstTrial", firstTrial);
        return new Search(function, start, direction, accepted).run(Math.min(firstTrial, maxStep));
    }

    /** The state of one search: the bracket [lo, hi] with φ and φ' at both ends. */
    private final class Search {
        private final DifferentiableFunction function;
        private final Point start;
        private final double[] direction;
        private final Point accepted;
        private final double value0;
        private final double slope0;
        private Point lo;
        private Point trial;
        private double stepLo;
        private double valueLo;
        private double slopeLo;
        private double stepHi = Double.NaN;
        private double valueHi = Double.NaN;
        private double slopeHi = Double.NaN;
        private double trialSlope;
        private int evaluations;

        Search(DifferentiableFunction function, Point start, double[] direction, Point accepted) {
            this.function = function;
            this.start = start;
            this.direction = direction;
            this.accepted = accepted;
            this.slope0 = LineSearch.requireDescent(OWNER, start, direction);
            this.value0 = start.value();
            this.lo = new Point(start.dimension());
            this.trial = new Point(start.dimension());
            lo.copyFrom(start);
            stepLo = 0;
            valueLo = value0;
            slopeLo = slope0;
        }

        LineSearchResult run(double firstTrial) {
            double t = firstTrial;
            while (true) {
                if (evaluations == maxEvaluations) {
                    return giveUp("no step met the strong Wolfe conditions in " + maxEvaluations
                            + " evaluations (largest step tried " + t + ")");
                }
                evaluateTrial(t);
                if (!decreasesEnough(t) || (stepLo > 0 && notLower(t))) {
                    setHi(t, trial.value(), trialSlope);
                    return zoom();
                }
                if (curvatureHolds()) {
                    return accept(t);
                }
                if (trialSlope >= 0) {
                    setHi(stepLo, valueLo, slopeLo);
                    moveLoToTrial(t);
                    return zoom();
                }
                moveLoToTrial(t);
                if (t >= maxStep) {
                    return giveUp("f still decreases steeply at maxStep = " + maxStep);
                }
                t = Math.min(2 * t, maxStep);
            }
        }

        private LineSearchResult zoom() {
            while (true) {
                if (evaluations == maxEvaluations) {
                    return giveUp("zoom did not meet the strong Wolfe conditions in " + maxEvaluations
                            + " evaluations (interval [" + Math.min(stepLo, stepHi) + ", "
                            + Math.max(stepLo, stepHi) + "])");
                }
                double lower = Math.min(stepLo, stepHi);
                double upper = Math.max(stepLo, stepHi);
                if (upper - lower <= COLLAPSED * upper) {
                    return giveUp("the zoom interval collapsed at t = " + stepLo
                            + " before the curvature condition held (f is flat to double precision)");
                }
                double t = interpolate(lower, upper);
                evaluateTrial(t);
                if (!decreasesEnough(t) || notLower(t)) {
                    setHi(t, trial.value(), trialSlope);
                    continue;
                }
                if (curvatureHolds()) {
                    return accept(t);
                }
                if (trialSlope * (stepHi - stepLo) >= 0) {
                    setHi(stepLo, valueLo, slopeLo);
                }
                moveLoToTrial(t);
            }
        }

        /**
         * The cubic's minimiser through both ends (formula 3.59), kept inside; where values are
         * rounding noise, the zero of the secant through the slopes; else bisection.
         */
        private double interpolate(double lower, double upper) {
            double margin = INTERPOLATION_MARGIN * (upper - lower);
            double middle = 0.5 * (lower + upper);
            if (!Double.isFinite(valueHi) || !Double.isFinite(slopeHi)) {
                return middle;
            }
            if (SufficientDecrease.valuesAreNoise(upper, value0, slope0)) {
                double secant = stepLo - slopeLo * (stepHi - stepLo) / (slopeHi - slopeLo);
                return Double.isFinite(secant) ? Math.max(lower + margin, Math.min(upper - margin, secant)) : middle;
            }
            double d1 = slopeLo + slopeHi - 3 * (valueLo - valueHi) / (stepLo - stepHi);
            double discriminant = d1 * d1 - slopeLo * slopeHi;
            if (!(discriminant >= 0)) {
                return middle;
            }
            double d2 = Math.copySign(Math.sqrt(discriminant), stepHi - stepLo);
            double t = stepHi - (stepHi - stepLo) * (slopeHi + d2 - d1) / (slopeHi - slopeLo + 2 * d2);
            if (!Double.isFinite(t)) {
                return middle;
            }
            return Math.max(lower + margin, Math.min(upper - margin, t));
        }

        private void evaluateTrial(double t) {
            trial.setAlong(start, t, direction);
            trial.evaluate(function);
            evaluations++;
            trialSlope = trial.slopeAlong(direction);
        }

        private boolean decreasesEnough(double t) {
            return SufficientDecrease.holds(sufficientDecrease, t, value0, slope0, trial.value(), trialSlope);
        }

        /** φ(t) ≥ φ(lo), unless values at this scale are rounding noise and only slopes count. */
        private boolean notLower(double t) {
            return trial.value() >= valueLo && !SufficientDecrease.valuesAreNoise(t, value0, slope0);
        }

        private boolean curvatureHolds() {
            return Math.abs(trialSlope) <= -curvature * slope0;
        }

        private void setHi(double step, double value, double slope) {
            stepHi = step;
            valueHi = value;
            slopeHi = slope;
        }

        private void moveLoToTrial(double t) {
            Point previous = lo;
            lo = trial;
            trial = previous;
            stepLo = t;
            valueLo = lo.value();
            slopeLo = trialSlope;
        }

        private LineSearchResult accept(double t) {
            accepted.copyFrom(trial);
            return LineSearchResult.satisfied(t, evaluations);
        }

        private LineSearchResult giveUp(String why) {
            if (stepLo > 0) {
                accepted.copyFrom(lo);
                return new LineSearchResult(stepLo, evaluations, LineSearchResult.Outcome.SUFFICIENT_DECREASE_ONLY,
                        why + "; kept t = " + stepLo + ", which decreases f sufficiently");
            }
            boolean lastFinite = trial.isFinite();
            accepted.copyFrom(start);
            if (!lastFinite) {
                return new LineSearchResult(0, evaluations, LineSearchResult.Outcome.NOT_FINITE,
                        "f or ∇f was still NaN or infinite at the last trial step: " + why);
            }
            return new LineSearchResult(0, evaluations, LineSearchResult.Outcome.FAILED, why);
        }
    }

    @Override
    public String toString() {
        return "StrongWolfe(c1=" + sufficientDecrease + ", c2=" + curvature + ")";
    }
}
