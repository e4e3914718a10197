package dev.descent.solver;

import java.time.Duration;

/**
 * When a solver stops: the first of these tests to hold, checked at the start point and after
 * every iteration, in this order.
 *
 * <pre>
 *   GRADIENT_TOLERANCE   ‖∇f(x_k)‖₂ ≤ gradientTolerance  or  ‖∇f(x_k)‖₂ ≤ relativeGradientTolerance·‖∇f(x₀)‖₂
 *   RELATIVE_CHANGE      |f_k − f_{k−1}| ≤ relativeChangeTolerance·max(1, |f_k|)     (k ≥ 1)
 *   MAX_ITERATIONS       k ≥ maxIterations
 *   MAX_EVALUATIONS      evaluations ≥ maxEvaluations
 *   MAX_WALL_TIME        elapsed ≥ maxWallTime
 * </pre>
 *
 * A tolerance of 0 turns its test off (except that ‖∇f‖ = 0 still stops). Budgets are checked
 * between iterations, so the evaluations of the last iteration's line search may take the count
 * past {@code maxEvaluations}, by at most that search's own limit. Before all of these, a NaN or
 * infinite value or gradient stops the run as {@link StopReason#DIVERGED}; and a line search
 * that can no longer decrease f stops it as {@link StopReason#PRECISION_LIMIT} (converged) when
 * the gradient has fallen to the precision f is computed in, else as
 * {@link StopReason#LINE_SEARCH_FAILED}.
 *
 * <p><b>Float32 objectives.</b> An absolute gradient tolerance suits a function computed in
 * double. A model's objective computed in float32 ({@code EmpiricalRisk}) carries rounding
 * noise in its gradient that grows with the data's scale, so an absolute 10⁻⁶ may be out of
 * reach; {@link #forFloat32()} asks instead for the gradient to fall by a factor
 * 10⁵ from the start, which such an objective can
 * meet on well-scaled data.
 *
 * @param gradientTolerance ≥ 0: the absolute bound on the gradient's Euclidean norm
 * @param relativeGradientTolerance ≥ 0: the bound on the gradient's norm relative to its norm at x₀
 * @param relativeChangeTolerance ≥ 0: the bound on the change of f relative to max(1, |f|)
 * @param maxIterations ≥ 0: the iterations allowed (0 only evaluates the start)
 * @param maxEvaluations ≥ 1: the calls to {@link DifferentiableFunction#valueAndGradient} allowed
 * @param maxWallTime ≥ 0: the elapsed time allowed, measured from the start of the run
 */
public record StoppingCriteria(double gradientTolerance, double relativeGradientTolerance,
        double relativeChangeTolerance, int maxIterations, long maxEvaluations, Duration maxWallTime) {

    private static final String OWNER = "StoppingCriteria";
    /** The longest wall time, about 292 years: longer settings mean "no limit". */
    private static final Duration LONGEST = Duration.ofNanos(Long.MAX_VALUE);
    /**
     * The relative gradient tolerance of {@link #forFloat32()}: 10⁻⁵. Measured with L-BFGS on
     * logistic regression over the standardised built-in data sets in float32, the gradient
     * stalls between 3·10⁻⁶ (breast cancer, digits) and 2·10⁻⁵ (iris) of its start value, where
     * the line search can no longer see f decrease: this tolerance is met on most of them, and
     * the others stop at {@link StopReason#PRECISION_LIMIT} just above it.
     */
    public static final double FLOAT32_RELATIVE_GRADIENT_TOLERANCE = 1e-5;

    public StoppingCriteria {
        SolverArguments.requireNonNegative(OWNER, "gradientTolerance", gradientTolerance);
        SolverArguments.requireNonNegative(OWNER, "relativeGradientTolerance", relativeGradientTolerance);
        SolverArguments.requireNonNegative(OWNER, "relativeChangeTolerance", relativeChangeTolerance);
        SolverArguments.requireAtLeast(OWNER, "maxIterations", maxIterations, 0);
        SolverArguments.requireAtLeast(OWNER, "maxEvaluations", maxEvaluations, 1);
        SolverArguments.requireNonNull(OWNER, "maxWallTime", maxWallTime);
        if (maxWallTime.isNegative()) {
            throw SolverArguments.invalid(OWNER, "maxWallTime", maxWallTime, "≥ 0 (PT0S)");
        }
    }

    /**
     * ‖∇f‖ ≤ 10⁻⁶, relative gradient and relative change off, at most 10 000 iterations and
     * 1 000 000 evaluations, no time limit: for functions computed in double.
     */
    public static StoppingCriteria defaults() {
        return new StoppingCriteria(1e-6, 0, 0, 10_000, 1_000_000, LONGEST);
    }

    /**
     * For objectives computed in float32: {@link #defaults()} with the absolute gradient test
     * off and ‖∇f‖ ≤ {@value #FLOAT32_RELATIVE_GRADIENT_TOLERANCE}·‖∇f(x₀)‖ instead, which
     * does not depend on the scale of the data.
     */
    public static StoppingCriteria forFloat32() {
        return defaults().withGradientTolerance(0).withRelativeGradientTolerance(FLOAT32_RELATIVE_GRADIENT_TOLERANCE);
    }

    public StoppingCriteria withGradientTolerance(double value) {
        return new StoppingCriteria(value, relativeGradientTolerance, relativeChangeTolerance, maxIterations,
                maxEvaluations, maxWallTime);
    }

    public StoppingCriteria withRelativeGradientTolerance(double value) {
        return new StoppingCriteria(gradientTolerance, value, relativeChangeTolerance, maxIterations, maxEvaluations,
                maxWallTime);
    }

    public StoppingCriteria withRelativeChangeTolerance(double value) {
        return new StoppingCriteria(gradientTolerance, relativeGradientTolerance, value, maxIterations,
                maxEvaluations, maxWallTime);
    }

    public StoppingCriteria withMaxIterations(int value) {
        return new StoppingCriteria(gradientTolerance, relativeGradientTolerance, relativeChangeTolerance, value,
                maxEvaluations, maxWallTime);
    }

    public StoppingCriteria withMaxEvaluations(long value) {
        return new StoppingCriteria(gradientTolerance, relativeGradientTolerance, relativeChangeTolerance,
                maxIterations, value, maxWallTime);
    }

    public StoppingCriteria withMaxWallTime(Duration value) {
        return new StoppingCriteria(gradientTolerance, relativeGradientTolerance, relativeChangeTolerance,
                maxIterations, maxEvaluations, value);
    }

    /** {@link #maxWallTime()} in nanoseconds, saturated at {@link Long#MAX_VALUE}. */
    long maxWallNanos() {
        return maxWallTime.compareTo(LONGEST) >= 0 ? Long.MAX_VALUE : maxWallTime.toNanos();
    }
}
