package dev.descent.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.autodiff.Tape;
import dev.descent.nn.ModelSpec.Conv2dSpec;
import dev.descent.nn.ModelSpec.FlattenSpec;
import dev.descent.nn.ModelSpec.LinearSpec;
import dev.descent.nn.ModelSpec.Pool2dSpec;
import dev.descent.random.Rng;
import dev.descent.tensor.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Convolutional networks as model specs: shapes, names, the saved map, and errors. */
class CnnSpecTest {

    /** The FMNIST-CNN of {@code ../shared/bench/peers/torch_cnn.py}. */
    static ModelSpec fmnistCnn() {
        return ModelSpec.fmnistCnn();
    }

    @Test
    void theBenchmarkCnnHasPyTorchsParameterNamesAndShapes() {
        ModelSpec spec = fmnistCnn();
        Sequential model = spec.build(new Rng(1));
        Map<String, Tensor> state = model.stateDict();
        assertThat(state.keySet()).containsExactly("0.weight", "0.bias", "3.weight", "3.bias", "7.weight", "7.bias",
                "9.weight", "9.bias");
        assertThat(state.get("3.weight").shape().dims()).containsExactly(64, 32, 3, 3);
        assertThat(state.get("7.weight").shape().dims()).containsExactly(128, 3136);
        assertThat(spec.outputs()).isEqualTo(10);
        assertThat(spec.describe()).isEqualTo("1×28×28 CNN (conv 32, conv 64, linear 128, linear 10)");

        // flat rows, as data sets hold images, are reshaped to [batch, 1, 28, 28]
        Tensor logits = model.forward(Tape.noGrad().input(Tensor.zeros(3, 784))).value();
        assertThat(logits.shape().dims()).containsExactly(3, 10);
    }

    @Test
    void aSavedSpecReadsBackEqual() {
        ModelSpec spec = fmnistCnn();
        ModelSpec depthwise = new ModelSpec(List.of(4, 9, 9), List.of(
                new Conv2dSpec(8, List.of(3, 2), List.of(2, 1), List.of(1, 0), List.of(1, 2), 4, false),
                new Pool2dSpec(false, List.of(2, 2), List.of(1, 1), List.of(1, 1)), new ModelSpec.GlobalAvgPool2dSpec(),
                new FlattenSpec(), new LinearSpec(3, true)));
        for (ModelSpec s : List.of(spec, depthwise)) {
            assertThat(ModelSpec.fromMap(s.toMap(), "model.json")).isEqualTo(s);
        }
    }

    @Test
    void shapesThatDoNotFitNameTheLayerAndTheShape() {
        assertThatThrownBy(() -> new ModelSpec(784, List.of(Conv2dSpec.of(8, 3, 1, 1))))
                .hasMessageContaining("layer 0 (conv2d)").hasMessageContaining("[channels, height, width]")
                .hasMessageContaining("input shape such as [1, 28, 28]");
        assertThatThrownBy(() -> new ModelSpec(List.of(1, 28, 28), List.of(Conv2dSpec.of(8, 3, 1, 1),
                new LinearSpec(10, true)))).hasMessageContaining("layer 1 (linear)").hasMessageContaining("flatten");
        assertThatThrownBy(() -> new ModelSpec(List.of(1, 4, 4), List.of(Conv2dSpec.of(8, 5, 1, 0))))
                .hasMessageContaining("does not fit 4×4");
        assertThatThrownBy(() -> Pool2dSpec.of(true, 0)).hasMessageContaining("kernel_size must be two integers ≥ 1");
        Map<String, Object> unknown = Map.of("inputs", 4, "layers", List.of(Map.of("type", "conv3d")));
        assertThatThrownBy(() -> ModelSpec.fromMap(unknown, "model.json"))
                .hasMessageContaining("unknown layer type 'conv3d'").hasMessageContaining("conv2d, max_pool2d");
        Sequential model = fmnistCnn().build(new Rng(1));
        assertThatThrownBy(() -> model.forward(Tape.noGrad().input(Tensor.zeros(2, 100))))
                .hasMessageContaining("[1, 28, 28] (784 values)").hasMessageContaining("have 100 values");
    }
}
