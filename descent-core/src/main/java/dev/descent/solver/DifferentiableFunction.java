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

    /**
     * ε, the relative rounding error with which f and ∇f are computed: {@code Math.ulp(1.0)} =
     * 2⁻⁵² ≈ 2.2e-16 by default, for double arithmetic. A function evaluated in float32 (with its
     * parameters rounded to float32) should return {@code Math.ulp(1f)} = 2⁻²³ ≈ 1.2e-7. The
     * solvers use it to tell a line search that fails at the limit of this precision, where f
     * can no longer be decreased measurably, from one that fails for another reason
     * ({@link StopReason#PRECISION_LIMIT}).
     */
    default double relativePrecision() {
        return Math.ulp(1.0);
    }

    /** f(x). The default computes and discards the gradient; override when f alone is cheaper. */
    default double value(double[] x) {
        return valueAndGradient(x, new double[dimension()]);
    }
}
