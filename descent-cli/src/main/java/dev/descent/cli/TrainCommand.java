package dev.descent.cli;

import dev.descent.cli.config.ConfigLoader;
import dev.descent.cli.config.RunConfig;
import dev.descent.data.DatasetLocator;
import dev.descent.train.CheckpointFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code descent train}: trains a model on a data set from a run configuration — the defaults,
 * a YAML file ({@code --config}), the options below and {@code --set key=value}, later ones
 * winning — and leaves a run directory with the resolved config, metrics, checkpoints, the
 * model, a summary and plots.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a model (an MLP classifier by default) and keep what the run produced.",
                "With no options: 784-256-128-10 on Fashion-MNIST (or the built-in digits when it is absent).",
                "Settings come from, later ones winning: the defaults, --config FILE, the options below, --set."})
final class TrainCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", description = "A YAML run configuration (see examples/).")
    Path configFile;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override one config key, e.g. --set optimizer.lr=0.01 --set model.hidden=[512,256].")
    List<String> sets = new ArrayList<>();

    @Option(names = "--run-dir", paramLabel = "DIR",
            description = "Where to put the run's outputs (default: runs/<name>-<timestamp>).")
    Path runDir;

    @Option(names = "--overwrite",
            description = "Replace the run already in --run-dir: delete its config, metrics, model, summary, "
                    + "checkpoints/ and plots/ (other files stay) before starting. Without it such a directory is "
                    + "refused.")
    boolean overwrite;

    @Option(names = "--resume", paramLabel = "CHECKPOINT",
            description = "Continue a run from a checkpoint file, or from a run directory's last checkpoint.")
    Path resume;

    @Option(names = "--init-from", paramLabel = "FILE",
            description = "Start from these weights (safetensors, PyTorch names and layouts).")
    Path initFrom;

    @Option(names = "--no-plots",
            description = "Skip the plots (loss, accuracy, learning rate, confusion matrix; PNG and SVG) the run "
                    + "otherwise leaves in RUN_DIR/plots/ (config: run.plots: false).")
    boolean noPlots;

    @Option(names = "--dataset", paramLabel = "NAME",
            description = "Data set (default fashion-mnist): fashion-mnist, mnist, kmnist (IDX files, found or "
                    + "downloaded), or built in: digits, iris, wine, breast-cancer, diabetes (regression).")
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
    Integer features;

    @Option(names = "--label-column", paramLabel = "COLUMN",
            description = "The CSV's label column, by name or index (default: the last column).")
    String labelColumn;

    @Option(names = "--no-header", description = "The CSV has no header line: columns are taken by position"
            + " (label: the last, or --label-column INDEX).")
    boolean noHeader;

    @Option(names = "--skip-lines", paramLabel = "N", description = "Skip N lines at the top of the CSV, e.g. 1 for"
            + " scikit-learn's data files, whose first line holds counts and class names (default 0).")
    Integer skipLines;

    @Option(names = "--delimiter", paramLabel = "C", description = "The CSV's cell separator: one character, or tab"
            + " (default: detected among commas, semicolons and tabs).")
    String delimiter;

    @Option(names = "--categorical", paramLabel = "COLUMNS", split = ",",
            description = "CSV columns holding categories, one-hot encoded (comma-separated names).")
    List<String> categorical;

    @Option(names = "--test-fraction", paramLabel = "F",
            description = "Share held out (stratified) as the test set of data without an official test split "
                    + "(default 0.2).")
    Double testFraction;

    @Option(names = "--validation-fraction", paramLabel = "F",
            description = "Share of the training set held out (stratified) for validation (default 0.1).")
    Double validationFraction;

    @Option(names = "--no-standardize",
            description = "Keep tabular features as they are (by default they are standardised with the training "
                    + "split's statistics).")
    boolean noStandardize;

    @Option(names = "--stream",
            description = "Read the --csv/--libsvm file sequentially every epoch (or standard input once) instead of "
                    + "loading it: for data larger than memory.")
    boolean stream;

    @Option(names = "--shuffle-buffer", paramLabel = "N",
            description = "With --stream: examples held in memory to shuffle the stream (default 10000).")
    Integer shuffleBuffer;

    @Option(names = "--classes", paramLabel = "K", description = "With --stream: the number of classes (labels 0..K-1).")
    Integer classes;

    @Option(names = "--test-csv", paramLabel = "FILE",
            description = "With --stream: a CSV file (read into memory) to validate and test on.")
    Path testCsv;

    @Option(names = "--epochs", paramLabel = "N", description = "Passes over the training set (default 10).")
    Integer epochs;

    @Option(names = "--batch-size", paramLabel = "B", description = "Examples per update (default 64).")
    Integer batchSize;

    @Option(names = "--optimizer", paramLabel = "NAME",
            description = "sgd (default), nesterov, momentum (the lectures' form), adagrad, rmsprop, adam, amsgrad, "
                    + "adamw, adamax or nadam, with PyTorch's semantics.")
    String optimizerName;

    @Option(names = "--lr", paramLabel = "RATE",
            description = "Learning rate (default: 0.05 for sgd, nesterov and momentum; PyTorch's default otherwise).")
    Double lr;

    @Option(names = "--momentum", paramLabel = "MU",
            description = "Momentum of sgd, nesterov, momentum and rmsprop (default 0.9; 0 for plain SGD).")
    Double momentum;

    @Option(names = "--weight-decay", paramLabel = "LAMBDA",
            description = "weight_decay: coupled L2 (decoupled for adamw); default 0.")
    Double weightDecay;

    @Option(names = "--schedule", paramLabel = "NAME",
            description = "Learning-rate schedule: linear (default: from --lr down to --lr-floor over the run), "
                    + "constant, cosine, inverse-time, one-cycle, plateau, step, exponential, warmup-cosine.")
    String schedule;

    @Option(names = "--lr-floor", paramLabel = "RATE",
            description = "Final learning rate of the linear and cosine schedules (default: --lr / 100).")
    Double lrFloor;

    @Option(names = "--hidden", paramLabel = "WIDTHS", split = ",",
            description = "Hidden layer widths, comma-separated (default 256,128).")
    List<Integer> hidden;

    @Option(names = "--seed", paramLabel = "S",
            description = "Seed of every random choice: initial weights, splits, shuffles (default 42).")
    Long seed;

    @Option(names = "--prefetch", description = "Prepare the next batch on a background thread.")
    boolean prefetch;

    @Option(names = "--threads", paramLabel = "N",
            description = "Compute threads for the kernels (default: all ${sys:descent.cores} cores). "
                    + "Results are bit-identical whatever the count.")
    Integer threads;

    @Option(names = "--spark", paramLabel = "MASTER",
            description = "Compute each step's gradient on Apache Spark, e.g. local[2] or spark://host:7077: the same"
                    + " run, bit-reproducible, one Spark job per step (docs/distributed.md).")
    String sparkMaster;

    @Option(names = "--spark-data", paramLabel = "URI",
            description = "With --spark: training data read by Spark's executors (libsvm, Parquet or CSV; hdfs://,"
                    + " s3a:// or a path). The training rows stay there; validation and test rows come to the driver.")
    String sparkData;

    @Option(names = "--spark-format", paramLabel = "FORMAT",
            description = "The format of --spark-data: libsvm, parquet or csv (default: from the extension, else libsvm).")
    String sparkFormat;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--serve", description = "Serve the live dashboard beside the training (see 'descent serve') and"
            + " print its address; --port and --host set where. In a terminal it keeps serving after the run ends,"
            + " until Ctrl-C.")
    boolean serve;

    @Mixin
    ServeOptions serveOptions;

    private final DatasetLocator locator;

    TrainCommand() {
        this(DatasetLocator.fromSystem());
    }

    /** With a given search for data sets (tests use one that finds nothing). */
    TrainCommand(DatasetLocator locator) {
        this.locator = locator;
    }

    static {
        System.setProperty("descent.cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
    }

    @Override
    public Integer call() {
        if (overwrite && runDir == null) {
            throw new IllegalArgumentException("--overwrite replaces the run in --run-dir; give that directory");
        }
        if (dataset != null && (csv != null || libsvm != null)) {
            throw new IllegalArgumentException("--dataset " + dataset + " and " + (csv != null ? "--csv " + csv
                    : "--libsvm " + libsvm) + " name two data sets; give one of them");
        }
        if (!serve && (spec.commandLine().getParseResult().hasMatchedOption("--port")
                || spec.commandLine().getParseResult().hasMatchedOption("--host"))) {
            throw new IllegalArgumentException("--port and --host say where the dashboard listens: add --serve");
        }
        RunConfig config = loadConfig(); // settings are checked before --overwrite deletes anything
        if (!serve) {
            return trainLocked(config, null);
        }
        // --run-dir DIR: that run alone is served (its parent may be any folder, a home directory, say)
        Path served = runDir != null ? runDir : Path.of(config.run().dir());
        try (TrainingDashboard dashboard = TrainingDashboard.start(served, serveOptions, spec.commandLine().getOut(),
                spec.commandLine().getErr())) {
            return dashboard.serveWhile(() -> trainLocked(config, dashboard));
        }
    }

    /** Trains holding the run directory's lock, released as training ends (a dashboard may outlive it). */
    private int trainLocked(RunConfig config, TrainingDashboard dashboard) {
        // The run directory stays locked while this run trains in it; an existing run there is refused before any work.
        try (RunDirectory.Session session = RunDirectory.session()) {
            if (runDir != null) {
                session.claim(runDir, resume, overwrite);
            }
            return train(config, dashboard);
        }
    }

    private RunConfig loadConfig() {
        List<String> overrides = optionsAsOverrides();
        overrides.addAll(sets);
        RunConfig config;
        try {
            if (configFile == null && resume != null) {
                // A resumed run keeps its own configuration; options and --set still apply (e.g. more epochs).
                config = ConfigLoader.parse(savedConfig(resume), "the configuration saved in " + resume, null, overrides);
            } else {
                config = configFile != null ? ConfigLoader.load(configFile, overrides) : ConfigLoader.defaults(overrides);
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(namingTheOption(e.getMessage()), e);
        }
        return config;
    }

    private Integer train(RunConfig config, TrainingDashboard dashboard) {
        // Without a file or an explicit data source, a missing Fashion-MNIST falls back to the digits.
        boolean dataNamed = configFile != null || dataset != null || csv != null || libsvm != null
                || sets.stream().anyMatch(s -> s.startsWith("data."));
        boolean scheduleNamed = configFile != null || schedule != null || sets.stream().anyMatch(s -> s.startsWith("schedule"));
        TrainingRun run = new TrainingRun(config, spec.commandLine().getOut(), locator, dataNamed, scheduleNamed,
                runDir, resume, initFrom).onSpark(sparkMaster).sparkData(sparkData, sparkFormat);
        if (dashboard != null) {
            run.onRunDirectory(dashboard::printRunPage);
        }
        return run.run(); // the readers' Java hints become flags in DescentCommand's error boundary
    }

    /** The resolved configuration a checkpoint (or a run directory's last checkpoint) was written with. */
    static String savedConfig(Path resume) {
        Path file = resume;
        try {
            if (java.nio.file.Files.isDirectory(resume)) {
                file = CheckpointFile.latestValid(resume.resolve("checkpoints")).file(); // last, or the newest good epoch
            }
            String yaml = CheckpointFile.read(file).metadata().get("config");
            if (yaml == null) {
                throw new IllegalArgumentException("--resume " + file + ": the checkpoint holds no configuration;"
                        + " give the run's config with --config");
            }
            return yaml;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("--resume " + resume + ": " + e.getMessage(), e);
        }
    }

    /** The options given on the command line, as config overrides (options not given keep the config's values). */
    private List<String> optionsAsOverrides() {
        List<String> o = new ArrayList<>();
        if (dataset != null) {
            o.add("data.dataset=" + dataset);
            if (dataset.equals("diabetes")) {
                o.add("task=regression");
            }
        }
        put(o, "data.data_dir", dataDir == null ? null : dataDir.toAbsolutePath().toString());
        if (noDownload) {
            o.add("data.download=false");
        }
        if (csv != null || libsvm != null) {
            o.add("data.dataset=null");
        }
        put(o, "data.csv", csv == null ? null : csv.equals("-") ? "-" : Path.of(csv).toAbsolutePath().toString());
        put(o, "data.libsvm", libsvm == null ? null : libsvm.equals("-") ? "-" : Path.of(libsvm).toAbsolutePath().toString());
        put(o, "data.features", features);
        put(o, "data.label_column", labelColumn == null ? null : "'" + labelColumn + "'");
        if (categorical != null) {
            o.add("data.categorical=[" + String.join(",", categorical) + "]");
        }
        if (noHeader) {
            o.add("data.header=false");
        }
        put(o, "data.skip_lines", skipLines);
        put(o, "data.delimiter", delimiter == null ? null : "'" + delimiter.replace("'", "''") + "'");
        put(o, "data.test_fraction", testFraction);
        put(o, "data.validation_fraction", validationFraction);
        if (noStandardize) {
            o.add("data.standardize=false");
        }
        if (stream) {
            o.add("data.stream=true");
        }
        put(o, "data.shuffle_buffer", shuffleBuffer);
        put(o, "data.classes", classes);
        put(o, "data.test_csv", testCsv == null ? null : testCsv.toAbsolutePath().toString());
        put(o, "training.epochs", epochs);
        put(o, "training.batch_size", batchSize);
        put(o, "training.seed", seed);
        put(o, "training.threads", threads);
        if (prefetch) {
            o.add("training.prefetch=true");
        }
        if (optimizerName != null) {
            o.add("optimizer={name: " + optimizerName + "}");
        }
        put(o, "optimizer.lr", lr);
        put(o, "optimizer.momentum", momentum);
        put(o, "optimizer.weight_decay", weightDecay);
        if (schedule != null) {
            o.add("schedule={name: " + schedule + "}");
        }
        put(o, "schedule.lr_floor", lrFloor);
        if (hidden != null) {
            o.add("model.hidden=" + hidden);
        }
        if (noPlots) {
            o.add("run.plots=false");
        }
        return o;
    }

    private void put(List<String> overrides, String key, Object value) {
        if (value != null) {
            overrides.add(key + "=" + value);
        }
    }

    /** A config error caused by an option says so in the option's terms ("--epochs 0", not "--set training.epochs=0"). */
    private String namingTheOption(String message) {
        CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        String result = message;
        for (CommandLine.Model.OptionSpec option : parsed.matchedOptions()) {
            String flag = option.longestName();
            Object value = option.getValue();
            String shown = value instanceof Boolean ? "" // a flag: "--stream", not "--stream true"
                    : value instanceof List<?> list ? " " + String.join(",", list.stream().map(String::valueOf).toList())
                    : " " + value;
            int at = result.indexOf("in --set ");
            if (at >= 0 && !flag.equals("--set") && !flag.equals("--config")) {
                String key = keyOf(flag);
                int end = result.indexOf(')', at);
                String given = result.substring(at + "in --set ".length(), end >= 0 ? end : result.length());
                // the option's value, unless a --set of the key, which comes after the options, gave it
                if (key != null && given.startsWith(key + "=") && !sets.contains(given)) {
                    result = result.substring(0, at) + "from the option " + flag + shown
                            + (end >= 0 ? result.substring(end) : "");
                }
            }
        }
        return result;
    }

    private static String keyOf(String flag) {
        return switch (flag) {
            case "--epochs" -> "training.epochs";
            case "--batch-size" -> "training.batch_size";
            case "--seed" -> "training.seed";
            case "--threads" -> "training.threads";
            case "--lr" -> "optimizer.lr";
            case "--momentum" -> "optimizer.momentum";
            case "--weight-decay" -> "optimizer.weight_decay";
            case "--optimizer" -> "optimizer";
            case "--schedule" -> "schedule";
            case "--lr-floor" -> "schedule.lr_floor";
            case "--hidden" -> "model.hidden";
            case "--dataset" -> "data.dataset";
            case "--test-fraction" -> "data.test_fraction";
            case "--validation-fraction" -> "data.validation_fraction";
            case "--shuffle-buffer" -> "data.shuffle_buffer";
            case "--classes" -> "data.classes";
            case "--features" -> "data.features";
            case "--csv" -> "data.csv";
            case "--libsvm" -> "data.libsvm";
            case "--test-csv" -> "data.test_csv";
            case "--stream" -> "data.stream";
            case "--data-dir" -> "data.data_dir";
            case "--label-column" -> "data.label_column";
            case "--categorical" -> "data.categorical";
            case "--no-standardize" -> "data.standardize";
            case "--prefetch" -> "training.prefetch";
            case "--no-header" -> "data.header";
            case "--skip-lines" -> "data.skip_lines";
            case "--delimiter" -> "data.delimiter";
            default -> null;
        };
    }
}
