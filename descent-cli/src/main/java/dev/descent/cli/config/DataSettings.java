package dev.descent.cli.config;

import static dev.descent.cli.config.ConfigChecks.atLeast;
import static dev.descent.cli.config.ConfigChecks.openFraction;
import static dev.descent.cli.config.ConfigChecks.orDefault;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.descent.data.BuiltInDatasets;
import dev.descent.data.KnownDatasets;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code data} section: where the examples come from and how they are split. Exactly one
 * source: a named {@code dataset} (the default, {@code fashion-mnist}), a {@code csv} file, a
 * {@code libsvm} file or a {@code synthetic} set. Paths in a configuration file are relative
 * to that file's folder; {@code "-"} for {@code csv} or {@code libsvm} is standard input, with
 * {@code stream: true}.
 *
 * @param dataset fashion-mnist, mnist, kmnist (IDX files, found or downloaded) or a built-in table
 *     (digits, iris, wine, breast-cancer; diabetes for regression); {@code null} when another source is given
 * @param dataDir the folder holding the data set's files (default: searched, then downloaded)
 * @param csv a CSV file with a header, numeric features and a label column
 * @param libsvm a LibSVM/SVMLight file
 * @param labelColumn the CSV's label column, by name or index (default: the last column)
 * @param categorical CSV columns one-hot encoded (default none)
 * @param header whether the CSV's first line (after the skipped ones) names the columns (default true); without
 *     one, columns are taken by position and the label is the last column unless label_column gives its index
 * @param skipLines lines skipped at the top of the CSV before the header or the first row, ≥ 0 (default 0), e.g. 1
 *     for scikit-learn's data files, whose first line holds counts and class names
 * @param delimiter the CSV's cell separator: one character, {@code tab}, or {@code auto} (default: detected from
 *     commas, semicolons and tabs)
 * @param validationFraction share of the training set held out for validation, in (0, 1) (default 0.1)
 * @param testFraction share held out as the test set of data without an official test split, in (0, 1) (default 0.2)
 * @param standardize whether tabular features are standardised with the training split's statistics (default
 *     true, but false for the built-in digits, whose features are pixel intensities 0..16)
 * @param stream whether the file is read sequentially every epoch instead of loaded (default false)
 * @param shuffleBuffer with stream: examples held in memory to shuffle the stream, ≥ 1 (default 10000)
 * @param classes with stream: the number of classes, ≥ 2 (default: from the data)
 * @param features with libsvm and stream: the number of features, ≥ 1
 * @param testCsv with stream: a CSV file (read into memory) to validate and test on
 * @param download whether a missing data set may be downloaded (default true)
 * @param synthetic a generated data set instead of a file
 * @param augment random crops and flips of the training images ({@link AugmentationSettings}; default
 *     {@code null}: none); written only when given, so configurations written before it existed still read
 */
public record DataSettings(String dataset, String dataDir, String csv, String libsvm, String labelColumn,
        List<String> categorical, Boolean header, Integer skipLines, String delimiter, Double validationFraction, Double testFraction, Boolean standardize, Boolean stream,
        Integer shuffleBuffer, Integer classes, Integer features, String testCsv, Boolean download,
        SyntheticDataSettings synthetic, @JsonInclude(JsonInclude.Include.NON_NULL) AugmentationSettings augment) {

    /** The default data set of {@code descent train}. */
    public static final String DEFAULT_DATASET = "fashion-mnist";

    public DataSettings {
        int sources = (dataset != null ? 1 : 0) + (csv != null ? 1 : 0) + (libsvm != null ? 1 : 0)
                + (synthetic != null ? 1 : 0);
        if (sources > 1) {
            List<String> given = new ArrayList<>();
            if (dataset != null) {
                given.add("dataset: " + dataset);
            }
            if (csv != null) {
                given.add("csv: " + csv);
            }
            if (libsvm != null) {
                given.add("libsvm: " + libsvm);
            }
            if (synthetic != null) {
                given.add("synthetic");
            }
            throw new IllegalArgumentException("data: more than one source of examples, got " + given
                    + "; allowed: one of data.dataset, data.csv, data.libsvm, data.synthetic (set the others to null)");
        }
        if (sources == 0) {
            dataset = DEFAULT_DATASET;
        }
        if (dataset != null && !datasetNames().contains(dataset)) {
            throw new IllegalArgumentException("data.dataset: unknown data set, got " + ConfigChecks.show(dataset)
                    + "; allowed: " + String.join(", ", datasetNames())
                    + ClosestMatch.among(dataset, datasetNames()).map(name -> "; did you mean '" + name + "'?")
                            .orElse("") + " (or a file: data.csv, data.libsvm)");
        }
        categorical = List.copyOf(orDefault(categorical, List.of()));
        header = orDefault(header, true);
        skipLines = (int) atLeast("data.skip_lines", orDefault(skipLines, 0), 0);
        delimiter = orDefault(delimiter, AUTO_DELIMITER);
        delimiterChar(delimiter); // validates it
        validationFraction = openFraction("data.validation_fraction", orDefault(validationFraction, 0.1));
        testFraction = openFraction("data.test_fraction", orDefault(testFraction, 0.2));
        standardize = orDefault(standardize, !BuiltInDatasets.DIGITS.equals(dataset)); // digits: pixel counts 0..16
        stream = orDefault(stream, false);
        shuffleBuffer = (int) atLeast("data.shuffle_buffer", orDefault(shuffleBuffer, 10_000), 1);
        download = orDefault(download, true);
        if (classes != null) {
            atLeast("data.classes", classes, 2);
        }
        if (features != null) {
            atLeast("data.features", features, 1);
        }
        if (stream && csv == null && libsvm == null) {
            throw ConfigChecks.invalid("data.stream", "streaming reads a file: set data.csv or data.libsvm", true,
                    "false, or true with data.csv or data.libsvm ('-' for standard input)");
        }
        if (!stream && ("-".equals(csv) || "-".equals(libsvm))) {
            throw ConfigChecks.invalid("data." + ("-".equals(csv) ? "csv" : "libsvm"),
                    "standard input can only be streamed", "-", "a file, or '-' with data.stream: true");
        }
        if (stream && libsvm != null && features == null) {
            throw ConfigChecks.invalid("data.features", "a streamed LibSVM file needs its number of features", null,
                    "an integer ≥ 1, the largest feature index");
        }
        if (testCsv != null && !stream) {
            throw ConfigChecks.invalid("data.test_csv", "only read when streaming", testCsv,
                    "null, or a file with data.stream: true");
        }
    }

    /** {@code descent train}'s data: Fashion-MNIST, 10 % validation, standardised tables, downloads allowed. */
    public static DataSettings defaults() {
        return new DataSettings(null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null);
    }

    /** The delimiter value that lets the reader detect commas, semicolons or tabs. */
    public static final String AUTO_DELIMITER = "auto";

    /**
     * The cell separator {@code value} names: its one character, a tab for {@code tab} or {@code \t}, or
     * {@code 0} for {@link #AUTO_DELIMITER}.
     */
    public static char delimiterChar(String value) {
        if (AUTO_DELIMITER.equals(value)) {
            return 0;
        }
        if (value.equals("tab") || value.equals("\\t") || value.equals("\t")) {
            return '\t';
        }
        if (value.length() != 1 || value.equals("\"") || value.equals("\n") || value.equals("\r")) {
            throw ConfigChecks.invalid("data.delimiter", "the cell separator is one character", value,
                    "a character such as ',' ';' '|', tab, or auto");
        }
        return value.charAt(0);
    }

    /** The names {@code dataset} accepts: the downloadable IDX sets, then the built-in tables. */
    public static List<String> datasetNames() {
        List<String> names = new ArrayList<>(KnownDatasets.official().names());
        names.addAll(BuiltInDatasets.names());
        for (String name : BuiltInDatasets.regressionNames()) {
            if (!names.contains(name)) {
                names.add(name);
            }
        }
        return names;
    }

    /** Whether the examples have real-valued targets as far as the source tells (a file can hold either). */
    boolean regressionOnly() {
        return (dataset != null && BuiltInDatasets.regressionNames().contains(dataset))
                || (synthetic != null && synthetic.kind().regression());
    }

    /** Whether the source holds classes only (a named data set but diabetes, two-moons, blobs). */
    boolean classificationOnly() {
        return (dataset != null && !BuiltInDatasets.regressionNames().contains(dataset))
                || (synthetic != null && !synthetic.kind().regression());
    }

    /** The same settings drawing {@code value} as the synthetic set. */
    DataSettings withSynthetic(SyntheticDataSettings value) {
        return new DataSettings(dataset, dataDir, csv, libsvm, labelColumn, categorical, header, skipLines, delimiter,
                validationFraction, testFraction, standardize, stream, shuffleBuffer, classes, features, testCsv, download, value,
                augment);
    }
}
