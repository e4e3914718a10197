package dev.descent.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.autodiff.Tape;
import dev.descent.io.JsonText;
import dev.descent.nn.ModelSpec.ActivationSpec;
import dev.descent.nn.ModelSpec.DropoutSpec;
import dev.descent.nn.ModelSpec.LinearSpec;
import dev.descent.random.Rng;
import dev.descent.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** An architecture as data: built reproducibly, described, and carried through JSON. */
class ModelSpecTest {

    private static Map<String, float[]> parameters(Layer model) {
        Map<String, float[]> values = new LinkedHashMap<>();
        model.namedParameters().forEach((name, p) -> values.put(name, p.value().data().clone()));
        return values;
    }

    private static Map<String, Long> generatorStates(Layer model) {
        Map<String, Long> states = new LinkedHashMap<>();
        model.generators().forEach((name, rng) -> states.put(name, rng.state()));
        return states;
    }

    private static float[] forward(Layer model, Tensor input) {
        return model.forward(Tape.noGrad().input(input)).value().data().clone();
    }

    /** The spec's JSON round trip, as a saved model goes through it. */
    private static ModelSpec throughJson(ModelSpec spec) {
        String json = JsonText.write(spec.toMap());
        return ModelSpec.fromMap(JsonText.parseObject(json, "spec.json"), "spec.json");
    }

    @Test
    @DisplayName("mlp(...).build(rng) draws exactly as the historical hand-built Sequential, so old runs reproduce")
    void buildMatchesTheHistoricalHandBuiltOrderBitForBit() {
        Sequential built = ModelSpec.mlp(4, List.of(8, 5), 3, "relu", 0.2).build(new Rng(7));

        Rng rng = new Rng(7);
        Sequential byHand = new Sequential(
                new Linear(4, 8, rng), Activation.relu(), new Dropout(0.2f, rng.split()),
                new Linear(8, 5, rng), Activation.relu(), new Dropout(0.2f, rng.split()),
                new Linear(5, 3, rng));

        Map<String, float[]> expected = parameters(byHand);
        Map<String, float[]> actual = parameters(built);
        assertThat(List.copyOf(actual.keySet())).containsExactly(
                "0.weight", "0.bias", "3.weight", "3.bias", "6.weight", "6.bias");
        assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
        expected.forEach((name, values) -> assertThat(actual.get(name)).as(name).containsExactly(values));
        assertThat(built.namedParameters().get("0.weight").shape().dims()).containsExactly(8, 4);
        assertThat(built.namedParameters().get("6.bias").shape().dims()).containsExactly(3);
        // the dropout masks come from the same generators too
        assertThat(generatorStates(built)).isEqualTo(generatorStates(byHand)).containsOnlyKeys("2.rng", "5.rng");
        assertThat(built.layers()).hasSize(7);
        assertThat(built.layers().get(2)).isInstanceOf(Dropout.class);
        assertThat(built.layers().get(1).toString()).isEqualTo("ReLU()");

        // a different seed gives different weights: the comparison above is not vacuous
        Sequential other = ModelSpec.mlp(4, List.of(8, 5), 3, "relu", 0.2).build(new Rng(8));
        assertThat(parameters(other).get("0.weight")).isNotEqualTo(actual.get("0.weight"));
    }

    @Test
    void withoutDropoutTheLayersAreLinearAndActivationOnly() {
        ModelSpec spec = ModelSpec.mlp(4, List.of(8, 5), 3, "tanh", 0.0);
        assertThat(spec.layers()).containsExactly(new LinearSpec(8, true), ActivationSpec.of("tanh"),
                new LinearSpec(5, true), ActivationSpec.of("tanh"), new LinearSpec(3, true));

        Rng rng = new Rng(11);
        Sequential byHand = new Sequential(new Linear(4, 8, rng), Activation.tanh(), new Linear(8, 5, rng),
                Activation.tanh(), new Linear(5, 3, rng));
        Sequential built = spec.build(new Rng(11));
        assertThat(List.copyOf(parameters(built).keySet()))
                .containsExactly("0.weight", "0.bias", "2.weight", "2.bias", "4.weight", "4.bias");
        parameters(byHand).forEach((name, values) -> assertThat(parameters(built).get(name)).as(name)
                .containsExactly(values));
    }

    @Test
    void linearModelIsOneLayerWithPyTorchNames() {
        ModelSpec spec = ModelSpec.linear(4, 3);
        Sequential built = spec.build(new Rng(3));
        Sequential byHand = new Sequential(new Linear(4, 3, new Rng(3)));
        assertThat(List.copyOf(parameters(built).keySet())).containsExactly("0.weight", "0.bias");
        parameters(byHand).forEach((name, values) -> assertThat(parameters(built).get(name)).containsExactly(values));
    }

    @Test
    void aLinearLayerWithoutBiasHasOnlyAWeight() {
        ModelSpec spec = new ModelSpec(3, List.of(new LinearSpec(2, false)));
        Sequential built = spec.build(new Rng(1));
        assertThat(built.namedParameters()).containsOnlyKeys("0.weight");
        assertThat(throughJson(spec)).isEqualTo(spec);
    }

    @Test
    void outputsFollowTheWidthsThroughTheLayers() {
        assertThat(ModelSpec.mlp(4, List.of(8, 5), 3, "relu", 0.2).outputs()).isEqualTo(3);
        assertThat(ModelSpec.mlp(4, List.of(8, 5), 7, "gelu", 0.0).outputs()).isEqualTo(7);
        assertThat(ModelSpec.linear(30, 2).outputs()).isEqualTo(2);
        assertThat(new ModelSpec(6, List.of(ActivationSpec.of("relu"), new DropoutSpec(0.5))).outputs())
                .as("width-preserving layers only").isEqualTo(6);
        Sequential model = ModelSpec.mlp(4, List.of(8, 5), 3, "relu", 0.2).build(new Rng(1));
        assertThat(forward(model.eval(), Tensor.zeros(2, 4))).hasSize(2 * 3);
    }

    @Test
    void describeGivesTheWidthsAndTheActivation() {
        assertThat(ModelSpec.mlp(4, List.of(8, 5), 3, "relu", 0.2).describe()).isEqualTo("4-8-5-3 ReLU MLP");
        assertThat(ModelSpec.mlp(784, List.of(256, 128), 10, "relu", 0.0).describe())
                .isEqualTo("784-256-128-10 ReLU MLP");
        assertThat(ModelSpec.linear(4, 3).describe()).isEqualTo("4-3 linear model");
        assertThat(ModelSpec.linear(30, 2).describe()).isEqualTo("30-2 linear model");
        assertThat(ModelSpec.mlp(2, List.of(3), 1, "tanh", 0.0).describe()).isEqualTo("2-3-1 Tanh MLP");
        assertThat(ModelSpec.mlp(2, List.of(3), 1, "sigmoid", 0.0).describe()).isEqualTo("2-3-1 Sigmoid MLP");
        assertThat(ModelSpec.mlp(2, List.of(3), 1, "leaky_relu", 0.0).describe()).isEqualTo("2-3-1 LeakyReLU MLP");
        assertThat(ModelSpec.mlp(2, List.of(3), 1, "gelu", 0.0).describe()).isEqualTo("2-3-1 GELU MLP");
        assertThat(ModelSpec.mlp(2, List.of(3), 1, "gelu_tanh", 0.0).describe()).isEqualTo("2-3-1 GELU MLP");
    }

    @ParameterizedTest
    @ValueSource(strings = {"relu", "tanh", "gelu", "gelu_tanh", "sigmoid", "leaky_relu"})
    void everyActivationSurvivesTheJsonRoundTrip(String activation) {
        ModelSpec spec = ModelSpec.mlp(5, List.of(7, 4), 2, activation, 0.25);
        ModelSpec again = throughJson(spec);
        assertThat(again).isEqualTo(spec);
        assertThat(again.toMap()).isEqualTo(spec.toMap());
        assertThat(again.describe()).isEqualTo(spec.describe());
        Tensor input = Tensor.generate(i -> Math.sin(i) * 3, 3, 5);
        assertThat(forward(again.build(new Rng(5)).eval(), input))
                .containsExactly(forward(spec.build(new Rng(5)).eval(), input));
    }

    @Test
    void everyAllowedActivationIsCoveredByTheRoundTrip() {
        assertThat(ModelSpec.ACTIVATIONS)
                .containsExactlyInAnyOrder("relu", "tanh", "gelu", "gelu_tanh", "sigmoid", "leaky_relu");
    }

    @Test
    void leakyReluKeepsItsSlopeThroughJsonAndInTheBuiltModel() {
        ModelSpec spec = new ModelSpec(1, List.of(new LinearSpec(1, false), new ActivationSpec("leaky_relu", 0.2)));
        ModelSpec again = throughJson(spec);
        assertThat(again).isEqualTo(spec);
        assertThat(((ActivationSpec) again.layers().get(1)).negativeSlope()).isEqualTo(0.2);
        assertThat(spec.toMap().toString()).contains("negative_slope=0.2");

        Sequential model = again.build(new Rng(1));
        model.namedParameters().get("0.weight").value().fill(1f);
        assertThat(forward(model, Tensor.of(new float[] {-10f, 10f}, 2, 1))).containsExactly(-2f, 10f);

        // without a saved slope, PyTorch's default 0.01
        Map<String, Object> map = spec.toMap();
        @SuppressWarnings("unchecked")
        Map<String, Object> activation = (Map<String, Object>) ((List<Object>) map.get("layers")).get(1);
        activation.remove("negative_slope");
        assertThat(((ActivationSpec) ModelSpec.fromMap(map, "m").layers().get(1)).negativeSlope()).isEqualTo(0.01);
    }

    @Test
    void toMapIsTheDocumentedJsonShape() {
        Map<String, Object> map = ModelSpec.mlp(4, List.of(8), 3, "relu", 0.2).toMap();
        assertThat(map).containsOnlyKeys("inputs", "layers").containsEntry("inputs", 4);
        assertThat(map.get("layers")).isEqualTo(List.of(
                Map.of("type", "linear", "out_features", 8, "bias", true),
                Map.of("type", "activation", "name", "relu"),
                Map.of("type", "dropout", "p", 0.2),
                Map.of("type", "linear", "out_features", 3, "bias", true)));
    }

    // ---- errors name the source and the field ----

    private static ModelSpec parse(String json) {
        return ModelSpec.fromMap(JsonText.parseObject(json, "spec.json"), "spec.json");
    }

    @Test
    void missingInputsIsNamed() {
        assertThatThrownBy(() -> parse("{\"layers\": [{\"type\": \"linear\", \"out_features\": 3, \"bias\": true}]}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("spec.json: model.inputs: missing");
    }

    @Test
    void unknownLayerTypeIsNamedWithItsIndex() {
        assertThatThrownBy(() -> parse("""
                {"inputs": 4, "layers": [
                  {"type": "linear", "out_features": 3, "bias": true},
                  {"type": "conv3d", "out_channels": 8}
                ]}"""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("spec.json: model.layers[1].type: unknown layer type 'conv3d'")
                .hasMessageContaining("linear, activation, dropout, dropout2d, conv2d")
                .hasMessageContaining("batch_norm1d, batch_norm2d, layer_norm and residual");
    }

    @Test
    void normalisationResidualAndChannelDropoutLayersSurviveTheRoundTrip() {
        ModelSpec spec = CnnParityTest.SPEC;
        Map<String, Object> saved = spec.toMap();
        ModelSpec again = ModelSpec.fromMap(dev.descent.io.JsonText.parseObject(dev.descent.io.JsonText.write(saved),
                "spec.json"), "spec.json");
        assertThat(again).isEqualTo(spec);
        assertThat(again.build().stateDict().keySet()).isEqualTo(spec.build().stateDict().keySet());
        assertThat(spec.describe()).isEqualTo("1×12×12 CNN (conv 8+bn, residual, residual, linear 12+bn, linear 3)");
    }

    @Test
    void aResidualBranchWithAWrongLayerIsNamedByItsPath() {
        assertThatThrownBy(() -> parse("""
                {"inputs": 16, "input_shape": [1, 4, 4], "layers": [
                  {"type": "residual", "branch": [{"type": "conv2d", "out_channels": 1, "kernel_size": [3, 3],
                    "stride": [1, 1], "padding": [1, 1], "dilation": [1, 1], "groups": 1, "bias": true},
                    {"type": "pool"}], "shortcut": []}
                ]}"""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("spec.json: model.layers[0].branch[1].type: unknown layer type 'pool'");
    }

    @Test
    void dropoutProbabilityOutOfRangeIsNamed() {
        assertThatThrownBy(() -> parse("""
                {"inputs": 4, "layers": [
                  {"type": "linear", "out_features": 3, "bias": true},
                  {"type": "activation", "name": "relu"},
                  {"type": "dropout", "p": 1.5}
                ]}"""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("spec.json: model.layers[2]: ")
                .hasMessageContaining("p must be in [0, 1)")
                .hasMessageContaining("1.5");
    }

    @Test
    void outFeaturesThatIsNotANumberIsNamed() {
        assertThatThrownBy(() -> parse("""
                {"inputs": 4, "layers": [{"type": "linear", "out_features": "x", "bias": true}]}"""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("spec.json: model.layers[0].out_features: ")
                .hasMessageContaining("expected an integer")
                .hasMessageContaining("x");
    }

    @Test
    void otherBadFieldsAreNamedToo() {
        assertThatThrownBy(() -> parse("{\"inputs\": 4, \"layers\": [{\"type\": \"activation\", \"name\": \"swish\"}]}"))
                .hasMessageStartingWith("spec.json: model.layers[0]: ")
                .hasMessageContaining("unknown name 'swish'")
                .hasMessageContaining("leaky_relu");
        assertThatThrownBy(() -> parse("{\"inputs\": 4, \"layers\": [{\"type\": \"linear\", \"out_features\": 0,"
                + " \"bias\": true}]}"))
                .hasMessageStartingWith("spec.json: model.layers[0]: ")
                .hasMessageContaining("out_features must be ≥ 1, got 0");
        assertThatThrownBy(() -> parse("{\"inputs\": 4, \"layers\": [{\"type\": \"linear\", \"out_features\": 2}]}"))
                .hasMessage("spec.json: model.layers[0].bias: missing");
        assertThatThrownBy(() -> parse("{\"inputs\": 4, \"layers\": [{\"out_features\": 2}]}"))
                .hasMessage("spec.json: model.layers[0].type: missing");
        assertThatThrownBy(() -> parse("{\"inputs\": 4, \"layers\": [7]}"))
                .hasMessageStartingWith("spec.json: model.layers[0]: expected an object");
        assertThatThrownBy(() -> parse("{\"inputs\": 4, \"layers\": []}"))
                .hasMessageStartingWith("spec.json: model")
                .hasMessageContaining("at least one layer");
        assertThatThrownBy(() -> parse("{\"inputs\": 0, \"layers\": [{\"type\": \"dropout\", \"p\": 0.1}]}"))
                .hasMessageStartingWith("spec.json: model")
                .hasMessageContaining("inputs must be ≥ 1, got 0");
        assertThatThrownBy(() -> parse("{\"inputs\": 4, \"layers\": {}}"))
                .hasMessageStartingWith("spec.json: model.layers: expected a list");
        assertThatThrownBy(() -> parse("{\"inputs\": 4, \"layers\": [{\"type\": \"dropout\", \"p\": \"half\"}]}"))
                .hasMessageStartingWith("spec.json: model.layers[0].p: expected a number");
    }

    @Test
    void constructorsRefuseBadValues() {
        assertThatThrownBy(() -> new ModelSpec(4, List.of())).hasMessageContaining("at least one layer");
        assertThatThrownBy(() -> new ModelSpec(0, List.of(new LinearSpec(1, true))))
                .hasMessageContaining("inputs must be ≥ 1");
        assertThatThrownBy(() -> new DropoutSpec(1.0)).hasMessageContaining("[0, 1)");
        assertThatThrownBy(() -> new DropoutSpec(Double.NaN)).hasMessageContaining("[0, 1)");
        assertThatThrownBy(() -> new ActivationSpec("leaky_relu", Double.NaN)).hasMessageContaining("finite");
        List<ModelSpec.LayerSpec> layers = new ArrayList<>(List.of(new LinearSpec(1, true)));
        ModelSpec spec = new ModelSpec(2, layers);
        layers.clear();
        assertThat(spec.layers()).as("the spec keeps its own copy").hasSize(1);
    }

    @Test
    void shapesArePerExampleAndRoundTripForTheLayersToCome() {
        ModelSpec images = new ModelSpec(List.of(1, 28, 28), List.of(ActivationSpec.of("relu"), new DropoutSpec(0.1)));
        assertThat(images.inputs()).isEqualTo(784);
        assertThat(images.outputs()).isEqualTo(784);
        assertThat(images.toMap()).containsEntry("inputs", 784).containsEntry("input_shape", List.of(1, 28, 28));
        assertThat(ModelSpec.fromMap(JsonText.parseObject(JsonText.write(images.toMap()), "spec.json"), "spec.json"))
                .isEqualTo(images);
        assertThat(ModelSpec.linear(4, 2).toMap()).doesNotContainKey("input_shape");

        assertThatThrownBy(() -> new ModelSpec(List.of(1, 28, 28), List.of(new LinearSpec(10, true))))
                .hasMessageContaining("layer 0 (linear) cannot take an input of shape [1, 28, 28]")
                .hasMessageContaining("flatten the input first");
        Map<String, Object> wrong = new LinkedHashMap<>(images.toMap());
        wrong.put("inputs", 100);
        assertThatThrownBy(() -> ModelSpec.fromMap(wrong, "spec.json"))
                .hasMessageContaining("spec.json: model.input_shape: [1, 28, 28] holds 784 values but inputs is 100");
    }
}
