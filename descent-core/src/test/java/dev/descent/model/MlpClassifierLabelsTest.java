package dev.descent.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.data.BuiltInDatasets;
import dev.descent.data.Dataset;
import dev.descent.data.LabelEncoder;
import dev.descent.nn.ModelSpec;
import dev.descent.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MlpClassifier takes any integer labels, as scikit-learn's MLPClassifier, predicts in them and
 * keeps them in its model file; ModelBundle stores them and still reads files without them.
 */
class MlpClassifierLabelsTest {

    @TempDir
    Path dir;

    private static float[][] rows(Tensor features) {
        float[][] rows = new float[features.dim(0)][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = features.row(i);
        }
        return rows;
    }

    private static MlpClassifier small() {
        return new MlpClassifier().withHiddenLayers(8).withMaxEpochs(20).withBatchSize(16).withLearningRate(0.01)
                .withSeed(5);
    }

    @Test
    void labelsOneTwoThreeAreThreeClassesAndComeBackFromPredict() {
        Dataset iris = BuiltInDatasets.iris();
        float[][] x = rows(iris.features());
        int[] indices = iris.labels();
        int[] oneTwoThree = Arrays.stream(indices).map(c -> c + 1).toArray();
        MlpClassifier byIndex = small().fit(x, indices);
        MlpClassifier byLabel = small().fit(x, oneTwoThree);

        assertThat(byLabel.classes()).containsExactly(1, 2, 3);
        assertThat(byLabel.classCount()).isEqualTo(3);
        assertThat(byLabel.classNames()).containsExactly("1", "2", "3");
        assertThat(byLabel.predictProba(x)[0]).hasSize(3);
        int[] expected = Arrays.stream(byIndex.predict(x)).map(c -> c + 1).toArray();
        assertThat(byLabel.predict(x)).containsExactly(expected);
        assertThat(byLabel.score(x, oneTwoThree)).isEqualTo(byIndex.score(x, indices)).isGreaterThan(0.9);
    }

    @Test
    void minusOneAndOneAreTwoClasses() {
        Dataset iris = BuiltInDatasets.iris();
        float[][] x = rows(iris.features());
        int[] setosaOrNot = Arrays.stream(iris.labels()).map(c -> c == 0 ? 1 : -1).toArray();
        MlpClassifier clf = small().fit(x, setosaOrNot);

        assertThat(clf.classes()).containsExactly(-1, 1);
        assertThat(clf.predict(x)).containsOnly(-1, 1);
        assertThat(clf.score(x, setosaOrNot)).isGreaterThan(0.95);
    }

    @Test
    void savedLabelsComeBackAndPartialFitsUseThem() throws IOException {
        Dataset iris = BuiltInDatasets.iris();
        float[][] x = rows(iris.features());
        int[] labels = Arrays.stream(iris.labels()).map(c -> 7 - 2 * c).toArray(); // 7, 5, 3
        MlpClassifier clf = small().fit(x, labels);
        Path file = dir.resolve("mlp.safetensors");
        clf.save(file);

        MlpClassifier loaded = MlpClassifier.load(file);
        assertThat(loaded.classes()).containsExactly(3, 5, 7);
        assertThat(loaded.predict(x)).containsExactly(clf.predict(x));
        assertThat(Predictor.load(file).outputNames()).containsExactly("3", "5", "7");
        loaded.partialFit(x, labels);
        assertThatThrownBy(() -> loaded.partialFit(x, iris.labels()))
                .hasMessageContaining("label 0 (position 0) is not one of the classes [3, 5, 7]");
        loaded.save(file);
        assertThat(MlpClassifier.load(file).classes()).containsExactly(3, 5, 7);

        MlpClassifier started = small().partialFit(x, labels, new int[] {7, 3, 5});
        assertThat(started.classes()).containsExactly(3, 5, 7);
        assertThatThrownBy(() -> started.partialFit(x, labels, new int[] {3, 5}))
                .hasMessageContaining("classes are [3, 5] but the model was started with [3, 5, 7]");
    }

    /** Saved before class labels were kept (golden/ABOUT.md): the labels are the indices, as fitted. */
    @Test
    void aModelSavedBeforeClassLabelsStillPredictsItsIndices() throws IOException {
        Path file = dir.resolve("old.safetensors");
        try (InputStream in = getClass().getResourceAsStream("/dev/descent/model/golden/mlp-indices.safetensors")) {
            Files.copy(in, file);
        }
        MlpClassifier loaded = MlpClassifier.load(file);
        String recorded;
        try (InputStream in = getClass().getResourceAsStream("/dev/descent/model/golden/mlp-indices.predictions.txt")) {
            recorded = new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim();
        }

        assertThat(loaded.classes()).containsExactly(0, 1, 2);
        assertThat(loaded.predict(rows(BuiltInDatasets.iris().features())))
                .containsExactly(recorded.chars().map(c -> c - '0').toArray());
    }

    @Test
    void aBundleKeepsIntegerLabelsAndRefusesBadOnes() {
        ModelSpec spec = ModelSpec.linear(2, 2);
        ModelBundle plain = new ModelBundle(spec, ModelBundle.Task.CLASSIFICATION, List.of("no", "yes"),
                Preprocessing.vectors(2), DataFingerprint.none(), Map.of());
        assertThat(plain.classLabels()).isEqualTo(LabelEncoder.ofIndices(List.of("no", "yes")));

        ModelBundle labelled = plain.withClassLabels(LabelEncoder.fit(new int[] {1, -1}));
        assertThat(labelled.outputNames()).containsExactly("-1", "1");
        assertThat(labelled.info()).containsEntry(ModelBundle.CLASS_LABELS, "-1,1");
        assertThat(ModelBundle.fromMap(labelled.toMap(), "test").classLabels().classes()).containsExactly(-1, 1);
        assertThat(plain.withClassLabels(LabelEncoder.fit("cat", "dog")).info())
                .doesNotContainKey(ModelBundle.CLASS_LABELS); // text labels are the names themselves

        assertThatThrownBy(() -> new ModelBundle(spec, ModelBundle.Task.CLASSIFICATION, List.of("a", "b"),
                Preprocessing.vectors(2), DataFingerprint.none(), Map.of(ModelBundle.CLASS_LABELS, "2,1")))
                .hasMessageContaining("info.class_labels is '2,1'")
                .hasMessageContaining("one increasing integer label per class, 2 for [a, b]");
        assertThatThrownBy(() -> new ModelBundle(spec, ModelBundle.Task.CLASSIFICATION, List.of("a", "b"),
                Preprocessing.vectors(2), DataFingerprint.none(), Map.of(ModelBundle.CLASS_LABELS, "1,x")))
                .hasMessageContaining("info.class_labels is '1,x'");
        assertThatThrownBy(() -> new ModelBundle(spec, ModelBundle.Task.REGRESSION, List.of("a", "b"),
                Preprocessing.vectors(2), DataFingerprint.none(), Map.of(ModelBundle.CLASS_LABELS, "1,2")))
                .hasMessageContaining("is for classifiers");
    }
}
