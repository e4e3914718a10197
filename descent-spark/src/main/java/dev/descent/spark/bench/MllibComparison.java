package dev.descent.spark.bench;

import dev.descent.io.JsonText;
import dev.descent.kernel.ComputeThreads;
import dev.descent.spark.SparkSessions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Descent on Spark against Spark MLlib, in one JVM and one Spark context, on Fashion-MNIST:
 * logistic regression to the same training objective ({@link LogisticRegressionRace}), the
 * FMNIST-MLP to the same test accuracy ({@link PerceptronRace}), the cost of a synchronous step
 * ({@link StepCost}) and of a full-batch evaluation under this master
 * ({@link EvaluationScaling}). Starting the context and caching the data are outside every
 * clock. Prints one line per figure; {@code --json FILE} writes them all.
 *
 * <p>Run with Spark's jars first on the class path (Spark's Jackson must win), the flags of
 * {@code spark.jvm.args}, {@code --add-modules jdk.incubator.vector} and
 * {@code SPARK_LOCAL_IP=127.0.0.1}: {@code scripts/spark-vs-mllib.sh} does all that.
 */
public final class MllibComparison {
    private MllibComparison() {
    }

    public static void main(String[] args) {
        ComparisonOptions options;
        try {
            options = ComparisonOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        // One kernel thread per Spark task by default: Spark already runs a task on every core.
        ComputeThreads.setThreads(options.kernelThreads());
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("benchmark", "descent-spark vs Spark MLlib on Fashion-MNIST");
        report.put("started", Instant.now().toString());

        long start = System.nanoTime();
        try (JavaSparkContext spark = SparkSessions.context(new SparkConf().setMaster(options.master())
                .setAppName("descent-vs-mllib"))) {
            SparkSession session = SparkSession.builder().getOrCreate();
            double contextSeconds = (System.nanoTime() - start) / 1e9;
            Map<String, Object> machine = Machine.describe(spark);
            report.put("machine", machine);
            report.put("settings", options.toMap());
            say("%s (%s cores), %s; Spark %s on %s; %d Descent kernel thread(s) per task; MLlib's BLAS: %s",
                    machine.get("cpu_model"), machine.get("cores"), machine.get("jdk"), spark.version(),
                    spark.master(), ComputeThreads.threads(), machine.get("mllib_native_blas"));

            SharedData data = SharedData.load(spark, session, options.dataDirectory(), options.trainRows(),
                    options.testRows(), options.descentSources(),
                    options.parts().contains("lr") || options.parts().contains("mlp"));
            Map<String, Object> dataFigures = new LinkedHashMap<>();
            dataFigures.put("train_rows", data.train().size());
            dataFigures.put("test_rows", data.test().size());
            dataFigures.put("partitions", SharedData.PARTITIONS);
            dataFigures.put("context_start_seconds", contextSeconds);
            dataFigures.put("mllib_frames_cache_seconds", data.framesSeconds());
            for (DescentData source : data.descent()) {
                dataFigures.put("descent_" + source.source() + "_cache_seconds", source.cacheSeconds());
            }
            report.put("data", dataFigures);
            say("data: %d training and %d test rows in %d partitions; context %.1f s, caching MLlib's frames %.1f s,"
                            + " Descent's blocks %s (outside every clock)", data.train().size(), data.test().size(),
                    SharedData.PARTITIONS, contextSeconds, data.framesSeconds(), data.descent().stream()
                            .map(d -> String.format(Locale.ROOT, "%.1f s [%s]", d.cacheSeconds(), d.source()))
                            .toList());

            if (options.runs("lr")) {
                report.put("logistic_regression", LogisticRegressionRace.run(spark, data, options));
            }
            if (options.runs("mlp")) {
                report.put("mlp", PerceptronRace.run(spark, data, options));
            }
            if (options.runs("steps")) {
                report.put("step_cost", StepCost.run(spark, data, options));
            }
            if (options.runs("rounds")) {
                report.put("local_sgd_round", StepCost.rounds(spark, data, options));
            }
            if (options.runs("scaling")) {
                report.put("evaluation_scaling", EvaluationScaling.run(spark, data, options));
            }
            report.put("finished", Instant.now().toString());
            if (options.jsonFile() != null) {
                write(report, options);
            }
        }
    }

    /** The share of correctly classified rows in MLlib's predictions of the test frame. */
    static double accuracy(org.apache.spark.sql.Dataset<Row> predictions) {
        return new MulticlassClassificationEvaluator().setMetricName("accuracy").evaluate(predictions);
    }

    /** One line of the human-readable report, flushed at once (a long run shows its progress). */
    static void say(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
        System.out.flush();
    }

    private static void write(Map<String, Object> report, ComparisonOptions options) {
        try {
            if (options.jsonFile().getParent() != null) {
                Files.createDirectories(options.jsonFile().getParent());
            }
            Files.writeString(options.jsonFile(), JsonText.write(finite(report)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + options.jsonFile(), e);
        }
        say("figures written to %s", options.jsonFile());
    }

    /** The report with NaN and infinities (a target never reached) as null, which JSON can hold. */
    private static Object finite(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), finite(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(finite(v)));
            return copy;
        }
        if (value instanceof Double d && !Double.isFinite(d)) {
            return null;
        }
        return value;
    }
}
