package dev.descent.nn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.autodiff.Tape;
import dev.descent.io.JsonText;
import dev.descent.io.ModelWeights;
import dev.descent.io.SafeTensors;
import dev.descent.nn.ModelSpec.ActivationSpec;
import dev.descent.nn.ModelSpec.BatchNormSpec;
import dev.descent.nn.ModelSpec.Conv2dSpec;
import dev.descent.nn.ModelSpec.Dropout2dSpec;
import dev.descent.nn.ModelSpec.FlattenSpec;
import dev.descent.nn.ModelSpec.GlobalAvgPool2dSpec;
import dev.descent.nn.ModelSpec.LayerNormSpec;
import dev.descent.nn.ModelSpec.LinearSpec;
import dev.descent.nn.ModelSpec.Pool2dSpec;
import dev.descent.nn.ModelSpec.ResidualSpec;
import dev.descent.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A small ResNet-style CNN (convolutions with and without bias, grouped, strided; batch norm 1d
 * and 2d; two residual blocks, one with a projection shortcut; channel dropout; max, average and
 * global pooling; layer norm; linear layers) exchanged with PyTorch both ways, with the
 * architecture declared as {@code small_resnet()} in tools/torch-reference/cnn_golden.py:
 *
 * <ul>
 *   <li>PyTorch's state dict (trained 5 steps, so the running statistics moved; saved by torch,
 *       num_batches_tracked as int64) loads strictly into the model built from {@link #SPEC} and
 *       gives torch's eval-mode logits;</li>
 *   <li>a state dict trained and saved by Descent ({@link WriteDescentCnnGoldenFile}) loaded
 *       into torch with {@code load_state_dict(strict=True)}, whose logits torch recorded
 *       ({@code cnn_golden.py --check}): Descent gives the same.</li>
 * </ul>
 * Logits agree within 1e-5 of their largest magnitude.
 */
class CnnParityTest {
    static final ModelSpec SPEC = new ModelSpec(List.of(1, 12, 12), List.of(
            conv(8, 3, 1, 1, 1, false), BatchNormSpec.of(true), ActivationSpec.of("relu"),
            new ResidualSpec(List.of(conv(8, 3, 1, 1, 1, false), BatchNormSpec.of(true), ActivationSpec.of("relu"),
                    conv(8, 3, 1, 1, 1, false), BatchNormSpec.of(true)), List.of()),
            ActivationSpec.of("relu"),
            new ResidualSpec(List.of(conv(16, 3, 2, 1, 1, true), BatchNormSpec.of(true), ActivationSpec.of("relu"),
                    conv(16, 3, 1, 1, 4, true)), List.of(conv(16, 1, 2, 0, 1, false), BatchNormSpec.of(true))),
            ActivationSpec.of("relu"),
            new Dropout2dSpec(0.1),
            Pool2dSpec.of(true, 2),
            new LayerNormSpec(List.of(16, 3, 3), 1e-5, true),
            new Pool2dSpec(false, List.of(3, 3), List.of(1, 1), List.of(1, 1)),
            new GlobalAvgPool2dSpec(),
            new FlattenSpec(),
            new LinearSpec(12, true), BatchNormSpec.of(false), ActivationSpec.of("relu"),
            new LinearSpec(3, true)));

    private static Conv2dSpec conv(int out, int kernel, int stride, int padding, int groups, boolean bias) {
        return new Conv2dSpec(out, List.of(kernel, kernel), List.of(stride, stride), List.of(padding, padding),
                List.of(1, 1), groups, bias);
    }

    static Path resource(String name) throws Exception {
        return Path.of(CnnParityTest.class.getResource("/dev/descent/cnn/" + name).toURI());
    }

    static Tensor floats(Map<String, Object> json, String values, String shape) {
        int[] dims = ((List<?>) json.get(shape)).stream().mapToInt(v -> ((Number) v).intValue()).toArray();
        List<?> list = (List<?>) json.get(values);
        float[] data = new float[list.size()];
        for (int i = 0; i < data.length; i++) {
            data[i] = ((Number) list.get(i)).floatValue();
        }
        return Tensor.of(data, dims);
    }

    static Tensor evalLogits(Sequential model, Tensor input) {
        model.eval();
        return model.forward(Tape.noGrad().input(input)).value();
    }

    @Test
    void pyTorchsTrainedStateDictLoadsStrictlyAndGivesItsLogits() throws Exception {
        Map<String, Object> json = JsonText.parseObject(Files.readString(resource("torch-cnn.json")), "torch-cnn.json");
        Sequential model = SPEC.build();
        assertThat(model.stateDict().keySet()).containsExactlyInAnyOrderElementsOf(
                ((List<?>) json.get("keys")).stream().map(String::valueOf).toList());
        ModelWeights.load(model, resource("torch-cnn.safetensors")); // strict
        assertThat(model.namedBuffers().get("1.num_batches_tracked").data()[0]).isEqualTo(5f);
        Tensor logits = evalLogits(model, floats(json, "input", "input_shape"));
        dev.descent.autodiff.GoldenTensors.assertClose("logits", logits,
                floats(json, "logits", "logits_shape"), 1e-5);
    }

    @Test
    void aStateDictSavedByDescentGivesTheLogitsPyTorchComputedFromIt() throws Exception {
        Map<String, Tensor> file = new LinkedHashMap<>(SafeTensors.read(resource("descent-cnn.safetensors")).tensors());
        Tensor input = file.remove("input");
        Sequential model = SPEC.build();
        model.loadStateDict(file); // strict
        Map<String, Object> torch = JsonText.parseObject(
                Files.readString(resource("descent-cnn.torch-logits.json")), "descent-cnn.torch-logits.json");
        dev.descent.autodiff.GoldenTensors.assertClose("logits", evalLogits(model, input),
                floats(torch, "logits", "logits_shape"), 1e-5);
    }

    @Test
    void theDescentFileStillMatchesWhatThisVersionTrains() throws Exception {
        // WriteDescentCnnGoldenFile is deterministic: training again gives the committed weights bit for bit,
        // so the file shows what this code computes, not a stale copy.
        Map<String, Tensor> committed = SafeTensors.read(resource("descent-cnn.safetensors")).tensors();
        Map<String, Tensor> again = WriteDescentCnnGoldenFile.trainedState();
        assertThat(again.keySet()).containsExactlyInAnyOrderElementsOf(committed.keySet());
        again.forEach((name, value) -> dev.descent.autodiff.GoldenTensors.assertClose(name, value,
                committed.get(name), 1e-6, 1e-7));
    }
}
