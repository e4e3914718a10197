package dev.descent.solver;

/**
 * A one-dimensional search along a descent direction d from a point x: choose a step t &gt; 0
 * such that x + t·d is acceptably better than x. Implementations are immutable configurations;
 * a search keeps no state between calls.
 *
 * <p>Implementations: {@link BacktrackingArmijo} (sufficient decrease only),
 * {@link StrongWolfe} (sufficient decrease and curvature, for quasi-Newton and conjugate
 * gradients) and {@link ExactQuadraticLineSearch} (the exact minimiser on a quadratic).
 */
public interface LineSearch {

    /**
     * Searches along {@code direction} from {@code start}.
     *
     * @param function the function, which the search evaluates (each call counts)
     * @param start the current point, already evaluated; not modified
     * @param direction d, with ∇f(start)ᵀd &lt; 0; not modified
     * @param firstTrial the first step tried, &gt; 0 (1 for Newton-like directions)
     * @param accepted receives x + t·d with its value and gradient when the outcome
     *     {@linkplain LineSearchResult.Outcome#moved() moved}, a copy of {@code start} otherwise
     * @throws IllegalArgumentException if d is not a descent direction (∇fᵀd ≥ 0 or NaN), which
     *     is a bug in the caller rather than a numerical event
     */
    LineSearchResult search(DifferentiableFunction function, Point start, double[] direction, double firstTrial,
            Point accepted);

    /** The slope φ'(0) = ∇f(start)ᵀd, or an error naming it if d does not descend. */
    static double requireDescent(String owner, Point start, double[] direction) {
        double slope = start.slopeAlong(direction);
        if (!(slope < 0)) {
            throw new IllegalArgumentException(owner + ": the direction is not a descent direction: ∇f(x)ᵀd = "
                    + slope + " must be < 0; use −∇f(x), or reset the method's memory");
        }
        return slope;
    }
}
