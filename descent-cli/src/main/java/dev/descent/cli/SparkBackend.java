package dev.descent.cli;

import dev.descent.data.BatchOptions;
import dev.descent.data.Examples;
import dev.descent.data.MiniBatches;
import dev.descent.nn.ModelSpec;
import dev.descent.spark.ModelFactory;
import dev.descent.spark.ObjectiveFactory;
import dev.descent.spark.SparkExamples;
import dev.descent.spark.SparkGradients;
import dev.descent.spark.SparkSessions;
import dev.descent.train.Trainer;
import java.io.PrintWriter;
import java.util.Locale;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * {@code descent train --spark MASTER}: the same run, with each step's gradient computed by
 * Spark (synchronous data-parallel SGD, {@link SparkGradients}). Loaded only when the option is
 * given, so the command line works without Spark on the class path otherwise.
 */
final class SparkBackend implements AutoCloseable {
    private final JavaSparkContext spark;
    private final PrintWriter out;
    private SparkExamples data;
    private SparkGradients gradients;

    private SparkBackend(JavaSparkContext spark, PrintWriter out) {
        this.spark = spark;
        this.out = out;
    }

    /** Starts Spark on {@code master}, or says clearly why it cannot (no Spark on the class path). */
    static SparkBackend start(String master, PrintWriter out) {
        try {
            return new SparkBackend(SparkSessions.context(master), out);
        } catch (NoClassDefFoundError e) {
            throw new IllegalArgumentException("--spark " + master + ": Apache Spark is not on the class path ("
                    + e.getMessage() + " is missing). Run through ./descent, which adds Spark's jars, or submit the"
                    + " descent-spark jar with spark-submit (docs/distributed.md)", e);
        }
    }

    /**
     * Caches {@code train} on the executors (one partition per Spark core), makes {@code trainer}
     * take its gradients from them, and returns the driver's batches: the same global batches
     * as a local run with this seed, holding row numbers only.
     */
    MiniBatches distribute(Trainer trainer, Examples train, ModelSpec spec, boolean classification, int batchSize,
                           long batchSeed, long seed) {
        int partitions = Math.max(1, Math.min(spark.defaultParallelism(), train.size()));
        data = SparkExamples.of(spark, train, partitions);
        gradients = new SparkGradients(spark, data, ModelFactory.of(spec), classification
                ? ObjectiveFactory.softmaxCrossEntropy() : ObjectiveFactory.meanSquaredError(), seed);
        trainer.gradientsFrom(gradients);
        out.printf(Locale.ROOT, "spark    %s (Spark %s): %,d rows in %d partitions; synchronous SGD, one Spark job per"
                + " step%n", spark.master(), spark.version(), train.size(), partitions);
        return new MiniBatches(data.driverIndex(), BatchOptions.shuffled(batchSize, batchSeed));
    }

    /** The cost of the steps so far, for the end of the run. */
    void printCost() {
        if (gradients != null && gradients.steps() > 0) {
            out.printf(Locale.ROOT, "spark    %,d steps, %.1f s in Spark jobs (%.1f ms a step)%n", gradients.steps(),
                    gradients.jobSeconds(), 1e3 * gradients.jobSeconds() / gradients.steps());
        }
    }

    @Override
    public void close() {
        if (data != null) {
            data.close();
        }
        spark.close();
    }
}
