package dev.descent.solver;

/** Why a solver stopped. The first two mean it converged; the others do not. */
public enum StopReason {
    /** ‖∇f(x)‖ ≤ {@link StoppingCriteria#gradientTolerance()}. */
    GRADIENT_TOLERANCE(true),
    /** |f_k − f_{k−1}| ≤ {@link StoppingCriteria#relativeChangeTolerance()}·max(1, |f_k|). */
    RELATIVE_CHANGE(true),
    /** {@link StoppingCriteria#maxIterations()} iterations done. */
    MAX_ITERATIONS(false),
    /** {@link StoppingCriteria#maxEvaluations()} function evaluations used. */
    MAX_EVALUATIONS(false),
    /** {@link StoppingCriteria#maxWallTime()} elapsed. */
    MAX_WALL_TIME(false),
    /** The value or the gradient became NaN or infinite: the step was too long for the function. */
    DIVERGED(false),
    /** The line search found no acceptable step: usually f is at the limit of double precision. */
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
