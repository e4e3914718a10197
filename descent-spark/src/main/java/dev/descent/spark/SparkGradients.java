package dev.descent.spark;

import dev.descent.autodiff.Variable;
import dev.descent.data.Batch;
import dev.descent.nn.Layer;
import dev.descent.tensor.Tensor;
import dev.descent.train.GradientSource;
import java.io.Serializable;
import java.util.List;
import java.util.UUID;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * Synchronous data-parallel mini-batch SGD: each step's gradient is computed by the executors,
 * each on the rows of the global batch its partition holds, and summed on the driver, where the
 * {@link dev.descent.train.Trainer} steps the optimizer as in a local run.
 *
 * <pre>{@code
 * SparkExamples data = SparkExamples.of(spark, train, 2);
 * Trainer trainer = new Trainer(model, objective, optimizer)
 *         .gradientsFrom(new SparkGradients(spark, data, ModelFactory.of(spec), ObjectiveFactory.softmaxCrossEntropy(), seed));
 * trainer.fit(new MiniBatches(data.driverIndex(), BatchOptions.shuffled(1024, seed)), epochs, validation, report -> { });
 * }</pre>
 *
 * <p>One step is one Spark job: the weights and the batch's row numbers are broadcast, each
 * partition returns its rows' share of the mean gradient, and the driver adds the shares in
 * partition order. The result equals a local run on the same global batches up to float32
 * summation order, and is bit-identical from run to run and when Spark retries a task. The
 * job costs tens of milliseconds in local mode and more on a cluster (docs/distributed.md): the
 * strategy pays off for large batches and few updates.
 *
 * <p>Models with batch norm are refused: each partition would normalise with its own rows'
 * statistics and the running statistics would stay on the executors. Dropout draws its masks
 * from the seed, the step and the partition.
 */
public final class SparkGradients implements GradientSource {
    private final JavaSparkContext spark;
    private final SparkExamples data;
    private final ModelFactory models;
    private final ObjectiveFactory objectives;
    private final long seed;
    private final String runId = UUID.randomUUID().toString();
    private final int outputWidth;
    private float[] weights = new float[0];
    private double[] sum = new double[0];
    private long steps;
    private long jobNanos;

    public SparkGradients(JavaSparkContext spark, SparkExamples data, ModelFactory models, ObjectiveFactory objectives,
                          long seed) {
        this.spark = spark;
        this.data = data;
        this.models = models;
        this.objectives = objectives;
        this.seed = seed;
        Layer probe = models.create();
        requireNoBatchStatistics(probe);
        if (objectives.create().classification() != data.classification()) {
            throw new IllegalArgumentException("the data '" + data.name() + "' holds " + (data.classification()
                    ? "class labels" : "real-valued targets") + " but the objective is " + objectives.create().task());
        }
        this.outputWidth = data.classification() ? data.classes() : data.targetCount();
    }

    /** Batch norm's statistics are per partition and its running statistics would stay on the executors. */
    static void requireNoBatchStatistics(Layer model) {
        if (!model.namedBuffers().isEmpty()) {
            throw new IllegalArgumentException("the model keeps buffers " + model.namedBuffers().keySet() + " (batch"
                    + " norm's running statistics), which Spark training cannot synchronise across partitions yet;"
                    + " use layer_norm instead, or train on one machine");
        }
    }

    @Override
    public float lossAndGradients(Batch batch, boolean weighted, List<Variable> parameters) {
        long start = System.nanoTime();
        int n = Worker.parameterCount(parameters);
        if (weights.length != n) {
            weights = new float[n];
            sum = new double[n];
        }
        Worker.flatten(parameters, weights);
        StepInput input = new StepInput(weights.clone(), batch.exampleIndices().clone(), batch.weights().clone(),
                weighted, steps, seed, data.offsets());
        Broadcast<StepInput> shared = spark.broadcast(input);
        List<Share> shares;
        try {
            shares = data.blocks().mapPartitions(new StepTask(runId, models, objectives, shared)).collect();
        } finally {
            shared.destroy();
        }
        java.util.Arrays.fill(sum, 0);
        double loss = 0;
        for (Share share : shares) { // partition order: the same sum on every run, retried or not
            loss += share.loss;
            for (int i = 0; i < n; i++) {
                sum[i] += share.gradient[i];
            }
        }
        int o = 0;
        for (Variable p : parameters) {
            Tensor g = p.gradForOverwrite();
            float[] out = g.data();
            for (int i = 0; i < out.length; i++) {
                out[i] = (float) sum[o + i];
            }
            o += out.length;
        }
        steps++;
        jobNanos += System.nanoTime() - start;
        return (float) loss;
    }

    @Override
    public int outputWidth() {
        return outputWidth;
    }

    /** Steps computed so far. */
    public long steps() {
        return steps;
    }

    /** Wall time spent in this source's Spark jobs (broadcast, tasks, collection and summing), in seconds. */
    public double jobSeconds() {
        return jobNanos / 1e9;
    }

    @Override
    public String toString() {
        return "Spark synchronous SGD over " + data.partitions() + " partitions of '" + data.name() + "'";
    }

    /** What one step sends to every partition. */
    record StepInput(float[] weights, int[] rows, float[] rowWeights, boolean weighted, long step, long seed,
                     int[] offsets) implements Serializable {
    }

    /** One partition's share of the batch's mean loss and gradient (already divided by the global batch size). */
    record Share(double loss, float[] gradient) implements Serializable {
    }

    /** The executor's side of a step. */
    static final class StepTask extends WorkerTask<StepInput, Share> {
        private static final long serialVersionUID = 1L;

        StepTask(String runId, ModelFactory models, ObjectiveFactory objectives, Broadcast<StepInput> input) {
            super(runId, models, objectives, input);
        }

        @Override
        Share apply(ExampleBlock block, StepInput in) {
            int from = in.offsets()[block.partition];
            int to = from + block.rows;
            int[] rows = in.rows();
            int count = 0;
            for (int r : rows) {
                if (r >= from && r < to) {
                    count++;
                }
            }
            if (count == 0) {
                return null;
            }
            int[] local = new int[count];
            int[] global = new int[count];
            float[] rowWeights = new float[count];
            for (int i = 0, j = 0; i < rows.length; i++) {
                if (rows[i] >= from && rows[i] < to) {
                    local[j] = rows[i] - from;
                    global[j] = rows[i];
                    rowWeights[j++] = in.rowWeights()[i];
                }
            }
            Worker worker = worker();
            worker.setWeights(in.weights());
            worker.seedGenerators(in.seed(), in.step(), block.partition);
            worker.model.train();
            Batch batch = block.gather(local, count, global, rowWeights);
            worker.tape.reset();
            for (Variable p : worker.parameters) {
                p.zeroGrad();
            }
            Variable predictions = worker.model.forward(worker.tape.input(batch.features()));
            Variable loss = worker.objective.loss(predictions, batch, in.weighted());
            float share = (float) count / rows.length;
            double value = (double) loss.item() * share;
            loss.backward(Tensor.scalar(share));
            float[] gradient = new float[in.weights().length];
            worker.gradients(gradient);
            worker.tape.reset();
            return new Share(value, gradient);
        }
    }
}
