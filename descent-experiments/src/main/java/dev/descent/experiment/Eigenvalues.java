package dev.descent.experiment;

import dev.descent.linalg.Cholesky;
import dev.descent.linalg.DoubleMatrix;
import java.util.Arrays;
import java.util.function.UnaryOperator;

/**
 * The extreme eigenvalues of a small symmetric positive-definite matrix (a Gram matrix XᵀX/n),
 * by power iteration: the smoothness L and strong convexity μ of least squares, and κ = L/μ.
 */
final class Eigenvalues {
    private static final int ITERATIONS = 1000;

    private Eigenvalues() {
    }

    /** λ_max of the d × d row-major matrix {@code a}. */
    static double largest(double[] a, int d) {
        return powerIteration(d, v -> {
            double[] next = new double[d];
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    next[i] += a[i * d + j] * v[j];
                }
            }
            return next;
        });
    }

    /** λ_min of {@code a}: 1/λ_max of its inverse, applied through a Cholesky factor. */
    static double smallest(double[] a, int d) {
        Cholesky factor = Cholesky.decompose(DoubleMatrix.wrap(a.clone(), d, d));
        return 1 / powerIteration(d, factor::solve);
    }

    private static double powerIteration(int d, UnaryOperator<double[]> apply) {
        double[] v = new double[d];
        Arrays.fill(v, 1);
        double lambda = 0;
        for (int it = 0; it < ITERATIONS; it++) {
            double[] next = apply.apply(v);
            lambda = Math.sqrt(ClosedFormExperiment.dot(next, next));
            for (int i = 0; i < d; i++) {
                v[i] = next[i] / lambda;
            }
        }
        return lambda;
    }
}
