package dev.descent.solver;

/**
 * How {@link GradientDescent} chooses the step α_k along −∇f(x_k): a constant, a backtracking
 * Armijo search, or the exact minimiser on a quadratic.
 */
public sealed interface StepSize {

    /** The constant step α; see {@link Fixed}. */
    static StepSize fixed(double step) {
        return new Fixed(step);
    }

    /** Backtracking with {@link BacktrackingArmijo#defaults()}. */
    static StepSize armijo() {
        return new Armijo(BacktrackingArmijo.defaults());
    }

    /** Backtracking with the given search. */
    static StepSize armijo(BacktrackingArmijo search) {
        return new Armijo(search);
    }

    /** The exact step on a {@link QuadraticFunction}. */
    static StepSize exact() {
        return new Exact();
    }

    /**
     * A constant step α. On an L-smooth function gradient descent decreases f for α &lt; 2/L and
     * converges fastest for a strongly convex quadratic at α = 2/(λ_min + λ_max); α = 1/L is the
     * safe textbook choice. Too large a step diverges, which the run reports as
     * {@link StopReason#DIVERGED}.
     *
     * @param step α &gt; 0
     */
    record Fixed(double step) implements StepSize {
        public Fixed {
            SolverArguments.requirePositive("StepSize.Fixed", "step (α)", step);
        }
    }

    /** Backtracking from {@link BacktrackingArmijo#initialStep()} at every iteration. */
    record Armijo(BacktrackingArmijo search) implements StepSize {
        public Armijo {
            SolverArguments.requireNonNull("StepSize.Armijo", "search", search);
        }
    }

    /**
     * α_k = ‖g‖² / gᵀAg, the minimiser along −g ({@link ExactQuadraticLineSearch}); the function
     * minimised must be a {@link QuadraticFunction}.
     */
    record Exact() implements StepSize {}
}
