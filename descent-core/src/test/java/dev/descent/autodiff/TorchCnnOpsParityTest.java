package dev.descent.autodiff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.io.JsonText;
import dev.descent.io.SafeTensors;
import dev.descent.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Convolution, pooling, layer norm and batch norm against PyTorch 1.13's outputs and gradients
 * (tools/torch-reference/cnn_golden.py writes the files): every tensor within 1e-5 of its
 * largest magnitude. Batch norm runs three training steps and one evaluation step, and its
 * running statistics must follow PyTorch's after each.
 */
class TorchCnnOpsParityTest {
    private static final double TOLERANCE = 1e-5;
    private static final Map<String, Tensor> TENSORS;
    private static final List<Map<String, Object>> CASES;

    static {
        try {
            Path dir = Path.of(TorchCnnOpsParityTest.class.getResource("/dev/descent/cnn/ops.json").toURI()).getParent();
            TENSORS = SafeTensors.read(dir.resolve("ops.safetensors")).tensors();
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> cases = (List<Map<String, Object>>) JsonText.parseObject(
                    Files.readString(dir.resolve("ops.json")), "ops.json").get("cases");
            CASES = cases;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<Map<String, Object>> cases(String prefix) {
        return CASES.stream().filter(c -> String.valueOf(c.get("op")).startsWith(prefix));
    }

    static Stream<Map<String, Object>> convolutions() {
        return cases("conv2d");
    }

    static Stream<Map<String, Object>> pools() {
        return Stream.concat(cases("max_pool2d"), Stream.concat(cases("avg_pool2d"), cases("global_pool2d")));
    }

    static Stream<Map<String, Object>> layerNorms() {
        return cases("layer_norm");
    }

    static Stream<Map<String, Object>> batchNorms() {
        return cases("batch_norm");
    }

    private static Tensor golden(String name) {
        Tensor t = TENSORS.get(name);
        assertThat(t).as("golden tensor %s", name).isNotNull();
        return t;
    }

    /** A leaf wanting a gradient, bound to {@code tape}. */
    private static Variable leaf(Tape tape, String name) {
        return new Variable(golden(name).copy(), true, tape, null);
    }

    private static int[] ints(Object list) {
        return ((List<?>) list).stream().mapToInt(v -> ((Number) v).intValue()).toArray();
    }

    private static void assertClose(String what, Tensor actual, Tensor expected) {
        GoldenTensors.assertClose(what, actual, expected, TOLERANCE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("convolutions")
    void conv2dMatchesPyTorch(Map<String, Object> c) {
        String n = (String) c.get("name");
        Tape tape = new Tape();
        Variable x = leaf(tape, n + ".x");
        Variable w = leaf(tape, n + ".weight");
        Variable b = Boolean.TRUE.equals(c.get("bias")) ? leaf(tape, n + ".bias") : null;
        Variable y = ConvOps.conv2d(x, w, b, ints(c.get("stride")), ints(c.get("padding")), ints(c.get("dilation")),
                ((Number) c.get("groups")).intValue());
        assertClose(n + " y", y.value(), golden(n + ".y"));
        y.backward(golden(n + ".g"));
        assertClose(n + " dx", x.grad(), golden(n + ".dx"));
        assertClose(n + " dweight", w.grad(), golden(n + ".dweight"));
        if (b != null) {
            assertClose(n + " dbias", b.grad(), golden(n + ".dbias"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pools")
    void poolingMatchesPyTorchTiesIncluded(Map<String, Object> c) {
        String n = (String) c.get("name");
        Tape tape = new Tape();
        Variable x = leaf(tape, n + ".x");
        Variable y = switch ((String) c.get("op")) {
            case "max_pool2d" -> PoolOps.maxPool2d(x, ints(c.get("kernel")), ints(c.get("stride")),
                    ints(c.get("padding")));
            case "avg_pool2d" -> PoolOps.avgPool2d(x, ints(c.get("kernel")), ints(c.get("stride")),
                    ints(c.get("padding")));
            default -> PoolOps.globalAvgPool2d(x);
        };
        Tensor expected = golden(n + ".y");
        assertClose(n + " y", y.value().reshape(expected.shape().dims()), expected);
        y.backward(golden(n + ".g").reshape(y.value().shape().dims()));
        assertClose(n + " dx", x.grad(), golden(n + ".dx"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layerNorms")
    void layerNormMatchesPyTorch(Map<String, Object> c) {
        String n = (String) c.get("name");
        Tape tape = new Tape();
        Variable x = leaf(tape, n + ".x");
        Variable w = leaf(tape, n + ".weight");
        Variable b = leaf(tape, n + ".bias");
        Variable y = NormOps.layerNorm(x, w.value().size(), w, b, ((Number) c.get("eps")).floatValue());
        assertClose(n + " y", y.value(), golden(n + ".y"));
        y.backward(golden(n + ".g"));
        assertClose(n + " dx", x.grad(), golden(n + ".dx"));
        assertClose(n + " dweight", w.grad(), golden(n + ".dweight"));
        assertClose(n + " dbias", b.grad(), golden(n + ".dbias"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("batchNorms")
    void batchNormMatchesPyTorchOverTrainingAndEvaluationSteps(Map<String, Object> c) {
        String n = (String) c.get("name");
        float eps = ((Number) c.get("eps")).floatValue();
        float momentum = ((Number) c.get("momentum")).floatValue();
        int channels = golden(n + ".weight").size();
        Tensor runningMean = Tensor.zeros(channels);
        Tensor runningVar = Tensor.filled(1f, channels);
        List<?> steps = (List<?>) c.get("steps");
        List<String> checked = new ArrayList<>();
        for (int s = 0; s < steps.size(); s++) {
            boolean training = Boolean.TRUE.equals(((Map<?, ?>) steps.get(s)).get("training"));
            String p = n + ".step" + s;
            Tape tape = new Tape();
            Variable x = leaf(tape, p + ".x");
            Variable w = leaf(tape, n + ".weight");
            Variable b = leaf(tape, n + ".bias");
            Variable y = NormOps.batchNorm(x, w, b, runningMean, runningVar, training, momentum, eps);
            assertClose(p + " y", y.value(), golden(p + ".y"));
            y.backward(golden(p + ".g"));
            assertClose(p + " dx", x.grad(), golden(p + ".dx"));
            assertClose(p + " dweight", w.grad(), golden(p + ".dweight"));
            assertClose(p + " dbias", b.grad(), golden(p + ".dbias"));
            assertClose(p + " running_mean", runningMean, golden(p + ".running_mean"));
            assertClose(p + " running_var", runningVar, golden(p + ".running_var"));
            checked.add(training ? "train" : "eval");
        }
        assertThat(checked).containsExactly("train", "train", "train", "eval");
    }
}
