package dev.descent.data;

import dev.descent.tensor.Tensor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Small real data sets shipped inside the jar, so that Descent works offline on real data.
 * Attribution for each sits beside it in {@code src/main/resources/dev/descent/data}
 * ({@code <name>.NOTICE.md}). All are copied unchanged from scikit-learn 1.2.1 (BSD-3-Clause);
 * the classification sets come from the UCI Machine Learning Repository (CC BY 4.0), the
 * diabetes data from Efron et al. (2004).
 *
 * <p>Features are as the sources give them, raw and unscaled (standardize them before
 * gradient descent), except {@link #digits()}, whose pixels are scaled to [0, 1]. None has
 * an official test split: use {@link Splits}.
 *
 * <table>
 *   <caption>The built-in data sets</caption>
 *   <tr><th>name</th><th>examples × features</th><th>task</th></tr>
 *   <tr><td>{@value #BREAST_CANCER}</td><td>569 × 30</td><td>2 classes: 0 malignant (212), 1 benign (357)</td></tr>
 *   <tr><td>{@value #DIGITS}</td><td>1797 × 64</td><td>10 classes, "0".."9"</td></tr>
 *   <tr><td>{@value #IRIS}</td><td>150 × 4</td><td>3 classes of 50: setosa, versicolor, virginica</td></tr>
 *   <tr><td>{@value #WINE}</td><td>178 × 13</td><td>3 classes: class_0 (59), class_1 (71), class_2 (48)</td></tr>
 *   <tr><td>{@value #DIABETES}</td><td>442 × 10</td><td>regression: disease progression, 25..346</td></tr>
 * </table>
 */
public final class BuiltInDatasets {
    public static final String BREAST_CANCER = "breast-cancer";
    public static final String DIGITS = "digits";
    public static final String IRIS = "iris";
    public static final String WINE = "wine";
    public static final String DIABETES = "diabetes";

    private static final String DIGITS_RESOURCE = "digits.csv.gz";
    private static final int DIGITS_ROWS = 1797;
    private static final int DIGITS_PIXELS = 64;
    private static final int DIGITS_MAX_PIXEL = 16;
    private static final int DIGITS_CLASSES = 10;

    /** A scikit-learn CSV: a first line {@code n,d,class names…}, then rows of features and the class index. */
    private record Classified(String name, String resource, int rows, List<String> classNames,
                              List<String> featureNames) {
    }

    private static final Classified BREAST_CANCER_SET = new Classified(BREAST_CANCER, "breast_cancer.csv", 569,
            List.of("malignant", "benign"), breastCancerFeatureNames());
    private static final Classified IRIS_SET = new Classified(IRIS, "iris.csv", 150,
            List.of("setosa", "versicolor", "virginica"),
            List.of("sepal length (cm)", "sepal width (cm)", "petal length (cm)", "petal width (cm)"));
    private static final Classified WINE_SET = new Classified(WINE, "wine_data.csv", 178,
            List.of("class_0", "class_1", "class_2"),
            List.of("alcohol", "malic_acid", "ash", "alcalinity_of_ash", "magnesium", "total_phenols", "flavanoids",
                    "nonflavanoid_phenols", "proanthocyanins", "color_intensity", "hue",
                    "od280/od315_of_diluted_wines", "proline"));

    private static final String DIABETES_DATA_RESOURCE = "diabetes_data_raw.csv.gz";
    private static final String DIABETES_TARGET_RESOURCE = "diabetes_target.csv.gz";
    private static final int DIABETES_ROWS = 442;
    private static final List<String> DIABETES_FEATURE_NAMES =
            List.of("age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6");

    private BuiltInDatasets() {
    }

    /** The classification data sets, for {@link #load}: breast-cancer, digits, iris, wine. */
    public static List<String> names() {
        return List.of(BREAST_CANCER, DIGITS, IRIS, WINE);
    }

    /** The regression data sets, for {@link #loadRegression}: diabetes. */
    public static List<String> regressionNames() {
        return List.of(DIABETES);
    }

    /**
     * The classification data set called {@code name}, one of {@link #names()}; case and
     * {@code _} for {@code -} do not matter.
     *
     * @throws IllegalArgumentException for another name, listing the names
     */
    public static Dataset load(String name) {
        return switch (normalize(name)) {
            case BREAST_CANCER -> breastCancer();
            case DIGITS -> digits();
            case IRIS -> iris();
            case WINE -> wine();
            case DIABETES -> throw new IllegalArgumentException("built-in data set '" + name + "' is a regression"
                    + " data set; load it with BuiltInDatasets.loadRegression(\"" + DIABETES + "\")");
            default -> throw unknown(name);
        };
    }

    /**
     * The regression data set called {@code name}, one of {@link #regressionNames()}.
     *
     * @throws IllegalArgumentException for another name, listing the names
     */
    public static RegressionDataset loadRegression(String name) {
        String normalized = normalize(name);
        if (normalized.equals(DIABETES)) {
            return diabetes();
        }
        if (names().contains(normalized)) {
            throw new IllegalArgumentException("built-in data set '" + name + "' is a classification data set; load"
                    + " it with BuiltInDatasets.load(\"" + normalized + "\")");
        }
        throw unknown(name);
    }

    /** The names of the features of built-in data set {@code name}, in column order. */
    public static List<String> featureNames(String name) {
        return switch (normalize(name)) {
            case BREAST_CANCER -> BREAST_CANCER_SET.featureNames();
            case DIGITS -> digitsFeatureNames();
            case IRIS -> IRIS_SET.featureNames();
            case WINE -> WINE_SET.featureNames();
            case DIABETES -> DIABETES_FEATURE_NAMES;
            default -> throw unknown(name);
        };
    }

    private static String normalize(String name) {
        if (name == null) {
            throw unknown(null);
        }
        return name.strip().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static IllegalArgumentException unknown(String name) {
        return new IllegalArgumentException("unknown built-in data set '" + name + "'; the classification data sets"
                + " are " + names() + " (BuiltInDatasets.load) and the regression data sets " + regressionNames()
                + " (BuiltInDatasets.loadRegression)");
    }

    /**
     * "Breast Cancer Wisconsin (Diagnostic)" (W. H. Wolberg, W. N. Street, O. L. Mangasarian,
     * UCI; CC BY 4.0): 569 tumours, 30 raw features (mean, standard error and worst of ten
     * nucleus measurements, see {@link #featureNames}), classes 0 "malignant" (212) and 1
     * "benign" (357). The lectures' logistic regression data.
     */
    public static Dataset breastCancer() {
        return classified(BREAST_CANCER_SET);
    }

    /**
     * "Iris" (R. A. Fisher, 1936, UCI; CC BY 4.0): 150 flowers, 4 raw measurements in cm,
     * classes 0 "setosa", 1 "versicolor", 2 "virginica", 50 each.
     */
    public static Dataset iris() {
        return classified(IRIS_SET);
    }

    /**
     * "Wine recognition" (M. Forina et al., UCI; CC BY 4.0): 178 wines, 13 raw chemical
     * measurements (on very different scales: proline is in the hundreds, hue near 1),
     * classes 0..2 named "class_0" (59), "class_1" (71), "class_2" (48).
     */
    public static Dataset wine() {
        return classified(WINE_SET);
    }

    /**
     * "Diabetes" (B. Efron, T. Hastie, I. Johnstone, R. Tibshirani, "Least Angle Regression",
     * Annals of Statistics 2004): 442 patients, 10 raw baseline variables (age in years, sex
     * 1 or 2, body mass index, mean blood pressure, six blood serum measurements s1..s6), and
     * as target a measure of disease progression one year later, 25..346. Unlike
     * scikit-learn's default {@code load_diabetes()}, the features are not scaled.
     */
    public static RegressionDataset diabetes() {
        float[] features;
        try (BufferedReader reader = resource(DIABETES_DATA_RESOURCE)) {
            features = CsvReaderTable.readNumbers(reader, describe(DIABETES_DATA_RESOURCE), ' ', DIABETES_ROWS,
                    DIABETES_FEATURE_NAMES.size());
        } catch (IOException e) {
            throw new DataException(describe(DIABETES_DATA_RESOURCE) + ": could not close (" + e + ").", e);
        }
        float[] targets;
        try (BufferedReader reader = resource(DIABETES_TARGET_RESOURCE)) {
            targets = CsvReaderTable.readNumbers(reader, describe(DIABETES_TARGET_RESOURCE), ' ', DIABETES_ROWS, 1);
        } catch (IOException e) {
            throw new DataException(describe(DIABETES_TARGET_RESOURCE) + ": could not close (" + e + ").", e);
        }
        return new RegressionDataset(DIABETES, Tensor.wrap(features, DIABETES_ROWS, DIABETES_FEATURE_NAMES.size()),
                Tensor.wrap(targets, DIABETES_ROWS), DIABETES_FEATURE_NAMES);
    }

    private static Dataset classified(Classified set) {
        CsvOptions options = CsvOptions.defaults()
                .withSkipLines(1) // scikit-learn's "n,d,class names" line, not a header of column names
                .withHeader(false)
                .withDelimiter(',')
                .withClassLabels(CsvOptions.ClassLabels.INDICES)
                .withClassNames(set.classNames().toArray(new String[0]));
        InputStream in = BuiltInDatasets.class.getResourceAsStream(set.resource());
        if (in == null) {
            throw missing(set.resource());
        }
        Dataset dataset = CsvReader.classification(in, describe(set.resource()), set.name(), options).dataset();
        if (dataset.size() != set.rows() || dataset.featureCount() != set.featureNames().size()) {
            throw new DataException(describe(set.resource()) + ": expected " + set.rows() + " rows of "
                    + set.featureNames().size() + " features, found " + dataset.size() + " rows of "
                    + dataset.featureCount() + "; the resource was replaced by another file, restore it.");
        }
        return dataset;
    }

    private static BufferedReader resource(String resource) {
        InputStream in = BuiltInDatasets.class.getResourceAsStream(resource);
        if (in == null) {
            throw missing(resource);
        }
        return CsvReader.reader(in, describe(resource));
    }

    private static String describe(String resource) {
        return resource + " (built-in resource dev/descent/data/" + resource + ")";
    }

    private static DataException missing(String resource) {
        return new DataException(describe(resource) + " is missing from the class path: the descent-core jar is"
                + " incomplete; rebuild it with its resources.");
    }

    private static List<String> breastCancerFeatureNames() {
        List<String> measurements = List.of("radius", "texture", "perimeter", "area", "smoothness", "compactness",
                "concavity", "concave points", "symmetry", "fractal dimension");
        List<String> names = new ArrayList<>(30);
        for (String measurement : measurements) {
            names.add("mean " + measurement);
        }
        for (String measurement : measurements) {
            names.add(measurement + " error");
        }
        for (String measurement : measurements) {
            names.add("worst " + measurement);
        }
        return List.copyOf(names);
    }

    private static List<String> digitsFeatureNames() {
        List<String> names = new ArrayList<>(DIGITS_PIXELS);
        for (int row = 0; row < 8; row++) {
            for (int column = 0; column < 8; column++) {
                names.add("pixel_" + row + "_" + column);
            }
        }
        return List.copyOf(names);
    }

    /**
     * "Optical Recognition of Handwritten Digits" (E. Alpaydin and C. Kaynak, UCI; CC BY 4.0),
     * as packaged by scikit-learn: 1797 8×8 images as {@code [1797, 64]} features scaled from
     * 0..16 to [0, 1], classes "0".."9". There is no official test split: use {@link Splits}.
     */
    public static Dataset digits() {
        String source = describe(DIGITS_RESOURCE);
        LabeledCsvReader.Table table;
        try (InputStream resource = BuiltInDatasets.class.getResourceAsStream(DIGITS_RESOURCE)) {
            if (resource == null) {
                throw missing(DIGITS_RESOURCE);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(
                    new GZIPInputStream(resource, 1 << 16), StandardCharsets.US_ASCII));
            table = LabeledCsvReader.read(reader, source,
                    new LabeledCsvReader.Expect(DIGITS_CLASSES, 0, DIGITS_MAX_PIXEL));
        } catch (IOException e) {
            throw new DataException(source + ": not a readable gzip file (" + e.getMessage()
                    + "); the jar is corrupt, rebuild it.", e);
        }
        if (table.rows() != DIGITS_ROWS || table.featureColumns() != DIGITS_PIXELS) {
            throw new DataException(source + ": expected " + DIGITS_ROWS + " rows of " + DIGITS_PIXELS
                    + " pixels, found " + table.rows() + " rows of " + table.featureColumns()
                    + "; the resource was replaced by another file, restore it.");
        }
        float[] pixels = table.features();
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] /= DIGITS_MAX_PIXEL;
        }
        return new Dataset(DIGITS, Tensor.wrap(pixels, DIGITS_ROWS, DIGITS_PIXELS), table.labels(),
                DIGITS_CLASSES, List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"))
                .withExampleShape(List.of(1, 8, 8));
    }
}
