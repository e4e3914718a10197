package dev.descent.solver;

import java.util.Random;

/**
 * The problems the solver tests run on, each with its known minimiser: ill-conditioned
 * quadratics, the extended Rosenbrock function, and ridge-regularised logistic regression on a
 * fixed synthetic data set.
 */
final class TestProblems {

    private TestProblems() {}

    /** A quadratic ½xᵀAx − bᵀx with its minimiser and the extreme eigenvalues of A. */
    record Quadratic(QuadraticFunction function, double[] minimizer, double smallestEigenvalue,
            double largestEigenvalue, double[][] eigenvectors) {

        double conditionNumber() {
            return largestEigenvalue / smallestEigenvalue;
        }

        double minimumValue() {
            return function.value(minimizer);
        }
    }

    /**
     * A = Q·diag(λ)·Qᵀ with λ log-spaced from 1 to κ (both ends included) and Q the product of
     * three seeded Householder reflections; x* has seeded entries in [−1, 1] and b = A·x*.
     */
    static Quadratic illConditionedQuadratic(int dimension, double conditionNumber, long seed) {
        Random random = new Random(seed);
        double[][] q = identity(dimension);
        for (int r = 0; r < 3; r++) {
            double[] v = new double[dimension];
            for (int i = 0; i < dimension; i++) {
                v[i] = random.nextGaussian();
            }
            reflect(q, v);
        }
        double[] lambda = new double[dimension];
        for (int k = 0; k < dimension; k++) {
            lambda[k] = Math.pow(conditionNumber, k / (double) (dimension - 1));
        }
        double[][] a = new double[dimension][dimension];
        for (int i = 0; i < dimension; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = 0;
                for (int k = 0; k < dimension; k++) {
                    sum += q[i][k] * lambda[k] * q[j][k];
                }
                a[i][j] = sum;
                a[j][i] = sum;
            }
        }
        double[] minimizer = new double[dimension];
        for (int i = 0; i < dimension; i++) {
            minimizer[i] = 2 * random.nextDouble() - 1;
        }
        double[] b = new double[dimension];
        for (int i = 0; i < dimension; i++) {
            for (int j = 0; j < dimension; j++) {
                b[i] += a[i][j] * minimizer[j];
            }
        }
        double[][] eigenvectors = new double[dimension][dimension];
        for (int k = 0; k < dimension; k++) {
            for (int i = 0; i < dimension; i++) {
                eigenvectors[k][i] = q[i][k];
            }
        }
        return new Quadratic(new QuadraticFunction(a, b), minimizer, 1, conditionNumber, eigenvectors);
    }

    private static double[][] identity(int n) {
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            m[i][i] = 1;
        }
        return m;
    }

    /** {@code m ← m·(I − 2vvᵀ/vᵀv)}. */
    private static void reflect(double[][] m, double[] v) {
        double vv = dot(v, v);
        for (double[] row : m) {
            double rv = dot(row, v);
            for (int j = 0; j < v.length; j++) {
                row[j] -= 2 * rv / vv * v[j];
            }
        }
    }

    /**
     * The extended Rosenbrock function (Moré, Garbow, Hillstrom 1981, problem 21), n even:
     * f = Σ_{i&lt;n/2} 100·(x_{2i+1} − x_{2i}²)² + (1 − x_{2i})², minimum 0 at (1, …, 1).
     */
    static final class Rosenbrock implements TwiceDifferentiableFunction {
        private final int dimension;

        Rosenbrock(int dimension) {
            if (dimension % 2 != 0) {
                throw new IllegalArgumentException("the extended Rosenbrock function needs an even dimension");
            }
            this.dimension = dimension;
        }

        /** The standard start (−1.2, 1, −1.2, 1, …). */
        double[] standardStart() {
            double[] x = new double[dimension];
            for (int i = 0; i < dimension; i += 2) {
                x[i] = -1.2;
                x[i + 1] = 1;
            }
            return x;
        }

        @Override
        public int dimension() {
            return dimension;
        }

        @Override
        public double valueAndGradient(double[] x, double[] gradientOut) {
            double value = 0;
            for (int i = 0; i < dimension; i += 2) {
                double u = x[i + 1] - x[i] * x[i];
                double w = 1 - x[i];
                value += 100 * u * u + w * w;
                gradientOut[i] = -400 * x[i] * u - 2 * w;
                gradientOut[i + 1] = 200 * u;
            }
            return value;
        }

        @Override
        public void hessian(double[] x, double[][] out) {
            for (double[] row : out) {
                java.util.Arrays.fill(row, 0);
            }
            for (int i = 0; i < dimension; i += 2) {
                out[i][i] = 1200 * x[i] * x[i] - 400 * x[i + 1] + 2;
                out[i][i + 1] = -400 * x[i];
                out[i + 1][i] = -400 * x[i];
                out[i + 1][i + 1] = 200;
            }
        }
    }

    /**
     * Ridge-regularised logistic regression, f(w) = (1/n)·Σ [log(1 + e^{z_i}) − y_i·z_i] + (λ/2)‖w‖²
     * with z_i = x_iᵀw, on a fixed synthetic data set: 60 points, 3 features and an intercept
     * column, labels from a linear rule with a deterministic "noise" term so the classes overlap.
     */
    static final class LogisticRegression implements TwiceDifferentiableFunction {
        static final double RIDGE = 0.01;
        private final double[][] features;
        private final double[] labels;

        LogisticRegression() {
            int n = 60;
            features = new double[n][];
            labels = new double[n];
            for (int i = 0; i < n; i++) {
                double x1 = Math.sin(1.3 * i);
                double x2 = Math.cos(0.7 * i + 0.4);
                double x3 = ((i * 37) % 11 - 5) / 5.0;
                features[i] = new double[] {x1, x2, x3, 1};
                double score = 1.5 * x1 - 2 * x2 + 0.5 * x3 + 0.3 + 0.8 * Math.sin(5.1 * i);
                labels[i] = score > 0 ? 1 : 0;
            }
        }

        @Override
        public int dimension() {
            return 4;
        }

        /** An upper bound on the Lipschitz constant of ∇f: ¼·trace(XᵀX)/n + λ ≥ ¼·λ_max(XᵀX)/n + λ. */
        double lipschitzBound() {
            double trace = 0;
            for (double[] row : features) {
                trace += dot(row, row);
            }
            return 0.25 * trace / features.length + RIDGE;
        }

        @Override
        public double valueAndGradient(double[] w, double[] gradientOut) {
            int n = features.length;
            double value = 0;
            java.util.Arrays.fill(gradientOut, 0);
            for (int i = 0; i < n; i++) {
                double z = dot(features[i], w);
                value += Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))) - labels[i] * z;
                double residual = sigmoid(z) - labels[i];
                for (int j = 0; j < w.length; j++) {
                    gradientOut[j] += residual * features[i][j] / n;
                }
            }
            value /= n;
            for (int j = 0; j < w.length; j++) {
                value += 0.5 * RIDGE * w[j] * w[j];
                gradientOut[j] += RIDGE * w[j];
            }
            return value;
        }

        @Override
        public void hessian(double[] w, double[][] out) {
            int n = features.length;
            for (int j = 0; j < w.length; j++) {
                java.util.Arrays.fill(out[j], 0);
                out[j][j] = RIDGE;
            }
            for (double[] x : features) {
                double p = sigmoid(dot(x, w));
                double weight = p * (1 - p) / n;
                for (int j = 0; j < w.length; j++) {
                    for (int k = 0; k < w.length; k++) {
                        out[j][k] += weight * x[j] * x[k];
                    }
                }
            }
        }

        /** The training points whose predicted class (x_iᵀw &gt; 0) differs from the label. */
        int misclassified(double[] w) {
            int wrong = 0;
            for (int i = 0; i < features.length; i++) {
                if ((dot(features[i], w) > 0) != (labels[i] == 1)) {
                    wrong++;
                }
            }
            return wrong;
        }

        private static double sigmoid(double z) {
            return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
        }
    }

    static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    static double distance(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(sum);
    }

    static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    static double[] ones(int n) {
        double[] x = new double[n];
        java.util.Arrays.fill(x, 1);
        return x;
    }
}
