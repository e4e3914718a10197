package dev.descent.linear;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.descent.data.BuiltInDatasets;
import dev.descent.data.Dataset;
import dev.descent.data.RegressionDataset;
import dev.descent.data.Standardization;
import dev.descent.model.ModelBundle;
import dev.descent.model.MlpClassifier;
import dev.descent.model.Predictor;
import dev.descent.nn.ModelSpec;
import dev.descent.optim.Sgd;
import dev.descent.solver.Lbfgs;
import dev.descent.solver.StoppingCriteria;
import dev.descent.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scikit-learn's C and alpha, partial fits, and model files for the linear estimators.
 *
 * <p>The reference coefficients were computed with scikit-learn 1.2.1 (Debian's
 * python3-sklearn), on its own copies of the iris and diabetes data, which the built-in data
 * sets copy unchanged:
 *
 * <pre>
 * X, y = load_iris(return_X_y=True)
 * LogisticRegression(C=1.0, tol=1e-12, max_iter=100000).fit(X, y)            # multinomial
 * Xs = StandardScaler().fit_transform(X.astype(np.float32).astype(np.float64))
 * LogisticRegression(C=1.0 or 2.0, tol=1e-12, max_iter=100000).fit(Xs, y)
 * LogisticRegression(C=0.5, tol=1e-12, max_iter=100000).fit(X[y > 0], y[y > 0] - 1)
 * X, y = load_diabetes(return_X_y=True, scaled=False)
 * Ridge(alpha=10.0).fit(X, y); Ridge(alpha=1000.0).fit(X, y)
 * </pre>
 */
class LinearModelsPersistenceTest {

    @TempDir
    Path dir;

    private static final double[][] IRIS_C1_COEF = {
        {-0.4232926353, 0.9672667491, -2.5172022765, -1.0796345305},
        {0.5343398357, -0.3213683032, -0.2063242215, -0.9441847352},
        {-0.1110472003, -0.6458984459, 2.723526498, 2.0238192656}};
    private static final double[][] SCALED_IRIS_C1_COEF = {
        {-1.07404145, 1.16006338, -1.9306287, -1.81168879},
        {0.58780045, -0.36182373, -0.36346275, -0.82619279},
        {0.486241, -0.79823965, 2.29409145, 2.63788159}};
    private static final double[] SCALED_IRIS_C1_INTERCEPT = {-0.20531688, 2.0748653, -1.86954842};
    private static final double[][] SCALED_IRIS_C2_COEF = {
        {-1.24266219, 1.3675964, -2.37439218, -2.23451957},
        {0.77001234, -0.34755483, -0.62548452, -1.01313827},
        {0.47264985, -1.02004156, 2.9998767, 3.24765784}};
    private static final double[] IRIS_BINARY_C05_COEF = {-0.1020893611, -0.2625904554, 2.3040212859, 1.7748750995};
    private static final double IRIS_BINARY_C05_INTERCEPT = -12.8425033689;
    private static final double[] DIABETES_ALPHA10_COEF = {-1.8830389045e-02, -2.0529217756e+01, 5.8337334945e+00,
        1.1235145910e+00, -5.0536902743e-02, -2.0862182197e-01, -7.7519854549e-01, 4.6843002899e+00,
        3.7258731732e+01, 3.2299468121e-01};
    private static final double DIABETES_ALPHA10_INTERCEPT = -226.25423522596284;
    private static final double[] DIABETES_ALPHA1000_COEF = {-0.0524271874, -1.8843139647, 5.5421098037,
        1.0745606139, 1.2409556523, -1.3480307006, -2.1130668192, 0.3461343425, 0.9926644204, 0.3923436194};
    private static final double DIABETES_ALPHA1000_INTERCEPT = -106.15195302144124;

    private static FitMethod tightLbfgs() {
        return FitMethod.fullBatch(Lbfgs.defaults(),
                StoppingCriteria.defaults().withGradientTolerance(1e-6).withMaxIterations(5_000));
    }

    /** Iris without setosa: versicolor 0, virginica 1. */
    private static Dataset versicolorVirginica() {
        Dataset iris = BuiltInDatasets.iris();
        int[] rows = java.util.stream.IntStream.range(0, iris.size()).filter(i -> iris.label(i) > 0).toArray();
        Dataset subset = iris.subset(rows);
        int[] labels = Arrays.stream(subset.labels()).map(label -> label - 1).toArray();
        return new Dataset("iris/versicolor-virginica", subset.features(), labels, 2,
                List.of("versicolor", "virginica"));
    }

    private static Tensor doubled(Tensor x) {
        int n = x.dim(0);
        int d = x.dim(1);
        float[] twice = new float[2 * n * d];
        System.arraycopy(x.data(), 0, twice, 0, n * d);
        System.arraycopy(x.data(), 0, twice, n * d, n * d);
        return Tensor.wrap(twice, 2 * n, d);
    }

    private static int[] doubled(int[] y) {
        int[] twice = Arrays.copyOf(y, 2 * y.length);
        System.arraycopy(y, 0, twice, y.length, y.length);
        return twice;
    }

    @Test
    void cAndAlphaResolveToLambdaFromTheNumberOfRows() {
        assertThat(LogisticRegression.ofC(2.0).lambdaFor(100)).isEqualTo(1.0 / 400);
        assertThat(LogisticRegression.ofC(0.5).lambdaFor(1)).isEqualTo(1.0);
        assertThat(new LogisticRegression(0.03).lambdaFor(7)).isEqualTo(0.03);
        assertThat(LinearRegression.ridgeAlpha(3.0).lambdaFor(30)).isEqualTo(0.1);
        assertThat(LinearRegression.ridge(0.2).lambdaFor(1000)).isEqualTo(0.2);
        assertThat(LogisticRegression.ofC(1).toString()).startsWith("LogisticRegression(C=1.0)");
        assertThat(LinearRegression.ridgeAlpha(1).toString()).startsWith("Ridge(alpha=1.0)");
        assertThatThrownBy(() -> LogisticRegression.ofC(0)).hasMessageContaining("C must be a finite number > 0")
                .hasMessageContaining("0.0");
        assertThatThrownBy(() -> LinearRegression.ridgeAlpha(-2)).hasMessageContaining("alpha")
                .hasMessageContaining("-2.0");
    }

    @Test
    void multinomialLogisticRegressionOfCMatchesScikitLearn() {
        Dataset iris = BuiltInDatasets.iris();
        Dataset scaled = new Standardization().fit(iris).apply(iris); // well conditioned: L-BFGS gets close in float32
        LogisticRegression clf = LogisticRegression.ofC(1.0).withMethod(tightLbfgs()).fit(scaled);
        float[] w = clf.layer().weight().value().data();
        float[] b = clf.layer().bias().value().data();
        double shift = (b[0] + b[1] + b[2]) / 3.0 - Arrays.stream(SCALED_IRIS_C1_INTERCEPT).average().orElseThrow();
        double largestGapToC2 = 0;
        for (int c = 0; c < 3; c++) {
            for (int j = 0; j < 4; j++) {
                assertThat((double) w[c * 4 + j]).as("coef[%d][%d]", c, j)
                        .isCloseTo(SCALED_IRIS_C1_COEF[c][j], within(1e-3));
                largestGapToC2 = Math.max(largestGapToC2, Math.abs(SCALED_IRIS_C1_COEF[c][j] - SCALED_IRIS_C2_COEF[c][j]));
            }
            // softmax ignores a shift common to all intercepts, and they are not penalised
            assertThat(b[c] - shift).as("intercept[%d]", c).isCloseTo(SCALED_IRIS_C1_INTERCEPT[c], within(1e-3));
        }
        assertThat(largestGapToC2).as("a λ off by a factor 2 would be caught").isGreaterThan(0.1);

        // on the raw measurements the problem is ill-conditioned, and float32 stops L-BFGS nearer
        LogisticRegression raw = LogisticRegression.ofC(1.0).withMethod(tightLbfgs()).fit(iris);
        float[] rawWeights = raw.layer().weight().value().data();
        for (int c = 0; c < 3; c++) {
            for (int j = 0; j < 4; j++) {
                assertThat((double) rawWeights[c * 4 + j]).as("raw coef[%d][%d]", c, j)
                        .isCloseTo(IRIS_C1_COEF[c][j], within(5e-3));
            }
        }
    }

    @Test
    void binaryLogisticRegressionOfCMatchesScikitLearnByLbfgsAndByNewton() {
        Dataset data = versicolorVirginica();
        for (FitMethod method : List.of(tightLbfgs(), FitMethod.newton())) {
            LogisticRegression clf = LogisticRegression.ofC(0.5).withMethod(method).fit(data);
            float[] w = clf.layer().weight().value().data();
            assertThat(w).hasSize(4); // one logit
            for (int j = 0; j < 4; j++) {
                assertThat((double) w[j]).as("%s coef[%d]", method, j).isCloseTo(IRIS_BINARY_C05_COEF[j], within(2e-3));
            }
            assertThat((double) clf.layer().bias().value().get(0)).isCloseTo(IRIS_BINARY_C05_INTERCEPT, within(2e-2));
        }
    }

    /** C·Σ loss on the data twice over is 2C·Σ loss on it once: the n in λ = 1/(2Cn) is what makes them equal. */
    @Test
    void ofCOnDuplicatedRowsEqualsTwiceTheCOnTheRowsOnce() {
        Dataset data = versicolorVirginica();
        LogisticRegression once = LogisticRegression.ofC(0.2).withMethod(FitMethod.newton())
                .fit(data.features(), data.labels());
        LogisticRegression twice = LogisticRegression.ofC(0.1).withMethod(FitMethod.newton())
                .fit(doubled(data.features()), doubled(data.labels()));
        assertThat(twice.layer().weight().value().data()).containsExactly(once.layer().weight().value().data(),
                within(1e-4f));
        LogisticRegression sameC = LogisticRegression.ofC(0.2).withMethod(FitMethod.newton())
                .fit(doubled(data.features()), doubled(data.labels()));
        assertThat(sameC.layer().weight().value().data()).isNotEqualTo(once.layer().weight().value().data());

        RegressionDataset diabetes = BuiltInDatasets.diabetes();
        LinearRegression ridgeOnce = LinearRegression.ridgeAlpha(50).fit(diabetes.features(), diabetes.targets());
        LinearRegression ridgeTwice = LinearRegression.ridgeAlpha(100).fit(doubled(diabetes.features()),
                Tensor.wrap(doubledTargets(diabetes.targets().data()), 2 * diabetes.size()));
        assertThat(ridgeTwice.coefficients()).containsExactly(ridgeOnce.coefficients(), within(1e-3f));
    }

    private static float[] doubledTargets(float[] y) {
        float[] twice = Arrays.copyOf(y, 2 * y.length);
        System.arraycopy(y, 0, twice, y.length, y.length);
        return twice;
    }

    @Test
    void ridgeAlphaMatchesScikitLearnsRidge() {
        RegressionDataset diabetes = BuiltInDatasets.diabetes();
        double[][] coefs = {DIABETES_ALPHA10_COEF, DIABETES_ALPHA1000_COEF};
        double[] intercepts = {DIABETES_ALPHA10_INTERCEPT, DIABETES_ALPHA1000_INTERCEPT};
        double[] alphas = {10, 1000};
        for (int k = 0; k < alphas.length; k++) {
            LinearRegression ridge = LinearRegression.ridgeAlpha(alphas[k]).fit(diabetes.features(), diabetes.targets());
            float[] w = ridge.coefficients();
            for (int j = 0; j < w.length; j++) {
                assertThat((double) w[j]).as("alpha %s coef[%d]", alphas[k], j)
                        .isCloseTo(coefs[k][j], within(1e-4 * Math.max(1, Math.abs(coefs[k][j]))));
            }
            assertThat((double) ridge.intercept()).isCloseTo(intercepts[k], within(1e-3 * Math.abs(intercepts[k])));
        }
    }

    @Test
    void savedBinaryLogisticRegressionKeepsItsOneLogitAndPredictsTheSameBits() throws IOException {
        Dataset data = versicolorVirginica();
        LogisticRegression clf = LogisticRegression.ofC(0.5).fit(data);
        Path file = dir.resolve("binary.safetensors");
        clf.save(file);

        ModelBundle bundle = ModelBundle.load(file).bundle();
        assertThat(bundle.binaryLogit()).isTrue();
        assertThat(bundle.spec()).isEqualTo(ModelSpec.linear(4, 1));
        assertThat(bundle.outputNames()).containsExactly("versicolor", "virginica");
        assertThat(bundle.info()).containsEntry("estimator", "LogisticRegression").containsEntry("C", "0.5");

        LogisticRegression loaded = LogisticRegression.load(file);
        Tensor x = data.features();
        assertThat(loaded.predictProba(x).data()).containsExactly(clf.predictProba(x).data());
        assertThat(loaded.predict(x)).containsExactly(clf.predict(x));
        assertThat(loaded.classNames()).containsExactly("versicolor", "virginica");
        assertThat(loaded.lambdaFor(100)).isEqualTo(clf.lambdaFor(100));

        // the saved model's one output is the logit z of class 1; Predictor reads it as [0, z]
        Predictor predictor = Predictor.load(file);
        assertThat(predictor.outputCount()).isEqualTo(2);
        float[] logits = new float[data.size() * 2];
        predictor.outputs(x.data(), data.size(), logits);
        float[] z = clf.decisionFunction(x).data();
        for (int i = 0; i < data.size(); i++) {
            assertThat(logits[2 * i]).isZero();
            assertThat(logits[2 * i + 1]).isEqualTo(z[i]);
        }
        float[][] rows = new float[data.size()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = java.util.Arrays.copyOfRange(x.data(), i * 4, i * 4 + 4);
        }
        float[][] probabilities = predictor.predictProba(rows);
        float[] expected = clf.predictProba(x).data();
        for (int i = 0; i < rows.length; i++) {
            assertThat(probabilities[i]).containsExactly(expected[2 * i], expected[2 * i + 1]);
        }
        assertThat(predictor.predict(rows)).containsExactly(clf.predict(x));
    }

    @Test
    void savedMultinomialLogisticRegressionPredictsTheSameBitsLoadedAndThroughPredictor() throws IOException {
        Dataset iris = BuiltInDatasets.iris();
        LogisticRegression clf = new LogisticRegression(1e-3).fit(iris);
        Path file = dir.resolve("iris.safetensors");
        clf.save(file);
        LogisticRegression loaded = LogisticRegression.load(file);
        Tensor x = iris.features();
        float[] expected = clf.predictProba(x).data();
        assertThat(loaded.predictProba(x).data()).containsExactly(expected);
        assertThat(loaded.classNames()).containsExactly("setosa", "versicolor", "virginica");
        assertThat(loaded.toString()).startsWith("LogisticRegression(λ=0.001)");

        float[][] rows = new float[iris.size()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = x.row(i);
        }
        float[][] viaPredictor = Predictor.load(file).predictProba(rows);
        for (int i = 0; i < rows.length; i++) {
            assertThat(viaPredictor[i]).containsExactly(Arrays.copyOfRange(expected, 3 * i, 3 * i + 3));
        }
        assertThat(Predictor.load(file).predict(rows)).containsExactly(clf.predict(x));
    }

    @Test
    void savedLinearRegressionPredictsTheSameBitsLoadedAndThroughPredictor() throws IOException {
        RegressionDataset diabetes = BuiltInDatasets.diabetes();
        LinearRegression ridge = LinearRegression.ridgeAlpha(1.0).fit(diabetes.features(), diabetes.targets());
        Path file = dir.resolve("ridge.safetensors");
        ridge.save(file);
        LinearRegression loaded = LinearRegression.load(file);
        float[] expected = ridge.predict(diabetes.features());
        assertThat(loaded.predict(diabetes.features())).containsExactly(expected);
        assertThat(loaded.coefficients()).containsExactly(ridge.coefficients());
        assertThat(loaded.lambdaFor(442)).isEqualTo(1.0 / 442);
        assertThat(loaded.toString()).startsWith("Ridge(alpha=1.0)");

        float[][] rows = new float[diabetes.size()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = diabetes.features().row(i);
        }
        float[][] viaPredictor = Predictor.load(file).predictValues(rows);
        for (int i = 0; i < rows.length; i++) {
            assertThat(viaPredictor[i]).containsExactly(expected[i]);
        }
        assertThat(Predictor.load(file).outputNames()).containsExactly("target");
    }

    @Test
    void loadRefusesOtherKindsOfModel() throws IOException {
        Path regression = dir.resolve("regression.safetensors");
        new LinearRegression().fit(Tensor.wrap(new float[] {0, 1, 2, 3}, 4, 1), Tensor.wrap(new float[] {1, 3, 5, 7}, 4))
                .save(regression);
        assertThatThrownBy(() -> LogisticRegression.load(regression)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("holds a regression model");
        Path mlp = dir.resolve("mlp.safetensors");
        new MlpClassifier().withHiddenLayers(3).withMaxEpochs(1).fit(new float[][] {{0}, {1}}, new int[] {0, 1})
                .save(mlp);
        assertThatThrownBy(() -> LogisticRegression.load(mlp)).hasMessageContaining("not one linear layer");
        assertThatThrownBy(() -> new LogisticRegression().save(dir.resolve("x.safetensors")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not fitted");
    }

    @Test
    void logisticPartialFitLowersTheObjectivePassAfterPass() throws IOException {
        Dataset iris = BuiltInDatasets.iris();
        Dataset scaled = new Standardization().fit(iris).apply(iris);
        Tensor x = scaled.features();
        int[] y = scaled.labels();
        LogisticRegression clf = LogisticRegression.ofC(10)
                .withMethod(FitMethod.miniBatch(new Sgd(0.1), null, 1, 16, 5));
        assertThatThrownBy(() -> clf.partialFit(x, y)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("partialFit(x, y, classes)");
        clf.partialFit(x, y, new int[] {0, 1, 2});
        double first = clf.summary().objective();
        for (int pass = 1; pass < 20; pass++) {
            clf.partialFit(x, y);
        }
        assertThat(clf.summary().iterations()).isEqualTo(20);
        assertThat(clf.summary().objective()).isLessThan(0.6 * first);
        assertThat(clf.score(x, y)).isGreaterThanOrEqualTo(0.9);
        int[] bad = y.clone();
        bad[4] = 3;
        assertThatThrownBy(() -> clf.partialFit(x, bad)).hasMessageContaining("label 3 (position 4) is not one of"
                + " the classes [0, 1, 2]");
        assertThatThrownBy(() -> clf.partialFit(x, y, new int[] {0, 1, 2, 3}))
                .hasMessageContaining("the model has classes [0, 1, 2]");

        // a saved and loaded model goes on from its weights
        Path file = dir.resolve("partial.safetensors");
        clf.save(file);
        LogisticRegression loaded = LogisticRegression.load(file)
                .partialFit(x, y); // the default SGD pass, from the saved weights
        assertThat(loaded.score(x, y)).isGreaterThanOrEqualTo(0.85);
    }

    @Test
    void linearPartialFitApproachesTheClosedFormAndMatchesItsSeed() {
        RegressionDataset diabetes = BuiltInDatasets.diabetes();
        RegressionDataset scaled = new Standardization().fit(diabetes).apply(diabetes);
        Tensor x = scaled.features();
        Tensor y = scaled.targets();
        LinearRegression exact = LinearRegression.ridgeAlpha(10).fit(x, y);
        FitMethod sgd = FitMethod.miniBatch(new Sgd(0.02), null, 1, 16, 3);
        LinearRegression a = LinearRegression.ridgeAlpha(10).withMethod(sgd);
        LinearRegression b = LinearRegression.ridgeAlpha(10).withMethod(sgd);
        for (int pass = 0; pass < 60; pass++) {
            a.partialFit(x, y);
            b.partialFit(x, y);
        }
        assertThat(b.coefficients()).containsExactly(a.coefficients());
        assertThat(a.score(x, y)).isCloseTo(exact.score(x, y), within(0.01));
        assertThat(a.summary().objective()).isCloseTo(exact.summary().objective(),
                within(0.01 * exact.summary().objective()));
        assertThatThrownBy(() -> a.partialFit(Tensor.zeros(3, 2), Tensor.zeros(3))).hasMessageContaining(
                "fitted on 10 features");
    }
}
