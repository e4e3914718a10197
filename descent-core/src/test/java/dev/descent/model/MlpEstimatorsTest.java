package dev.descent.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.descent.autodiff.Variable;
import dev.descent.data.BuiltInDatasets;
import dev.descent.data.Dataset;
import dev.descent.data.HoldOutSplit;
import dev.descent.data.RegressionDataset;
import dev.descent.data.Splits;
import dev.descent.data.Standardization;
import dev.descent.data.SyntheticData;
import dev.descent.nn.ModelSpec;
import dev.descent.nn.Sequential;
import dev.descent.optim.Sgd;
import dev.descent.random.Rng;
import dev.descent.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MlpClassifier and MlpRegressor: learning, seeds, partial fits, model files and misuse. */
class MlpEstimatorsTest {

    @TempDir
    Path dir;

    private static float[][] rows(Tensor features) {
        float[][] rows = new float[features.dim(0)][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = features.row(i);
        }
        return rows;
    }

    /** y = sin(2x₀) + x₁² − x₀x₂ + noise: not linear, so a linear model scores R² well below 1. */
    private static RegressionDataset curved(int n, long seed) {
        Rng rng = new Rng(seed);
        float[] x = new float[n * 3];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 3; j++) {
                x[i * 3 + j] = (float) (2 * rng.nextDouble() - 1);
            }
            y[i] = (float) (Math.sin(2 * x[i * 3]) + x[i * 3 + 1] * x[i * 3 + 1] - x[i * 3] * x[i * 3 + 2]
                    + 0.05 * rng.nextGaussian());
        }
        return new RegressionDataset("curved", Tensor.wrap(x, n, 3), Tensor.wrap(y, n), List.of());
    }

    private static List<float[]> weights(Predictor predictor) {
        List<float[]> copies = new ArrayList<>();
        for (Variable p : predictor.model().parameters()) {
            copies.add(p.value().data().clone());
        }
        return copies;
    }

    @Test
    void classifiesHeldOutIrisWithTheDefaults() {
        HoldOutSplit split = Splits.holdOut(BuiltInDatasets.iris(), 0.3, 1);
        MlpClassifier clf = new MlpClassifier().withSeed(1).fit(split.train());
        assertThat(clf.score(split.heldOut())).isGreaterThanOrEqualTo(0.9);
        assertThat(clf.score(rows(split.heldOut().features()), split.heldOut().labels()))
                .isEqualTo(clf.score(split.heldOut()));
        assertThat(clf.classNames()).containsExactly("setosa", "versicolor", "virginica");
        assertThat(clf.epochsDone()).isBetween(1, 200);
        float[][] p = clf.predictProba(rows(split.heldOut().features()));
        assertThat(p).hasNumberOfRows(split.heldOut().size());
        for (float[] row : p) {
            assertThat(row).hasSize(3);
            assertThat((double) row[0] + row[1] + row[2]).isCloseTo(1.0, within(1e-5));
        }
    }

    @Test
    void classifiesHeldOutDigitsAndStopsEarlyOnItsValidationShare() {
        HoldOutSplit split = Splits.holdOut(BuiltInDatasets.digits(), 0.25, 2);
        MlpClassifier converged = new MlpClassifier().withSeed(2).fit(split.train());
        assertThat(converged.score(split.heldOut())).isGreaterThanOrEqualTo(0.95);
        assertThat(converged.validationScores()).isEmpty();

        MlpClassifier early = new MlpClassifier().withSeed(2).withEarlyStopping(0.1).fit(split.train());
        assertThat(early.score(split.heldOut())).isGreaterThanOrEqualTo(0.93);
        assertThat(early.stopReason()).contains("early stopping");
        assertThat(early.validationScores()).hasSize(early.epochsDone());
        assertThat(early.epochsDone()).isLessThan(200);
    }

    @Test
    void regressesDiabetesAndACurvedFunction() {
        Splits.Parts<RegressionDataset> parts = Splits.testThenValidation(BuiltInDatasets.diabetes(), 0.1, 0.2, 1);
        MlpRegressor diabetes = new MlpRegressor().withLearningRate(0.01).withSeed(1).fit(parts.train());
        assertThat(diabetes.score(parts.test())).isGreaterThanOrEqualTo(0.4); // ridge gets about 0.5

        RegressionDataset train = curved(2000, 3);
        RegressionDataset test = curved(500, 4);
        MlpRegressor curved = new MlpRegressor().withHiddenLayers(64, 64).withLearningRate(3e-3).withSeed(3)
                .fit(train);
        assertThat(curved.score(test)).isGreaterThanOrEqualTo(0.9);
        float[][] x = rows(test.features());
        float[] y = test.targets().data();
        assertThat(curved.score(x, y)).isCloseTo(curved.score(test), within(1e-9));
        assertThat(curved.predict(x)).hasSize(500);
    }

    @Test
    void theSameSeedGivesBitIdenticalWeightsAndAnotherSeedOthers() {
        Dataset moons = SyntheticData.twoMoons(300, 0.1, 5);
        MlpClassifier a = new MlpClassifier().withHiddenLayers(16, 16).withMaxEpochs(20).withSeed(9)
                .withEarlyStopping(0.2).fit(moons);
        MlpClassifier b = new MlpClassifier().withHiddenLayers(16, 16).withMaxEpochs(20).withSeed(9)
                .withEarlyStopping(0.2).fit(moons);
        MlpClassifier c = new MlpClassifier().withHiddenLayers(16, 16).withMaxEpochs(20).withSeed(10)
                .withEarlyStopping(0.2).fit(moons);
        List<float[]> wa = weights(a.predictor());
        List<float[]> wb = weights(b.predictor());
        List<float[]> wc = weights(c.predictor());
        for (int i = 0; i < wa.size(); i++) {
            assertThat(wb.get(i)).containsExactly(wa.get(i));
        }
        assertThat(wc.get(0)).isNotEqualTo(wa.get(0));
        assertThat(a.lossCurve()).containsExactly(b.lossCurve());

        RegressionDataset data = curved(200, 6);
        MlpRegressor r1 = new MlpRegressor().withHiddenLayers(8).withMaxEpochs(10).withBatchSize(32).withSeed(4)
                .fit(data);
        MlpRegressor r2 = new MlpRegressor().withHiddenLayers(8).withMaxEpochs(10).withBatchSize(32).withSeed(4)
                .fit(data);
        List<float[]> w1 = weights(r1.predictor());
        List<float[]> w2 = weights(r2.predictor());
        for (int i = 0; i < w1.size(); i++) {
            assertThat(w2.get(i)).containsExactly(w1.get(i));
        }
    }

    @Test
    void partialFitContinuesFromTheCurrentWeights() {
        Dataset iris = BuiltInDatasets.iris();
        float[][] x = rows(iris.features());
        int[] y = iris.labels();
        MlpClassifier clf = new MlpClassifier().withHiddenLayers(16).withLearningRate(0.01).withBatchSize(32)
                .withSeed(3);
        assertThatThrownBy(() -> clf.partialFit(x, y)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("partialFit(x, y, classes)");
        clf.partialFit(x, y, new int[] {0, 1, 2});
        for (int call = 1; call < 30; call++) {
            clf.partialFit(x, y);
        }
        double[] curve = clf.lossCurve();
        assertThat(curve).hasSize(30);
        assertThat(clf.epochsDone()).isEqualTo(30);
        assertThat(curve[29]).isLessThan(0.5 * curve[0]);
        assertThat(curve[29]).isLessThan(curve[19]);
        assertThat(clf.score(x, y)).isGreaterThanOrEqualTo(0.9);
        assertThat(clf.classNames()).containsExactly("0", "1", "2");

        assertThatThrownBy(() -> clf.partialFit(new float[][] {{1, 2, 3}}, new int[] {0}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fitted on 4 features, but the data has 3");
        assertThatThrownBy(() -> clf.partialFit(x, y, new int[] {0, 1, 2, 3}))
                .hasMessageContaining("classes are [0, 1, 2, 3]").hasMessageContaining("started with [0, 1, 2]");
        int[] outOfRange = y.clone();
        outOfRange[7] = 3;
        assertThatThrownBy(() -> clf.partialFit(x, outOfRange)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("label 3 (position 7) is not one of the classes [0, 1, 2]");

        RegressionDataset data = curved(400, 8);
        MlpRegressor reg = new MlpRegressor().withHiddenLayers(32).withLearningRate(0.01).withBatchSize(50)
                .withSeed(8);
        for (int call = 0; call < 20; call++) {
            reg.partialFit(data);
        }
        double[] losses = reg.lossCurve();
        assertThat(losses).hasSize(20);
        assertThat(losses[19]).isLessThan(0.5 * losses[0]);
        assertThatThrownBy(() -> reg.partialFit(new float[][] {{1, 2}}, new float[] {1}))
                .hasMessageContaining("fitted on 3 features");
    }

    @Test
    void partialFitAfterFitStartsFromTheFittedNetwork() {
        Dataset iris = BuiltInDatasets.iris();
        MlpClassifier clf = new MlpClassifier().withHiddenLayers(8).withMaxEpochs(5).withSeed(1).fit(iris);
        float[][] before = clf.predictProba(rows(iris.features()));
        clf.partialFit(iris);
        assertThat(clf.epochsDone()).isEqualTo(6);
        assertThat(clf.lossCurve()).hasSize(6);
        float[][] after = clf.predictProba(rows(iris.features()));
        assertThat(after[0]).isNotEqualTo(before[0]);
        // and a new fit starts over: the same weights as a fresh estimator's fit
        clf.fit(iris);
        MlpClassifier fresh = new MlpClassifier().withHiddenLayers(8).withMaxEpochs(5).withSeed(1).fit(iris);
        assertThat(clf.predictProba(rows(iris.features()))[0]).containsExactly(
                fresh.predictProba(rows(iris.features()))[0]);
    }

    @Test
    void savedClassifiersPredictTheSameBitsLoadedAndThroughPredictor() throws IOException {
        HoldOutSplit split = Splits.holdOut(BuiltInDatasets.wine(), 0.3, 4);
        MlpClassifier clf = new MlpClassifier().withHiddenLayers(20, 10).withActivation("tanh").withAlpha(1e-3)
                .withSeed(4).fit(split.train());
        Path file = dir.resolve("wine.safetensors");
        clf.save(file);
        float[][] x = rows(split.heldOut().features());

        MlpClassifier loaded = MlpClassifier.load(file);
        float[][] expected = clf.predictProba(x);
        float[][] again = loaded.predictProba(x);
        float[][] viaPredictor = Predictor.load(file).predictProba(x);
        for (int i = 0; i < x.length; i++) {
            assertThat(again[i]).containsExactly(expected[i]);
            assertThat(viaPredictor[i]).containsExactly(expected[i]);
        }
        assertThat(loaded.predict(x)).containsExactly(clf.predict(x));
        assertThat(loaded.classNames()).containsExactly("class_0", "class_1", "class_2");
        assertThat(loaded.toString()).isEqualTo(clf.toString());
        assertThat(loaded.epochsDone()).isEqualTo(clf.epochsDone());
        ModelBundle bundle = ModelBundle.load(file).bundle();
        assertThat(bundle.spec()).isEqualTo(ModelSpec.mlp(13, List.of(20, 10), 3, "tanh", 0));
        assertThat(bundle.preprocessing().scaling()).isNotNull();
        assertThat(bundle.info()).containsEntry("estimator", "MlpClassifier").containsEntry("alpha", "0.001");

        loaded.partialFit(split.train()); // trains further from the saved weights
        assertThat(loaded.epochsDone()).isEqualTo(clf.epochsDone() + 1);
        assertThatThrownBy(() -> MlpRegressor.load(file)).hasMessageContaining("holds a classifier");
    }

    @Test
    void savedRegressorsPredictTheSameBitsLoadedAndThroughPredictor() throws IOException {
        RegressionDataset data = curved(300, 11);
        MlpRegressor reg = new MlpRegressor().withHiddenLayers(16).withMaxEpochs(30).withSeed(11).fit(data);
        Path file = dir.resolve("curved.safetensors");
        reg.save(file);
        float[][] x = rows(data.features());
        float[] expected = reg.predict(x);
        assertThat(MlpRegressor.load(file).predict(x)).containsExactly(expected);
        float[][] viaPredictor = Predictor.load(file).predictValues(x);
        for (int i = 0; i < x.length; i++) {
            assertThat(viaPredictor[i]).containsExactly(expected[i]);
        }
        assertThat(Predictor.load(file).outputNames()).containsExactly("target");
        assertThatThrownBy(() -> MlpClassifier.load(file)).hasMessageContaining("holds a regression model");
    }

    /** A model as {@code descent train} saves it (dropout, its own info) loads with defaults for what it did not save. */
    @Test
    void loadsAClassifierSavedByTheCommandLine() throws IOException {
        Dataset iris = BuiltInDatasets.iris();
        ModelSpec spec = ModelSpec.mlp(4, List.of(8), 3, "relu", 0.2);
        Sequential model = spec.build(new Rng(5));
        ModelBundle bundle = new ModelBundle(spec, ModelBundle.Task.CLASSIFICATION, iris.classNames(),
                Preprocessing.vectors(4).withScaling(new Standardization().fit(iris)), DataFingerprint.none(),
                Map.of("descent_version", "test", "data", "iris", "seed", "5"));
        Path file = dir.resolve("run").resolve("model.safetensors");
        Files.createDirectories(file.getParent());
        bundle.save(model, file);

        MlpClassifier loaded = MlpClassifier.load(file.getParent()); // a run directory stands for its model
        float[][] x = rows(iris.features());
        float[][] expected = Predictor.load(file).predictProba(x);
        float[][] actual = loaded.predictProba(x);
        for (int i = 0; i < x.length; i++) {
            assertThat(actual[i]).containsExactly(expected[i]);
        }
        assertThat(loaded.toString()).contains("hidden_layers=[8]").contains("seed=5").contains("alpha=1.0E-4");
        loaded.partialFit(iris);
        assertThat(loaded.epochsDone()).isEqualTo(1);
    }

    /**
     * alpha as scikit-learn defines it: one full-batch SGD step with α differs from one without
     * by exactly −lr·(α/b)·W₀ on the weights (2α/b for the regressor's doubled squared error),
     * and not at all on the biases.
     */
    @Test
    void alphaAddsAlphaOverTheBatchSizeTimesTheWeightsToTheGradient() {
        Dataset blobs = SyntheticData.gaussianBlobs(50, 3, 4, 1.0, 12);
        double lr = 0.1;
        double alpha = 0.5;
        MlpClassifier with = new MlpClassifier().withHiddenLayers().withOptimizer(new Sgd(lr)).withAlpha(alpha)
                .withSeed(12).partialFit(blobs);
        MlpClassifier without = new MlpClassifier().withHiddenLayers().withOptimizer(new Sgd(lr)).withAlpha(0)
                .withSeed(12).partialFit(blobs);
        Sequential initial = ModelSpec.linear(4, 3).build(new Rng(MlpTraining.Seeds.of(12).init()));
        assertPenaltyStep(with.predictor(), without.predictor(), initial, lr * alpha / 50);

        RegressionDataset data = curved(40, 13);
        MlpRegressor regWith = new MlpRegressor().withHiddenLayers().withOptimizer(new Sgd(lr)).withAlpha(alpha)
                .withSeed(13).partialFit(data);
        MlpRegressor regWithout = new MlpRegressor().withHiddenLayers().withOptimizer(new Sgd(lr)).withAlpha(0)
                .withSeed(13).partialFit(data);
        Sequential regInitial = ModelSpec.linear(3, 1).build(new Rng(MlpTraining.Seeds.of(13).init()));
        assertPenaltyStep(regWith.predictor(), regWithout.predictor(), regInitial, lr * 2 * alpha / 40);
    }

    private static void assertPenaltyStep(Predictor with, Predictor without, Sequential initial, double shrink) {
        Map<String, Variable> a = with.model().namedParameters();
        Map<String, Variable> b = without.model().namedParameters();
        float[] w0 = initial.namedParameters().get("0.weight").value().data();
        float[] wa = a.get("0.weight").value().data();
        float[] wb = b.get("0.weight").value().data();
        for (int i = 0; i < w0.length; i++) {
            assertThat((double) wa[i] - wb[i]).isCloseTo(-shrink * w0[i], within(1e-6));
        }
        assertThat(a.get("0.bias").value().data()).containsExactly(b.get("0.bias").value().data());
    }

    @Test
    void misuseIsExplained() {
        MlpClassifier unfitted = new MlpClassifier();
        float[][] x = {{1, 2}, {3, 4}, {5, 6}};
        assertThatThrownBy(() -> unfitted.predict(x)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not fitted yet");
        assertThatThrownBy(() -> unfitted.predictProba(x)).hasMessageContaining("not fitted yet");
        assertThatThrownBy(() -> unfitted.save(Path.of("never.safetensors"))).hasMessageContaining("not fitted yet");
        assertThatThrownBy(() -> new MlpRegressor().predict(x)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not fitted yet");
        assertThatThrownBy(() -> new MlpRegressor().score(x, new float[3])).hasMessageContaining("not fitted yet");

        float[][] withNaN = {{1, 2}, {3, Float.NaN}, {5, 6}};
        assertThatThrownBy(() -> new MlpClassifier().fit(withNaN, new int[] {0, 1, 0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x[row 1, column 1] is NaN");
        assertThatThrownBy(() -> new MlpRegressor().fit(x, new float[] {1, Float.POSITIVE_INFINITY, 2}))
                .hasMessageContaining("y[row 1] is Infinity");
        assertThatThrownBy(() -> new MlpClassifier().fit(new float[][] {{1, 2}, {3}}, new int[] {0, 1}))
                .hasMessageContaining("row 1 of x has 1 features but row 0 has 2");
        assertThatThrownBy(() -> new MlpClassifier().fit(x, new int[] {0, 1}))
                .hasMessageContaining("x has 3 rows but y has 2 labels");
        assertThatThrownBy(() -> new MlpClassifier().fit(x, new int[] {7, 7, 7}))
                .hasMessageContaining("y has only the class [7]");

        MlpClassifier fitted = new MlpClassifier().withHiddenLayers(4).withMaxEpochs(2).fit(x, new int[] {0, 1, 0});
        assertThatThrownBy(() -> fitted.predict(new float[][] {{1, 2, 3}}))
                .hasMessageContaining("fitted on 2 features, but row 0 of x has 3");
        assertThatThrownBy(() -> fitted.predict(withNaN)).hasMessageContaining("x[row 1, column 1] is NaN");

        assertThatThrownBy(() -> new MlpClassifier().withAlpha(-1)).hasMessageContaining("alpha")
                .hasMessageContaining("-1.0");
        assertThatThrownBy(() -> new MlpClassifier().withActivation("swish")).hasMessageContaining("'swish'")
                .hasMessageContaining("relu");
        assertThatThrownBy(() -> new MlpRegressor().withHiddenLayers(10, 0)).hasMessageContaining("[10, 0]");
        assertThatThrownBy(() -> new MlpRegressor().withEarlyStopping(1.0)).hasMessageContaining("validation fraction");
        assertThatThrownBy(() -> new MlpRegressor().withOptimizer(new Sgd(0.1)).withLearningRate(0.01))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("withOptimizer");
        Path missing = Path.of("no-such-model.safetensors");
        assertThat(Files.exists(missing)).isFalse();
        assertThatThrownBy(() -> MlpClassifier.load(missing)).isInstanceOf(IOException.class);
    }
}
