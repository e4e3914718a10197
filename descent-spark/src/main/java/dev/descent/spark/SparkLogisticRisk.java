package dev.descent.spark;

import dev.descent.solver.TwiceDifferentiableFunction;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * Binary logistic regression's objective on data cached on a cluster, in double precision,
 * with its exact Hessian: Newton's method on it ({@link dev.descent.solver.NewtonMethod}) is
 * iteratively reweighted least squares, at cluster scale.
 *
 * <pre>
 *   f(w, b) = (1/n) Σᵢ log(1 + e^(−yᵢzᵢ)) + λ‖w‖²,   zᵢ = xᵢᵀw + b,  labels 0 and 1
 *   ∇²f = (1/n) Σᵢ σ(zᵢ)(1 − σ(zᵢ))·(xᵢ, 1)(xᵢ, 1)ᵀ + 2λ·diag(1, …, 1, 0)
 * </pre>
 *
 * The vector is (w₁ … w_d, b), as for {@code LogisticRegression}'s Newton fit. Every
 * evaluation of f and ∇f is one Spark job, and every Hessian another: each partition sums its
 * rows' terms in double, and the driver adds the partitions in order. The Hessian is dense,
 * (d+1)² doubles from every partition, so this suits up to a few hundred features; beyond, use
 * {@link SparkRisk} with L-BFGS.
 */
public final class SparkLogisticRisk implements TwiceDifferentiableFunction {
    private final JavaSparkContext spark;
    private final SparkExamples data;
    private final double lambda;
    private final int d;
    private long jobs;

    /**
     * @param lambda the L2 penalty λ on the weights (not the intercept), without a ½
     * @throws IllegalArgumentException unless the data hold two classes
     */
    public SparkLogisticRisk(JavaSparkContext spark, SparkExamples data, double lambda) {
        if (!data.classification() || data.classes() != 2) {
            throw new IllegalArgumentException("binary logistic regression needs labels 0 and 1; '" + data.name()
                    + "' has " + (data.classification() ? data.classes() + " classes" : "regression targets")
                    + " (for more classes use SparkRisk with a softmax model and L-BFGS)");
        }
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("l2 penalty λ must be a finite number ≥ 0, got " + lambda);
        }
        this.spark = spark;
        this.data = data;
        this.lambda = lambda;
        this.d = data.featureCount();
    }

    @Override
    public int dimension() {
        return d + 1;
    }

    @Override
    public double valueAndGradient(double[] w, double[] gradientOut) {
        List<double[]> sums = run(w, false);
        java.util.Arrays.fill(gradientOut, 0);
        double value = 0;
        for (double[] s : sums) { // [value, gradient...] per partition, added in partition order
            value += s[0];
            for (int j = 0; j <= d; j++) {
                gradientOut[j] += s[1 + j];
            }
        }
        int n = data.size();
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
        List<double[]> sums = run(w, true);
        for (double[] row : out) {
            java.util.Arrays.fill(row, 0);
        }
        int n = data.size();
        for (double[] s : sums) { // the upper triangle, row by row
            for (int a = 0, k = 0; a <= d; a++) {
                for (int b = a; b <= d; b++) {
                    out[a][b] += s[k++];
                }
            }
        }
        for (int a = 0; a <= d; a++) {
            for (int b = a; b <= d; b++) {
                out[a][b] /= n;
                out[b][a] = out[a][b];
            }
        }
        for (int j = 0; j < d; j++) {
            out[j][j] += 2 * lambda;
        }
    }

    /** Spark jobs run so far (one per value-and-gradient, one per Hessian). */
    public long jobs() {
        return jobs;
    }

    private List<double[]> run(double[] w, boolean hessian) {
        Broadcast<double[]> shared = spark.broadcast(w.clone());
        try {
            jobs++;
            return data.blocks().mapPartitions(new Sums(shared, hessian)).collect();
        } finally {
            shared.destroy();
        }
    }

    @Override
    public String toString() {
        return "binary logistic risk over " + data.partitions() + " partitions of '" + data.name() + "'"
                + (lambda > 0 ? " + " + lambda + "·‖w‖²" : "");
    }

    /** A partition's unnormalised sums: the loss and gradient, or the Hessian's upper triangle. */
    static final class Sums extends BlockTask<double[], double[]> {
        private static final long serialVersionUID = 1L;
        private final boolean hessian;

        Sums(Broadcast<double[]> point, boolean hessian) {
            super(point);
            this.hessian = hessian;
        }

        @Override
        double[] apply(ExampleBlock block, double[] w) {
            int d = block.featureCount;
            double[] x = new double[d + 1];
            x[d] = 1;
            double[] out = hessian ? new double[(d + 1) * (d + 2) / 2] : new double[d + 2];
            for (int i = 0; i < block.rows; i++) {
                double z = w[d];
                for (int j = 0; j < d; j++) {
                    x[j] = block.features[i * d + j];
                    z += w[j] * x[j];
                }
                double p = z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
                if (hessian) {
                    double weight = p * (1 - p);
                    for (int a = 0, k = 0; a <= d; a++) {
                        double wa = weight * x[a];
                        for (int b = a; b <= d; b++) {
                            out[k++] += wa * x[b];
                        }
                    }
                } else {
                    double t = block.labels[i];
                    // log(1 + e^(−yz)) = max(z, 0) − t·z + log(1 + e^(−|z|)), stable for any z
                    out[0] += Math.max(z, 0) - t * z + Math.log1p(Math.exp(-Math.abs(z)));
                    double residual = p - t;
                    for (int j = 0; j <= d; j++) {
                        out[1 + j] += residual * x[j];
                    }
                }
            }
            return out;
        }
    }
}
