package dev.descent.cli;

import dev.descent.cli.config.CommandLineHints;
import dev.descent.cli.config.ConfigLoader;
import dev.descent.cli.config.RunConfig;
import dev.descent.data.DataException;
import dev.descent.data.Dataset;
import dev.descent.data.Examples;
import dev.descent.data.DatasetLocator;
import dev.descent.data.LibSvmReader;
import dev.descent.data.MnistLayout;
import dev.descent.data.RegressionDataset;
import dev.descent.data.TableSchema;
import dev.descent.data.TableSchemaReader;
import dev.descent.model.ModelBundle;
import dev.descent.model.Preprocessing;
import dev.descent.model.Predictor;
import java.io.Closeable;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The rows a saved model predicts on or is evaluated on, in chunks: a new CSV file (or standard
 * input, streamed), a LibSVM file, an IDX directory, or one of its run's own splits (after
 * checking that the run's data files did not change).
 */
final class PredictionInput implements Closeable {
    /** Rows read from standard input per chunk: memory stays bounded whatever its length. */
    static final int STREAM_CHUNK = 4096;

    /**
     * Rows of features with their keys and, when the input has them, labels or targets.
     *
     * @param prepared whether the features are already preprocessed (a run's split) or raw
     */
    record Rows(float[] features, int count, int[] keys, int[] labels, float[] targets, boolean prepared) {
    }

    private final String description;
    private final String keyName;
    private final TableSchemaReader stream;
    private Rows whole;

    private PredictionInput(String description, String keyName, TableSchemaReader stream, Rows whole) {
        this.description = description;
        this.keyName = keyName;
        this.stream = stream;
        this.whole = whole;
    }

    /** What the rows are, for messages: {@code iris-new.csv}, {@code the test split of RUN}. */
    String description() {
        return description;
    }

    /** The name of the key column: {@code line} for a CSV file, {@code index} otherwise. */
    String keyName() {
        return keyName;
    }

    /** The next rows, or null at the end. */
    Rows next() {
        if (stream != null) {
            TableSchemaReader.Chunk chunk = stream.next(STREAM_CHUNK);
            return chunk == null ? null
                    : new Rows(chunk.features(), chunk.rows(), chunk.lineNumbers(), chunk.labels(), chunk.targets(),
                            false);
        }
        Rows rows = whole;
        whole = null;
        return rows;
    }

    @Override
    public void close() {
        if (stream != null) {
            stream.close();
        }
    }

    /**
     * Opens the one data source given, or the run's split when none is.
     *
     * @param labelsRequired whether the rows must have labels (evaluation)
     */
    static PredictionInput open(Predictor predictor, Path model, String csv, Path libsvm, Path dataDir, String split,
                                boolean labelsRequired) {
        int sources = (csv != null ? 1 : 0) + (libsvm != null ? 1 : 0) + (dataDir != null ? 1 : 0);
        if (sources > 1) {
            throw new IllegalArgumentException("give one of --csv, --libsvm and --data-dir, not " + sources);
        }
        if (sources == 1 && split != null) {
            throw new IllegalArgumentException("--split chooses one of the run's own splits; it cannot be combined with"
                    + " a new data file");
        }
        Preprocessing preprocessing = predictor.bundle().preprocessing();
        if (csv != null) {
            return csv(predictor, csv, labelsRequired);
        }
        if (libsvm != null) {
            return libsvm(predictor, libsvm);
        }
        if (dataDir != null) {
            if (preprocessing.input() != Preprocessing.Input.IMAGES) {
                throw new IllegalArgumentException("--data-dir reads IDX image files, but this model was trained on "
                        + inputName(preprocessing) + "; " + hint(preprocessing));
            }
            Dataset test = MnistLayout.loadTest(dataDir, predictor.bundle().info().getOrDefault("data", "images"));
            requireFeatures(predictor, test.featureCount(), dataDir.toString());
            return new PredictionInput(dataDir + " (test images)", "index", null,
                    new Rows(test.features().data(), test.size(), indices(test.size()), test.labels(), null, false));
        }
        return split(predictor, model, split == null ? "test" : split);
    }

    private static PredictionInput csv(Predictor predictor, String csv, boolean labelsRequired) {
        Preprocessing preprocessing = predictor.bundle().preprocessing();
        if (preprocessing.input() != Preprocessing.Input.TABLE) {
            throw new IllegalArgumentException("--csv reads a table by column names, but this model was trained on "
                    + inputName(preprocessing) + "; " + hint(preprocessing));
        }
        TableSchema schema = preprocessing.table();
        TableSchema.LabelPolicy policy = labelsRequired ? TableSchema.LabelPolicy.REQUIRED
                : TableSchema.LabelPolicy.OPTIONAL;
        if (csv.equals("-")) {
            return new PredictionInput("standard input", "line", schema.reader(System.in, "standard input", policy),
                    null);
        }
        Path file = Path.of(csv);
        TableSchemaReader.Chunk chunk = schema.readAll(file, policy); // all rows checked before anything is written
        return new PredictionInput(file.toString(), "line", null, new Rows(chunk.features(), chunk.rows(),
                chunk.lineNumbers(), chunk.labels(), chunk.targets(), false));
    }

    private static PredictionInput libsvm(Predictor predictor, Path file) {
        Preprocessing preprocessing = predictor.bundle().preprocessing();
        if (preprocessing.input() != Preprocessing.Input.VECTOR) {
            throw new IllegalArgumentException("--libsvm reads feature vectors by position, but this model was trained"
                    + " on " + inputName(preprocessing) + "; " + hint(preprocessing));
        }
        try {
            return libsvmRows(predictor, file);
        } catch (DataException e) {
            // the reader's fixes are reader options; here the model fixes features and classes
            String message = CommandLineHints.forSavedModel(e.getMessage());
            throw message.equals(e.getMessage()) ? e : new DataException(message, e);
        }
    }

    private static PredictionInput libsvmRows(Predictor predictor, Path file) {
        LibSvmReader.Options options = LibSvmReader.Options.defaults().withDimension(predictor.featureCount());
        if (predictor.task() == ModelBundle.Task.REGRESSION) {
            RegressionDataset data = LibSvmReader.regression(file, options);
            return new PredictionInput(file.toString(), "index", null, new Rows(data.features().data(), data.size(),
                    indices(data.size()), null, data.targets().data(), false));
        }
        long[] classLabels = numericLabels(predictor.outputNames());
        Dataset data = LibSvmReader.classification(file, classLabels == null ? options
                : options.withClassLabels(classLabels));
        return new PredictionInput(file.toString(), "index", null, new Rows(data.features().data(), data.size(),
                indices(data.size()), classLabels == null ? null : data.labels(), null, false));
    }

    /** The class names as LibSVM labels, or null when they are not all integers. */
    private static long[] numericLabels(List<String> names) {
        long[] labels = new long[names.size()];
        for (int i = 0; i < labels.length; i++) {
            try {
                labels[i] = Long.parseLong(names.get(i).startsWith("+") ? names.get(i).substring(1) : names.get(i));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return labels;
    }

    /** One of the run's own splits, rebuilt from its config after its data files are checked. */
    private static PredictionInput split(Predictor predictor, Path model, String split) {
        Path runDir = Files.isDirectory(model) ? model : model.toAbsolutePath().getParent();
        Path config = runDir == null ? null : runDir.resolve("config.yaml");
        if (Files.isDirectory(model) && !Files.isRegularFile(config)) {
            throw new IllegalArgumentException(config + " is missing, so the run's splits cannot be rebuilt; restore"
                    + " it, or give new data with --csv FILE, --libsvm FILE or --data-dir DIR");
        }
        if (config == null || !Files.isRegularFile(config)) {
            throw new IllegalArgumentException(model + " is a model file outside its run directory, so it has no"
                    + " splits; give new data with --csv FILE, --libsvm FILE or --data-dir DIR");
        }
        if (!List.of("test", "validation", "train").contains(split)) {
            throw new IllegalArgumentException("--split must be test, validation or train, got '" + split + "'");
        }
        RunConfig runConfig = ConfigLoader.load(config, List.of());
        if (Boolean.TRUE.equals(runConfig.data().stream())) {
            throw new IllegalArgumentException(runDir + " was trained on a stream, which has no splits to rebuild; give"
                    + " new data with --csv FILE or --libsvm FILE");
        }
        String sparkData = predictor.bundle().info().get(TrainingRun.SPARK_DATA);
        if (sparkData != null) {
            throw new IllegalArgumentException(runDir + " was trained on data Spark read from " + sparkData + ", whose"
                    + " splits are not rebuilt here; give data with --libsvm FILE or --csv FILE");
        }
        predictor.bundle().trainingData().verify();
        String what = "the " + split + " split of " + runDir;
        DataSplits splits = TrainingRun.splitsOf(runConfig, DatasetLocator.fromSystem(),
                new PrintWriter(java.io.Writer.nullWriter()));
        Examples data = switch (split) {
            case "test" -> splits.test();
            case "validation" -> splits.validation();
            default -> splits.train();
        };
        requireFeatures(predictor, data.featureCount(), what);
        if (data instanceof RegressionDataset targets) {
            return new PredictionInput(what, "index", null, new Rows(targets.features().data(), targets.size(),
                    indices(targets.size()), null, targets.targets().data(), true));
        }
        Dataset classes = (Dataset) data;
        return new PredictionInput(what, "index", null, new Rows(classes.features().data(), classes.size(),
                indices(classes.size()), classes.labels(), null, true));
    }

    private static void requireFeatures(Predictor predictor, int found, String source) {
        if (found != predictor.featureCount()) {
            throw new DataException(source + " has " + found + " features per example but the model takes "
                    + predictor.featureCount());
        }
    }

    private static int[] indices(int n) {
        int[] indices = new int[n];
        for (int i = 0; i < n; i++) {
            indices[i] = i;
        }
        return indices;
    }

    private static String inputName(Preprocessing preprocessing) {
        return switch (preprocessing.input()) {
            case TABLE -> "a table of named columns (a CSV file or a built-in table such as digits)";
            case VECTOR -> "feature vectors (LibSVM, generated or streamed data)";
            case IMAGES -> "IDX images";
        };
    }

    private static String hint(Preprocessing preprocessing) {
        return switch (preprocessing.input()) {
            case TABLE -> "give new data with --csv FILE";
            case VECTOR -> "give new data with --libsvm FILE";
            case IMAGES -> "give new data with --data-dir DIR (a folder of IDX files)";
        };
    }
}
