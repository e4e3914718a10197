package dev.descent.experiment;

import dev.descent.linalg.DoubleMatrix;
import dev.descent.linalg.QR;

/**
 * A least-squares polynomial on {@code [−1, 1]}, written in the Legendre basis
 * {@code P₀ … P_d} rather than in powers {@code 1, x, …, x^d}: the fitted curve is the same, but
 * the basis is nearly orthogonal on the interval, so the design matrix stays well conditioned
 * up to the degrees a 20-point fit can take (powers of x lose about a digit per degree).
 * Legendre polynomials by Bonnet's recurrence {@code (k + 1)P_{k+1} = (2k + 1)x·P_k − k·P_{k−1}};
 * the fit by Householder QR.
 */
final class PolynomialRegression {
    private final double[] coefficients;

    private PolynomialRegression(double[] coefficients) {
        this.coefficients = coefficients;
    }

    /**
     * The degree-{@code degree} polynomial minimising {@code Σ (p(xᵢ) − yᵢ)²}.
     *
     * @throws IllegalArgumentException when there are fewer points than coefficients
     *     ({@code degree + 1}), or a point lies outside {@code [−1, 1]}
     */
    static PolynomialRegression fit(double[] x, double[] y, int degree) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("a polynomial fit needs one y per x, got " + x.length + " x and "
                    + y.length + " y");
        }
        if (degree < 0 || degree + 1 > x.length) {
            throw new IllegalArgumentException("degree must be in [0, " + (x.length - 1) + "] for " + x.length
                    + " points, got " + degree);
        }
        int columns = degree + 1;
        double[] design = new double[x.length * columns];
        for (int i = 0; i < x.length; i++) {
            System.arraycopy(legendre(x[i], degree), 0, design, i * columns, columns);
        }
        return new PolynomialRegression(QR.decompose(DoubleMatrix.wrap(design, x.length, columns)).solve(y));
    }

    /** {@code P₀(x) … P_degree(x)}, for {@code x} in {@code [−1, 1]}. */
    static double[] legendre(double x, int degree) {
        if (!(x >= -1 && x <= 1)) {
            throw new IllegalArgumentException("the Legendre basis is for x in [-1, 1], got " + x);
        }
        double[] p = new double[degree + 1];
        p[0] = 1;
        if (degree >= 1) {
            p[1] = x;
        }
        for (int k = 1; k < degree; k++) {
            p[k + 1] = ((2 * k + 1) * x * p[k] - k * p[k - 1]) / (k + 1);
        }
        return p;
    }

    int degree() {
        return coefficients.length - 1;
    }

    double valueAt(double x) {
        double[] p = legendre(x, degree());
        double s = 0;
        for (int k = 0; k < p.length; k++) {
            s += coefficients[k] * p[k];
        }
        return s;
    }

    /** The mean of {@code (p(xᵢ) − yᵢ)²}. */
    double meanSquaredError(double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            double r = valueAt(x[i]) - y[i];
            s += r * r;
        }
        return s / x.length;
    }
}
