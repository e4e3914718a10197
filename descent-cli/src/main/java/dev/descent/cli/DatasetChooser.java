package dev.descent.cli;

import dev.descent.data.BuiltInDatasets;
import dev.descent.data.CsvOptions;
import dev.descent.data.CsvReader;
import dev.descent.data.DataException;
import dev.descent.data.Dataset;
import dev.descent.data.Examples;
import dev.descent.data.RegressionDataset;
import dev.descent.data.DatasetLocator;
import dev.descent.data.DownloadPolicy;
import dev.descent.data.HoldOutSplit;
import dev.descent.data.LibSvmReader;
import dev.descent.data.MnistLayout;
import dev.descent.data.Splits;
import dev.descent.data.RequiredFiles;
import dev.descent.data.SyntheticData;
import dev.descent.cli.config.DataSettings;
import dev.descent.cli.config.RunConfig;
import dev.descent.cli.config.SyntheticDataSettings;
import dev.descent.data.TableSchema;
import dev.descent.model.DataFingerprint;
import dev.descent.model.ModelBundle;
import dev.descent.model.Preprocessing;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns {@code --dataset}, {@code --data-dir} and {@code --csv} into train, validation and test
 * splits held in memory.
 *
 * <p>IDX data sets (MNIST, Fashion-MNIST, KMNIST) bring their official test set; the
 * validation set is held out of the training set, stratified. The built-in sets and CSV files
 * have no official split, so a stratified share becomes the test set first. Tabular data
 * (built-in tables, CSV) is standardised with statistics of the training split only.
 */
final class DatasetChooser {
    static final String DEFAULT = "fashion-mnist";
    private static final List<String> IDX = List.of("fashion-mnist", "mnist", "kmnist");

    private DatasetChooser() {
    }

    /**
     * The run's splits as its configuration describes them (not a stream): the source, the task's
     * targets, the split rule and the standardisation.
     *
     * @param dataNamed whether the user named the data set; if not, a missing Fashion-MNIST falls
     *     back to {@code digits} with a banner on {@code out}
     */
    static DataSplits load(RunConfig config, DatasetLocator locator, boolean dataNamed, PrintWriter out) {
        DataSettings d = config.data();
        long seed = config.training().seed();
        double validationFraction = d.validationFraction();
        double testFraction = d.testFraction();
        boolean standardize = Boolean.TRUE.equals(d.standardize());
        boolean regression = config.task() == RunConfig.Task.REGRESSION;
        if (d.csv() != null) {
            Path file = Path.of(d.csv());
            CsvOptions options = csvOptions(d);
            Examples all;
            TableSchema schema;
            if (regression) {
                CsvReader.Regression table = CsvReader.regression(file, options);
                all = table.dataset();
                schema = table.schema();
            } else {
                CsvReader.Classification table = CsvReader.classification(file, options);
                all = table.dataset();
                schema = table.schema();
                requireTwoClasses(table.dataset(), file + ", label column '" + schema.labelNames().get(0) + "'",
                        "check --label-column");
            }
            requireDistinctNames(schema, file.toString());
            requireSplittable(all, file + " has " + all.size() + (all.size() == 1 ? " row" : " rows"),
                    validationFraction, testFraction);
            return tabular(all, file.toString(), standardize, validationFraction, testFraction, seed, schema,
                    DataFingerprint.of(List.of(DataFingerprint.of(file, all.size()))));
        }
        if (d.libsvm() != null) {
            Path file = Path.of(d.libsvm());
            Examples all = regression ? LibSvmReader.regression(file, LibSvmReader.Options.defaults())
                    : LibSvmReader.classification(file, LibSvmReader.Options.defaults());
            if (all instanceof Dataset classes) {
                requireTwoClasses(classes, file.toString(), "check that this is the file to train on");
            }
            requireSplittable(all, file + " has " + all.size() + (all.size() == 1 ? " example" : " examples"),
                    validationFraction, testFraction);
            return tabular(all, file.toString(), standardize, validationFraction, testFraction, seed, null,
                    DataFingerprint.of(List.of(DataFingerprint.of(file, all.size()))));
        }
        if (d.synthetic() != null) {
            SyntheticDataSettings s = d.synthetic();
            Examples all = switch (s.kind()) {
                case TWO_MOONS -> SyntheticData.twoMoons(s.n(), s.noise(), s.seed());
                case BLOBS -> SyntheticData.gaussianBlobs(s.n(), s.classes(), s.features(), s.noise(), s.seed());
                case LINEAR_REGRESSION -> SyntheticData.linearRegression(s.n(), s.features(), s.noise(), s.seed())
                        .data();
            };
            return tabular(all, "synthetic " + s.kind().configName(), standardize, validationFraction, testFraction,
                    seed, null, DataFingerprint.none());
        }
        if (regression) {
            RegressionDataset all = BuiltInDatasets.loadRegression(d.dataset());
            return tabular(all, "built in", standardize, validationFraction, testFraction, seed,
                    builtInSchema(d.dataset(), 0, List.of()), DataFingerprint.none());
        }
        DownloadPolicy downloads = Boolean.FALSE.equals(d.download()) ? DownloadPolicy.forbidden()
                : DownloadPolicy.allowedOverHttp(System.err);
        return choose(locator, downloads, d.dataset(), d.dataDir() == null ? null : Path.of(d.dataDir()), dataNamed,
                standardize, validationFraction, testFraction, seed, out);
    }

    /** The CSV reading options of the {@code data} section: label column and categorical columns. */
    static CsvOptions csvOptions(DataSettings d) {
        CsvOptions options = CsvOptions.defaults();
        if (d.labelColumn() != null) {
            String label = d.labelColumn();
            options = label.matches("-?\\d+") ? options.withLabel(Integer.parseInt(label)) : options.withLabel(label);
        }
        if (d.categorical() != null && !d.categorical().isEmpty()) {
            options = options.withCategorical(d.categorical().toArray(String[]::new));
        }
        options = options.withHeader(d.header()).withSkipLines(d.skipLines());
        char delimiter = DataSettings.delimiterChar(d.delimiter());
        return delimiter == 0 ? options : options.withDelimiter(delimiter);
    }

    static List<String> names() {
        List<String> names = new ArrayList<>(IDX);
        names.addAll(BuiltInDatasets.names());
        return names;
    }

    /**
     * @param explicitlyChosen whether the user named the data set; if not, a missing
     *     Fashion-MNIST falls back to {@code digits} with a banner on {@code out}
     */
    static DataSplits choose(DatasetLocator locator, DownloadPolicy downloads, String name, Path dataDir,
                             boolean explicitlyChosen, boolean standardize, double validationFraction,
                             double testFraction, long seed, PrintWriter out) {
        if (!names().contains(name)) {
            throw new IllegalArgumentException("--dataset: unknown data set '" + name + "'; choose one of " + names()
                    + ", or train on a file with --csv FILE");
        }
        if (!IDX.contains(name)) {
            Dataset all = BuiltInDatasets.load(name);
            return tabular(all, "built in", standardize, validationFraction, testFraction,
                    seed, builtInSchema(name, all.classes(), all.classNames()), DataFingerprint.none());
        }
        Path directory;
        try {
            directory = locator.locateOrDownload(name, MnistLayout.FILES, dataDir, downloads);
        } catch (DataException notFound) {
            if (explicitlyChosen || dataDir != null) {
                throw notFound;
            }
            out.println("""
                    ┌──────────────────────────────────────────────────────────────────────────┐
                    │ Fashion-MNIST was not found, so this run trains on the built-in 'digits' │
                    │ data set (1 797 handwritten digits, 8×8 pixels) instead. To train on     │
                    │ Fashion-MNIST, either:                                                   │
                    │   sudo apt-get install dataset-fashion-mnist                             │
                    │   ./descent train --data-dir DIR   (DIR holds the four IDX .gz files)    │
                    └──────────────────────────────────────────────────────────────────────────┘""");
            out.println(indent(notFound.getMessage()));
            out.println();
            Dataset digits = BuiltInDatasets.digits();
            return tabular(digits, "built in (Fashion-MNIST not found)", false, validationFraction, testFraction, seed,
                    builtInSchema(BuiltInDatasets.DIGITS, digits.classes(), digits.classNames()), DataFingerprint.none());
        }
        // Split while the pixels are bytes, then load the test set: peak heap ≈ 1.4× the float
        // size of the training set instead of 2.2× (BENCHMARKS.md, memory).
        MnistLayout.TrainAndTest loaded = MnistLayout.loadTrainHeldOutAndTest(directory, name, validationFraction,
                seed);
        HoldOutSplit split = loaded.train();
        Dataset test = loaded.test();
        List<DataFingerprint.FileFingerprint> files = new ArrayList<>();
        for (String baseName : MnistLayout.FILES.baseNames()) {
            RequiredFiles.find(directory, baseName).ifPresent(file -> files.add(DataFingerprint.of(file, -1)));
        }
        return new DataSplits(name, directory.toString(), split.train(), split.heldOut(), test,
                new Preprocessing(Preprocessing.Input.IMAGES, test.featureCount(), null, null),
                DataFingerprint.of(files), outputNames(test));
    }

    /**
     * The library's split rule (test share, then validation share; stratified for classes), then
     * standardisation fitted on the training part when asked for.
     *
     * @param schema the table's columns when {@code all} was read from a CSV file or is a built-in
     *     table, else null
     */
    static DataSplits tabular(Examples all, String source, boolean standardize, double validationFraction,
                              double testFraction, long seed, TableSchema schema, DataFingerprint fingerprint) {
        Splits.Parts<Examples> parts = Splits.testThenValidation(all, validationFraction, testFraction, seed);
        Preprocessing preprocessing = schema != null
                ? new Preprocessing(Preprocessing.Input.TABLE, all.featureCount(), schema, null)
                : Preprocessing.vectors(all.featureCount());
        if (standardize) {
            Splits.Standardized<Examples> standardized = parts.standardized();
            parts = standardized.parts();
            source += "; standardised with the training split's means and standard deviations";
            preprocessing = preprocessing.withScaling(standardized.scaling());
        }
        return new DataSplits(all.name(), source, parts.train(), parts.validation(), parts.test(), preprocessing,
                fingerprint, outputNames(all));
    }

    /**
     * Refuses class labels that hold fewer than two classes: such a model has nothing to tell
     * apart, and would report 100% accuracy.
     *
     * @param labels names the labels in the message, e.g. {@code "FILE: the label column 'y'"}
     * @param check  what to check first, in command-line terms
     */
    /** The model's columns are found by name in new files, so a header must not name two columns alike. */
    static void requireDistinctNames(TableSchema schema, String source) {
        int[] repeated = schema.repeatedColumns();
        if (schema.header() && repeated.length > 0) {
            throw new DataException(source + " line " + (schema.skipLines() + 1) + ": the header names columns "
                    + repeated[0] + " and " + repeated[1] + " both '" + schema.columns().get(repeated[0]).name()
                    + "'; predict and evaluate find columns by name, so give each column its own name.");
        }
    }

    static void requireTwoClasses(Dataset data, String labels, String check) {
        int[] counts = classCounts(data);
        List<String> present = new ArrayList<>();
        for (int c = 0; c < counts.length; c++) {
            if (counts[c] > 0) {
                present.add(data.className(c));
            }
        }
        if (present.size() == 1) {
            throw new IllegalArgumentException(labels + ": only one class ('" + present.get(0) + "') is present;"
                    + " classification needs at least two (" + check + ", or train a regression with --set task=regression)");
        }
    }

    /**
     * Refuses data too small for {@link Splits#testThenValidation} to leave at least one example
     * in each of training, validation and test: checked on the counts, before any work.
     *
     * @param what names the data and its size, e.g. {@code "FILE has 3 rows"}
     */
    static void requireSplittable(Examples all, String what, double validationFraction, double testFraction) {
        int[] sizes = Splits.testThenValidationSizes(all, validationFraction, testFraction);
        if (sizes[0] > 0 && sizes[1] > 0 && sizes[2] > 0) {
            return;
        }
        String stratified = "";
        if (all instanceof Dataset classes) {
            int largest = 0;
            for (int count : classCounts(classes)) {
                largest = Math.max(largest, count);
            }
            stratified = " (the split is stratified by class: a class needs at least 2 examples to appear in"
                    + " test, and at least 3 to appear in validation too; the largest class here has " + largest
                    + ")";
        }
        throw new IllegalArgumentException(what + ": too few for a test share of " + testFraction + " and a"
                + " validation share of " + validationFraction + " with at least one example each in training,"
                + " validation and test" + stratified + "; give more rows or other --test-fraction/"
                + "--validation-fraction");
    }

    private static int[] classCounts(Dataset data) {
        int[] counts = new int[data.classes()];
        for (int label : data.labels()) {
            counts[label]++;
        }
        return counts;
    }

    /** Class names (the indices as text when unnamed), or target names. */
    static List<String> outputNames(Examples data) {
        if (data instanceof Dataset classes) {
            return classes.classNames().isEmpty() ? ModelBundle.indexNames(classes.classes()) : classes.classNames();
        }
        RegressionDataset targets = (RegressionDataset) data;
        return targets.targetCount() == 1 ? List.of(TARGET_COLUMN) : ModelBundle.indexNames(targets.targetCount());
    }

    /**
     * A built-in table as a CSV file would hold it: its feature names as the header, then a
     * {@code target} column, so that its models predict on CSV files by column name.
     */
    static TableSchema builtInSchema(String name, int classes, List<String> classNames) {
        List<TableSchema.Column> columns = new ArrayList<>();
        for (String feature : BuiltInDatasets.featureNames(name)) {
            columns.add(TableSchema.Column.of(feature, TableSchema.Role.NUMERIC));
        }
        columns.add(TableSchema.Column.of(TARGET_COLUMN, TableSchema.Role.LABEL));
        TableSchema.Labels labels = classes == 0 ? new TableSchema.Targets(List.of(TARGET_COLUMN))
                : new TableSchema.Classes(classNames, classes, classNames.isEmpty() ? CsvOptions.ClassLabels.INDICES
                        : CsvOptions.ClassLabels.AUTO);
        return new TableSchema(true, ',', 0, columns, labels);
    }

    /** The label column of a built-in table written as CSV, as scikit-learn's data frames call it. */
    static final String TARGET_COLUMN = "target";

    private static String indent(String message) {
        return "  " + message.replace("\n", "\n  ");
    }
}
