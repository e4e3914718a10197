package dev.descent.cli;

import dev.descent.cli.config.DataSettings;
import dev.descent.cli.config.EarlyStoppingSettings;
import dev.descent.cli.config.ModelSettings;
import dev.descent.cli.config.RunConfig;
import dev.descent.cli.config.SyntheticDataSettings;
import dev.descent.data.BatchOptions;
import dev.descent.data.BatchSource;
import dev.descent.data.BuiltInDatasets;
import dev.descent.data.CsvOptions;
import dev.descent.data.CsvReader;
import dev.descent.data.Dataset;
import dev.descent.data.DatasetLocator;
import dev.descent.data.DownloadPolicy;
import dev.descent.data.LibSvmReader;
import dev.descent.data.MiniBatches;
import dev.descent.data.PrefetchingBatches;
import dev.descent.data.RegressionDataset;
import dev.descent.data.Standardization;
import dev.descent.data.SyntheticData;
import dev.descent.io.ModelWeights;
import dev.descent.kernel.ComputeThreads;
import dev.descent.kernel.KernelProvider;
import dev.descent.loss.MeanSquaredError;
import dev.descent.loss.SoftmaxCrossEntropy;
import dev.descent.metrics.ClassificationReport;
import dev.descent.metrics.RegressionReport;
import dev.descent.nn.ModelSpec;
import dev.descent.nn.Module;
import dev.descent.model.DataFingerprint;
import dev.descent.model.ModelBundle;
import dev.descent.model.Preprocessing;
import dev.descent.nn.Sequential;
import dev.descent.optim.Optimizer;
import dev.descent.optim.OptimizerConfig;
import dev.descent.random.Rng;
import dev.descent.schedule.LearningRateSchedule;
import dev.descent.schedule.ReduceOnPlateau;
import dev.descent.train.CheckpointFile;
import dev.descent.train.ClassifierTrainer;
import dev.descent.train.EarlyStopping;
import dev.descent.train.EpochReport;
import dev.descent.train.Evaluator;
import dev.descent.train.RegressionTrainer;
import dev.descent.train.StepBudget;
import dev.descent.train.TimeLimit;
import dev.descent.train.TrainingCallback;
import dev.descent.train.TrainingContext;
import dev.descent.train.TrainingState;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One {@code descent train} run: data, model, optimizer and callbacks built from a resolved config. */
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

    int run() {
        PeakHeap.track();
        if (config.training().threads() != null) {
            ComputeThreads.setThreads(config.training().threads());
        }
        out.println("descent " + VersionProvider.version() + " · JDK " + System.getProperty("java.version") + " · "
                + KernelProvider.selection());
        return config.task() == RunConfig.Task.REGRESSION ? regression() : classification();
    }

    // ---------------------------------------------------------------- classification

    private int classification() {
        DataSettings d = config.data();
        long seed = config.training().seed();
        Rng rng = new Rng(seed);
        BatchSource batches;
        Dataset validation;
        Dataset test;
        int featureCount;
        int outputs;
        String dataName;
        Preprocessing preprocessing;
        DataFingerprint fingerprint;
        List<String> classNames;
        if (Boolean.TRUE.equals(d.stream())) {
            StreamChooser.StreamData data = d.libsvm() != null
                    ? StreamChooser.libsvm(d.libsvm(), orZero(d.features()), orZero(d.classes()),
                            config.training().batchSize(), d.shuffleBuffer(), seed)
                    : StreamChooser.choose(d.csv(), csvOptions(), orZero(d.classes()), config.training().batchSize(),
                            d.shuffleBuffer(), seed, d.testCsv() == null ? null : Path.of(d.testCsv()));
            batches = data.batches();
            validation = data.test();
            test = data.test();
            featureCount = data.featureCount();
            outputs = data.classes();
            dataName = "stream";
            preprocessing = data.preprocessing();
            fingerprint = DataFingerprint.none(); // a stream may be standard input, and a file is read again each epoch
            classNames = ModelBundle.indexNames(outputs);
            out.printf(Locale.ROOT, "data     %s: %d features, %d classes%s%n", data.source(), featureCount, outputs,
                    test == null ? "; no data.test_csv, so no validation or test" : "; validation and test: "
                            + d.testCsv() + " (" + test.size() + " examples)");
        } else {
            DataSplits data = classificationSplits(d, seed);
            out.printf(Locale.ROOT, "data     %s (%s): train %d, validation %d, test %d; %d features, %d classes%n",
                    data.name(), data.source(), data.train().size(), data.validation().size(), data.test().size(),
                    data.featureCount(), data.classes());
            batches = new MiniBatches(data.train(), BatchOptions.shuffled(config.training().batchSize(), rng.nextLong()));
            validation = data.validation();
            test = data.test();
            featureCount = data.featureCount();
            outputs = data.classes();
            dataName = data.name();
            preprocessing = data.preprocessing();
            fingerprint = data.fingerprint();
            classNames = data.train().classNames().isEmpty() ? ModelBundle.indexNames(outputs)
                    : data.train().classNames();
        }
        if (Boolean.TRUE.equals(config.training().prefetch())) {
            batches = new PrefetchingBatches(batches);
        }
        ModelSpec spec = config.model().toSpec(featureCount, outputs);
        Sequential model = spec.build(rng.split());
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
        int epochs = config.training().epochs();
        int perEpoch = batches.batchesPerEpoch();
        LearningRateSchedule schedule = schedule(perEpoch);
        OptimizerConfig optimizerConfig = config.optimizer().toOptimizerConfig();
        Optimizer optimizer = optimizerConfig.builder().schedule(schedule).build(model.namedParameters());
        ClassifierTrainer trainer = new ClassifierTrainer(model, loss, optimizer);
        startFrom(trainer, model, optimizer, batches, schedule);
        out.printf(Locale.ROOT, "model    %s, %,d parameters · %s · %s · batch %d · seed %d%n", spec.describe(),
                model.parameterCount(), loss, optimizer, config.training().batchSize(), seed);

        RunDirectory run = RunDirectory.create(runDir, config, dataName + "-" + config.model().kind().configName());
        out.println("run      " + run.path());
        Map<String, String> checkpointMetadata = Map.of("config", dev.descent.cli.config.ConfigWriter.toYaml(config),
                "descent_version", VersionProvider.version());
        EpochProgress progress = EpochProgress.create(out, epochs, perEpoch, config.training().batchSize());
        trainer.addCallback(progress);
        addStoppingCallbacks(trainer);
        RunPlots plots = config.run().plots() && !trial ? RunPlots.classification(dataName, spec.describe()) : null;
        if (plots != null) {
            trainer.addCallback(plots.recordLearningRates(optimizer));
        }
        int checkpointEvery = config.training().checkpointEvery() == null ? 0 : config.training().checkpointEvery();
        final BatchSource source = batches;
        trainer.addCallback(new TrainingCallback() {
            @Override
            public void onEpochEnd(EpochReport report, TrainingContext context) {
                if (schedule instanceof ReduceOnPlateau plateau && report.validation() != null) {
                    plateau.report(report.validation().loss());
                }
                if (checkpointEvery > 0 && (report.epoch() % checkpointEvery == 0 || report.epoch() == epochs)) {
                    run.writeCheckpoint(TrainingState.capture(trainer, model, optimizer, source, schedule),
                            checkpointMetadata);
                }
            }
        });
        Evaluator evaluator = new Evaluator(1024);
        double bestValidationAccuracy = Double.NaN;
        long trainStart = System.nanoTime();
        long examplesSeen = 0;
        double lastTrainLoss = Double.NaN;
        for (EpochReport r : trainer.fit(batches, epochs, validation, evaluator, report -> {
            progress.printEpoch(report);
            run.appendMetrics(metricsRow(report));
            if (plots != null) {
                plots.addEpoch(report.epoch(), report.trainLoss(),
                        report.validation() == null ? Double.NaN : report.validation().loss(),
                        report.validation() == null ? Double.NaN : report.validation().accuracy());
            }
        })) {
            examplesSeen += Math.round(r.samplesPerSecond() * r.seconds());
            lastTrainLoss = r.trainLoss();
            if (r.validation() != null) {
                bestValidationAccuracy = Double.isNaN(bestValidationAccuracy) ? r.validation().accuracy()
                        : Math.max(bestValidationAccuracy, r.validation().accuracy());
            }
        }
        double trainSeconds = (System.nanoTime() - trainStart) / 1e9;
        if (trainer.stopReason() != null) {
            out.println("stopped  " + trainer.stopReason());
        }
        run.writeModel(model, new ModelBundle(spec, ModelBundle.Task.CLASSIFICATION, classNames, preprocessing,
                fingerprint, bundleInfo(dataName)));
        Map<String, Object> summary = summary(trainer.epochsDone(), trainSeconds, examplesSeen, bestValidationAccuracy);
        out.println();
        if (trial) {
            ClassificationReport report = evaluator.report(model, loss, validation);
            double validationLoss = report.meanLoss().orElse(Double.NaN);
            out.printf(Locale.ROOT, "validation loss %.4f · accuracy %.2f%% (%d examples) · trained in %.1f s"
                    + " (a tuning trial: the test split is not evaluated)%n", validationLoss, 100 * report.accuracy(),
                    report.examples(), trainSeconds);
            summary.put("val_accuracy", report.accuracy());
            summary.put("val_loss", validationLoss);
            trialScores = new TrialScores(report.accuracy(), validationLoss, lastTrainLoss, trainer.epochsDone());
        } else if (test != null) {
            ClassificationReport report = evaluator.report(model, loss, test, 5);
            out.printf(Locale.ROOT, "test     loss %.4f · accuracy %.2f%% (%d examples) · trained in %.1f s%n",
                    report.meanLoss().orElse(Double.NaN), 100 * report.accuracy(), report.examples(), trainSeconds);
            out.println();
            out.println(report.toTable());
            summary.put("test_accuracy", report.accuracy());
            summary.put("test_loss", report.meanLoss().orElse(Double.NaN));
            if (plots != null) {
                plots.testReport(report);
            }
        } else {
            out.printf(Locale.ROOT, "trained in %.1f s%n", trainSeconds);
        }
        run.writeSummary(summary);
        out.printf(Locale.ROOT, "memory   peak heap: %s%n", PeakHeap.describe());
        boolean plotted = plots != null && plots.write(run.plots(), out);
        out.println("run      " + run.path() + " (config.yaml, metrics.csv, model.safetensors, summary.json"
                + (plotted ? ", plots/" : "") + ")");
        out.flush();
        return 0;
    }

    /** The run's in-memory splits, rebuilt from its config (deterministic for its seed): for evaluate and predict. */
    static DataSplits splitsOf(RunConfig config, DatasetLocator locator, PrintWriter out) {
        TrainingRun run = new TrainingRun(config, out, locator, true, true, null, null, null);
        return run.classificationSplits(config.data(), config.training().seed());
    }

    private DataSplits classificationSplits(DataSettings d, long seed) {
        double validationFraction = d.validationFraction();
        double testFraction = d.testFraction();
        boolean standardize = Boolean.TRUE.equals(d.standardize());
        if (d.csv() != null) {
            return DatasetChooser.csv(Path.of(d.csv()), csvOptions(), standardize, validationFraction, testFraction,
                    seed);
        }
        if (d.libsvm() != null) {
            return DatasetChooser.libsvm(Path.of(d.libsvm()), standardize, validationFraction, testFraction, seed);
        }
        if (d.synthetic() != null) {
            SyntheticDataSettings s = d.synthetic();
            Dataset all = switch (s.kind()) {
                case TWO_MOONS -> SyntheticData.twoMoons(s.n(), s.noise(), s.seed());
                case BLOBS -> SyntheticData.gaussianBlobs(s.n(), s.classes(), s.features(), s.noise(), s.seed());
                case LINEAR_REGRESSION -> throw new IllegalArgumentException("data.synthetic.kind: linear-regression"
                        + " holds real-valued targets; set task: regression");
            };
            return DatasetChooser.tabular(all, "synthetic " + s.kind().configName(), standardize, validationFraction,
                    testFraction, seed, null, DataFingerprint.none());
        }
        DownloadPolicy downloads = Boolean.FALSE.equals(d.download()) ? DownloadPolicy.forbidden()
                : DownloadPolicy.allowedOverHttp(System.err);
        return DatasetChooser.choose(locator, downloads, d.dataset(), d.dataDir() == null ? null : Path.of(d.dataDir()),
                dataNamed, validationFraction, testFraction, seed, out);
    }

    // ---------------------------------------------------------------- regression

    /** A regression run's splits, rebuilt from its config (deterministic for its seed): for evaluate and predict. */
    static RegressionSplits regressionSplitsOf(RunConfig config) {
        return new TrainingRun(config, new PrintWriter(java.io.Writer.nullWriter()), null, true, true, null, null, null)
                .regressionSplits();
    }

    /** The three regression splits, how raw inputs become features, and the files read. */
    record RegressionSplits(String source, RegressionDataset all, RegressionDataset train,
                            RegressionDataset validation, RegressionDataset test, Preprocessing preprocessing,
                            DataFingerprint fingerprint, List<String> targetNames) {
    }

    private RegressionSplits regressionSplits() {
        DataSettings d = config.data();
        long seed = config.training().seed();
        RegressionDataset all;
        String source;
        Preprocessing preprocessing = null;
        DataFingerprint fingerprint = DataFingerprint.none();
        List<String> targetNames = null;
        if (d.synthetic() != null) {
            SyntheticDataSettings s = d.synthetic();
            all = SyntheticData.linearRegression(s.n(), s.features(), s.noise(), s.seed()).data();
            source = "synthetic linear regression, " + s.features() + " features, noise " + s.noise();
        } else if (d.csv() != null) {
            CsvReader.Regression table = CsvReader.regression(Path.of(d.csv()), csvOptions());
            all = table.dataset();
            source = d.csv();
            preprocessing = new Preprocessing(Preprocessing.Input.TABLE, all.featureCount(), table.schema(), null);
            fingerprint = DataFingerprint.of(List.of(DataFingerprint.of(Path.of(d.csv()), all.size())));
            targetNames = table.schema().labelNames();
        } else if (d.libsvm() != null) {
            all = LibSvmReader.regression(Path.of(d.libsvm()), LibSvmReader.Options.defaults());
            source = d.libsvm();
            fingerprint = DataFingerprint.of(List.of(DataFingerprint.of(Path.of(d.libsvm()), all.size())));
        } else {
            all = BuiltInDatasets.loadRegression(d.dataset());
            source = "built in";
            preprocessing = new Preprocessing(Preprocessing.Input.TABLE, all.featureCount(),
                    DatasetChooser.builtInSchema(d.dataset(), 0, List.of()), null);
            targetNames = List.of(DatasetChooser.TARGET_COLUMN);
        }
        if (preprocessing == null) {
            preprocessing = Preprocessing.vectors(all.featureCount());
        }
        if (targetNames == null) {
            targetNames = all.targetCount() == 1 ? List.of("target") : ModelBundle.indexNames(all.targetCount());
        }
        int[] order = new Rng(seed).permutation(all.size());
        int testCount = Math.max(1, (int) Math.round(d.testFraction() * all.size()));
        int validationCount = Math.max(1, (int) Math.round(d.validationFraction() * (all.size() - testCount)));
        RegressionDataset test = all.subset(java.util.Arrays.copyOfRange(order, 0, testCount));
        RegressionDataset validation = all.subset(java.util.Arrays.copyOfRange(order, testCount,
                testCount + validationCount));
        RegressionDataset train = all.subset(java.util.Arrays.copyOfRange(order, testCount + validationCount,
                all.size()));
        if (Boolean.TRUE.equals(d.standardize())) {
            Standardization.Fitted scaling = new Standardization().fit(train);
            train = scaling.apply(train);
            validation = scaling.apply(validation);
            test = scaling.apply(test);
            source += "; standardised with the training split's statistics";
            preprocessing = preprocessing.withScaling(scaling);
        }
        return new RegressionSplits(source, all, train, validation, test, preprocessing, fingerprint, targetNames);
    }

    private int regression() {
        DataSettings d = config.data();
        long seed = config.training().seed();
        Rng rng = new Rng(seed);
        RegressionSplits splits = regressionSplits();
        RegressionDataset all = splits.all();
        RegressionDataset train = splits.train();
        RegressionDataset validation = splits.validation();
        RegressionDataset test = splits.test();
        String source = splits.source();
        out.printf(Locale.ROOT, "data     %s (%s): train %d, validation %d, test %d; %d features, %d targets%n",
                all.name(), source, train.size(), validation.size(), test.size(), all.featureCount(), all.targetCount());
        ModelSpec spec = config.model().toSpec(all.featureCount(), all.targetCount());
        Sequential model = spec.build(rng.split());
        int batch = config.training().batchSize();
        int perEpoch = (train.size() + batch - 1) / batch;
        LearningRateSchedule schedule = schedule(perEpoch);
        Optimizer optimizer = config.optimizer().toOptimizerConfig().builder().schedule(schedule)
                .build(model.namedParameters());
        if (initFrom != null) {
            loadWeights(model, initFrom);
        }
        out.printf(Locale.ROOT, "model    %s, %,d parameters · MeanSquaredError · %s · batch %d · seed %d%n",
                spec.describe(), model.parameterCount(), optimizer, batch, seed);
        RunDirectory run = RunDirectory.create(runDir, config, all.name() + "-" + config.model().kind().configName());
        out.println("run      " + run.path());
        out.println();
        out.println("epoch         lr   train mse   val rmse    val mae     val r²   samples/s   seconds");
        RegressionTrainer trainer = new RegressionTrainer(model, new MeanSquaredError(), optimizer);
        RunPlots plots = config.run().plots() && !trial ? RunPlots.regression(all.name(), spec.describe()) : null;
        double[] lastTrainLoss = {Double.NaN};
        long start = System.nanoTime();
        trainer.fit(train, batch, rng.nextLong(), config.training().epochs(), validation, r -> {
            RegressionReport v = r.validation();
            out.printf(Locale.ROOT, "%5d   %8.2e   %9.4f   %8.4f   %8.4f   %8.4f   %9.0f   %7.2f%n", r.epoch(),
                    r.learningRate(), r.trainLoss(), v.rootMeanSquaredError(), v.meanAbsoluteError(), v.r2Score(),
                    r.samplesPerSecond(), r.seconds());
            out.flush();
            lastTrainLoss[0] = r.trainLoss();
            Map<String, Object> row = RunDirectory.ordered();
            row.put("epoch", r.epoch());
            row.put("step", r.step());
            row.put("lr", r.learningRate());
            row.put("train_loss", r.trainLoss());
            row.put("val_loss", v.meanSquaredError());
            row.put("samples_per_second", r.samplesPerSecond());
            row.put("seconds", r.seconds());
            run.appendMetrics(row);
            if (plots != null) {
                plots.addEpoch(r.epoch(), r.trainLoss(), v.meanSquaredError(), Double.NaN);
            }
        });
        double seconds = (System.nanoTime() - start) / 1e9;
        RegressionReport result = trainer.evaluate(trial ? validation : test);
        run.writeModel(model, new ModelBundle(spec, ModelBundle.Task.REGRESSION, splits.targetNames(),
                splits.preprocessing(), splits.fingerprint(), bundleInfo(all.name())));
        Map<String, Object> summary = summary(config.training().epochs(), seconds,
                (long) train.size() * config.training().epochs(), Double.NaN);
        if (trial) {
            summary.put("val_rmse", result.rootMeanSquaredError());
            summary.put("val_mae", result.meanAbsoluteError());
            summary.put("val_r2", result.r2Score());
            summary.put("val_loss", result.meanSquaredError());
            run.writeSummary(summary);
            trialScores = new TrialScores(Double.NaN, result.meanSquaredError(), lastTrainLoss[0],
                    config.training().epochs());
            out.println();
            out.printf(Locale.ROOT, "validation rmse %.4f · mae %.4f · r² %.4f (%d examples) · trained in %.1f s"
                    + " (a tuning trial: the test split is not evaluated)%n", result.rootMeanSquaredError(),
                    result.meanAbsoluteError(), result.r2Score(), result.count(), seconds);
            out.println("run      " + run.path() + " (config.yaml, metrics.csv, model.safetensors, summary.json)");
            out.flush();
            return 0;
        }
        summary.put("test_rmse", result.rootMeanSquaredError());
        summary.put("test_mae", result.meanAbsoluteError());
        summary.put("test_r2", result.r2Score());
        summary.put("test_loss", result.meanSquaredError());
        run.writeSummary(summary);
        out.println();
        out.printf(Locale.ROOT, "test     rmse %.4f · mae %.4f · r² %.4f (%d examples) · trained in %.1f s%n",
                result.rootMeanSquaredError(), result.meanAbsoluteError(), result.r2Score(), result.count(), seconds);
        boolean plotted = plots != null && plots.write(run.plots(), out);
        out.println("run      " + run.path() + " (config.yaml, metrics.csv, model.safetensors, summary.json"
                + (plotted ? ", plots/" : "") + ")");
        out.flush();
        return 0;
    }

    // ---------------------------------------------------------------- pieces

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

    private void addStoppingCallbacks(ClassifierTrainer trainer) {
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
    }

    /** Applies --init-from or --resume before training. */
    private void startFrom(ClassifierTrainer trainer, Sequential model, Optimizer optimizer, BatchSource batches,
                           LearningRateSchedule schedule) {
        if (initFrom != null && resume != null) {
            throw new IllegalArgumentException("--init-from and --resume both set the starting weights; give one");
        }
        if (initFrom != null) {
            loadWeights(model, initFrom);
            out.println("weights  from " + initFrom);
        }
        if (resume != null) {
            Path file = Files.isDirectory(resume) ? resume.resolve("checkpoints").resolve("last.safetensors") : resume;
            try {
                CheckpointFile.Contents contents = CheckpointFile.read(file);
                contents.state().restore(trainer, model, optimizer, batches, schedule);
                out.println("resume   " + file + " after epoch " + contents.state().epochsDone());
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            }
        }
    }

    private static void loadWeights(Module model, Path file) {
        try {
            ModelWeights.load(model, file);
        } catch (IOException e) {
            throw new UncheckedIOException("--init-from " + file + ": " + e.getMessage(), e);
        }
    }

    private Map<String, String> bundleInfo(String dataName) {
        Map<String, String> info = new java.util.LinkedHashMap<>();
        info.put("descent_version", VersionProvider.version());
        info.put("data", dataName);
        info.put("seed", Long.toString(config.training().seed()));
        return info;
    }

    private CsvOptions csvOptions() {
        DataSettings d = config.data();
        CsvOptions options = CsvOptions.defaults();
        if (d.labelColumn() != null) {
            String label = d.labelColumn();
            options = label.matches("-?\\d+") ? options.withLabel(Integer.parseInt(label)) : options.withLabel(label);
        }
        if (d.categorical() != null && !d.categorical().isEmpty()) {
            options = options.withCategorical(d.categorical().toArray(String[]::new));
        }
        return options;
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
            row.put("val_accuracy", r.validation().accuracy());
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
