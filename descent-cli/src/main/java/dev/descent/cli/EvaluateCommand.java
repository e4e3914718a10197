package dev.descent.cli;

import dev.descent.loss.SoftmaxCrossEntropy;
import dev.descent.metrics.ClassificationMetrics;
import dev.descent.metrics.ClassificationReport;
import dev.descent.metrics.RegressionMetrics;
import dev.descent.metrics.RegressionReport;
import dev.descent.model.ModelBundle;
import dev.descent.model.Predictor;
import dev.descent.tensor.Tensor;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code descent evaluate MODEL}: the trained model's report on labelled new data or on one of its run's splits. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Evaluate a trained model on labelled new data (--csv, --libsvm, --data-dir) or on its run's"
                + " test (or validation, or training) split: for a classifier the loss, accuracy, top-5, per-class"
                + " precision/recall/F1 and the confusion matrix; for a regression model RMSE, MAE and R².",
                "A run's split is rebuilt only after its data files are checked to be unchanged."})
final class EvaluateCommand implements Callable<Integer> {

    @CommandLine.Mixin
    ModelDataOptions data;

    @Option(names = "--weights", paramLabel = "FILE",
            description = "Weights to evaluate instead of the model's own (e.g. a checkpoint's model).")
    Path weights;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Predictor predictor = Predictor.load(data.model);
        if (weights != null) {
            WeightsFile.load(predictor.model(), weights, "--weights");
        }
        try (PredictionInput input = data.open(predictor, true)) {
            if (predictor.task() == ModelBundle.Task.CLASSIFICATION) {
                classification(predictor, input, out);
            } else {
                regression(predictor, input, out);
            }
        }
        out.flush();
        return 0;
    }

    private static void classification(Predictor predictor, PredictionInput input, PrintWriter out) {
        int k = predictor.outputCount();
        ClassificationMetrics metrics = new ClassificationMetrics(Math.max(2, k)).withTopK(k > 5 ? new int[] {5}
                : new int[0]);
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
        for (PredictionInput.Rows rows; (rows = input.next()) != null; ) {
            if (rows.labels() == null) {
                throw new IllegalArgumentException(input.description() + " has no labels to evaluate against");
            }
            Tensor logits = Tensor.wrap(outputs(predictor, rows), rows.count(), k);
            float[] losses = new float[rows.count()];
            loss.perExample(logits, java.util.Arrays.copyOf(rows.labels(), rows.count()), losses);
            double lossSum = 0;
            for (float l : losses) {
                lossSum += l;
            }
            metrics.add(logits, rows.labels(), rows.count(), lossSum);
        }
        ClassificationReport report = metrics.report(predictor.outputNames());
        out.printf(Locale.ROOT, "%s (%d examples): loss %.4f · accuracy %.2f%%%n%n", input.description(),
                report.examples(), report.meanLoss().orElse(Double.NaN), 100 * report.accuracy());
        out.println(report.toTable());
        out.println();
        out.println(report.confusionMatrixTable());
    }

    private static void regression(Predictor predictor, PredictionInput input, PrintWriter out) {
        int k = predictor.outputCount();
        RegressionMetrics metrics = new RegressionMetrics();
        for (PredictionInput.Rows rows; (rows = input.next()) != null; ) {
            if (rows.targets() == null) {
                throw new IllegalArgumentException(input.description() + " has no targets to evaluate against");
            }
            metrics.add(Tensor.wrap(outputs(predictor, rows), rows.count(), k),
                    Tensor.wrap(java.util.Arrays.copyOf(rows.targets(), rows.count() * k), rows.count(), k));
        }
        RegressionReport report = metrics.report();
        out.printf(Locale.ROOT, "%s (%d examples): rmse %.4f · mae %.4f · r² %.4f · mse %.4f%n", input.description(),
                report.count(), report.rootMeanSquaredError(), report.meanAbsoluteError(), report.r2Score(),
                report.meanSquaredError());
    }

    private static float[] outputs(Predictor predictor, PredictionInput.Rows rows) {
        float[] out = new float[rows.count() * predictor.outputCount()];
        if (rows.prepared()) {
            predictor.outputsOfPrepared(rows.features(), rows.count(), out);
        } else {
            predictor.outputs(rows.features(), rows.count(), out);
        }
        return out;
    }
}
