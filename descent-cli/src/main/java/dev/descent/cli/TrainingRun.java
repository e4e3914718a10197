package dev.descent.cli;

import dev.descent.cli.config.AverageSettings;
import dev.descent.cli.config.ConfigWriter;
import dev.descent.cli.config.DataSettings;
import dev.descent.cli.config.EarlyStoppingSettings;
import dev.descent.cli.config.RunConfig;
import dev.descent.data.AugmentedBatches;
import dev.descent.data.BatchOptions;
import dev.descent.data.BatchSource;
import dev.descent.data.Dataset;
import dev.descent.data.DatasetLocator;
import dev.descent.data.Examples;
import dev.descent.data.ImageAugmentation;
import dev.descent.data.MiniBatches;
import dev.descent.data.PrefetchingBatches;
import dev.descent.kernel.ComputeThreads;
import dev.descent.kernel.KernelProvider;
import dev.descent.kernel.KernelWarmup;
import dev.descent.loss.MeanSquaredError;
import dev.descent.loss.SoftmaxCrossEntropy;
import dev.descent.metrics.ClassificationReport;
import dev.descent.metrics.ConfusionMatrix;
import dev.descent.metrics.PrecisionRecallF1;
import dev.descent.metrics.RegressionReport;
import dev.descent.model.DataFingerprint;
import dev.descent.model.ModelBundle;
import dev.descent.nn.ModelSpec;
import dev.descent.nn.Sequential;
import dev.descent.optim.Optimizer;
import dev.descent.optim.average.AveragedParameters;
import dev.descent.random.Rng;
import dev.descent.schedule.LearningRateSchedule;
import dev.descent.schedule.ReduceOnPlateau;
import dev.descent.train.CheckpointFile;
import dev.descent.train.Checkpoints;
import dev.descent.train.EarlyStopping;
import dev.descent.train.EpochReport;
import dev.descent.train.Evaluation;
import dev.descent.train.Evaluator;
import dev.descent.train.Objective;
import dev.descent.train.PlateauFeedback;
import dev.descent.train.StepBudget;
import dev.descent.train.TimeLimit;
import dev.descent.train.Trainer;
import dev.descent.train.TrainingState;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One {@code descent train} run: maps the resolved config to library calls (data and splits,
 * {@link ModelSpec}, optimizer, the one {@link Trainer} with its callbacks) and prints. The same
 * path serves classification and regression; only the objective and the printed scores differ.
 */
final class TrainingRun {
    private final RunConfig config;
    private final PrintWriter out;
    private final DatasetLocator locator;
    private final boolean dataNamed;
    private final boolean scheduleNamed;
    private final Path runDir;
    private final Path resume;
    private final Path initFrom;
    private boolean trial;
    private TrialScores trialScores;
    /** The bundle's note of data Spark read itself ({@code --spark-data}): the URI. */
    static final String SPARK_DATA = "spark_data";
    /** Spark's master URL for {@code --spark}, or null to train here. */
    private String sparkMaster;
    /** Data Spark reads itself ({@code --spark-data}), and its format (null: from the extension). */
    private String sparkData;
    private String sparkFormat;
    /** Told the run's directory once it exists, before the first epoch ({@code train --serve} prints its page). */
    private Consumer<Path> runDirectoryListener = directory -> { };

    /**
     * What a tuning trial measured: the final model on the validation split (accuracy NaN for
     * regression, whose loss is the mean squared error), the last epoch's training loss and the
     * epochs trained.
     */
    record TrialScores(double validationAccuracy, double validationLoss, double trainLoss, int epochs) {
    }

    TrainingRun(RunConfig config, PrintWriter out, DatasetLocator locator, boolean dataNamed, boolean scheduleNamed,
                Path runDir, Path resume, Path initFrom) {
        this.config = config;
        this.out = out;
        this.locator = locator;
        this.dataNamed = dataNamed;
        this.scheduleNamed = scheduleNamed;
        this.runDir = runDir;
        this.resume = resume;
        this.initFrom = initFrom;
    }

    /**
     * A tuning trial ({@code descent tune}): trains exactly as {@link #run} does with this config,
     * into {@code runDir}, then scores the final model on the validation split. It never
     * evaluates the test split and draws no plots; its summary.json holds validation figures
     * ({@code val_accuracy}, {@code val_loss}) where a run's holds test ones.
     */
    static TrialScores trial(RunConfig config, PrintWriter out, DatasetLocator locator, Path runDir) {
        checkTunable(config);
        TrainingRun run = new TrainingRun(config, out, locator, true, true, runDir, null, null);
        run.trial = true;
        run.run();
        return run.trialScores;
    }

    /** Refuses data whose validation split is its test split (a stream validates on data.test_csv). */
    static void checkTunable(RunConfig config) {
        if (Boolean.TRUE.equals(config.data().stream())) {
            throw new IllegalArgumentException("data.stream: a stream validates on its test set (data.test_csv), so it"
                    + " cannot be tuned without touching the test set; load the data instead (data.stream: false)");
        }
    }

    /** Computes each step's gradient on Spark ({@code --spark MASTER}), e.g. {@code local[2]}. */
    TrainingRun onSpark(String master) {
        this.sparkMaster = master;
        return this;
    }

    /** Calls {@code listener} with the run's directory once it is created and its status says running. */
    TrainingRun onRunDirectory(Consumer<Path> listener) {
        this.runDirectoryListener = listener;
        return this;
    }

    /** Trains on data Spark's executors read ({@code --spark-data URI}, {@code --spark-format}). */
    TrainingRun sparkData(String uri, String format) {
        if (uri != null && sparkMaster == null) {
            throw new IllegalArgumentException("--spark-data " + uri + " is read by Spark: give --spark MASTER too");
        }
        this.sparkData = uri;
        this.sparkFormat = format;
        return this;
    }

    /** The run's in-memory splits, rebuilt from its config (deterministic for its seed): for evaluate and predict. */
    static DataSplits splitsOf(RunConfig config, DatasetLocator locator, PrintWriter out) {
        return DatasetChooser.load(config, locator, true, out);
    }

    /** The data of one run: where batches come from, what to validate and test on, and what to save. */
    private record RunData(String name, BatchSource batches, Examples validation, Examples test, int featureCount,
                           DataSplits splits, StreamChooser.StreamData stream, long batchSeed) {
    }

    int run() {
        if (sparkMaster == null) {
            return train(null);
        }
        requireSparkable();
        try (SparkBackend spark = SparkBackend.start(sparkMaster, out)) {
            return train(spark);
        }
    }

    /** What Spark training does not do yet is refused before any work, naming the setting. */
    private void requireSparkable() {
        if (Boolean.TRUE.equals(config.data().stream())) {
            throw new IllegalArgumentException("--spark reads the data into Spark's executors; data.stream (--stream)"
                    + " reads it here. Load the data instead (drop --stream)");
        }
        if (config.imageAugmentation().isPresent()) {
            throw new IllegalArgumentException("--spark: data.augment is not applied on Spark's executors yet; remove"
                    + " data.augment or train without --spark");
        }
        if (sparkData != null && config.task() != RunConfig.Task.CLASSIFICATION) {
            throw new IllegalArgumentException("--spark-data reads class labels; regression from Spark's readers is not"
                    + " written yet (train with --spark on data loaded here)");
        }
        if (Boolean.TRUE.equals(config.training().prefetch())) {
            throw new IllegalArgumentException("--spark: training.prefetch prepares batches here, but with Spark the"
                    + " rows stay on the executors; drop --prefetch");
        }
    }

    private int train(SparkBackend spark) {
        PeakHeap.track();
        if (config.training().threads() != null) {
            ComputeThreads.setThreads(config.training().threads());
        }
        if (initFrom != null && resume != null) {
            throw new IllegalArgumentException("--init-from and --resume both set the starting weights; give one");
        }
        if (initFrom != null && !Files.isRegularFile(initFrom)) { // before the data is loaded: no work lost
            throw new IllegalArgumentException("--init-from " + initFrom + ": " + (Files.isDirectory(initFrom)
                    ? "is a directory; give a weights file, e.g. a run's model.safetensors" : "the file does not exist"));
        }
        out.println("descent " + VersionProvider.version() + " · JDK " + System.getProperty("java.version") + " · "
                + KernelProvider.selection());
        boolean classification = config.task() == RunConfig.Task.CLASSIFICATION;
        long seed = config.training().seed();
        Rng rng = new Rng(seed);
        // the kernels compile while the data loads (and up to 1 s more if the JIT needs it)
        RunData data = KernelWarmup.during(() -> sparkData != null ? sparkData(spark, rng) : data(rng));
        List<String> outputNames = data.splits() != null ? data.splits().outputNames()
                : ModelBundle.indexNames(data.stream().classes());
        List<Integer> dataShape = sparkData == null && data.splits() != null
                && data.splits().train() instanceof Dataset images ? images.exampleShape() : List.of(data.featureCount());
        ModelSpec spec = config.model().toSpec(dataShape, outputNames.size());
        Sequential model = spec.build(rng.split());
        BatchSource batches = Boolean.TRUE.equals(config.training().prefetch())
                ? new PrefetchingBatches(data.batches()) : data.batches();
        ImageAugmentation augmentation = config.imageAugmentation().orElse(null);
        if (augmentation != null) {
            // split after the model's: the same seed gives the same weights and orders with or without augmentation;
            // outside the prefetching, so the generator never runs ahead of the batches trained on
            batches = new AugmentedBatches(batches, augmentation, rng.split());
        }
        Objective objective = classification ? Objective.of(new SoftmaxCrossEntropy())
                : Objective.of(new MeanSquaredError());
        int epochs = config.training().epochs();
        int perEpoch = batches.batchesPerEpoch();
        LearningRateSchedule schedule = withSwaRate(schedule(perEpoch), perEpoch);
        Optimizer optimizer = config.optimizer().toOptimizerConfig().builder().schedule(schedule)
                .build(model.namedParameters());
        Trainer trainer = new Trainer(model, objective, optimizer);
        AverageSettings average = config.training().average();
        if (average != null) { // before startFrom: a checkpoint restores the average too
            trainer.averageParameters(average.toRule(perEpoch));
        }
        if (spark != null) {
            batches = spark.distribute(trainer, data.splits().train(), spec, classification,
                    config.training().batchSize(), data.batchSeed(), seed);
        }
        startFrom(trainer, model, optimizer, batches, schedule);
        out.printf(Locale.ROOT, "model    %s, %,d parameters · %s · %s · batch %d%s · seed %d%n", spec.describe(),
                model.parameterCount(), objective.lossFunction(), optimizer, config.training().batchSize(),
                augmentation == null ? "" : " · augment " + augmentation, seed);

        if (average != null) {
            out.println("average  " + average.describe() + ": validation (once an iterate is averaged), test and"
                    + " model.safetensors use the averaged weights");
        }
        RunDirectory run = RunDirectory.create(runDir, config, data.name() + "-" + config.model().kind().configName());
        RunStatus status = RunStatus.of(run, epochs);
        try {
            status.running();
            out.println("run      " + run.path());
            runDirectoryListener.accept(run.path());
            EpochProgress progress = EpochProgress.create(out, epochs, perEpoch, !classification);
            trainer.addCallback(progress);
            addCallbacks(trainer, run, model, optimizer, batches, schedule, epochs);
            RunPlots plots = !config.run().plots() || trial ? null : classification
                    ? RunPlots.classification(data.name(), spec.describe()) : RunPlots.regression(data.name(),
                    spec.describe());
            if (plots != null) {
                trainer.addCallback(plots.recordLearningRates(optimizer));
            }
            StepMetricsLog stepLog = StepMetricsLog.start(run.path(), config.training().logEverySteps(), perEpoch,
                    trainer.stepsDone(), plots == null ? null : plots::addTrainingPoint);
            trainer.addCallback(stepLog);
            double bestValidationAccuracy = Double.NaN;
            long trainStart = System.nanoTime();
            long examplesSeen = 0;
            double lastTrainLoss = Double.NaN;
            for (EpochReport r : trainer.fit(batches, epochs, data.validation(), report -> {
                progress.printEpoch(report);
                Map<String, Object> row = metricsRow(report);
                row.put("elapsed_seconds", stepLog.elapsedSeconds()); // metrics.jsonl only: the CSV's columns are fixed
                run.appendMetrics(row);
                if (plots != null) {
                    plots.addEpoch(report.epoch(), report.trainLoss(),
                            report.validation() == null ? Double.NaN : report.validation().loss(),
                            report.validation() == null ? Double.NaN : report.validation().accuracy());
                }
            })) {
                examplesSeen += Math.round(r.samplesPerSecond() * r.seconds());
                lastTrainLoss = r.trainLoss();
                if (r.validation() != null && classification) {
                    bestValidationAccuracy = Double.isNaN(bestValidationAccuracy) ? r.validation().accuracy()
                            : Math.max(bestValidationAccuracy, r.validation().accuracy());
                }
            }
            double trainSeconds = (System.nanoTime() - trainStart) / 1e9;
            if (spark != null) {
                spark.printCost();
            }
            if (trainer.stopReason() != null) {
                out.println("stopped  " + trainer.stopReason());
            }
            swapInAverage(trainer); // the saved and scored model is the average, if there is one
            run.writeModel(model, new ModelBundle(spec, classification ? ModelBundle.Task.CLASSIFICATION
                    : ModelBundle.Task.REGRESSION, outputNames, data.splits() != null ? data.splits().preprocessing()
                    : data.stream().preprocessing(), data.splits() != null ? data.splits().fingerprint()
                    : DataFingerprint.none(), bundleInfo(data.name())));
            Map<String, Object> summary = summary(trainer.epochsDone(), trainSeconds, examplesSeen, bestValidationAccuracy);
            if (average != null) { // averaged_iterates 0: none yet, the model is the last iterate
                summary.put("average", average.kind().configName());
                summary.put("averaged_iterates", trainer.averagedParameters().count());
            }
            SplitSizes.record(summary, data.splits() == null ? null : data.splits().train(), data.validation(),
                    trial ? null : data.test()); // a tuning trial's summary names nothing of the test split
            out.println();
            Examples scored = trial ? data.validation() : data.test();
            if (scored == null) {
                out.printf(Locale.ROOT, "trained in %.1f s%n", trainSeconds);
            } else if (classification) {
                finalClassificationReport(model, (Dataset) scored, summary, trainSeconds, lastTrainLoss, trainer, plots);
            } else {
                finalRegressionReport(objective.evaluate(model, scored), summary, trainSeconds, lastTrainLoss, trainer);
            }
            run.writeSummary(summary);
            if (!trial || classification) {
                out.printf(Locale.ROOT, "memory   peak heap: %s%n", PeakHeap.describe());
            }
            boolean plotted = plots != null && plots.write(run.plots(), out);
            status.finished(); // after summary.json and the plots: everything the run leaves is there
            out.println("run      " + run.path() + " (config.yaml, metrics.csv, metrics-steps.csv, model.safetensors,"
                    + " summary.json" + (plotted ? ", plots/" : "") + ")");
            out.flush();
            return 0;
        } catch (Throwable e) { // only what the block throws (unchecked): rethrown unchanged
            status.ended(e);
            throw e;
        }
    }

    /** Data read by Spark: the training rows stay on the executors; the driver batches their row numbers. */
    private RunData sparkData(SparkBackend spark, Rng rng) {
        DataSettings d = config.data();
        DataSplits splits = spark.load(sparkData, sparkFormat, d.labelColumn(), d.features(),
                Boolean.TRUE.equals(d.standardize()), d.validationFraction(),
                d.testFraction(), config.training().seed());
        long batchSeed = rng.nextLong();
        MiniBatches batches = new MiniBatches(splits.train(),
                BatchOptions.shuffled(config.training().batchSize(), batchSeed));
        return new RunData(splits.name(), batches, splits.validation(), splits.test(), spark.featureCount(), splits,
                null, batchSeed);
    }

    /** The splits in memory, or a stream with its optional test file; draws the batches' seed first. */
    private RunData data(Rng rng) {
        DataSettings d = config.data();
        if (Boolean.TRUE.equals(d.stream())) {
            StreamChooser.StreamData stream = d.libsvm() != null
                    ? StreamChooser.libsvm(d.libsvm(), orZero(d.features()), orZero(d.classes()),
                            config.training().batchSize(), d.shuffleBuffer(), config.training().seed())
                    : StreamChooser.choose(d.csv(), DatasetChooser.csvOptions(d), orZero(d.classes()),
                            config.training().batchSize(), d.shuffleBuffer(), config.training().seed(),
                            d.testCsv() == null ? null : Path.of(d.testCsv()));
            out.printf(Locale.ROOT, "data     %s: %d features, %d classes%s%n", stream.source(), stream.featureCount(),
                    stream.classes(), stream.test() == null ? "; no data.test_csv, so no validation or test"
                            : "; validation and test: " + d.testCsv() + " (" + stream.test().size() + " examples)");
            return new RunData("stream", stream.batches(), stream.test(), stream.test(), stream.featureCount(), null,
                    stream, config.training().seed());
        }
        DataSplits splits = DatasetChooser.load(config, locator, dataNamed, out);
        String what = config.task() == RunConfig.Task.CLASSIFICATION ? splits.outputs() + " classes"
                : splits.outputs() + (splits.outputs() == 1 ? " target" : " targets");
        out.printf(Locale.ROOT, "data     %s (%s): train %d, validation %d, test %d; %d features, %s%n", splits.name(),
                splits.source(), splits.train().size(), splits.validation().size(), splits.test().size(),
                splits.featureCount(), what);
        long batchSeed = rng.nextLong();
        MiniBatches batches = new MiniBatches(splits.train(),
                BatchOptions.shuffled(config.training().batchSize(), batchSeed));
        return new RunData(splits.name(), batches, splits.validation(), splits.test(), splits.featureCount(), splits,
                null, batchSeed);
    }

    private void finalClassificationReport(Sequential model, Dataset scored, Map<String, Object> summary,
                                           double trainSeconds, double lastTrainLoss, Trainer trainer, RunPlots plots) {
        Evaluator evaluator = new Evaluator(Evaluator.batchFor(model, 1024));
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
        if (trial) {
            ClassificationReport report = evaluator.report(model, loss, scored);
            double validationLoss = report.meanLoss().orElse(Double.NaN);
            out.printf(Locale.ROOT, "validation loss %.4f · accuracy %.2f%% (%d examples) · trained in %.1f s"
                    + " (a tuning trial: the test split is not evaluated)%n", validationLoss, 100 * report.accuracy(),
                    report.examples(), trainSeconds);
            summary.put("val_accuracy", report.accuracy());
            summary.put("val_loss", validationLoss);
            trialScores = new TrialScores(report.accuracy(), validationLoss, lastTrainLoss, trainer.epochsDone());
            return;
        }
        ClassificationReport report = evaluator.report(model, loss, scored, 5);
        out.printf(Locale.ROOT, "test     loss %.4f · accuracy %.2f%% (%d examples) · trained in %.1f s%n",
                report.meanLoss().orElse(Double.NaN), 100 * report.accuracy(), report.examples(), trainSeconds);
        out.println();
        out.println(report.toTable());
        summary.put("test_accuracy", report.accuracy());
        summary.put("test_loss", report.meanLoss().orElse(Double.NaN));
        summary.put("test_report", testReport(report));
        if (plots != null) {
            plots.testReport(report);
        }
    }

    /**
     * The test report as summary.json holds it: per class, then accuracy and the macro and weighted
     * averages (as {@link ClassificationReport#toTable()} prints them), then the confusion matrix,
     * whose rows are true classes and columns predicted classes ({@link ConfusionMatrix}'s layout),
     * and, only if some example's scores held a NaN, those unscored examples by true class.
     */
    private static Map<String, Object> testReport(ClassificationReport report) {
        List<Map<String, Object>> classes = new ArrayList<>();
        List<PrecisionRecallF1> perClass = report.perClass();
        for (int c = 0; c < perClass.size(); c++) {
            Map<String, Object> row = RunDirectory.ordered();
            row.put("name", report.classNames().get(c));
            row.putAll(scores(perClass.get(c)));
            classes.add(row);
        }
        Map<String, Object> r = RunDirectory.ordered();
        r.put("classes", classes);
        r.put("accuracy", report.accuracy());
        r.put("macro_avg", scores(report.macroAverage()));
        r.put("weighted_avg", scores(report.weightedAverage()));
        ConfusionMatrix matrix = report.confusionMatrix();
        r.put("confusion_matrix", matrix.toArray()); // [true class][predicted class]
        long[] unscored = new long[matrix.classes()];
        for (int c = 0; c < unscored.length; c++) {
            unscored[c] = matrix.unscored(c);
        }
        if (Arrays.stream(unscored).anyMatch(n -> n > 0)) { // in no column of the matrix, but in each class's support
            r.put("unscored", unscored);
        }
        return r;
    }

    private static Map<String, Object> scores(PrecisionRecallF1 scores) {
        Map<String, Object> s = RunDirectory.ordered();
        s.put("precision", scores.precision());
        s.put("recall", scores.recall());
        s.put("f1", scores.f1());
        s.put("support", scores.support());
        return s;
    }

    private void finalRegressionReport(Evaluation evaluation, Map<String, Object> summary, double trainSeconds,
                                       double lastTrainLoss, Trainer trainer) {
        RegressionReport result = evaluation.regression();
        String prefix = trial ? "val" : "test";
        summary.put(prefix + "_rmse", result.rootMeanSquaredError());
        summary.put(prefix + "_mae", result.meanAbsoluteError());
        summary.put(prefix + "_r2", result.r2Score());
        summary.put(prefix + "_loss", result.meanSquaredError());
        if (trial) {
            trialScores = new TrialScores(Double.NaN, result.meanSquaredError(), lastTrainLoss, trainer.epochsDone());
        }
        out.printf(Locale.ROOT, "%s rmse %.4f · mae %.4f · r² %.4f (%d examples) · trained in %.1f s%s%n",
                trial ? "validation" : "test    ", result.rootMeanSquaredError(), result.meanAbsoluteError(),
                result.r2Score(), result.count(), trainSeconds,
                trial ? " (a tuning trial: the test split is not evaluated)" : "");
    }

    // ---------------------------------------------------------------- pieces

    /** {@code schedule}, or with {@code training.average.swa_lr} the constant SWA rate from the SWA's start epoch on. */
    private LearningRateSchedule withSwaRate(LearningRateSchedule schedule, int batchesPerEpoch) {
        AverageSettings average = config.training().average();
        if (average == null || average.swaLr() == null) {
            return schedule;
        }
        return LearningRateSchedule.join(schedule, average.swaLrFrom(batchesPerEpoch),
                LearningRateSchedule.constant(average.swaLr()));
    }

    /**
     * Puts the averaged weights into the model for the test and model.safetensors (after the
     * last checkpoint, which keeps the iterate and the average apart), and says so.
     */
    private void swapInAverage(Trainer trainer) {
        AveragedParameters average = trainer.averagedParameters();
        if (average == null) {
            return;
        }
        if (average.count() == 0) {
            out.println("average  no iterate averaged yet (" + config.training().average().describe() + "): the"
                    + " test and model.safetensors use the last iterate");
            return;
        }
        average.swap();
        out.printf(Locale.ROOT, "average  %,d iterate%s averaged: the test and model.safetensors use the averaged"
                + " weights%n", average.count(), average.count() == 1 ? "" : "s");
    }

    private LearningRateSchedule schedule(int batchesPerEpoch) {
        double lr = config.optimizer().toOptimizerConfig().lr();
        if (batchesPerEpoch < 0) {
            if (config.schedule().name().needsTotalSteps() && !scheduleNamed) {
                return LearningRateSchedule.constant(lr); // a stream's length is unknown: no decay unless asked for
            }
            if (config.schedule().name().needsTotalSteps()) {
                throw new IllegalArgumentException("schedule.name: " + config.schedule().name().configName() + " needs the"
                        + " number of steps, which a stream does not tell in advance; with --stream use constant,"
                        + " inverse-time, plateau, step or exponential (e.g. --schedule constant)");
            }
            batchesPerEpoch = 1000; // a stream: per-epoch schedules count 1000 updates an epoch
        }
        return config.schedule().toSchedule(lr, batchesPerEpoch, (long) batchesPerEpoch * config.training().epochs());
    }

    /** Early stopping, time and step budgets, eval_every, the plateau schedule and checkpoints: the same for every task. */
    private void addCallbacks(Trainer trainer, RunDirectory run, Sequential model, Optimizer optimizer,
                              BatchSource batches, LearningRateSchedule schedule, int epochs) {
        EarlyStoppingSettings early = config.training().earlyStopping();
        if (early != null) {
            trainer.addCallback(new EarlyStopping(early.metric() == EarlyStoppingSettings.Metric.VAL_LOSS
                    ? EarlyStopping.Metric.VALIDATION_LOSS : EarlyStopping.Metric.VALIDATION_ACCURACY,
                    early.patience(), early.minDelta(), Boolean.TRUE.equals(early.restoreBest())));
        }
        config.training().timeLimitDuration().ifPresent(limit -> trainer.addCallback(new TimeLimit(limit)));
        if (config.training().maxSteps() != null) {
            trainer.addCallback(new StepBudget(config.training().maxSteps()));
        }
        trainer.evaluateEvery(config.training().evalEvery());
        trainer.divergenceFactor(config.training().divergenceFactor());
        if (schedule instanceof ReduceOnPlateau plateau) {
            trainer.addCallback(new PlateauFeedback(plateau));
        }
        int checkpointEvery = config.training().checkpointEvery() == null ? 0 : config.training().checkpointEvery();
        if (checkpointEvery > 0) {
            Map<String, String> metadata = Map.of("config", ConfigWriter.toYaml(config),
                    "descent_version", VersionProvider.version());
            trainer.addCallback(new Checkpoints(run.checkpoints(), checkpointEvery, epochs,
                    () -> TrainingState.capture(trainer, model, optimizer, batches, schedule), metadata));
        }
    }

    /** Applies --init-from or --resume before training. */
    private void startFrom(Trainer trainer, Sequential model, Optimizer optimizer, BatchSource batches,
                           LearningRateSchedule schedule) {
        if (initFrom != null) {
            WeightsFile.load(model, initFrom, "--init-from");
            out.println("weights  from " + initFrom);
        }
        if (resume != null) {
            try {
                Path file = resume;
                if (Files.isDirectory(resume)) {
                    CheckpointFile.Choice choice = CheckpointFile.latestValid(resume.resolve("checkpoints"));
                    if (!choice.file().getFileName().toString().equals("last.safetensors")) {
                        out.println("resume   " + choice.note());
                    }
                    file = choice.file();
                }
                CheckpointFile.Contents contents = CheckpointFile.read(file);
                contents.state().restore(trainer, model, optimizer, batches, schedule);
                out.println("resume   " + file + " after epoch " + contents.state().epochsDone());
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            }
        }
    }

    private Map<String, String> bundleInfo(String dataName) {
        Map<String, String> info = new LinkedHashMap<>();
        info.put("descent_version", VersionProvider.version());
        info.put("data", dataName);
        info.put("seed", Long.toString(config.training().seed()));
        if (sparkData != null) { // its splits cannot be rebuilt from the configuration: evaluate and predict say so
            info.put(SPARK_DATA, sparkData);
        }
        return info;
    }

    private Map<String, Object> summary(int epochs, double trainSeconds, long examples, double bestValidationAccuracy) {
        Map<String, Object> s = RunDirectory.ordered();
        s.put("task", config.task().configName());
        s.put("epochs", epochs);
        s.put("train_seconds", trainSeconds);
        s.put("samples_per_second", trainSeconds > 0 ? examples / trainSeconds : Double.NaN);
        if (!Double.isNaN(bestValidationAccuracy)) {
            s.put("best_val_accuracy", bestValidationAccuracy);
        }
        s.put("descent_version", VersionProvider.version());
        s.put("jdk", System.getProperty("java.version"));
        s.put("kernel_provider", KernelProvider.kernels().name());
        s.put("threads", ComputeThreads.threads());
        s.put("seed", config.training().seed());
        return s;
    }

    private static Map<String, Object> metricsRow(EpochReport r) {
        Map<String, Object> row = RunDirectory.ordered();
        row.put("epoch", r.epoch());
        row.put("step", r.step());
        row.put("lr", r.learningRate());
        row.put("train_loss", r.trainLoss());
        if (r.validation() != null) {
            row.put("val_loss", r.validation().loss());
            if (!Double.isNaN(r.validation().accuracy())) {
                row.put("val_accuracy", r.validation().accuracy());
            }
            row.put("gap", r.gap());
        }
        row.put("samples_per_second", r.samplesPerSecond());
        row.put("seconds", r.seconds());
        return row;
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }
}
