package dev.descent.spark.bench;

import static dev.descent.spark.bench.MllibComparison.say;

import dev.descent.data.Batch;
import dev.descent.data.BatchOptions;
import dev.descent.data.Examples;
import dev.descent.data.MiniBatches;
import dev.descent.kernel.ComputeThreads;
import dev.descent.loss.SoftmaxCrossEntropy;
import dev.descent.nn.Sequential;
import dev.descent.optim.Sgd;
import dev.descent.random.Rng;
import dev.descent.spark.LocalSgd;
import dev.descent.spark.ModelFactory;
import dev.descent.spark.ObjectiveFactory;
import dev.descent.spark.SparkGradients;
import dev.descent.train.Objective;
import dev.descent.train.Trainer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * What one synchronous step of the FMNIST-MLP costs through Spark
 * ({@link SparkGradients#jobSeconds()} / {@link SparkGradients#steps()}: broadcast, tasks,
 * collection, summing) at a few batch sizes, next to the same step computed on the driver
 * without Spark (all cores for Descent's kernels): the difference is Spark's price per step.
 */
final class StepCost {
    private static final int WARM_UP_STEPS = 3;
    private static final int SPARK_WARM_UP_STEPS = 300;

    private StepCost() {
    }

    static List<Map<String, Object>> run(JavaSparkContext spark, SharedData data, ComparisonOptions options) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int requested : options.stepBatches()) {
            int batch = requested <= 0 ? data.train().size() : Math.min(requested, data.train().size());
            int timed = batch >= 16_384 ? 5 : 20;
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("batch", batch);
            row.put("timed_steps", timed);
            for (DescentData source : data.descent()) {
                SparkGradients gradients = new SparkGradients(spark, source.examples(),
                        ModelFactory.of(PerceptronRace.MLP), ObjectiveFactory.softmaxCrossEntropy(), options.seed());
                Trainer onSpark = trainer(options).gradientsFrom(gradients);
                MiniBatches batches = batches(source.examples().driverIndex(), batch, options);
                // Spark's own job path (scheduler, serialisation) needs a few hundred jobs before the JIT has
                // compiled it: cold, a small step costs 3-4 times what it costs warm.
                steps(onSpark, batches, batch >= 16_384 ? WARM_UP_STEPS : SPARK_WARM_UP_STEPS);
                double jobBefore = gradients.jobSeconds();
                long stepsBefore = gradients.steps();
                double wall = steps(onSpark, batches, timed);
                double jobMillis = 1e3 * (gradients.jobSeconds() - jobBefore) / (gradients.steps() - stepsBefore);
                row.put("spark_job_ms_per_step_" + source.source(), jobMillis);
                row.put("spark_step_ms_with_update_" + source.source(), 1e3 * wall / timed);
                say("step cost B=%d [%s]: Spark job %.1f ms (step with update %.1f ms, %.0f samples/s)", batch,
                        source.source(), jobMillis, 1e3 * wall / timed, batch / (wall / timed));
            }
            double localMillis = 1e3 * localSeconds(data, batch, timed, options) / timed;
            row.put("driver_step_ms_no_spark", localMillis);
            rows.add(row);
            say("step cost B=%d: the same step on the driver without Spark, all %d cores: %.1f ms", batch,
                    Runtime.getRuntime().availableProcessors(), localMillis);
        }
        return rows;
    }

    /**
     * The cost of one local-SGD round (K = 16 local steps of batch 64 on every partition, then
     * the average of weights and momentum), next to the same 16 × partitions steps on the driver
     * without Spark.
     */
    static Map<String, Object> rounds(JavaSparkContext spark, SharedData data, ComparisonOptions options) {
        int batch = 64;
        int localSteps = 16;
        int warmUp = 50;
        int timed = 20;
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("batch", batch);
        row.put("local_steps", localSteps);
        row.put("timed_rounds", timed);
        for (DescentData source : data.descent()) {
            Sequential model = PerceptronRace.MLP.build(new Rng(options.seed()));
            double momentum = options.momentum();
            LocalSgd sgd = new LocalSgd(spark, source.examples(), ModelFactory.of(PerceptronRace.MLP),
                    ObjectiveFactory.softmaxCrossEntropy(), parameters -> new Sgd(0.01).withMomentum(momentum)
                    .build(parameters), batch, localSteps, options.seed());
            for (int r = 0; r < warmUp; r++) {
                sgd.round(model);
            }
            long start = System.nanoTime();
            for (int r = 0; r < timed; r++) {
                sgd.round(model);
            }
            double millis = 1e3 * (System.nanoTime() - start) / 1e9 / timed;
            int partitions = source.examples().partitions();
            row.put("round_ms_" + source.source(), millis);
            say("local-SGD round [%s]: %.1f ms for %d partitions × %d steps of batch %d (%.0f samples/s)",
                    source.source(), millis, partitions, localSteps, batch,
                    (double) partitions * localSteps * batch / (millis / 1e3));
        }
        int sameSteps = localSteps * data.descent().get(0).examples().partitions();
        double localMillis = 1e3 * localSeconds(data, batch, sameSteps * timed, options) / timed;
        row.put("driver_ms_same_steps_no_spark", localMillis);
        say("local-SGD round: the same %d steps of batch %d on the driver without Spark: %.1f ms", sameSteps, batch,
                localMillis);
        return row;
    }

    /** Seconds for {@code count} steps of a local run (no Spark) with every core for Descent's kernels. */
    private static double localSeconds(SharedData data, int batch, int count, ComparisonOptions options) {
        int sparkThreads = ComputeThreads.threads();
        ComputeThreads.setThreads(Runtime.getRuntime().availableProcessors());
        try {
            Trainer local = trainer(options);
            MiniBatches batches = batches(data.train(), batch, options);
            steps(local, batches, WARM_UP_STEPS);
            return steps(local, batches, count);
        } finally {
            ComputeThreads.setThreads(sparkThreads);
        }
    }

    private static Trainer trainer(ComparisonOptions options) {
        Sequential model = PerceptronRace.MLP.build(new Rng(options.seed()));
        // A small rate: the timing does not depend on it, and the weights stay sane for the full-batch steps.
        var optimizer = new Sgd(0.01).withMomentum(options.momentum()).build(model.namedParameters());
        return new Trainer(model, Objective.of(new SoftmaxCrossEntropy()), optimizer);
    }

    private static MiniBatches batches(Examples data, int batch, ComparisonOptions options) {
        return new MiniBatches(data, BatchOptions.shuffled(batch, options.seed()).withDropLast());
    }

    /** Runs {@code count} steps (starting new epochs as needed) and returns their wall time in seconds. */
    private static double steps(Trainer trainer, MiniBatches batches, int count) {
        long start = System.nanoTime();
        Iterator<Batch> epoch = batches.nextEpoch().iterator();
        for (int done = 0; done < count; done++) {
            if (!epoch.hasNext()) {
                epoch = batches.nextEpoch().iterator();
            }
            trainer.step(epoch.next(), batches.sampler());
        }
        return (System.nanoTime() - start) / 1e9;
    }
}
