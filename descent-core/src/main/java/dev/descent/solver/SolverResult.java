package dev.descent.solver;

import java.util.List;

/**
 * The outcome of a {@link Solver} run. Entry 0 of each history is the start point, entry k the
 * iterate after iteration k, so both have {@code iterations + 1} entries: ready to plot
 * f_k or ‖∇f_k‖ on a log scale against k. After {@link StopReason#DIVERGED} the histories end at
 * the last finite iterate, which is also the {@code x} returned.
 *
 * @param x the last iterate (for {@link StopReason#DIVERGED}, the last finite one, if any)
 * @param value f(x)
 * @param gradientNorm ‖∇f(x)‖₂
 * @param iterations the iterations completed
 * @param evaluations the calls to {@link DifferentiableFunction#valueAndGradient}, line searches included
 * @param reason why the run stopped
 * @param message the reason in one sentence, with the numbers that triggered it
 * @param valueHistory f at every iterate
 * @param gradientNormHistory ‖∇f‖₂ at every iterate
 * @param notes events worth knowing that did not stop the run (skipped updates, restarts,
 *     fallbacks), each with how often and when it first happened
 */
public record SolverResult(double[] x, double value, double gradientNorm, int iterations, long evaluations,
        StopReason reason, String message, double[] valueHistory, double[] gradientNormHistory,
        List<String> notes) {

    public SolverResult {
        notes = List.copyOf(notes);
    }

    /** Whether the run stopped on a convergence test rather than a budget or a failure. */
    public boolean converged() {
        return reason.isConvergence();
    }

    @Override
    public String toString() {
        return message + (notes.isEmpty() ? "" : " Notes: " + String.join("; ", notes) + ".");
    }
}
