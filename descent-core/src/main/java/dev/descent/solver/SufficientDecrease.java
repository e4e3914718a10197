package dev.descent.solver;

/**
 * The Armijo sufficient-decrease test on φ(t) = f(x + t·d), robust at the limit of double
 * precision.
 *
 * <pre>
 *   classic:      φ(t) ≤ φ(0) + c·t·φ'(0)
 *   approximate:  φ'(t) ≤ (2c − 1)·φ'(0)  and  φ(t) ≤ φ(0) + ε·|φ(0)|,
 *                 used instead when the whole predicted change t·|φ'(0)| ≤ ε·|φ(0)|
 * </pre>
 *
 * Near a minimiser the decrease t·|φ'(0)| a step promises falls below the rounding error of
 * f(x) itself (about 10⁻¹⁶·|f|, more when f is a difference of large terms, as ½xᵀAx − bᵀx is),
 * and the classic test then accepts or rejects at random: a backtracking search shrinks t until
 * it gives up long before ‖∇f‖ reaches a tight tolerance, and a Wolfe search can accept a step
 * that overshoots the minimum several times over. Slopes are still accurate there, so
 * the test switches to the trapezoid estimate φ(t) − φ(0) ≈ t·(φ'(0) + φ'(t))/2, which turns the
 * classic test into the slope condition above; for a quadratic the two are the same inequality.
 * The value guard keeps a step from increasing f by more than the noise level. A trial whose
 * value and slope are both exactly those at t = 0 never passes: it has not moved as far as f
 * can tell (x + t·d rounds to x, as when a float32 model rounds its parameters), and accepting
 * it would repeat the same non-step until the iterations run out.
 *
 * <p>ε = 10⁻¹⁰, far above the 10⁻¹⁶ relative rounding of a sum of like-signed terms and far
 * below any decrease worth measuring. (Hager and Zhang use 10⁻⁶; the smaller value matters when
 * the gradient is wrong: the slope test trusts the gradient, so a buggy gradient can make a
 * search accept steps that raise f by up to ε·|f| each. Check gradients against finite
 * differences.) The regime is relative to |f|, so for a function whose minimum value is 0 but
 * which is computed as a difference of large terms it never switches on, and a search there
 * fails at the rounding level instead: {@link StopReason#LINE_SEARCH_FAILED}.
 *
 * <p>Reference: W. W. Hager, H. Zhang, "A new conjugate gradient method with guaranteed descent
 * and an efficient line search", SIAM J. Optim. 16(1) (2005), the approximate Wolfe conditions.
 */
final class SufficientDecrease {

    /** ε: the relative change of f below which values are treated as noise. */
    static final double NOISE = 1e-10;

    private SufficientDecrease() {}

    /**
     * Whether the step {@code t} gives sufficient decrease with constant {@code c}, given
     * φ(0) = {@code value0}, φ'(0) = {@code slope0} &lt; 0, φ(t) = {@code valueT} and
     * φ'(t) = {@code slopeT}. A non-finite value or slope never passes.
     */
    static boolean holds(double c, double t, double value0, double slope0, double valueT, double slopeT) {
        if (!Double.isFinite(valueT) || !Double.isFinite(slopeT)) {
            return false;
        }
        if (!valuesAreNoise(t, value0, slope0)) {
            return valueT <= value0 + c * t * slope0;
        }
        if (valueT == value0 && slopeT == slope0) {
            // Nothing changed: x + t·d evaluates as x itself (a float32 model rounds its
            // parameters), so the slope test would accept a step that goes nowhere, forever.
            return false;
        }
        // A classic test here would pass or fail on the rounding of f alone.
        return valueT <= value0 + NOISE * Math.abs(value0) && slopeT <= (2 * c - 1) * slope0;
    }

    /** Whether the change of f predicted for step t is too small for values to be compared. */
    static boolean valuesAreNoise(double t, double value0, double slope0) {
        return t * Math.abs(slope0) <= NOISE * Math.abs(value0);
    }
}
