package dev.descent.solver;

/**
 * A smooth function f: ℝⁿ → ℝ of a flat double vector, with its gradient. The solvers in this
 * package see a model only through this interface.
 *
 * <p>One call computes both the value and the gradient because almost every method needs both
 * at the same point, and for most models they share the forward pass. Implementations must be
 * deterministic and must not keep {@code x} or {@code gradientOut}: the solvers reuse both
 * buffers. A point where f is undefined should give NaN or ±∞ rather than throw; the solvers
 * turn that into {@link StopReason#DIVERGED} or a shorter step.
 */
public interface DifferentiableFunction {

    /** n, the length of {@code x} and of the gradient. */
    int dimension();

    /**
     * Writes ∇f(x) into {@code gradientOut} (length {@link #dimension()}) and returns f(x).
     * Must not modify {@code x}.
     */
    double valueAndGradient(double[] x, double[] gradientOut);

    /** f(x). The default computes and discards the gradient; override when f alone is cheaper. */
    default double value(double[] x) {
        return valueAndGradient(x, new double[dimension()]);
    }
}
