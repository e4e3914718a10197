package dev.descent.solver;

/**
 * A deterministic full-batch minimiser: from {@code x0}, iterate until one of the
 * {@link StoppingCriteria} holds or the method cannot go on, and report why.
 *
 * <p>Implementations are immutable configurations (records), so one solver can minimise many
 * functions, even concurrently; all state of a run lives inside {@link #minimize}. A run never
 * throws for a numerical failure (a NaN, a failed line search): it stops and says so in the
 * {@link SolverResult}. It throws only for a wrong call, such as an {@code x0} whose length is
 * not the function's dimension.
 *
 * @param <F> the kind of function the method needs: gradients only, or the Hessian too
 */
public interface Solver<F extends DifferentiableFunction> {

    /** Minimises {@code function} from {@code x0} (not modified). */
    SolverResult minimize(F function, double[] x0, StoppingCriteria stopping);
}
