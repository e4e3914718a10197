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
import dev.descent.model.DataFingerprint;
import dev.descent.model.ModelBundle;
import dev.descent.model.Preprocessing;
import dev.descent.spark.SparkRows;
import java.io.PrintWriter;
import java.util.Locale;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

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
     * Reads {@code uri} with Spark's own readers (on the executors: HDFS, S3 and local paths
     * alike) and splits it at random, seeded: the training rows stay cached on the executors;
     * the validation and test rows come to the driver, which evaluates on them. Formats:
     * {@code libsvm}; {@code parquet} with a vector or array {@code features} column (or numeric
     * columns, assembled); {@code csv} with a header, every column but the label a feature.
     */
    DataSplits load(String uri, String format, String labelColumn, Integer features, boolean standardize,
                    double validationFraction, double testFraction, long seed) {
        SparkSession session = SparkSession.builder().sparkContext(spark.sc()).getOrCreate();
        String kind = SparkRows.formatOf(uri, format);
        String label = labelColumn != null ? labelColumn : "label";
        Dataset<Row> frame;
        try {
            frame = SparkRows.read(session, uri, kind, label, features);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--spark-data " + e.getMessage() + " (--spark-format and --label-column"
                    + " choose them)", e);
        }
        Row largest = frame.agg(functions.max(label)).head();
        if (largest.isNullAt(0)) {
            throw new IllegalArgumentException(uri + ": no rows");
        }
        int classes = (int) Math.floor(((Number) largest.get(0)).doubleValue()) + 1;
        Dataset<Row>[] parts = frame.randomSplit(new double[] {1 - validationFraction - testFraction,
                validationFraction, testFraction}, seed);
        data = SparkRows.classification(parts[0], "features", label, classes);
        Examples validation;
        Examples test;
        try (SparkExamples validationRows = SparkRows.classification(parts[1], "features", label, classes);
             SparkExamples testRows = SparkRows.classification(parts[2], "features", label, classes)) {
            validation = validationRows.collect();
            test = testRows.collect();
        }
        Preprocessing preprocessing = Preprocessing.vectors(data.featureCount());
        if (standardize) { // fitted on the training rows in one pass on the executors, as data.standardize does here
            SparkExamples.Standardized standardized = data.standardized();
            data = standardized.examples();
            validation = standardized.scaling().apply((dev.descent.data.Dataset) validation);
            test = standardized.scaling().apply((dev.descent.data.Dataset) test);
            preprocessing = preprocessing.withScaling(standardized.scaling());
        }
        out.printf(Locale.ROOT, "spark    %s (Spark %s): read %s (%s) on the executors; train %,d rows in %d partitions"
                + " stay there%s, validation %,d and test %,d come here%n", spark.master(), spark.version(), uri, kind,
                data.size(), data.partitions(), standardize ? " (standardised)" : "", validation.size(), test.size());
        return new DataSplits(uri, kind + " read by Spark", data.driverIndex(), validation, test, preprocessing,
                DataFingerprint.none(), ModelBundle.indexNames(classes));
    }

    /** Features per row of the data {@link #load} read. */
    int featureCount() {
        return data.featureCount();
    }

    /**
     * Caches {@code train} on the executors (one partition per Spark core), makes {@code trainer}
     * take its gradients from them, and returns the driver's batches: the same global batches
     * as a local run with this seed, holding row numbers only.
     */
    MiniBatches distribute(Trainer trainer, Examples train, ModelSpec spec, boolean classification, int batchSize,
                           long batchSeed, long seed) {
        if (data == null) { // data read by Spark (load) is already there
            int partitions = Math.max(1, Math.min(spark.defaultParallelism(), train.size()));
            data = SparkExamples.of(spark, train, partitions);
        }
        gradients = new SparkGradients(spark, data, ModelFactory.of(spec), classification
                ? ObjectiveFactory.softmaxCrossEntropy() : ObjectiveFactory.meanSquaredError(), seed);
        trainer.gradientsFrom(gradients);
        out.printf(Locale.ROOT, "spark    %s (Spark %s): %,d rows in %d partitions; synchronous SGD, one Spark job per"
                + " step%n", spark.master(), spark.version(), data.size(), data.partitions());
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
