package dev.descent.solver;

/**
 * A {@link DifferentiableFunction} that also gives its dense Hessian ∇²f(x), for Newton's
 * method on small problems: a quadratic, or logistic regression with a few features, where
 * Newton's method is iteratively reweighted least squares (IRLS).
 */
public interface TwiceDifferentiableFunction extends DifferentiableFunction {

    /**
     * Writes ∇²f(x) into {@code out}, an n × n array (rows of length n, n = {@link #dimension()}),
     * overwriting every entry. The matrix should be symmetric; only the lower triangle is read
     * by {@link NewtonMethod}.
     */
    void hessian(double[] x, double[][] out);
}
