package dev.descent.schedule;

/**
 * The lecture's recursive inverse-time decay: each update divides the previous rate by
 * (1 + ρ·t).
 *
 * <pre>
 *   α_0 = α₀,   α_(t+1) = α_t / (1 + ρ·t)
 *   ⇒  α_t = α₀ / Π_{s=0}^{t−1} (1 + ρ·s)          (so α_1 = α₀, α_2 = α₀/(1 + ρ))
 * </pre>
 *
 * <p><b>Not {@link InverseTimeDecay}.</b> There the divisor is 1 + r·t itself and the rate falls
 * like 1/t. Here the divisors multiply up: while ρ·t ≪ 1 the rate follows a Gaussian,
 * α_t ≈ α₀·e^(−ρ·t²/2), and after that it falls like 1/(ρ^t·t!), faster than any
 * exponential. The rates sum to a finite total, about α₀·√(π/(2ρ)) for small ρ (as many steps
 * at the initial rate), so the iterate can stop short of the optimum if ρ is too large. With
 * ρ = 0.01 and α₀ = 0.1 the rate is 0.065 at t = 10, 2.4·10⁻¹⁸ at t = 100 and 0 (below the
 * smallest double) at t = 1 000; {@code InverseTimeDecay(0.1, 0.01)} is still at 0.05 at
 * t = 100. To fall by a factor e^(−k) over T steps choose ρ ≈ 2k/T².
 *
 * <p>Evaluated in O(1) per step without forming the product, which would overflow: log Π is
 * summed directly over the first steps (up to 36) and continued with Stirling's series for
 * ln Γ, since Π_{s=m}^{t−1} (1 + ρ·s) = ρ^(t−m)·Γ(1/ρ + t)/Γ(1/ρ + m). log Π comes out
 * with a relative error below 10⁻¹⁵, so the rate's relative error is about 10⁻¹⁶·log Π
 * (10⁻¹³ near the smallest double); rates below the smallest double are 0.
 *
 * <p>PyTorch has no scheduler of its own for it; {@code MultiplicativeLR} with
 * {@code lr_lambda = lambda t: 1 / (1 + ρ * (t - 1))} computes the same recursion.
 *
 * @param initial α₀, the rate of the first update
 * @param decayRate ρ ≥ 0; 0 gives a constant rate
 */
public record RecursiveInverseTimeDecay(double initial, double decayRate) implements LearningRateSchedule {

    /** Terms of log Π summed directly, so that small steps are exact sums of log1p. */
    private static final int DIRECT_TERMS = 16;
    /** Stirling's series (to the z⁻⁷ term) is used from this argument on: error &lt; 2·10⁻¹⁵. */
    private static final double STIRLING_FROM = 20;

    public RecursiveInverseTimeDecay {
        ScheduleArguments.requireRate("RecursiveInverseTimeDecay", "initial", initial);
        ScheduleArguments.requireNonNegative("RecursiveInverseTimeDecay", "decayRate", decayRate);
    }

    @Override
    public double valueAt(long step) {
        if (step <= 1 || decayRate == 0) {
            return initial;
        }
        return initial * Math.exp(-logProduct(decayRate, step));
    }

    /** log Π_{s=0}^{t−1} (1 + ρ·s) for ρ &gt; 0, t ≥ 0. */
    static double logProduct(double rho, long t) {
        double x = 1 / rho;
        if (Double.isInfinite(x)) {
            return rho * ((double) t * (t - 1) / 2); // ρ subnormal: log(1 + ρ·s) = ρ·s to the last bit
        }
        long direct = Math.min(t, Math.max(DIRECT_TERMS, (long) Math.ceil(STIRLING_FROM - x)));
        double sum = 0;
        for (long s = 1; s < direct; s++) {
            sum += Math.log1p(rho * s);
        }
        if (direct == t) {
            return sum;
        }
        // Σ_{s=m}^{t−1} log(1 + ρs) = n·ln ρ + ln Γ(z + n) − ln Γ(z), with z = 1/ρ + m ≥ 20, n = t − m.
        // Stirling: ln Γ(z + n) − ln Γ(z) = (z − ½)·log1p(n/z) + n·ln(z + n) − n + S(z + n) − S(z),
        // and n·ln ρ + n·ln(z + n) = n·log1p(ρt). Written without the large cancelling terms:
        double z = x + direct;
        double n = t - direct;
        double u = n / z;
        return sum + z * log1pMinusIdentity(u) - 0.5 * Math.log1p(u) + n * Math.log1p(rho * t)
                + stirlingCorrection(z + n) - stirlingCorrection(z);
    }

    /** log(1 + u) − u for u ≥ 0, accurate also where the two nearly cancel. */
    private static double log1pMinusIdentity(double u) {
        if (u >= 0.1) {
            return Math.log1p(u) - u;
        }
        double sum = 0;
        // log1p(u) − u = −Σ_{k≥2} (−u)^k / k; past k = 20 the terms are below 10⁻¹⁸ of the first
        double power = u; // −(−u)^k
        for (int k = 2; k <= 20; k++) {
            power *= -u;
            sum += power / k;
        }
        return sum;
    }

    /** S(z) = ln Γ(z) − [(z − ½)·ln z − z + ½·ln 2π] = 1/(12z) − 1/(360z³) + 1/(1260z⁵) − 1/(1680z⁷) + … */
    private static double stirlingCorrection(double z) {
        double w = 1 / (z * z);
        return (1.0 / 12 - w * (1.0 / 360 - w * (1.0 / 1260 - w / 1680))) / z;
    }

    @Override
    public String toString() {
        return "recursiveInverseTime(" + initial + ", ρ = " + decayRate + ")";
    }
}
