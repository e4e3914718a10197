package dev.descent.spark.bench;

import static dev.descent.spark.bench.MllibComparison.say;

import dev.descent.data.BatchOptions;
import dev.descent.data.MiniBatches;
import dev.descent.loss.SoftmaxCrossEntropy;
import dev.descent.nn.ModelSpec;
import dev.descent.nn.Sequential;
import dev.descent.optim.Sgd;
import dev.descent.random.Rng;
import dev.descent.spark.ModelFactory;
import dev.descent.spark.ObjectiveFactory;
import dev.descent.spark.SparkGradients;
import dev.descent.train.EpochReport;
import dev.descent.train.Evaluation;
import dev.descent.train.Objective;
import dev.descent.train.Trainer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.classification.MultilayerPerceptronClassificationModel;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.ml.param.ParamMap;

/**
 * The FMNIST-MLP, 784-256-128-10, both ways. MLlib's {@code MultilayerPerceptronClassifier}
 * (sigmoid hidden layers, softmax output, full-batch L-BFGS) runs first with its defaults and
 * a fixed seed; its test accuracy, or 0.85 if higher, is the target. Descent trains the same
 * layer sizes with ReLU by synchronous data-parallel SGD with momentum through
 * {@link SparkGradients}, evaluating the test set on the driver after each epoch.
 *
 * <p>The clock counts training only: it runs during {@code Trainer.fit} (every Spark job, the
 * updates, the batch drawing) and stops while the driver evaluates the test set. Descent trains
 * until MLlib's training time or {@code --cap-seconds}, whichever comes first.
 */
final class PerceptronRace {
    static final ModelSpec MLP = ModelSpec.mlp(784, List.of(256, 128), 10, "relu", 0);
    private static final double ACCURACY_FLOOR = 0.85;

    private PerceptronRace() {
    }

    static Map<String, Object> run(JavaSparkContext spark, SharedData data, ComparisonOptions options) {
        Map<String, Object> figures = new LinkedHashMap<>();
        MultilayerPerceptronClassifier mllib = new MultilayerPerceptronClassifier()
                .setLayers(new int[] {784, 256, 128, 10}).setMaxIter(options.mlpMaxIterations())
                .setBlockSize(options.mlpBlockSize()).setSolver("l-bfgs").setSeed(options.seed());
        if (options.warmUp()) {
            long start = System.nanoTime();
            mllib.copy(new ParamMap()).setMaxIter(1).fit(data.trainFrame());
            double warmUp = (System.nanoTime() - start) / 1e9;
            figures.put("mllib_warm_up_fit_max_iter_1_seconds", warmUp);
            say("mlp MLlib warm-up: fit with maxIter 1 %.2f s", warmUp);
        }
        long start = System.nanoTime();
        MultilayerPerceptronClassificationModel model = mllib.fit(data.trainFrame());
        double mllibSeconds = (System.nanoTime() - start) / 1e9;
        double[] history = model.summary().objectiveHistory();
        double mllibAccuracy = MllibComparison.accuracy(model.transform(data.testFrame()));
        double target = Math.max(mllibAccuracy, ACCURACY_FLOOR);
        figures.put("mllib_max_iter", options.mlpMaxIterations());
        figures.put("mllib_fit_seconds", mllibSeconds);
        figures.put("mllib_iterations", model.summary().totalIterations());
        figures.put("mllib_final_training_loss", history[history.length - 1]);
        figures.put("mllib_test_accuracy", mllibAccuracy);
        figures.put("target_accuracy", target);
        say("mlp MLlib: %d iterations (maxIter %d) in %.2f s, final training loss %.4f, test accuracy %.4f",
                model.summary().totalIterations(), options.mlpMaxIterations(), mllibSeconds,
                history[history.length - 1], mllibAccuracy);
        for (DescentData source : data.descent()) {
            figures.put("descent_" + source.source(), descent(spark, data, source, options, mllibSeconds,
                    mllibAccuracy, target));
        }
        return figures;
    }

    /** Descent's SGD through Spark, timed to {@code target} and stopped at MLlib's time or the cap. */
    private static Map<String, Object> descent(JavaSparkContext spark, SharedData data, DescentData source,
                                               ComparisonOptions options, double mllibSeconds, double mllibAccuracy,
                                               double target) {
        Map<String, Object> figures = new LinkedHashMap<>();
        String name = source.source();
        if (options.warmUp()) {
            long start = System.nanoTime();
            Trainer throwaway = trainer(spark, source, options, MLP.build(new Rng(options.seed() + 1)));
            MiniBatches batches = batches(source, options);
            int steps = 0;
            for (var batch : batches.nextEpoch()) {
                throwaway.step(batch, batches.sampler());
                if (++steps == 10) {
                    break;
                }
            }
            figures.put("warm_up_10_steps_seconds", (System.nanoTime() - start) / 1e9);
        }
        Sequential model = MLP.build(new Rng(options.seed()));
        Trainer trainer = trainer(spark, source, options, model);
        MiniBatches batches = batches(source, options);
        Objective objective = Objective.of(new SoftmaxCrossEntropy());
        double budget = Math.min(mllibSeconds, options.capSeconds());
        double clock = 0;
        double toTarget = Double.NaN;
        double accuracyInMllibTime = Double.NaN;
        List<Map<String, Object>> epochs = new ArrayList<>();
        for (int epoch = 1; epoch <= options.maxEpochs() && clock < budget; epoch++) {
            long epochStart = System.nanoTime();
            List<EpochReport> reports = trainer.fit(batches, epoch, null, report -> { });
            clock += (System.nanoTime() - epochStart) / 1e9;
            Evaluation test = objective.evaluate(model, data.test());
            double trainLoss = reports.get(reports.size() - 1).trainLoss();
            if (Double.isNaN(toTarget) && test.accuracy() >= target) {
                toTarget = clock;
            }
            if (clock <= mllibSeconds) {
                accuracyInMllibTime = test.accuracy();
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("epoch", epoch);
            row.put("training_seconds", clock);
            row.put("train_loss", trainLoss);
            row.put("test_accuracy", test.accuracy());
            epochs.add(row);
            say("mlp [%s] Descent epoch %d: %.2f s of training, train loss %.4f, test accuracy %.4f", name, epoch,
                    clock, trainLoss, test.accuracy());
        }
        figures.put("recipe", "ReLU MLP, " + new Sgd(options.learningRate()).withMomentum(options.momentum())
                + ", batch " + options.batchSize() + ", shuffled, PyTorch initialisation, seed " + options.seed());
        figures.put("seconds_to_target", toTarget);
        figures.put("speed_up_to_target", mllibSeconds / toTarget);
        figures.put("training_seconds", clock);
        figures.put("budget_seconds", budget);
        figures.put("capped_before_mllib_time", budget < mllibSeconds);
        figures.put("accuracy_within_mllib_time", accuracyInMllibTime);
        figures.put("final_test_accuracy", epochs.get(epochs.size() - 1).get("test_accuracy"));
        figures.put("epochs", epochs);
        say("mlp [%s] Descent reached test accuracy %.4f at %.2f s of training: speed-up %.2f× (target ≥ 5×)", name,
                target, toTarget, mllibSeconds / toTarget);
        say("mlp [%s] accuracy within MLlib's %.1f s%s: Descent %.4f, MLlib %.4f", name, mllibSeconds,
                budget < mllibSeconds ? " (Descent capped at " + budget + " s)" : "", accuracyInMllibTime,
                mllibAccuracy);
        return figures;
    }

    private static Trainer trainer(JavaSparkContext spark, DescentData source, ComparisonOptions options,
                                   Sequential model) {
        var optimizer = new Sgd(options.learningRate()).withMomentum(options.momentum())
                .build(model.namedParameters());
        return new Trainer(model, Objective.of(new SoftmaxCrossEntropy()), optimizer)
                .gradientsFrom(new SparkGradients(spark, source.examples(), ModelFactory.of(MLP),
                        ObjectiveFactory.softmaxCrossEntropy(), options.seed()));
    }

    private static MiniBatches batches(DescentData source, ComparisonOptions options) {
        return new MiniBatches(source.examples().driverIndex(), BatchOptions.shuffled(options.batchSize(),
                options.seed()));
    }
}
