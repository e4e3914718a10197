package dev.descent.solver;

/** The three vector operations the solvers are made of, on caller-owned arrays. */
final class Vectors {

    private Vectors() {}

    static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    /** {@code target ← target + scale·v}. */
    static void addScaled(double[] target, double scale, double[] v) {
        for (int i = 0; i < target.length; i++) {
            target[i] += scale * v[i];
        }
    }

    /** {@code out ← −v}. */
    static void negate(double[] v, double[] out) {
        for (int i = 0; i < v.length; i++) {
            out[i] = -v[i];
        }
    }
}
