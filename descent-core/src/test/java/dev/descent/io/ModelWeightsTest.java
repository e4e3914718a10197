package dev.descent.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.autodiff.Tape;
import dev.descent.nn.Activation;
import dev.descent.nn.Linear;
import dev.descent.nn.Models;
import dev.descent.nn.Layer;
import dev.descent.nn.Sequential;
import dev.descent.random.Rng;
import dev.descent.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saving and loading a model's parameters by name and shape, strictly and all or nothing. */
class ModelWeightsTest {
    @TempDir
    Path dir;

    private static List<float[]> snapshot(Layer model) {
        List<float[]> values = new ArrayList<>();
        model.namedParameters().values().forEach(p -> values.add(p.value().data().clone()));
        return values;
    }

    private static float[] forward(Layer model, Tensor input) {
        return model.forward(Tape.noGrad().input(input)).value().data().clone();
    }

    @Test
    void aSavedModelLoadsIntoAnotherOfTheSameArchitecture() throws IOException {
        Sequential trained = Models.mlp(new Rng(1), 5, 8, 3);
        Sequential fresh = Models.mlp(new Rng(2), 5, 8, 3);
        Tensor input = Tensor.generate(i -> Math.cos(i), 4, 5);
        assertThat(forward(fresh, input)).isNotEqualTo(forward(trained, input));

        Path file = dir.resolve("mlp.safetensors");
        ModelWeights.save(trained, file, Map.of("format", "pt", "epochs", "3"));
        ModelWeights.load(fresh, file);

        assertThat(snapshot(fresh)).usingRecursiveComparison().isEqualTo(snapshot(trained));
        assertThat(forward(fresh, input)).containsExactly(forward(trained, input));
        SafeTensorsFile read = SafeTensors.read(file);
        assertThat(read.metadata()).containsEntry("epochs", "3");
        assertThat(read.tensors()).containsOnlyKeys("0.weight", "0.bias", "2.weight", "2.bias");
        assertThat(read.tensor("0.weight").shape().dims()).as("PyTorch's [out, in]").containsExactly(8, 5);
    }

    @Test
    void loadedValuesAreCopiesNotSharedWithTheFileContent() {
        Sequential model = Models.mlp(new Rng(1), 2, 2);
        Map<String, Tensor> weights = new LinkedHashMap<>();
        weights.put("0.weight", Tensor.of(new float[] {1, 2, 3, 4}, 2, 2));
        weights.put("0.bias", Tensor.of(new float[] {5, 6}, 2));
        ModelWeights.loadStateDict(model, weights);
        weights.get("0.weight").fill(0f);
        assertThat(model.namedParameters().get("0.weight").value().data()).containsExactly(1, 2, 3, 4);
    }

    @Test
    void stateDictIsTheLiveParameterValuesInOrder() {
        Sequential model = Models.mlp(new Rng(1), 3, 4, 2);
        Map<String, Tensor> state = ModelWeights.stateDict(model);
        assertThat(List.copyOf(state.keySet())).containsExactly("0.weight", "0.bias", "2.weight", "2.bias");
        assertThat(state.get("2.bias")).isSameAs(model.namedParameters().get("2.bias").value());
    }

    @Test
    void everyMismatchIsListedInOneErrorAndNothingChanges() throws IOException {
        // The file: Linear(4, 3) → ReLU → Linear(3, 2) → ReLU → Linear(2, 1).
        Layer saved = new Sequential(new Linear(4, 3, new Rng(1)), Activation.relu(), new Linear(3, 2, new Rng(2)),
                Activation.relu(), new Linear(2, 1, new Rng(3)));
        Path file = dir.resolve("five.safetensors");
        ModelWeights.save(saved, file, Map.of());
        // The model: layer 2 is Linear(3, 5), so 2.weight and 2.bias differ in shape; layer 4 is
        // Linear(5, 1), so 4.weight differs and 4.bias fits; layer 6 is not in the file.
        Layer other = new Sequential(new Linear(4, 3, new Rng(4)), Activation.relu(), new Linear(3, 5, new Rng(5)),
                Activation.relu(), new Linear(5, 1, new Rng(6)), Activation.relu(), new Linear(1, 1, new Rng(7)));
        List<float[]> before = snapshot(other);

        assertThatThrownBy(() -> ModelWeights.load(other, file))
                .isInstanceOfSatisfying(WeightsMismatchException.class, e -> {
                    assertThat(e.missing()).containsExactly("6.weight", "6.bias");
                    assertThat(e.unexpected()).isEmpty();
                    assertThat(e.mismatchedShapes()).containsExactly("2.weight", "2.bias", "4.weight");
                })
                .hasMessage("Error(s) in loading weights from " + file + " into Sequential; no parameter was changed:\n"
                        + "  Missing key(s), in the model but not in the weights: \"6.weight\" [1, 1], \"6.bias\" [1].\n"
                        + "  Size mismatch for \"2.weight\": the weights have shape [2, 3], the model's parameter has"
                        + " shape [5, 3].\n"
                        + "  Size mismatch for \"2.bias\": the weights have shape [2], the model's parameter has"
                        + " shape [5].\n"
                        + "  Size mismatch for \"4.weight\": the weights have shape [1, 2], the model's parameter has"
                        + " shape [1, 5].\n"
                        + "  The model's parameters are 0.weight [3, 4], 0.bias [3], 2.weight [5, 3], 2.bias [5],"
                        + " 4.weight [1, 5], 4.bias [1], 6.weight [1, 1], 6.bias [1]. Build the model with the"
                        + " architecture the weights were saved from: names and shapes must match exactly.");
        assertThat(snapshot(other)).usingRecursiveComparison().as("0.* matched but was not loaded").isEqualTo(before);
    }

    @Test
    void unexpectedNamesAreListedToo() throws IOException {
        Path file = dir.resolve("three-layers.safetensors");
        ModelWeights.save(Models.mlp(new Rng(1), 4, 3, 2), file, Map.of());
        Sequential smaller = Models.logisticRegression(new Rng(1), 4, 3);
        List<float[]> before = snapshot(smaller);
        assertThatThrownBy(() -> ModelWeights.load(smaller, file))
                .isInstanceOfSatisfying(WeightsMismatchException.class, e -> {
                    assertThat(e.missing()).isEmpty();
                    assertThat(e.unexpected()).containsExactly("2.bias", "2.weight");
                    assertThat(e.mismatchedShapes()).isEmpty();
                })
                .hasMessageContaining("  Unexpected key(s), in the weights but not in the model: \"2.bias\" [2],"
                        + " \"2.weight\" [2, 3].\n");
        assertThat(snapshot(smaller)).usingRecursiveComparison().isEqualTo(before);
    }

    @Test
    void missingAndUnexpectedComeFirstAndInThatOrder() {
        Sequential model = Models.mlp(new Rng(1), 2, 2);
        Map<String, Tensor> weights = new LinkedHashMap<>();
        weights.put("0.weight", Tensor.zeros(3, 2));
        weights.put("extra", Tensor.zeros(1));
        assertThatThrownBy(() -> ModelWeights.loadStateDict(model, weights))
                .isInstanceOf(WeightsMismatchException.class)
                .hasMessageStartingWith("Error(s) in loading weights from a state dict into Sequential; no parameter"
                        + " was changed:\n  Missing key(s), in the model but not in the weights: \"0.bias\" [2].\n"
                        + "  Unexpected key(s), in the weights but not in the model: \"extra\" [1].\n"
                        + "  Size mismatch for \"0.weight\": the weights have shape [3, 2], the model's parameter"
                        + " has shape [2, 2].\n");
    }

    @Test
    void aBrokenFileChangesNothing() throws IOException {
        Sequential model = Models.mlp(new Rng(1), 4, 3, 2);
        Path file = dir.resolve("model.safetensors");
        ModelWeights.save(Models.mlp(new Rng(2), 4, 3, 2), file, Map.of());
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 4));
        List<float[]> before = snapshot(model);
        assertThatThrownBy(() -> ModelWeights.load(model, file)).isInstanceOf(SafeTensorsFormatException.class)
                .hasMessageContaining("tensor '2.weight'").hasMessageContaining("out of range");
        assertThat(snapshot(model)).usingRecursiveComparison().isEqualTo(before);
    }
}
