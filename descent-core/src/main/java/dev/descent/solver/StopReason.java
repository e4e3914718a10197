package dev.descent.solver;

/** Why a solver stopped. The first three mean it converged; the others do not. */
public enum StopReason {
    /**
     * ‖∇f(x)‖ ≤ {@link StoppingCriteria#gradientTolerance()}, or ‖∇f(x)‖ ≤
     * {@link StoppingCriteria#relativeGradientTolerance()}·‖∇f(x₀)‖.
     */
    GRADIENT_TOLERANCE(true),
    /** |f_k − f_{k−1}| ≤ {@link StoppingCriteria#relativeChangeTolerance()}·max(1, |f_k|). */
    RELATIVE_CHANGE(true),
    /**
     * Converged to the precision f is computed in: the line search could no longer decrease f
     * measurably, at a point where ‖∇f(x)‖ ≤ √ε·‖∇f(x₀)‖, ε being the function's
     * {@link DifferentiableFunction#relativePrecision()} (√ε ≈ 3.5e-4 for a float32 objective,
     * 1.5e-8 in double). The gradient has fallen as far as rounding lets a line search see, which
     * is where a float32 objective ends when the gradient tolerance asks for more; on a badly
     * conditioned problem (unscaled features) f may still be some way above its minimum there.
     */
    PRECISION_LIMIT(true),
    /** {@link StoppingCriteria#maxIterations()} iterations done. */
    MAX_ITERATIONS(false),
    /** {@link StoppingCriteria#maxEvaluations()} function evaluations used. */
    MAX_EVALUATIONS(false),
    /** {@link StoppingCriteria#maxWallTime()} elapsed. */
    MAX_WALL_TIME(false),
    /** The value or the gradient became NaN or infinite: the step was too long for the function. */
    DIVERGED(false),
    /**
     * The line search found no acceptable step while ‖∇f‖ was still above the precision limit
     * (see {@link #PRECISION_LIMIT}): the gradient may not match f, or f is not smooth there.
     */
    LINE_SEARCH_FAILED(false);

    private final boolean converged;

    StopReason(boolean converged) {
        this.converged = converged;
    }

    /** Whether this reason is a convergence test rather than a budget or a failure. */
    public boolean isConvergence() {
        return converged;
    }
}
