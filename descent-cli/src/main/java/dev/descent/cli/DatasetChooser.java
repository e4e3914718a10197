package dev.descent.cli;

import dev.descent.data.BuiltInDatasets;
import dev.descent.data.CsvOptions;
import dev.descent.data.CsvReader;
import dev.descent.data.DataException;
import dev.descent.data.Dataset;
import dev.descent.data.DatasetLocator;
import dev.descent.data.DownloadPolicy;
import dev.descent.data.HoldOutSplit;
import dev.descent.data.LibSvmReader;
import dev.descent.data.MnistLayout;
import dev.descent.data.Splits;
import dev.descent.data.RequiredFiles;
import dev.descent.data.Standardization;
import dev.descent.data.TableSchema;
import dev.descent.model.DataFingerprint;
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
                             boolean explicitlyChosen, double validationFraction, double testFraction, long seed,
                             PrintWriter out) {
        if (!names().contains(name)) {
            throw new IllegalArgumentException("--dataset: unknown data set '" + name + "'; choose one of " + names()
                    + ", or train on a file with --csv FILE");
        }
        if (!IDX.contains(name)) {
            Dataset all = BuiltInDatasets.load(name);
            return tabular(all, "built in", !name.equals(BuiltInDatasets.DIGITS), validationFraction, testFraction,
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
        HoldOutSplit split = MnistLayout.loadTrainHeldOut(directory, name, validationFraction, seed);
        Dataset test = MnistLayout.loadTest(directory, name);
        List<DataFingerprint.FileFingerprint> files = new ArrayList<>();
        for (String baseName : MnistLayout.FILES.baseNames()) {
            RequiredFiles.find(directory, baseName).ifPresent(file -> files.add(DataFingerprint.of(file, -1)));
        }
        return new DataSplits(name, directory.toString(), split.train(), split.heldOut(), test,
                new Preprocessing(Preprocessing.Input.IMAGES, test.featureCount(), null, null),
                DataFingerprint.of(files));
    }

    /** A CSV file in memory: label column from the options, categorical columns one-hot encoded. */
    static DataSplits csv(Path file, CsvOptions options, boolean standardize, double validationFraction,
                          double testFraction, long seed) {
        CsvReader.Classification table = CsvReader.classification(file, options);
        return tabular(table.dataset(), file.toString(), standardize, validationFraction, testFraction, seed,
                table.schema(), DataFingerprint.of(List.of(DataFingerprint.of(file, table.dataset().size()))));
    }

    /** A LibSVM file in memory, densified. */
    static DataSplits libsvm(Path file, boolean standardize, double validationFraction, double testFraction,
                             long seed) {
        Dataset all = LibSvmReader.classification(file, LibSvmReader.Options.defaults());
        return tabular(all, file.toString(), standardize, validationFraction, testFraction, seed, null,
                DataFingerprint.of(List.of(DataFingerprint.of(file, all.size()))));
    }

    /**
     * Stratified test and validation shares held out, then standardisation fitted on what is left.
     *
     * @param schema the table's columns when {@code all} was read from a CSV file, else null
     */
    static DataSplits tabular(Dataset all, String source, boolean standardize, double validationFraction,
                              double testFraction, long seed, TableSchema schema, DataFingerprint fingerprint) {
        HoldOutSplit testSplit = Splits.holdOut(all, testFraction, seed);
        HoldOutSplit validationSplit = Splits.holdOut(testSplit.train(), validationFraction, seed + 1);
        Dataset train = validationSplit.train();
        Dataset validation = validationSplit.heldOut();
        Dataset test = testSplit.heldOut();
        Preprocessing preprocessing = schema != null
                ? new Preprocessing(Preprocessing.Input.TABLE, all.featureCount(), schema, null)
                : Preprocessing.vectors(all.featureCount());
        if (standardize) {
            Standardization.Fitted scaling = new Standardization().fit(train);
            train = scaling.apply(train);
            validation = scaling.apply(validation);
            test = scaling.apply(test);
            source += "; standardised with the training split's means and standard deviations";
            preprocessing = preprocessing.withScaling(scaling);
        }
        return new DataSplits(all.name(), source, train, validation, test, preprocessing, fingerprint);
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
