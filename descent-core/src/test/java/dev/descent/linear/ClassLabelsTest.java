package dev.descent.linear;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.data.BuiltInDatasets;
import dev.descent.data.Dataset;
import dev.descent.data.Standardization;
import dev.descent.model.ModelBundle;
import dev.descent.model.Predictor;
import dev.descent.optim.Sgd;
import dev.descent.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The linear classifiers take labels as scikit-learn does: any integers, the sorted distinct
 * ones being the classes ({@code classes_}), and predict in them; saved models keep them.
 */
class ClassLabelsTest {

    @TempDir
    Path dir;

    /** Standardised breast cancer, labels 0 (malignant) and 1 (benign). */
    private static Dataset breastCancer() {
        Dataset raw = BuiltInDatasets.breastCancer();
        return new Standardization().fit(raw).apply(raw);
    }

    private static int[] relabelled(int[] y, IntUnaryOperator label) {
        return Arrays.stream(y).map(label).toArray();
    }

    @Test
    void minusOneAndOneAreTwoClassesAndPredictionsComeBackInThem() {
        Dataset data = breastCancer();
        int[] zeroOne = data.labels();
        int[] signs = relabelled(zeroOne, c -> 2 * c - 1);
        LogisticRegression indices = LogisticRegression.ofC(1).fit(data.features(), zeroOne);
        LogisticRegression plusMinus = LogisticRegression.ofC(1).fit(data.features(), signs);

        assertThat(plusMinus.classes()).containsExactly(-1, 1);
        assertThat(plusMinus.classNames()).containsExactly("-1", "1");
        assertThat(plusMinus.layer().outFeatures()).isOne(); // one logit, as for 0/1
        assertThat(plusMinus.layer().weight().value().data()).containsExactly(indices.layer().weight().value().data());
        assertThat(plusMinus.predict(data.features())).containsExactly(relabelled(indices.predict(data.features()),
                c -> 2 * c - 1));
        assertThat(plusMinus.score(data.features(), signs)).isEqualTo(indices.score(data.features(), zeroOne))
                .isGreaterThan(0.95);
        assertThat(plusMinus.predictProba(data.features()).data())
                .containsExactly(indices.predictProba(data.features()).data());
    }

    @Test
    void oneAndTwoAreTwoClassesNotThree() {
        Dataset data = breastCancer();
        int[] oneTwo = relabelled(data.labels(), c -> c + 1);
        for (FitMethod method : new FitMethod[] {FitMethod.newton(), FitMethod.fullBatch(
                dev.descent.solver.Lbfgs.defaults(), dev.descent.solver.StoppingCriteria.forFloat32())}) {
            LogisticRegression clf = LogisticRegression.ofC(1).withMethod(method).fit(data.features(), oneTwo);
            assertThat(clf.classes()).as("%s", method).containsExactly(1, 2);
            assertThat(clf.predictProba(data.features()).dim(1)).isEqualTo(2);
            assertThat(clf.predict(data.features())).containsOnly(1, 2);
            assertThat(clf.score(data.features(), oneTwo)).isGreaterThan(0.95);
        }
    }

    @Test
    void multinomialLabelsNeedNotStartAtZero() {
        Dataset iris = new Standardization().fit(BuiltInDatasets.iris()).apply(BuiltInDatasets.iris());
        int[] tens = relabelled(iris.labels(), c -> 10 * (c + 1));
        LogisticRegression clf = LogisticRegression.ofC(1).fit(iris.features(), tens);
        LogisticRegression byIndex = LogisticRegression.ofC(1).fit(iris);

        assertThat(clf.classes()).containsExactly(10, 20, 30);
        assertThat(clf.predict(iris.features())).containsExactly(relabelled(byIndex.predict(iris.features()),
                c -> 10 * (c + 1)));
        assertThat(byIndex.classes()).containsExactly(0, 1, 2);
        assertThat(byIndex.classNames()).containsExactly("setosa", "versicolor", "virginica");
    }

    @Test
    void linearSvmTakesTheLabelsOfItsFormula() {
        Dataset data = breastCancer();
        int[] signs = relabelled(data.labels(), c -> 2 * c - 1);
        LinearSvm svm = new LinearSvm(1e-3).fit(data.features(), signs);

        assertThat(svm.classes()).containsExactly(-1, 1);
        assertThat(svm.predict(data.features())).containsOnly(-1, 1);
        assertThat(svm.score(data.features(), signs)).isGreaterThan(0.95);
        float[] scores = svm.decisionFunction(data.features());
        int[] predicted = svm.predict(data.features());
        for (int i = 0; i < scores.length; i++) {
            assertThat(predicted[i]).isEqualTo(scores[i] > 0 ? 1 : -1);
        }
        assertThatThrownBy(() -> new LinearSvm(0).fit(Tensor.zeros(3, 2), new int[] {4, 4, 4}))
                .hasMessageContaining("at least 2 classes, but y has only [4]");
    }

    @Test
    void partialFitsTakeTheClassesUpFront() {
        Dataset data = breastCancer();
        int[] signs = relabelled(data.labels(), c -> 2 * c - 1);
        LogisticRegression clf = LogisticRegression.ofC(1).withMethod(FitMethod.miniBatch(new Sgd(0.1), null, 1, 32, 1));
        int[] firstRows = Arrays.copyOf(signs, 10);
        Tensor firstX = Tensor.wrap(Arrays.copyOf(data.features().data(), 10 * 30), 10, 30);
        clf.partialFit(firstX, firstRows, new int[] {1, -1}); // the classes need not all be in the first rows
        for (int pass = 0; pass < 5; pass++) {
            clf.partialFit(data.features(), signs);
        }

        assertThat(clf.classes()).containsExactly(-1, 1);
        assertThat(clf.score(data.features(), signs)).isGreaterThan(0.95);
        assertThatThrownBy(() -> clf.partialFit(data.features(), data.labels()))
                .hasMessageContaining("label 0 (position 0) is not one of the classes [-1, 1]");
        assertThatThrownBy(() -> clf.partialFit(data.features(), signs, new int[] {0, 1}))
                .hasMessageContaining("classes are [0, 1] but the model has classes [-1, 1]");
    }

    @Test
    void aSavedModelPredictsItsLabelsLoadedAndNamesThemToPredictor() throws IOException {
        Dataset data = breastCancer();
        int[] signs = relabelled(data.labels(), c -> 2 * c - 1);
        LogisticRegression clf = LogisticRegression.ofC(1).fit(data.features(), signs);
        Path file = dir.resolve("signs.safetensors");
        clf.save(file);

        LogisticRegression loaded = LogisticRegression.load(file);
        assertThat(loaded.classes()).containsExactly(-1, 1);
        assertThat(loaded.predict(data.features())).containsExactly(clf.predict(data.features()));
        Predictor predictor = Predictor.load(file);
        assertThat(predictor.outputNames()).containsExactly("-1", "1");
        assertThat(predictor.bundle().info()).containsEntry(ModelBundle.CLASS_LABELS, "-1,1");
    }

    /** Files saved before the labels were kept (see golden/ABOUT.md) load with the labels 0…k−1, as fitted. */
    @Test
    void modelsSavedBeforeClassLabelsStillPredictTheirIndices() throws IOException {
        Dataset iris = BuiltInDatasets.iris();
        LogisticRegression binary = LogisticRegression.load(golden("logistic-binary-named.safetensors"));
        assertThat(binary.classes()).containsExactly(0, 1);
        assertThat(binary.classNames()).containsExactly("versicolor", "virginica");
        assertThat(binary.predict(iris.features())).containsExactly(recorded("logistic-binary-named"));

        LogisticRegression multinomial = LogisticRegression.load(golden("logistic-multinomial-indices.safetensors"));
        assertThat(multinomial.classes()).containsExactly(0, 1, 2);
        assertThat(multinomial.predict(iris.features())).containsExactly(recorded("logistic-multinomial-indices"));
    }

    private Path golden(String name) throws IOException {
        Path file = dir.resolve(name);
        try (InputStream in = ClassLabelsTest.class.getResourceAsStream("/dev/descent/model/golden/" + name)) {
            Files.copy(in, file);
        }
        return file;
    }

    static int[] recorded(String model) throws IOException {
        try (InputStream in = ClassLabelsTest.class.getResourceAsStream("/dev/descent/model/golden/" + model
                + ".predictions.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim().chars().map(c -> c - '0')
                    .toArray();
        }
    }
}
