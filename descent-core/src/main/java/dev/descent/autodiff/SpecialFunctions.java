package dev.descent.autodiff;

/** Mathematical functions the JDK lacks. */
final class SpecialFunctions {
    private SpecialFunctions() {
    }

    /**
     * The error function, from its complement's Chebyshev-fitted exponential form
     * (Numerical Recipes, 2nd ed., §6.2, {@code erfcc}): fractional error below 1.2e-7
     * everywhere, finer than float32's resolution.
     */
    static double erf(double x) {
        double z = Math.abs(x);
        double t = 1.0 / (1.0 + 0.5 * z);
        double poly = -z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277))))))));
        double erfc = t * Math.exp(poly);
        return x >= 0 ? 1.0 - erfc : erfc - 1.0;
    }
}
