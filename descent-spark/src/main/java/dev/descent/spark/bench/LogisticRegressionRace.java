package dev.descent.spark.bench;

import static dev.descent.spark.bench.MllibComparison.say;

import dev.descent.loss.SoftmaxCrossEntropy;
import dev.descent.nn.ModelSpec;
import dev.descent.nn.Sequential;
import dev.descent.random.Rng;
import dev.descent.solver.Lbfgs;
import dev.descent.solver.SolverResult;
import dev.descent.solver.StoppingCriteria;
import dev.descent.spark.ModelFactory;
import dev.descent.spark.ObjectiveFactory;
import dev.descent.spark.SparkRisk;
import dev.descent.train.Objective;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.linalg.Matrix;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.ParamMap;

/**
 * Softmax regression 784 → 10 on Fashion-MNIST, both sides minimising the same objective
 *
 * <pre>  (1/n) Σᵢ −log softmax(W xᵢ + b)_yᵢ + (r/2)·‖W‖²,   r = MLlib's regParam, b not penalised</pre>
 *
 * MLlib's {@code LogisticRegression} (multinomial, elasticNetParam 0, standardization off,
 * intercept on) states it with r/2; {@link SparkRisk#withL2} adds λ‖W‖² with no ½, so Descent
 * uses λ = r/2. MLlib runs first, to its own convergence or maxIter; its last objective is the
 * target. Descent's L-BFGS then starts from zero (MLlib's start too: zero weights, intercepts
 * at the centred log class frequencies, which are zero for balanced classes) and the clock
 * says when its first accepted iterate reaches the target.
 */
final class LogisticRegressionRace {
    private static final ModelSpec SOFTMAX = ModelSpec.linear(784, 10);

    private LogisticRegressionRace() {
    }

    static Map<String, Object> run(JavaSparkContext spark, SharedData data, ComparisonOptions options) {
        Map<String, Object> figures = new LinkedHashMap<>();
        LogisticRegression mllib = new LogisticRegression().setFamily("multinomial").setElasticNetParam(0)
                .setStandardization(false).setFitIntercept(true).setRegParam(options.regParam())
                .setMaxIter(options.lrMaxIterations()).setTol(options.lrTolerance());
        double setup = Double.NaN;
        if (options.warmUp()) {
            // maxIter 0 is MLlib's fixed cost: the statistics pass, standardising and blocking the rows,
            // one evaluation.
            long start = System.nanoTime();
            mllib.copy(new ParamMap()).setMaxIter(0).fit(data.trainFrame());
            setup = (System.nanoTime() - start) / 1e9;
            figures.put("mllib_fit_max_iter_0_seconds", setup);
            say("lr MLlib warm-up: fit with maxIter 0 %.2f s", setup);
        }
        long start = System.nanoTime();
        LogisticRegressionModel model = mllib.fit(data.trainFrame());
        double mllibSeconds = (System.nanoTime() - start) / 1e9;
        double[] history = model.summary().objectiveHistory();
        double target = history[history.length - 1];
        double mllibAccuracy = MllibComparison.accuracy(model.transform(data.testFrame()));
        figures.put("mllib_fit_seconds", mllibSeconds);
        figures.put("mllib_iterations", model.summary().totalIterations());
        figures.put("mllib_seconds_per_iteration_after_setup",
                (mllibSeconds - (options.warmUp() ? setup : 0)) / model.summary().totalIterations());
        figures.put("mllib_final_objective", target);
        figures.put("mllib_test_accuracy", mllibAccuracy);
        say("lr MLlib: %d iterations in %.2f s, final training objective %.6f, test accuracy %.4f",
                model.summary().totalIterations(), mllibSeconds, target, mllibAccuracy);

        for (DescentData source : data.descent()) {
            SparkRisk risk = SparkRisk.of(spark, source.examples(), ModelFactory.of(SOFTMAX),
                    ObjectiveFactory.softmaxCrossEntropy()).withL2(options.regParam() / 2, "*.weight");
            Map<String, Object> descent = descent(risk, data, options, source.source(), target);
            // The same objective on both sides: Descent's function at MLlib's solution gives MLlib's value back.
            descent.put("objective_at_mllib_solution", risk.value(parametersOf(model)));
            double toTarget = (Double) descent.get("seconds_to_mllib_objective");
            descent.put("speed_up_to_mllib_objective", mllibSeconds / toTarget);
            if (options.warmUp()) {
                // The ratio with MLlib's fixed cost (its maxIter-0 fit) counted as set-up, not optimisation.
                descent.put("speed_up_without_mllib_setup", (mllibSeconds - setup) / toTarget);
            }
            say("lr [%s] Descent's objective at MLlib's solution %.6f (MLlib: %.6f); speed-up to MLlib's final"
                            + " objective %.2f× (target ≥ 3×)%s", source.source(),
                    descent.get("objective_at_mllib_solution"), target, mllibSeconds / toTarget, options.warmUp()
                            ? String.format(Locale.ROOT, ", %.2f× not counting MLlib's maxIter-0 fit",
                                    (mllibSeconds - setup) / toTarget) : "");
            figures.put("descent_" + source.source(), descent);
        }
        return figures;
    }

    /** Descent's L-BFGS from zero on {@code risk}, timed to {@code target} and to its own stop. */
    private static Map<String, Object> descent(SparkRisk risk, SharedData data, ComparisonOptions options,
                                               String source, double target) {
        Map<String, Object> figures = new LinkedHashMap<>();
        double[] zero = new double[risk.dimension()];
        if (options.warmUp()) {
            long start = System.nanoTime();
            risk.valueAndGradient(zero, new double[zero.length]);
            risk.valueAndGradient(zero, new double[zero.length]);
            figures.put("warm_up_two_evaluations_seconds", (System.nanoTime() - start) / 1e9);
        }
        TimedFunction timed = new TimedFunction(risk);
        StoppingCriteria stopping = StoppingCriteria.forFloat32().withMaxIterations(options.descentLrMaxIterations());
        timed.start();
        long start = System.nanoTime();
        SolverResult result = Lbfgs.defaults().minimize(timed, zero, stopping);
        double seconds = (System.nanoTime() - start) / 1e9;
        double toTarget = timed.secondsToIterate(result.valueHistory(), target);
        double anyToTarget = timed.secondsToAnyEvaluation(target);
        int iterationsToTarget = firstBelow(result.valueHistory(), target);
        Sequential fitted = SOFTMAX.build(new Rng(options.seed()));
        SparkRisk.setParameters(fitted, result.x());
        double accuracy = Objective.of(new SoftmaxCrossEntropy()).evaluate(fitted, data.test()).accuracy();
        figures.put("seconds_to_mllib_objective", toTarget);
        figures.put("iterations_to_mllib_objective", iterationsToTarget);
        figures.put("seconds_to_mllib_objective_any_evaluation", anyToTarget);
        figures.put("seconds_total", seconds);
        figures.put("iterations", result.iterations());
        figures.put("evaluations", result.evaluations());
        figures.put("seconds_per_evaluation", seconds / result.evaluations());
        figures.put("stop_reason", result.reason().toString());
        figures.put("final_objective", result.value());
        figures.put("test_accuracy", accuracy);
        say("lr [%s] Descent L-BFGS: MLlib's objective after %d iterations at %.2f s (a trial point at %.2f s); own"
                        + " stop after %d iterations, %d evaluations (%.0f ms each), %.2f s (%s), objective %.6f,"
                        + " test accuracy %.4f", source, iterationsToTarget, toTarget, anyToTarget,
                result.iterations(), result.evaluations(), 1e3 * seconds / result.evaluations(), seconds,
                result.reason(), result.value(), accuracy);
        return figures;
    }

    /** MLlib's coefficients in Descent's layout: the weight [10, 784] row by row, then the bias. */
    static double[] parametersOf(LogisticRegressionModel model) {
        Matrix w = model.coefficientMatrix();
        Vector b = model.interceptVector();
        double[] x = new double[w.numRows() * w.numCols() + b.size()];
        int o = 0;
        for (int k = 0; k < w.numRows(); k++) {
            for (int j = 0; j < w.numCols(); j++) {
                x[o++] = w.apply(k, j);
            }
        }
        for (int k = 0; k < b.size(); k++) {
            x[o++] = b.apply(k);
        }
        return x;
    }

    private static int firstBelow(double[] values, double target) {
        for (int k = 0; k < values.length; k++) {
            if (values[k] <= target) {
                return k;
            }
        }
        return -1;
    }
}
