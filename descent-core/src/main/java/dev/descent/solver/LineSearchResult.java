package dev.descent.solver;

/**
 * What a {@link LineSearch} did: the step t it accepted along the direction, how many times it
 * evaluated f (each evaluation computes the gradient too), and whether its conditions held.
 *
 * @param step the accepted step t &gt; 0, or 0 when nothing was accepted
 * @param evaluations the calls to {@link DifferentiableFunction#valueAndGradient}
 * @param outcome whether the point returned may be used
 * @param note empty when the conditions held; otherwise what went wrong, in one sentence
 */
public record LineSearchResult(double step, int evaluations, Outcome outcome, String note) {

    /** How a search ended. */
    public enum Outcome {
        /** Every condition of the search holds at the step. */
        SATISFIED,
        /** The curvature condition could not be met, but the step decreases f sufficiently. */
        SUFFICIENT_DECREASE_ONLY,
        /** No step decreased f sufficiently; the point returned is the start. */
        FAILED,
        /**
         * No step decreased f sufficiently and f or ∇f was NaN or infinite at the last (for
         * backtracking, the shortest) trial; the point returned is the start.
         */
        NOT_FINITE;

        /** Whether the point returned is a new, usable iterate. */
        public boolean moved() {
            return this == SATISFIED || this == SUFFICIENT_DECREASE_ONLY;
        }
    }

    public LineSearchResult {
        SolverArguments.requireNonNull("LineSearchResult", "outcome", outcome);
        SolverArguments.requireNonNull("LineSearchResult", "note", note);
    }

    static LineSearchResult satisfied(double step, int evaluations) {
        return new LineSearchResult(step, evaluations, Outcome.SATISFIED, "");
    }
}
