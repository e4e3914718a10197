package dev.descent.linear;

import dev.descent.solver.TwiceDifferentiableFunction;
import dev.descent.tensor.Tensor;

/**
 * The binary logistic regression objective in double precision, with its exact Hessian, for
 * Newton's method (iteratively reweighted least squares):
 *
 * <pre>
 *   f(w, b) = (1/n) Σᵢ log(1 + e^(−yᵢzᵢ)) + λ‖w‖²,   zᵢ = xᵢᵀw + b,  yᵢ ∈ {−1, +1}
 *   ∇f = (1/n) Σᵢ (σ(zᵢ) − tᵢ)·(xᵢ, 1) + 2λ(w, 0),   tᵢ ∈ {0, 1}
 *   ∇²f = (1/n) Σᵢ σ(zᵢ)(1 − σ(zᵢ))·(xᵢ, 1)(xᵢ, 1)ᵀ + 2λ·diag(1, …, 1, 0)
 * </pre>
 *
 * The vector is (w₁ … w_d, b). The Hessian is dense, (d+1)², so this suits small d.
 */
final class BinaryLogisticObjective implements TwiceDifferentiableFunction {
    private final float[] x;
    private final int[] labels;
    private final int n;
    private final int d;
    private final double lambda;

    BinaryLogisticObjective(Tensor features, int[] labels, double lambda) {
        this.x = features.data();
        this.labels = labels;
        this.n = features.dim(0);
        this.d = features.dim(1);
        this.lambda = lambda;
    }

    @Override
    public int dimension() {
        return d + 1;
    }

    private double score(double[] w, int row) {
        double z = w[d];
        for (int j = 0; j < d; j++) {
            z += w[j] * x[row * d + j];
        }
        return z;
    }

    @Override
    public double valueAndGradient(double[] w, double[] gradientOut) {
        java.util.Arrays.fill(gradientOut, 0);
        double value = 0;
        for (int i = 0; i < n; i++) {
            double z = score(w, i);
            double t = labels[i];
            // log(1 + e^(−yz)) = max(z, 0) − t·z + log(1 + e^(−|z|)), stable for any z
            value += Math.max(z, 0) - t * z + Math.log1p(Math.exp(-Math.abs(z)));
            double residual = sigmoid(z) - t;
            for (int j = 0; j < d; j++) {
                gradientOut[j] += residual * x[i * d + j];
            }
            gradientOut[d] += residual;
        }
        value /= n;
        for (int j = 0; j <= d; j++) {
            gradientOut[j] /= n;
        }
        for (int j = 0; j < d; j++) {
            value += lambda * w[j] * w[j];
            gradientOut[j] += 2 * lambda * w[j];
        }
        return value;
    }

    @Override
    public void hessian(double[] w, double[][] out) {
        for (double[] row : out) {
            java.util.Arrays.fill(row, 0);
        }
        double[] augmented = new double[d + 1];
        augmented[d] = 1;
        for (int i = 0; i < n; i++) {
            double p = sigmoid(score(w, i));
            double weight = p * (1 - p) / n;
            for (int j = 0; j < d; j++) {
                augmented[j] = x[i * d + j];
            }
            for (int a = 0; a <= d; a++) {
                double wa = weight * augmented[a];
                for (int b = a; b <= d; b++) {
                    out[a][b] += wa * augmented[b];
                }
            }
        }
        for (int a = 0; a <= d; a++) {
            for (int b = 0; b < a; b++) {
                out[a][b] = out[b][a];
            }
        }
        for (int j = 0; j < d; j++) {
            out[j][j] += 2 * lambda;
        }
    }

    private static double sigmoid(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }
}
