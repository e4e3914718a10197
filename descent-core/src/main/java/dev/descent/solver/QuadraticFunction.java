package dev.descent.solver;

/**
 * The quadratic f(x) = ½·xᵀAx − bᵀx + c with a symmetric matrix A: the model problem of
 * optimisation. With A positive definite its minimiser solves Ax* = b, ∇f(x) = Ax − b, the
 * Hessian is A everywhere, and the condition number κ = λ_max(A)/λ_min(A) sets the speed of
 * first-order methods. It is also the one function for which the exact line search has a closed
 * form: {@link ExactQuadraticLineSearch}.
 */
public final class QuadraticFunction implements TwiceDifferentiableFunction {
    /** The relative asymmetry |a_ij − a_ji| / max|a| tolerated in A. */
    private static final double SYMMETRY_TOLERANCE = 1e-12;

    private final double[][] a;
    private final double[] b;
    private final double c;

    /**
     * @param a the symmetric n × n matrix A (copied)
     * @param b the vector b of length n (copied)
     * @param c the constant term
     */
    public QuadraticFunction(double[][] a, double[] b, double c) {
        int n = b.length;
        if (n < 1) {
            throw new IllegalArgumentException("QuadraticFunction: b must have length ≥ 1, got 0");
        }
        if (a.length != n) {
            throw new IllegalArgumentException("QuadraticFunction: A has " + a.length + " rows but b has length " + n);
        }
        this.a = new double[n][];
        double largest = 0;
        for (int i = 0; i < n; i++) {
            if (a[i].length != n) {
                throw new IllegalArgumentException("QuadraticFunction: A must be " + n + " × " + n + ", but row " + i
                        + " has length " + a[i].length);
            }
            this.a[i] = a[i].clone();
            for (double entry : a[i]) {
                if (!Double.isFinite(entry)) {
                    throw new IllegalArgumentException("QuadraticFunction: A has a non-finite entry " + entry
                            + " in row " + i);
                }
                largest = Math.max(largest, Math.abs(entry));
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                if (Math.abs(a[i][j] - a[j][i]) > SYMMETRY_TOLERANCE * largest) {
                    throw new IllegalArgumentException("QuadraticFunction: A must be symmetric, but a[" + i + "][" + j
                            + "] = " + a[i][j] + " and a[" + j + "][" + i + "] = " + a[j][i]);
                }
            }
        }
        this.b = b.clone();
        this.c = c;
    }

    /** ½·xᵀAx − bᵀx (c = 0). */
    public QuadraticFunction(double[][] a, double[] b) {
        this(a, b, 0);
    }

    @Override
    public int dimension() {
        return b.length;
    }

    @Override
    public double valueAndGradient(double[] x, double[] gradientOut) {
        double value = c;
        for (int i = 0; i < b.length; i++) {
            double ax = Vectors.dot(a[i], x);
            gradientOut[i] = ax - b[i];
            value += x[i] * (0.5 * ax - b[i]);
        }
        return value;
    }

    @Override
    public void hessian(double[] x, double[][] out) {
        for (int i = 0; i < a.length; i++) {
            System.arraycopy(a[i], 0, out[i], 0, a.length);
        }
    }

    /** dᵀAd, the curvature of f along d (times ‖d‖²): φ''(t) for φ(t) = f(x + t·d). */
    public double curvatureAlong(double[] direction) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += direction[i] * Vectors.dot(a[i], direction);
        }
        return sum;
    }

    /** A copy of A. */
    public double[][] matrix() {
        double[][] copy = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            copy[i] = a[i].clone();
        }
        return copy;
    }

    /** A copy of b. */
    public double[] linearTerm() {
        return b.clone();
    }

    public double constant() {
        return c;
    }

    @Override
    public String toString() {
        return "QuadraticFunction(n = " + b.length + ")";
    }
}
