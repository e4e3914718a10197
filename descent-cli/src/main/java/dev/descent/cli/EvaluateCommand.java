package dev.descent.cli;

import dev.descent.cli.config.ConfigLoader;
import dev.descent.cli.config.RunConfig;
import dev.descent.data.Dataset;
import dev.descent.data.DatasetLocator;
import dev.descent.io.ModelWeights;
import dev.descent.loss.SoftmaxCrossEntropy;
import dev.descent.metrics.ClassificationReport;
import dev.descent.nn.Sequential;
import dev.descent.train.Evaluator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code descent evaluate RUN_DIR}: the trained model's report on one of the run's splits. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Evaluate a trained classifier on its run's test (or validation, or training) split: loss, "
                + "accuracy, top-5, per-class precision/recall/F1 and the confusion matrix.")
final class EvaluateCommand implements Callable<Integer> {

    @Parameters(paramLabel = "RUN_DIR", description = "A directory written by 'descent train'.")
    Path runDir;

    @Option(names = "--split", paramLabel = "NAME", defaultValue = "test",
            description = "test (default), validation or train.")
    String split;

    @Option(names = "--weights", paramLabel = "FILE",
            description = "Weights to evaluate instead of RUN_DIR/model.safetensors (e.g. a checkpoint's model).")
    Path weights;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Loaded loaded = load(runDir, weights, out);
        Dataset data = loaded.split(split);
        ClassificationReport report = new Evaluator(1024).report(loaded.model(), new SoftmaxCrossEntropy(), data, 5);
        out.printf(Locale.ROOT, "%s split of %s (%d examples): loss %.4f · accuracy %.2f%%%n%n", split,
                loaded.splits().name(), data.size(), report.meanLoss().orElse(Double.NaN), 100 * report.accuracy());
        out.println(report.toTable());
        out.println();
        out.println(report.confusionMatrixTable());
        out.flush();
        return 0;
    }

    /** A run's config, splits and trained model. */
    record Loaded(RunConfig config, DataSplits splits, Sequential model) {
        Dataset split(String name) {
            return switch (name) {
                case "test" -> splits.test();
                case "validation" -> splits.validation();
                case "train" -> splits.train();
                default -> throw new IllegalArgumentException("--split must be test, validation or train, got '" + name
                        + "'");
            };
        }
    }

    static Loaded load(Path runDir, Path weights, PrintWriter out) {
        Path config = runDir.resolve("config.yaml");
        if (!Files.isRegularFile(config)) {
            throw new IllegalArgumentException(runDir + " is not a run directory: it has no config.yaml (pass the"
                    + " directory 'descent train' printed after 'run')");
        }
        RunConfig runConfig = ConfigLoader.load(config, List.of());
        if (runConfig.task() != RunConfig.Task.CLASSIFICATION || Boolean.TRUE.equals(runConfig.data().stream())) {
            throw new IllegalArgumentException(runDir + ": evaluate and predict handle classification runs on data held"
                    + " in memory; this run is " + runConfig.task().configName()
                    + (Boolean.TRUE.equals(runConfig.data().stream()) ? " on a stream" : ""));
        }
        DataSplits splits = TrainingRun.splitsOf(runConfig, DatasetLocator.fromSystem(),
                new PrintWriter(java.io.Writer.nullWriter()));
        Sequential model = TrainingRun.modelOf(runConfig, splits.featureCount(), splits.classes());
        Path file = weights != null ? weights : runDir.resolve("model.safetensors");
        try {
            ModelWeights.load(model, file);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
        return new Loaded(runConfig, splits, model);
    }
}
