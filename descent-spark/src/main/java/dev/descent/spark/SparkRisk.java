package dev.descent.spark;

import dev.descent.autodiff.Variable;
import dev.descent.loss.ClassificationLoss;
import dev.descent.loss.RegressionLoss;
import dev.descent.nn.Layer;
import dev.descent.optim.ParameterGroup;
import dev.descent.solver.DifferentiableFunction;
import dev.descent.train.EmpiricalRisk;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * The regularised empirical risk of a model on data cached on a cluster, with its exact
 * gradient, for the full-batch solvers: gradient descent with a line search, L-BFGS,
 * nonlinear conjugate gradients. Batch gradient descent of the lectures, at cluster scale:
 *
 * <pre>  f(w) = (1/n) Σᵢ L(h(xᵢ; w), yᵢ) + λ Σ_(penalised p) ‖p‖²</pre>
 *
 * <p>Each evaluation is one Spark job: the point is broadcast, every partition computes its
 * rows' share of the mean loss and gradient with a local {@link EmpiricalRisk} (in chunks,
 * model in evaluation mode), and the driver adds the shares in partition order and then the
 * penalty. The value equals {@link EmpiricalRisk} on the whole data set up to summation order,
 * and is bit-identical from run to run. The penalty has no ½, as in {@link EmpiricalRisk}.
 *
 * <pre>{@code
 * SparkRisk risk = SparkRisk.of(spark, data, ModelFactory.of(spec), ObjectiveFactory.softmaxCrossEntropy())
 *         .withL2(1e-4, "*.weight");
 * SolverResult result = Lbfgs.defaults().minimize(risk, risk.initialPoint(model), StoppingCriteria.forFloat32());
 * }</pre>
 */
public final class SparkRisk implements DifferentiableFunction {
    private static final int DEFAULT_CHUNK = 1024;

    private final JavaSparkContext spark;
    private final SparkExamples data;
    private final ModelFactory models;
    private final ObjectiveFactory objectives;
    private final int chunkSize;
    private final double lambda;
    private final String pattern;
    private final String runId;
    /** For each coordinate range [starts[k], starts[k + 1]), whether the penalty applies. */
    private final int[] starts;
    private final boolean[] penalised;
    private final int dimension;
    private long evaluations;
    private long jobNanos;

    private SparkRisk(JavaSparkContext spark, SparkExamples data, ModelFactory models, ObjectiveFactory objectives,
                      int chunkSize, double lambda, String pattern, String runId) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunk size must be ≥ 1, got " + chunkSize);
        }
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("l2 penalty λ must be a finite number ≥ 0, got " + lambda);
        }
        this.spark = spark;
        this.data = data;
        this.models = models;
        this.objectives = objectives;
        this.chunkSize = chunkSize;
        this.lambda = lambda;
        this.pattern = pattern;
        this.runId = runId;
        Layer probe = models.create();
        SparkGradients.requireNoBatchStatistics(probe);
        Map<String, Variable> named = probe.namedParameters();
        this.starts = new int[named.size() + 1];
        this.penalised = new boolean[named.size()];
        ParameterGroup group = ParameterGroup.matching(pattern);
        int k = 0;
        for (Map.Entry<String, Variable> e : named.entrySet()) {
            penalised[k] = group.matches(e.getKey());
            starts[k + 1] = starts[k] + e.getValue().value().size();
            k++;
        }
        this.dimension = starts[k];
    }

    /** The mean loss over {@code data}, no penalty; gradients in chunks of 1,024 rows on each executor. */
    public static SparkRisk of(JavaSparkContext spark, SparkExamples data, ModelFactory models,
                               ObjectiveFactory objectives) {
        Object loss = objectives.create().lossFunction();
        if (data.classification() != loss instanceof ClassificationLoss) {
            throw new IllegalArgumentException("the data '" + data.name() + "' holds " + (data.classification()
                    ? "class labels" : "real-valued targets") + " but the loss is " + loss);
        }
        return new SparkRisk(spark, data, models, objectives, DEFAULT_CHUNK, 0, "*", UUID.randomUUID().toString());
    }

    /** The same risk plus λ‖p‖² for every parameter whose name matches {@code pattern} (e.g. {@code *.weight}). */
    public SparkRisk withL2(double newLambda, String newPattern) {
        return new SparkRisk(spark, data, models, objectives, chunkSize, newLambda, newPattern, runId);
    }

    /** The same risk, computed on the executors in chunks of {@code rows} rows. */
    public SparkRisk withChunkSize(int rows) {
        return new SparkRisk(spark, data, models, objectives, rows, lambda, pattern, runId);
    }

    @Override
    public int dimension() {
        return dimension;
    }

    /** float32's ε: the executors compute in float32 (see {@link EmpiricalRisk#relativePrecision()}). */
    @Override
    public double relativePrecision() {
        return Math.ulp(1f);
    }

    /** A model's parameters as one vector, in this function's layout (to start a solver from). */
    public static double[] parameters(Layer model) {
        double[] x = new double[Worker.parameterCount(model.parameters())];
        int o = 0;
        for (Variable p : model.parameters()) {
            for (float w : p.value().data()) {
                x[o++] = w;
            }
        }
        return x;
    }

    /** Writes a solution into a model's parameters (rounded to float32). */
    public static void setParameters(Layer model, double[] x) {
        int o = 0;
        for (Variable p : model.parameters()) {
            float[] w = p.value().data();
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) x[o++];
            }
        }
        if (o != x.length) {
            throw new IllegalArgumentException("the model has " + o + " parameters, not " + x.length);
        }
    }

    @Override
    public double valueAndGradient(double[] x, double[] gradientOut) {
        if (x.length != dimension) {
            throw new IllegalArgumentException("the model has " + dimension + " parameters, not " + x.length);
        }
        long start = System.nanoTime();
        Broadcast<Point> shared = spark.broadcast(new Point(x.clone(), data.offsets(), data.size(), data.classes(),
                chunkSize));
        List<Share> shares;
        try {
            shares = data.blocks().mapPartitions(new RiskTask(runId, models, objectives, shared)).collect();
        } finally {
            shared.destroy();
        }
        java.util.Arrays.fill(gradientOut, 0);
        double value = 0;
        for (Share share : shares) { // partition order: bit-identical on every run
            value += share.value;
            for (int i = 0; i < dimension; i++) {
                gradientOut[i] += share.gradient[i];
            }
        }
        if (lambda > 0) {
            for (int k = 0; k < penalised.length; k++) {
                if (penalised[k]) {
                    for (int i = starts[k]; i < starts[k + 1]; i++) {
                        double w = (float) x[i]; // the executors see float32 weights
                        value += lambda * w * w;
                        gradientOut[i] += 2 * lambda * w;
                    }
                }
            }
        }
        evaluations++;
        jobNanos += System.nanoTime() - start;
        return value;
    }

    /** Evaluations (Spark jobs) so far. */
    public long evaluations() {
        return evaluations;
    }

    /** Wall time in this function's Spark jobs, in seconds. */
    public double jobSeconds() {
        return jobNanos / 1e9;
    }

    @Override
    public String toString() {
        return "empirical risk over " + data.partitions() + " partitions of '" + data.name() + "'"
                + (lambda > 0 ? " + " + lambda + "·‖" + pattern + "‖²" : "");
    }

    record Point(double[] x, int[] offsets, int rows, int classes, int chunkSize) implements Serializable {
    }

    /** A partition's share of the mean loss and gradient: its own mean times (its rows)/n. */
    record Share(double value, double[] gradient) implements Serializable {
    }

    static final class RiskTask extends WorkerTask<Point, Share> {
        private static final long serialVersionUID = 1L;

        RiskTask(String runId, ModelFactory models, ObjectiveFactory objectives, Broadcast<Point> point) {
            super(runId, models, objectives, point);
        }

        @Override
        Share apply(ExampleBlock block, Point in) {
            Worker worker = worker();
            if (worker.statePartition != block.partition || !(worker.partitionState instanceof EmpiricalRisk)) {
                worker.partitionState = riskOf(worker, block, in);
                worker.statePartition = block.partition;
            }
            EmpiricalRisk risk = (EmpiricalRisk) worker.partitionState;
            double[] gradient = new double[in.x().length];
            double value = risk.valueAndGradient(in.x(), gradient);
            double share = (double) block.rows / in.rows();
            for (int i = 0; i < gradient.length; i++) {
                gradient[i] *= share;
            }
            return new Share(value * share, gradient);
        }

        private static EmpiricalRisk riskOf(Worker worker, ExampleBlock block, Point in) {
            Object loss = worker.objective.lossFunction();
            if (block.classification()) {
                return EmpiricalRisk.of(worker.model, (ClassificationLoss) loss,
                        (dev.descent.data.Dataset) block.asExamples("partition " + block.partition, in.classes()),
                        in.chunkSize());
            }
            dev.descent.data.RegressionDataset part = (dev.descent.data.RegressionDataset) block.asExamples(
                    "partition " + block.partition, 0);
            return EmpiricalRisk.of(worker.model, (RegressionLoss) loss, part.features(), part.targets(),
                    in.chunkSize());
        }
    }
}
