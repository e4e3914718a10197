package dev.descent.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.descent.autodiff.Tape;
import dev.descent.data.CsvReader;
import dev.descent.data.Dataset;
import dev.descent.data.RegressionDataset;
import dev.descent.data.Standardization;
import dev.descent.model.ModelBundle.Task;
import dev.descent.nn.Layer;
import dev.descent.nn.ModelSpec;
import dev.descent.nn.Sequential;
import dev.descent.random.Rng;
import dev.descent.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Raw rows in, the saved preprocessing applied once, the model run in evaluation mode. */
class PredictorTest {
    private static final int FEATURES = 4;
    private static final int CLASSES = 3;

    @TempDir
    Path dir;

    /** Raw rows far from standardised: means around 50–200, spreads 3–40. */
    private static float[][] rawRows(int n, long seed) {
        Rng rng = new Rng(seed);
        double[] centres = {50, -120, 200, 0.5};
        double[] spreads = {10, 40, 3, 0.2};
        float[][] rows = new float[n][FEATURES];
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < FEATURES; j++) {
                rows[r][j] = (float) (centres[j] + spreads[j] * rng.nextGaussian());
            }
        }
        return rows;
    }

    private static Tensor matrix(float[][] rows) {
        int width = rows[0].length;
        float[] flat = new float[rows.length * width];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, flat, r * width, width);
        }
        return Tensor.wrap(flat, rows.length, width);
    }

    private static Standardization.Fitted fit(float[][] rows) {
        return new Standardization().fit(matrix(rows), "training rows");
    }

    /** (x − mean) / std in double, rounded to float: the documented standardisation, by hand. */
    private static float[][] standardise(float[][] rows, Standardization.Fitted fitted) {
        double[] means = fitted.means();
        double[] stds = fitted.stds();
        float[][] result = new float[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            result[r] = new float[rows[r].length];
            for (int j = 0; j < rows[r].length; j++) {
                result[r][j] = (float) ((rows[r][j] - means[j]) / stds[j]);
            }
        }
        return result;
    }

    private static float[] forwardByHand(Layer model, float[][] rows) {
        boolean training = model.isTraining();
        model.eval();
        float[] out = model.forward(Tape.noGrad().input(matrix(rows))).value().data().clone();
        model.setTraining(training);
        return out;
    }

    private static float[][] softmax(float[] logits, int rows, int columns) {
        float[][] p = new float[rows][columns];
        for (int r = 0; r < rows; r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < columns; c++) {
                max = Math.max(max, logits[r * columns + c]);
            }
            double sum = 0;
            for (int c = 0; c < columns; c++) {
                sum += Math.exp(logits[r * columns + c] - max);
            }
            for (int c = 0; c < columns; c++) {
                p[r][c] = (float) (Math.exp(logits[r * columns + c] - max) / sum);
            }
        }
        return p;
    }

    private static float[] flatten(float[][] rows) {
        return matrix(rows).data();
    }

    private static void assertClose(float[][] actual, float[][] expected, double tolerance) {
        assertThat(actual.length).isEqualTo(expected.length);
        for (int r = 0; r < expected.length; r++) {
            for (int c = 0; c < expected[r].length; c++) {
                assertThat((double) actual[r][c]).as("row %d, column %d", r, c)
                        .isCloseTo(expected[r][c], within(tolerance));
            }
        }
    }

    private record Setup(ModelSpec spec, Sequential model, ModelBundle bundle, Standardization.Fitted fitted) {
    }

    private static Setup classifier(double dropout) {
        float[][] training = rawRows(200, 1);
        Standardization.Fitted fitted = fit(training);
        ModelSpec spec = ModelSpec.mlp(FEATURES, List.of(16, 8), CLASSES, "tanh", dropout);
        Sequential model = spec.build(new Rng(17));
        ModelBundle bundle = new ModelBundle(spec, Task.CLASSIFICATION, List.of("low", "mid", "high"),
                Preprocessing.vectors(FEATURES).withScaling(fitted), DataFingerprint.none(), Map.of());
        return new Setup(spec, model, bundle, fitted);
    }

    @Test
    void theSavedStandardisationIsAppliedExactlyOnce() {
        Setup setup = classifier(0.0);
        Predictor predictor = Predictor.of(setup.model(), setup.bundle());
        float[][] raw = rawRows(50, 2);
        float[][] rawCopy = new float[raw.length][];
        for (int r = 0; r < raw.length; r++) {
            rawCopy[r] = raw[r].clone();
        }

        float[] expectedLogits = forwardByHand(setup.model(), standardise(raw, setup.fitted()));
        float[] logits = new float[raw.length * CLASSES];
        predictor.outputs(flatten(raw), raw.length, logits);
        assertThat(logits).containsExactly(expectedLogits);

        float[][] proba = predictor.predictProba(raw);
        assertClose(proba, softmax(expectedLogits, raw.length, CLASSES), 1e-6);
        int[] classes = predictor.predict(raw);
        assertThat(classes).containsExactly(predictor.argmax(expectedLogits, raw.length));
        assertThat(raw).as("the caller's rows are not modified").isDeepEqualTo(rawCopy);

        // neither unscaled nor scaled twice
        float[] unscaled = forwardByHand(setup.model(), raw);
        float[] twice = forwardByHand(setup.model(), standardise(standardise(raw, setup.fitted()), setup.fitted()));
        assertThat(maxDifference(logits, unscaled)).isGreaterThan(1e-3);
        assertThat(maxDifference(logits, twice)).isGreaterThan(1e-3);

        // already prepared rows skip the preprocessing
        float[] prepared = new float[raw.length * CLASSES];
        predictor.outputsOfPrepared(flatten(standardise(raw, setup.fitted())), raw.length, prepared);
        assertThat(prepared).containsExactly(expectedLogits);

        // the same through a Dataset of raw features
        Dataset data = new Dataset("new", matrix(raw), new int[raw.length], CLASSES);
        assertThat(predictor.predict(data)).containsExactly(classes);
        assertThat(predictor.predictProba(data)).isDeepEqualTo(proba);
        assertThat(predictor.outputNames()).containsExactly("low", "mid", "high");
        assertThat(predictor.featureCount()).isEqualTo(FEATURES);
        assertThat(predictor.outputCount()).isEqualTo(CLASSES);
        assertThat(predictor.task()).isEqualTo(Task.CLASSIFICATION);
    }

    private static double maxDifference(float[] a, float[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    @Test
    void aLoadedPredictorGivesBitIdenticalProbabilities() throws IOException {
        Setup setup = classifier(0.3);
        Path file = dir.resolve("model.safetensors");
        setup.bundle().save(setup.model(), file);
        Predictor inMemory = Predictor.of(setup.model(), setup.bundle());
        Predictor loaded = Predictor.load(file);
        Predictor fromDirectory = Predictor.load(dir);

        float[][] raw = rawRows(300, 3);
        float[][] expected = inMemory.predictProba(raw);
        assertThat(loaded.predictProba(raw)).isDeepEqualTo(expected);
        assertThat(fromDirectory.predictProba(raw)).isDeepEqualTo(expected);
        assertThat(loaded.predict(raw)).containsExactly(inMemory.predict(raw));
        assertThat(loaded.bundle().toMap()).isEqualTo(setup.bundle().toMap());
        assertThat(loaded.model().isTraining()).isFalse();
    }

    @Test
    void predictionsAcrossTheInternalBatchEqualRowByRowPredictions() {
        Setup setup = classifier(0.0);
        Predictor predictor = Predictor.of(setup.model(), setup.bundle());
        for (int n : new int[] {Predictor.BATCH - 1, Predictor.BATCH, Predictor.BATCH + 1, 2 * Predictor.BATCH + 452,
                3, 5, 3}) {
            float[][] raw = rawRows(n, 100 + n);
            float[][] proba = predictor.predictProba(raw);
            int[] classes = predictor.predict(raw);
            assertThat(proba).as("%d rows", n).hasNumberOfRows(n);
            float[][] oneByOne = new float[n][];
            int[] classOneByOne = new int[n];
            for (int r = 0; r < n; r++) {
                oneByOne[r] = predictor.predictProba(new float[][] {raw[r]})[0];
                classOneByOne[r] = predictor.predict(new float[][] {raw[r]})[0];
            }
            assertClose(proba, oneByOne, 1e-6);
            assertThat(classes).as("%d rows", n).containsExactly(classOneByOne);
            // and against the model run by hand on the whole standardised matrix
            float[] logits = forwardByHand(setup.model(), standardise(raw, setup.fitted()));
            assertClose(proba, softmax(logits, n, CLASSES), 1e-6);
        }
    }

    @Test
    void theModelsModeIsRestoredAfterPredicting() {
        Setup setup = classifier(0.5);
        Sequential model = setup.model();
        Predictor predictor = Predictor.of(model, setup.bundle());
        float[][] raw = rawRows(20, 4);
        float[] evalLogits = forwardByHand(model, standardise(raw, setup.fitted()));

        model.train();
        float[][] first = predictor.predictProba(raw);
        float[][] second = predictor.predictProba(raw);
        assertThat(model.isTraining()).isTrue();
        assertThat(model.layers()).allSatisfy(layer -> assertThat(layer.isTraining()).isTrue());
        assertThat(second).as("no dropout while predicting").isDeepEqualTo(first);
        assertClose(first, softmax(evalLogits, raw.length, CLASSES), 1e-6);

        model.eval();
        float[][] third = predictor.predictProba(raw);
        assertThat(model.isTraining()).isFalse();
        assertThat(model.layers()).allSatisfy(layer -> assertThat(layer.isTraining()).isFalse());
        assertThat(third).isDeepEqualTo(first);

        // also when the call fails
        model.train();
        assertThatThrownBy(() -> predictor.outputs(new float[3], 1, new float[CLASSES]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(model.isTraining()).isTrue();
    }

    private static Setup regression() {
        float[][] training = rawRows(100, 5);
        Standardization.Fitted fitted = fit(training);
        ModelSpec spec = ModelSpec.mlp(FEATURES, List.of(6), 2, "relu", 0.0);
        Sequential model = spec.build(new Rng(23));
        ModelBundle bundle = new ModelBundle(spec, Task.REGRESSION, List.of("price", "volume"),
                Preprocessing.vectors(FEATURES).withScaling(fitted), DataFingerprint.none(), Map.of());
        return new Setup(spec, model, bundle, fitted);
    }

    @Test
    void aRegressionModelPredictsValuesOnly() {
        Setup setup = regression();
        Predictor predictor = Predictor.of(setup.model(), setup.bundle());
        float[][] raw = rawRows(30, 6);
        float[][] values = predictor.predictValues(raw);
        float[] expected = forwardByHand(setup.model(), standardise(raw, setup.fitted()));
        assertThat(values).hasNumberOfRows(30);
        assertThat(flatten(values)).containsExactly(expected);
        RegressionDataset data = new RegressionDataset("new", matrix(raw), Tensor.zeros(30, 2), List.of("a", "b", "c",
                "d"));
        assertThat(predictor.predictValues(data)).isDeepEqualTo(values);
        assertThat(predictor.task()).isEqualTo(Task.REGRESSION);

        assertThatThrownBy(() -> predictor.predict(raw))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("predictValues");
        assertThatThrownBy(() -> predictor.predictProba(raw))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("predictValues");
        assertThatThrownBy(() -> predictor.probabilitiesInPlace(new float[2], 1))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("predictValues");

        Predictor classifier = Predictor.of(classifier(0.0).model(), classifier(0.0).bundle());
        assertThatThrownBy(() -> classifier.predictValues(raw))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("predictProba");
    }

    @Test
    void aRowWithTheWrongNumberOfFeaturesIsNamedWithBothCounts() {
        Setup setup = classifier(0.0);
        Predictor predictor = Predictor.of(setup.model(), setup.bundle());
        float[][] rows = {{1, 2, 3, 4}, {1, 2, 3}};
        assertThatThrownBy(() -> predictor.predict(rows))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("row 1 has 3 features")
                .hasMessageContaining("takes 4");
        assertThatThrownBy(() -> predictor.predictProba(new float[][] {{1, 2, 3, 4, 5}}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("5 features")
                .hasMessageContaining("takes 4");
        Dataset wide = new Dataset("wide", Tensor.zeros(2, 5), new int[2], CLASSES);
        assertThatThrownBy(() -> predictor.predict(wide))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("5 features")
                .hasMessageContaining("takes 4");
    }

    @Test
    void aTableModelNamesItsFeaturesWhenARowHasTheWrongWidth() throws IOException {
        Path csv = dir.resolve("penguins.csv");
        Files.writeString(csv, ModelBundleTest.penguins(30));
        CsvReader.Classification table = ModelBundleTest.readPenguins(csv);
        ModelSpec spec = ModelSpec.mlp(5, List.of(8), 3, "relu", 0.0);
        ModelBundle bundle = ModelBundleTest.classifierBundle(table, spec, csv);
        Sequential model = spec.build(new Rng(8));
        Predictor predictor = Predictor.of(model, bundle);

        assertThatThrownBy(() -> predictor.predict(new float[][] {{1, 0, 0, 40}}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("row 0 has 4 features")
                .hasMessageContaining("takes 5")
                .hasMessageContaining("island=Biscoe")
                .hasMessageContaining("body_mass_g");

        // the training table's own rows, raw, predict as the model on the standardised rows
        Dataset data = table.dataset();
        float[] standardised = data.features().data().clone();
        bundle.preprocessing().scaling().applyInPlace(Tensor.wrap(standardised, data.size(), 5));
        float[] logits = model.eval().forward(Tape.noGrad().input(Tensor.wrap(standardised, data.size(), 5)))
                .value().data();
        model.train();
        assertThat(predictor.predict(data)).containsExactly(predictor.argmax(logits, data.size()));
    }

    @Test
    void aDirectoryWithoutAModelIsExplained() throws IOException {
        Path run = Files.createDirectory(dir.resolve("run"));
        assertThatThrownBy(() -> Predictor.load(run))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(run.toString())
                .hasMessageContaining("has no model.safetensors");
        Path absent = dir.resolve("absent.safetensors");
        assertThatThrownBy(() -> Predictor.load(absent))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(absent.toString())
                .hasMessageContaining("does not exist");
    }
}
