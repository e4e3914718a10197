package dev.descent.cli;

import dev.descent.data.BatchOptions;
import dev.descent.data.BatchSource;
import dev.descent.data.CsvOptions;
import dev.descent.data.Dataset;
import dev.descent.data.DatasetLocator;
import dev.descent.data.DownloadPolicy;
import dev.descent.data.MiniBatches;
import dev.descent.data.PrefetchingBatches;
import dev.descent.kernel.KernelProvider;
import dev.descent.loss.SoftmaxCrossEntropy;
import dev.descent.metrics.ClassificationReport;
import dev.descent.nn.Models;
import dev.descent.nn.Sequential;
import dev.descent.optim.Optimizer;
import dev.descent.random.Rng;
import dev.descent.schedule.LearningRateSchedule;
import dev.descent.schedule.ReduceOnPlateau;
import dev.descent.train.ClassifierTrainer;
import dev.descent.train.EpochReport;
import dev.descent.train.Evaluator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code descent train}: trains a ReLU MLP classifier with mini-batch SGD and reports
 * per-epoch training loss, validation accuracy and throughput, then the test accuracy.
 */
@Command(name = "train", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Train a ReLU MLP classifier with mini-batch SGD.",
                "With no options: 784-256-128-10 on Fashion-MNIST (or the built-in digits when it is absent)."})
final class TrainCommand implements Callable<Integer> {

    @Option(names = "--dataset", paramLabel = "NAME", defaultValue = DatasetChooser.DEFAULT,
            description = "Data set: fashion-mnist, mnist, kmnist (IDX files, found or downloaded), or built in: "
                    + "digits, iris, wine, breast-cancer.")
    String dataset;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Directory holding the data set's IDX files (default: search $DESCENT_DATA/NAME, "
                    + "~/.cache/descent/NAME, /usr/share/datasets/NAME, then download into the cache).")
    Path dataDir;

    @Option(names = "--no-download", description = "Never download a missing data set.")
    boolean noDownload;

    @Option(names = "--csv", paramLabel = "FILE",
            description = "Train on a CSV file (header, numeric features, a label column) instead of --dataset; "
                    + "'-' reads standard input (with --stream).")
    String csv;

    @Option(names = "--libsvm", paramLabel = "FILE",
            description = "Train on a LibSVM/SVMLight file instead of --dataset ('-' reads standard input with --stream).")
    String libsvm;

    @Option(names = "--features", paramLabel = "D",
            description = "With --libsvm --stream: the number of features (the largest index).")
    Integer featuresOption;

    @Option(names = "--label-column", paramLabel = "COLUMN",
            description = "The CSV's label column, by name or index (default: the last column).")
    String labelColumn;

    @Option(names = "--categorical", paramLabel = "COLUMNS", split = ",",
            description = "CSV columns holding categories, one-hot encoded (comma-separated names).")
    List<String> categorical = new ArrayList<>();

    @Option(names = "--test-fraction", paramLabel = "F", defaultValue = "0.2",
            description = "Share held out (stratified) as the test set of data without an official test split.")
    double testFraction;

    @Option(names = "--no-standardize",
            description = "Keep tabular features as they are (by default they are standardised with the training "
                    + "split's statistics).")
    boolean noStandardize;

    @Option(names = "--stream",
            description = "Read the --csv file sequentially every epoch (or standard input once) instead of loading "
                    + "it: for data larger than memory.")
    boolean stream;

    @Option(names = "--shuffle-buffer", paramLabel = "N", defaultValue = "10000",
            description = "With --stream: examples held in memory to shuffle the stream.")
    int shuffleBuffer;

    @Option(names = "--classes", paramLabel = "K",
            description = "With --stream: the number of classes (labels 0..K-1).")
    Integer classes;

    @Option(names = "--test-csv", paramLabel = "FILE",
            description = "With --stream: a CSV file (read into memory) to validate and test on.")
    Path testCsv;

    @Option(names = "--prefetch", description = "Prepare the next batch on a background thread.")
    boolean prefetch;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "10", description = "Passes over the training set.")
    int epochs;

    @Option(names = "--batch-size", paramLabel = "B", defaultValue = "64", description = "Examples per update.")
    int batchSize;

    @Option(names = "--optimizer", paramLabel = "NAME", defaultValue = "sgd",
            description = "sgd, nesterov, momentum (the lectures' form), adagrad, rmsprop, adam, amsgrad, adamw, "
                    + "adamax or nadam, with PyTorch's semantics.")
    String optimizerName;

    @Option(names = "--lr", paramLabel = "RATE",
            description = "Learning rate (default: 0.05 for sgd, nesterov and momentum; PyTorch's default otherwise).")
    Double lrOption;

    @Option(names = "--weight-decay", paramLabel = "LAMBDA", defaultValue = "0",
            description = "weight_decay: coupled L2 (decoupled for adamw).")
    double weightDecay;

    @Option(names = "--schedule", paramLabel = "NAME", defaultValue = "linear",
            description = "Learning-rate schedule: linear (from --lr down to --lr-floor over the run), constant, cosine, "
                    + "inverse-time (halves after one epoch), one-cycle, or plateau (halves when the validation "
                    + "loss stops improving).")
    String schedule;

    private double lr;

    @Option(names = "--lr-floor", paramLabel = "RATE",
            description = "Final learning rate of the linear schedule (default: --lr / 100).")
    Double lrFloor;

    @Option(names = "--momentum", paramLabel = "MU", defaultValue = "0.9",
            description = "Momentum of sgd, nesterov and momentum (0 for plain SGD).")
    double momentum;

    @Option(names = "--hidden", paramLabel = "WIDTHS", split = ",", defaultValue = "256,128",
            description = "Hidden layer widths, comma-separated.")
    int[] hidden;

    @Option(names = "--validation-fraction", paramLabel = "F", defaultValue = "0.1",
            description = "Share of the training set held out (stratified) for validation.")
    double validationFraction;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42",
            description = "Seed of every random choice (initial weights, splits, shuffles).")
    long seed;

    @Mixin
    ThreadsOption threadsOption;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final DatasetLocator locator;

    TrainCommand() {
        this(DatasetLocator.fromSystem());
    }

    /** With a given search for data sets (tests use one that finds nothing). */
    TrainCommand(DatasetLocator locator) {
        this.locator = locator;
    }

    @Override
    public Integer call() {
        validate();
        PrintWriter out = spec.commandLine().getOut();
        threadsOption.apply();
        out.println("descent " + VersionProvider.version() + " · JDK " + System.getProperty("java.version")
                + " · " + KernelProvider.selection());
        Rng rng = new Rng(seed);
        BatchSource batches;
        Dataset validation;
        Dataset test;
        int features;
        int outputs;
        if (stream) {
            StreamChooser.StreamData data = libsvm != null
                    ? StreamChooser.libsvm(libsvm, featuresOption == null ? 0 : featuresOption,
                            classes == null ? 0 : classes, batchSize, shuffleBuffer, seed)
                    : StreamChooser.choose(csv, csvOptions(), classes == null ? 0 : classes, batchSize, shuffleBuffer,
                            seed, testCsv);
            batches = data.batches();
            validation = data.test();
            test = data.test();
            features = data.featureCount();
            outputs = data.classes();
            out.printf(Locale.ROOT, "data     %s: %d features, %d classes%s%n", data.source(), features, outputs,
                    test == null ? "; no --test-csv, so no validation or test" : "; validation and test: " + testCsv
                            + " (" + test.size() + " examples)");
        } else {
            DataSplits data = csv != null
                    ? DatasetChooser.csv(Path.of(csv), csvOptions(), !noStandardize, validationFraction, testFraction,
                            seed, out)
                    : libsvm != null
                    ? DatasetChooser.libsvm(Path.of(libsvm), !noStandardize, validationFraction, testFraction, seed, out)
                    : DatasetChooser.choose(locator, downloadPolicy(), dataset, dataDir,
                            spec.commandLine().getParseResult().hasMatchedOption("--dataset"), validationFraction,
                            testFraction, seed, out);
            out.printf(Locale.ROOT, "data     %s (%s): train %d, validation %d, test %d; %d features, %d classes%n",
                    data.name(), data.source(), data.train().size(), data.validation().size(), data.test().size(),
                    data.featureCount(), data.classes());
            batches = new MiniBatches(data.train(), BatchOptions.shuffled(batchSize, rng.nextLong()));
            validation = data.validation();
            test = data.test();
            features = data.featureCount();
            outputs = data.classes();
        }
        if (prefetch) {
            batches = new PrefetchingBatches(batches);
        }

        int[] widths = new int[hidden.length + 2];
        widths[0] = features;
        System.arraycopy(hidden, 0, widths, 1, hidden.length);
        widths[widths.length - 1] = outputs;
        Sequential model = Models.mlp(rng.split(), widths);
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
        LearningRateSchedule rates = schedule(batches.batchesPerEpoch());
        Optimizer optimizer = OptimizerChoice.optimizer(optimizerName, lr, momentum, weightDecay).builder()
                .schedule(rates).build(model.namedParameters());
        out.printf(Locale.ROOT, "model    %s ReLU MLP, %,d parameters · %s · %s · batch %d · seed %d%n",
                join(widths), model.parameterCount(), loss, optimizer, batchSize, seed);

        ClassifierTrainer trainer = new ClassifierTrainer(model, loss, optimizer);
        Evaluator evaluator = new Evaluator(1024);
        out.println();
        out.println("epoch         lr   train loss   val loss   val acc      gap   samples/s   seconds");
        out.flush();
        trainer.fit(batches, epochs, validation, evaluator, report -> {
            printEpoch(out, report);
            if (rates instanceof ReduceOnPlateau plateau && report.validation() != null) {
                plateau.report(report.validation().loss());
            }
        });
        out.println();
        if (test != null) {
            ClassificationReport report = evaluator.report(model, loss, test, 5);
            out.printf(Locale.ROOT, "test     loss %.4f · accuracy %.2f%% (%d examples)%n",
                    report.meanLoss().orElse(Double.NaN), 100 * report.accuracy(), report.examples());
            out.println();
            out.println(report.toTable());
        }
        out.printf(Locale.ROOT, "memory   peak heap %s%n", PeakHeap.describe());
        out.flush();
        return 0;
    }

    private LearningRateSchedule schedule(int batchesPerEpoch) {
        if (batchesPerEpoch < 0 && List.of("linear", "cosine", "one-cycle").contains(schedule)) {
            if (!spec.commandLine().getParseResult().hasMatchedOption("--schedule")) {
                return LearningRateSchedule.constant(lr); // a stream's length is unknown: no decay by default
            }
            throw new IllegalArgumentException("--schedule " + schedule + " needs the number of steps, which a stream"
                    + " does not tell in advance; with --stream use constant, inverse-time or plateau");
        }
        int perEpoch = Math.max(1, batchesPerEpoch);
        return OptimizerChoice.schedule(schedule, lr, lrFloor != null ? lrFloor : lr / 100, (long) perEpoch * epochs,
                perEpoch);
    }

    private CsvOptions csvOptions() {
        CsvOptions options = CsvOptions.defaults();
        if (labelColumn != null) {
            options = labelColumn.matches("-?\\d+") ? options.withLabel(Integer.parseInt(labelColumn))
                    : options.withLabel(labelColumn);
        }
        if (!categorical.isEmpty()) {
            options = options.withCategorical(categorical.toArray(String[]::new));
        }
        return options;
    }

    private DownloadPolicy downloadPolicy() {
        return noDownload ? DownloadPolicy.forbidden() : DownloadPolicy.allowedOverHttp(System.err);
    }

    private static void printEpoch(PrintWriter out, EpochReport r) {
        if (r.validation() == null) {
            out.printf(Locale.ROOT, "%5d   %8.2e   %10.4f   %8s   %7s   %6s   %9.0f   %7.2f%n", r.epoch(), r.learningRate(),
                    r.trainLoss(), "—", "—", "—", r.samplesPerSecond(), r.seconds());
            out.flush();
            return;
        }
        out.printf(Locale.ROOT, "%5d   %8.2e   %10.4f   %8.4f   %6.2f%%   %+6.3f   %9.0f   %7.2f%n",
                r.epoch(), r.learningRate(), r.trainLoss(), r.validation().loss(), 100 * r.validation().accuracy(), r.gap(),
                r.samplesPerSecond(), r.seconds());
        out.flush();
    }

    private void validate() {
        if (!OptimizerChoice.OPTIMIZERS.contains(optimizerName)) {
            throw new IllegalArgumentException("--optimizer: unknown optimizer '" + optimizerName + "'; choose one of "
                    + OptimizerChoice.OPTIMIZERS);
        }
        if (!OptimizerChoice.SCHEDULES.contains(schedule)) {
            throw new IllegalArgumentException("--schedule: unknown schedule '" + schedule + "'; choose one of "
                    + OptimizerChoice.SCHEDULES);
        }
        lr = lrOption != null ? lrOption : OptimizerChoice.defaultLearningRate(optimizerName);
        if (epochs <= 0) {
            throw new IllegalArgumentException("--epochs must be a positive number of passes, got " + epochs);
        }
        if (batchSize <= 0) {
            throw new IllegalArgumentException("--batch-size must be positive, got " + batchSize);
        }
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("--lr must be a finite number > 0, got " + lr);
        }
        if (lrFloor != null && (!(lrFloor > 0) || lrFloor > lr)) {
            throw new IllegalArgumentException("--lr-floor must be > 0 and at most --lr (" + lr + "), got " + lrFloor);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("--momentum must be in [0, 1), got " + momentum);
        }
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("--weight-decay must be a finite number ≥ 0, got " + weightDecay);
        }
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("--test-fraction must be in (0, 1), got " + testFraction);
        }
        if (stream && csv == null && libsvm == null) {
            throw new IllegalArgumentException("--stream reads a file: give it with --csv FILE or --libsvm FILE ('-' for"
                    + " standard input)");
        }
        if (!stream && ("-".equals(csv) || "-".equals(libsvm))) {
            throw new IllegalArgumentException("standard input ('-') can only be streamed: add --stream --classes K");
        }
        boolean datasetNamed = spec.commandLine().getParseResult().hasMatchedOption("--dataset");
        if ((csv != null ? 1 : 0) + (libsvm != null ? 1 : 0) + (datasetNamed ? 1 : 0) > 1) {
            throw new IllegalArgumentException("--csv, --libsvm and --dataset each name the training data; give one");
        }
        if (stream && libsvm != null && (featuresOption == null || featuresOption < 1)) {
            throw new IllegalArgumentException("--libsvm with --stream needs --features D, the largest feature index:"
                    + " a stream cannot look ahead for it");
        }
        if (shuffleBuffer < 1) {
            throw new IllegalArgumentException("--shuffle-buffer must be ≥ 1, got " + shuffleBuffer);
        }
        if (!(validationFraction > 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("--validation-fraction must be in (0, 1), got " + validationFraction);
        }
        for (int width : hidden) {
            if (width <= 0) {
                throw new IllegalArgumentException("--hidden: every width must be positive, got " + width);
            }
        }
    }

    private static String join(int[] widths) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            s.append(i == 0 ? "" : "-").append(widths[i]);
        }
        return s.toString();
    }
}
