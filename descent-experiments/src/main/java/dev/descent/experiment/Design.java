package dev.descent.experiment;

import dev.descent.data.Dataset;
import dev.descent.data.RegressionDataset;
import dev.descent.solver.DifferentiableFunction;
import java.util.Arrays;

/**
 * A design matrix in double precision: standardised features plus an intercept column (last),
 * and the targets, for the convex objectives written out in full: least squares and binary
 * logistic regression.
 */
final class Design {
    final double[] x;
    final double[] y;
    final int rows;
    final int columns;

    private Design(double[] x, double[] y, int rows, int columns) {
        this.x = x;
        this.y = y;
        this.rows = rows;
        this.columns = columns;
    }

    /** Features z-scored, target centred and scaled to unit variance. */
    static Design standardised(RegressionDataset data) {
        double[] y = new double[data.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = data.target(i);
        }
        standardise(y, 0, 1, y.length);
        return new Design(withIntercept(data.features().data(), data.size(), data.featureCount()), y, data.size(),
                data.featureCount() + 1);
    }

    /** A two-class data set: features z-scored, labels 0 and 1. */
    static Design standardised(Dataset data) {
        if (data.classes() != 2) {
            throw new IllegalArgumentException("logistic regression here is binary; " + data.name() + " has "
                    + data.classes() + " classes");
        }
        double[] y = new double[data.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = data.label(i);
        }
        return new Design(withIntercept(data.features().data(), data.size(), data.featureCount()), y, data.size(),
                data.featureCount() + 1);
    }

    private static double[] withIntercept(float[] features, int n, int d) {
        double[] x = new double[n * (d + 1)];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                x[i * (d + 1) + j] = features[i * d + j];
            }
            x[i * (d + 1) + d] = 1;
        }
        for (int j = 0; j < d; j++) {
            standardise(x, j, d + 1, n);
        }
        return x;
    }

    private static void standardise(double[] values, int offset, int stride, int count) {
        double mean = 0;
        for (int i = 0; i < count; i++) {
            mean += values[offset + i * stride];
        }
        mean /= count;
        double variance = 0;
        for (int i = 0; i < count; i++) {
            double c = values[offset + i * stride] - mean;
            variance += c * c;
        }
        double scale = variance > 0 ? Math.sqrt(variance / count) : 1;
        for (int i = 0; i < count; i++) {
            values[offset + i * stride] = (values[offset + i * stride] - mean) / scale;
        }
    }

    double rowDot(int row, double[] w) {
        double s = 0;
        int o = row * columns;
        for (int j = 0; j < columns; j++) {
            s += x[o + j] * w[j];
        }
        return s;
    }

    /** {@code gram = XᵀX/n} and {@code rhs = Xᵀy/n}. */
    void normalEquations(double[] gram, double[] rhs) {
        Arrays.fill(gram, 0);
        Arrays.fill(rhs, 0);
        for (int i = 0; i < rows; i++) {
            int o = i * columns;
            for (int a = 0; a < columns; a++) {
                rhs[a] += x[o + a] * y[i] / rows;
                for (int b = 0; b < columns; b++) {
                    gram[a * columns + b] += x[o + a] * x[o + b] / rows;
                }
            }
        }
    }

    /** λ_max(XᵀX/n): the smoothness constant L of least squares. */
    double largestEigenvalue() {
        return Eigenvalues.largest(gram(), columns);
    }

    /** λ_min(XᵀX/n): the strong convexity constant μ of least squares. */
    double smallestEigenvalue() {
        return Eigenvalues.smallest(gram(), columns);
    }

    private double[] gram() {
        double[] gram = new double[columns * columns];
        normalEquations(gram, new double[columns]);
        return gram;
    }

    double largestRowNormSquared() {
        double m = 0;
        for (int i = 0; i < rows; i++) {
            double s = 0;
            for (int j = 0; j < columns; j++) {
                s += x[i * columns + j] * x[i * columns + j];
            }
            m = Math.max(m, s);
        }
        return m;
    }

    /** (1/2n)‖Xw − y‖², computed from the data at every call (one pass, O(nd)). */
    DifferentiableFunction leastSquares() {
        return new DifferentiableFunction() {
            @Override
            public int dimension() {
                return columns;
            }

            @Override
            public double valueAndGradient(double[] w, double[] gradient) {
                Arrays.fill(gradient, 0);
                double value = 0;
                for (int i = 0; i < rows; i++) {
                    double r = rowDot(i, w) - y[i];
                    value += r * r / (2 * rows);
                    for (int j = 0; j < columns; j++) {
                        gradient[j] += r * x[i * columns + j] / rows;
                    }
                }
                return value;
            }
        };
    }

    /**
     * (1/n) Σ [log(1 + e^(zᵢ)) − yᵢzᵢ] + (λ/2)‖w‖² with zᵢ = xᵢ·w: the binary cross-entropy of the
     * logits, made strongly convex by the penalty (without it a separable set has no minimum).
     */
    DifferentiableFunction logisticLoss(double lambda) {
        return new DifferentiableFunction() {
            @Override
            public int dimension() {
                return columns;
            }

            @Override
            public double valueAndGradient(double[] w, double[] gradient) {
                Arrays.fill(gradient, 0);
                double value = 0;
                for (int i = 0; i < rows; i++) {
                    double z = rowDot(i, w);
                    value += (Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))) - y[i] * z) / rows;
                    double p = 1 / (1 + Math.exp(-z));
                    for (int j = 0; j < columns; j++) {
                        gradient[j] += (p - y[i]) * x[i * columns + j] / rows;
                    }
                }
                for (int j = 0; j < columns; j++) {
                    value += lambda / 2 * w[j] * w[j];
                    gradient[j] += lambda * w[j];
                }
                return value;
            }
        };
    }
}
