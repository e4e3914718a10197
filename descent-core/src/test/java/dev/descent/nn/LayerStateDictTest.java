package dev.descent.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.autodiff.Tape;
import dev.descent.io.WeightsMismatchException;
import dev.descent.random.Rng;
import dev.descent.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link Layer#stateDict()} and {@link Layer#loadStateDict(Map, boolean)}: PyTorch's
 * {@code state_dict()} and {@code load_state_dict(sd, strict)} on the layer itself.
 */
class LayerStateDictTest {

    private static List<float[]> snapshot(Layer model) {
        List<float[]> values = new ArrayList<>();
        model.namedParameters().values().forEach(p -> values.add(p.value().data().clone()));
        return values;
    }

    private static float[] forward(Layer model, Tensor input) {
        return model.forward(Tape.noGrad().input(input)).value().data().clone();
    }

    @Test
    void stateDictIsACopyOfEveryParameterUnderItsPyTorchName() {
        Sequential model = Models.mlp(new Rng(1), 3, 4, 2);
        Map<String, Tensor> state = model.stateDict();

        assertThat(List.copyOf(state.keySet())).containsExactly("0.weight", "0.bias", "2.weight", "2.bias");
        Tensor live = model.namedParameters().get("2.weight").value();
        assertThat(state.get("2.weight")).isNotSameAs(live);
        assertThat(state.get("2.weight").shape()).isEqualTo(live.shape());
        assertThat(state.get("2.weight").data()).containsExactly(live.data());

        float[] saved = state.get("2.weight").data().clone();
        live.fill(7f); // training goes on; the snapshot stays as it was
        assertThat(state.get("2.weight").data()).containsExactly(saved);
    }

    @Test
    void aStateDictLoadsIntoAnotherModelOfTheSameArchitecture() {
        Sequential trained = Models.mlp(new Rng(1), 5, 8, 3);
        Sequential fresh = Models.mlp(new Rng(2), 5, 8, 3);
        Tensor input = Tensor.generate(Math::sin, 4, 5);
        assertThat(forward(fresh, input)).isNotEqualTo(forward(trained, input));

        IncompatibleKeys result = fresh.loadStateDict(trained.stateDict(), true);

        assertThat(result.missingKeys()).isEmpty();
        assertThat(result.unexpectedKeys()).isEmpty();
        assertThat(result.isEmpty()).isTrue();
        assertThat(result).hasToString("<All keys matched successfully>");
        assertThat(forward(fresh, input)).containsExactly(forward(trained, input));
    }

    @Test
    void strictLoadingNamesEveryMismatchAtOnceAndChangesNothing() {
        Map<String, Tensor> state = Models.mlp(new Rng(1), 4, 3, 2).stateDict();
        state.remove("0.bias");
        state.put("2.weight", Tensor.zeros(5, 3));
        state.put("head.weight", Tensor.zeros(2, 3));
        Sequential model = Models.mlp(new Rng(2), 4, 3, 2);
        List<float[]> before = snapshot(model);

        assertThatThrownBy(() -> model.loadStateDict(state, true))
                .isInstanceOfSatisfying(WeightsMismatchException.class, e -> {
                    assertThat(e.missing()).containsExactly("0.bias");
                    assertThat(e.unexpected()).containsExactly("head.weight");
                    assertThat(e.mismatchedShapes()).containsExactly("2.weight");
                })
                .hasMessageStartingWith("Error(s) in loading weights from a state dict into Sequential; no parameter"
                        + " was changed:\n"
                        + "  Missing key(s), in the model but not in the weights: \"0.bias\" [3].\n"
                        + "  Unexpected key(s), in the weights but not in the model: \"head.weight\" [2, 3].\n"
                        + "  Size mismatch for \"2.weight\": the weights have shape [5, 3], the model's parameter"
                        + " has shape [2, 3].\n");
        assertThat(snapshot(model)).usingRecursiveComparison().isEqualTo(before);
    }

    @Test
    void theOneArgumentFormIsStrictAsInPyTorch() {
        Map<String, Tensor> state = Models.mlp(new Rng(1), 4, 3, 2).stateDict();
        state.put("extra", Tensor.zeros(1));
        Sequential model = Models.mlp(new Rng(2), 4, 3, 2);
        assertThatThrownBy(() -> model.loadStateDict(state)).isInstanceOfSatisfying(WeightsMismatchException.class,
                e -> assertThat(e.unexpected()).containsExactly("extra"));
    }

    @Test
    void nonStrictLoadingLoadsWhatMatchesAndReturnsWhatDidNot() {
        // Fine-tuning: keep the trained body, drop the old head, start a new one.
        Sequential trained = Models.mlp(new Rng(1), 4, 3, 2);
        Map<String, Tensor> state = trained.stateDict();
        state.remove("2.weight");
        state.remove("2.bias");
        state.put("classifier.weight", Tensor.zeros(2, 3));
        Sequential model = Models.mlp(new Rng(2), 4, 3, 2);
        float[] headBefore = model.namedParameters().get("2.weight").value().data().clone();

        IncompatibleKeys result = model.loadStateDict(state, false);

        assertThat(result.missingKeys()).containsExactly("2.weight", "2.bias");
        assertThat(result.unexpectedKeys()).containsExactly("classifier.weight");
        assertThat(result.isEmpty()).isFalse();
        assertThat(result).hasToString("IncompatibleKeys(missingKeys=[2.weight, 2.bias],"
                + " unexpectedKeys=[classifier.weight])");
        assertThat(model.namedParameters().get("0.weight").value().data())
                .containsExactly(trained.namedParameters().get("0.weight").value().data());
        assertThat(model.namedParameters().get("0.bias").value().data())
                .containsExactly(trained.namedParameters().get("0.bias").value().data());
        assertThat(model.namedParameters().get("2.weight").value().data()).containsExactly(headBefore);
    }

    @Test
    void nonStrictLoadingStillRejectsAShapeMismatchAsPyTorchDoes() {
        Map<String, Tensor> state = Models.mlp(new Rng(1), 4, 3, 2).stateDict();
        state.put("2.weight", Tensor.zeros(5, 3));
        state.put("extra", Tensor.zeros(1));
        Sequential model = Models.mlp(new Rng(2), 4, 3, 2);
        List<float[]> before = snapshot(model);

        assertThatThrownBy(() -> model.loadStateDict(state, false))
                .isInstanceOfSatisfying(WeightsMismatchException.class, e -> {
                    assertThat(e.mismatchedShapes()).containsExactly("2.weight");
                    assertThat(e.missing()).as("not an error when not strict").isEmpty();
                    assertThat(e.unexpected()).as("not an error when not strict").isEmpty();
                })
                .hasMessageContaining("  Size mismatch for \"2.weight\": the weights have shape [5, 3]")
                .hasMessageNotContaining("extra")
                .hasMessageContaining("a name on both sides must have the same shape");
        assertThat(snapshot(model)).as("0.* matched but was not loaded").usingRecursiveComparison()
                .isEqualTo(before);
    }

    @Test
    void aLayerWithoutParametersHasAnEmptyStateDict() {
        assertThat(Activation.relu().stateDict()).isEmpty();
        assertThat(Activation.relu().loadStateDict(Map.of(), true).isEmpty()).isTrue();
    }
}
