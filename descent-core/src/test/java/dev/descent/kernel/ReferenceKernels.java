package dev.descent.kernel;

import java.util.SplittableRandom;

/**
 * Naive double-precision oracle for the kernel tests, plus the bound each float result is held
 * to.
 *
 * <p>Tolerance: a float sum of k products, in any order, differs from the exact value by at
 * most about {@code k · 2⁻²⁴ · Σ|a·b|}; blocked and vector orders are much better than this
 * worst case. The tests allow {@code 1e-5 · (Σ|terms| + 1e-30)} per element plus a few ulps,
 * i.e. relative to the sum of magnitudes, never to the (possibly cancelling) result.
 */
final class ReferenceKernels {
    static final double RELATIVE_TOLERANCE = 1e-5;

    private ReferenceKernels() {
    }

    /** Exact-enough {@code alpha·op(A)·op(B) + beta·C} and, per element, Σ of the magnitudes involved. */
    static double[][] gemm(boolean transposeA, boolean transposeB, int m, int n, int k,
                           float alpha, float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb,
                           float beta, float[] c, int cOffset, int ldc) {
        double[] value = new double[m * n];
        double[] magnitude = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                double abs = 0;
                for (int p = 0; p < k; p++) {
                    double av = transposeA ? a[aOffset + p * lda + i] : a[aOffset + i * lda + p];
                    double bv = transposeB ? b[bOffset + j * ldb + p] : b[bOffset + p * ldb + j];
                    s += av * bv;
                    abs += Math.abs(av * bv);
                }
                double old = beta == 0f ? 0 : (double) beta * c[cOffset + i * ldc + j];
                value[i * n + j] = alpha * s + old;
                magnitude[i * n + j] = Math.abs(alpha) * abs + Math.abs(old);
            }
        }
        return new double[][] {value, magnitude};
    }

    static float[] random(int size, SplittableRandom random) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return x;
    }

    /** Allowed |float − exact| for an element whose terms have total magnitude {@code magnitude}. */
    static double tolerance(double magnitude) {
        return RELATIVE_TOLERANCE * magnitude + 1e-30;
    }
}
