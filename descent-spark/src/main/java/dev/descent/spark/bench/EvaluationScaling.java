package dev.descent.spark.bench;

import static dev.descent.spark.bench.MllibComparison.say;

import dev.descent.loss.SoftmaxCrossEntropy;
import dev.descent.nn.ModelSpec;
import dev.descent.random.Rng;
import dev.descent.solver.DifferentiableFunction;
import dev.descent.spark.ModelFactory;
import dev.descent.spark.ObjectiveFactory;
import dev.descent.spark.SparkRisk;
import dev.descent.train.EmpiricalRisk;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The seconds of one full-batch evaluation (value and gradient) of the logistic-regression
 * risk on the two cached partitions, under this run's master. Run once with {@code local[1]}
 * and once with {@code local[2]} (two JVMs): their ratio is what the second executor thread
 * buys. The same evaluation on the driver without Spark, on one thread, is printed alongside.
 */
final class EvaluationScaling {
    /** Enough for the JIT to settle, so that a JVM that ran nothing else before compares fairly. */
    private static final int WARM_UP = 10;

    private EvaluationScaling() {
    }

    static Map<String, Object> run(JavaSparkContext spark, SharedData data, ComparisonOptions options) {
        ModelSpec softmax = ModelSpec.linear(784, 10);
        double lambda = options.regParam() / 2;
        // A typical point rather than zero: PyTorch's initialisation.
        double[] x = SparkRisk.parameters(softmax.build(new Rng(options.seed())));
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("master", options.master());
        figures.put("evaluations", options.scalingEvaluations());
        for (DescentData source : data.descent()) {
            SparkRisk risk = SparkRisk.of(spark, source.examples(), ModelFactory.of(softmax),
                    ObjectiveFactory.softmaxCrossEntropy()).withL2(lambda, "*.weight");
            double seconds = perEvaluation(risk, x, options.scalingEvaluations());
            figures.put("spark_seconds_per_evaluation_" + source.source(), seconds);
            say("lr full-batch evaluation on %s [%s]: %.1f ms each (%d timed)", options.master(), source.source(),
                    1e3 * seconds, options.scalingEvaluations());
        }
        EmpiricalRisk local = EmpiricalRisk.of(softmax.build(new Rng(options.seed())), new SoftmaxCrossEntropy(),
                data.train(), 1024).withL2(lambda, "*.weight");
        double localSeconds = perEvaluation(local, x, options.scalingEvaluations());
        figures.put("driver_seconds_per_evaluation_no_spark", localSeconds);
        say("lr full-batch evaluation on the driver without Spark, %d kernel thread(s): %.1f ms",
                options.kernelThreads(), 1e3 * localSeconds);
        return figures;
    }

    private static double perEvaluation(DifferentiableFunction f, double[] x, int count) {
        double[] gradient = new double[x.length];
        for (int i = 0; i < WARM_UP; i++) {
            f.valueAndGradient(x, gradient);
        }
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            f.valueAndGradient(x, gradient);
        }
        return (System.nanoTime() - start) / 1e9 / count;
    }
}
