package dev.descent.solver;

import java.time.Duration;

/**
 * When a solver stops: the first of these tests to hold, checked at the start point and after
 * every iteration, in this order.
 *
 * <pre>
 *   GRADIENT_TOLERANCE   ‖∇f(x_k)‖₂ ≤ gradientTolerance
 *   RELATIVE_CHANGE      |f_k − f_{k−1}| ≤ relativeChangeTolerance·max(1, |f_k|)     (k ≥ 1)
 *   MAX_ITERATIONS       k ≥ maxIterations
 *   MAX_EVALUATIONS      evaluations ≥ maxEvaluations
 *   MAX_WALL_TIME        elapsed ≥ maxWallTime
 * </pre>
 *
 * A tolerance of 0 turns its test off (except that ‖∇f‖ = 0 still stops). Budgets are checked
 * between iterations, so the evaluations of the last iteration's line search may take the count
 * past {@code maxEvaluations}, by at most that search's own limit. Before all of these, a NaN or
 * infinite value or gradient stops the run as {@link StopReason#DIVERGED}.
 *
 * @param gradientTolerance ≥ 0: the absolute bound on the gradient's Euclidean norm
 * @param relativeChangeTolerance ≥ 0: the bound on the change of f relative to max(1, |f|)
 * @param maxIterations ≥ 0: the iterations allowed (0 only evaluates the start)
 * @param maxEvaluations ≥ 1: the calls to {@link DifferentiableFunction#valueAndGradient} allowed
 * @param maxWallTime ≥ 0: the elapsed time allowed, measured from the start of the run
 */
public record StoppingCriteria(double gradientTolerance, double relativeChangeTolerance, int maxIterations,
        long maxEvaluations, Duration maxWallTime) {

    private static final String OWNER = "StoppingCriteria";
    /** The longest wall time, about 292 years: longer settings mean "no limit". */
    private static final Duration LONGEST = Duration.ofNanos(Long.MAX_VALUE);

    public StoppingCriteria {
        SolverArguments.requireNonNegative(OWNER, "gradientTolerance", gradientTolerance);
        SolverArguments.requireNonNegative(OWNER, "relativeChangeTolerance", relativeChangeTolerance);
        SolverArguments.requireAtLeast(OWNER, "maxIterations", maxIterations, 0);
        SolverArguments.requireAtLeast(OWNER, "maxEvaluations", maxEvaluations, 1);
        SolverArguments.requireNonNull(OWNER, "maxWallTime", maxWallTime);
        if (maxWallTime.isNegative()) {
            throw SolverArguments.invalid(OWNER, "maxWallTime", maxWallTime, "≥ 0 (PT0S)");
        }
    }

    /**
     * ‖∇f‖ ≤ 10⁻⁶, relative change off, at most 10 000 iterations and 1 000 000 evaluations, no
     * time limit.
     */
    public static StoppingCriteria defaults() {
        return new StoppingCriteria(1e-6, 0, 10_000, 1_000_000, LONGEST);
    }

    public StoppingCriteria withGradientTolerance(double value) {
        return new StoppingCriteria(value, relativeChangeTolerance, maxIterations, maxEvaluations, maxWallTime);
    }

    public StoppingCriteria withRelativeChangeTolerance(double value) {
        return new StoppingCriteria(gradientTolerance, value, maxIterations, maxEvaluations, maxWallTime);
    }

    public StoppingCriteria withMaxIterations(int value) {
        return new StoppingCriteria(gradientTolerance, relativeChangeTolerance, value, maxEvaluations, maxWallTime);
    }

    public StoppingCriteria withMaxEvaluations(long value) {
        return new StoppingCriteria(gradientTolerance, relativeChangeTolerance, maxIterations, value, maxWallTime);
    }

    public StoppingCriteria withMaxWallTime(Duration value) {
        return new StoppingCriteria(gradientTolerance, relativeChangeTolerance, maxIterations, maxEvaluations, value);
    }

    /** {@link #maxWallTime()} in nanoseconds, saturated at {@link Long#MAX_VALUE}. */
    long maxWallNanos() {
        return maxWallTime.compareTo(LONGEST) >= 0 ? Long.MAX_VALUE : maxWallTime.toNanos();
    }
}
