package dev.descent.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.descent.autodiff.Variable;
import dev.descent.tensor.Tensor;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every optimizer against trajectories recorded with PyTorch 1.13 ({@code tools/torch-reference/},
 * resources under {@code dev/descent/optim/reference/}): the same hyper-parameters, the same
 * initial weights and the same gradients give the same weights after every step, to 1e-5
 * relative, and the same final state.
 *
 * <p>The final state is held to 1e-5 where the gradients were recorded (fixed runs). Where they
 * are computed, g = a ⊙ (w − c), the last states are ill-conditioned functions of w: near the
 * optimum w − c cancels, and a one-ulp difference in w (both libraries round the same formulas
 * in slightly different orders) moves g, and the moment estimates built from it, by up to
 * ~1e-3 relative. Those runs compare their final state to 1e-3; their weights still to 1e-5.
 */
class OptimizerTrajectoryTest {
    private static final double RELATIVE = 1e-5;
    private static final double STATE_RELATIVE_WHEN_GRADIENT_DEPENDS_ON_W = 2e-3;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> everyRecordedRunIsReproduced() throws IOException, URISyntaxException {
        Path directory = Path.of(getClass().getResource("/dev/descent/optim/reference").toURI());
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode root = JSON.readTree(file.toFile());
                JsonNode runs = root.isArray() ? root : root.get("runs");
                for (JsonNode run : runs) {
                    tests.add(DynamicTest.dynamicTest(file.getFileName() + " " + run.get("name").asText(),
                            () -> replay(run)));
                }
            }
        }
        assertThat(tests).as("reference runs found").hasSizeGreaterThanOrEqualTo(20);
        return tests.stream();
    }

    private static void replay(JsonNode run) {
        Map<String, Variable> parameters = new LinkedHashMap<>();
        Map<String, float[]> curvature = new LinkedHashMap<>();
        Map<String, float[]> targets = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = run.get("params").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode p = e.getValue();
            int[] shape = ints(p.get("shape"));
            parameters.put(e.getKey(), Variable.parameter(Tensor.wrap(floats(p.get("init")), shape)));
            if (p.has("a") && !p.get("a").isNull()) {
                curvature.put(e.getKey(), floats(p.get("a")));
                targets.put(e.getKey(), floats(p.get("c")));
            }
        }
        Optimizer optimizer = build(run, parameters);
        boolean quadratic = run.get("gradient").asText().equals("quadratic");
        int steps = run.get("steps").asInt();
        for (int t = 0; t < steps; t++) {
            optimizer.zeroGrad();
            for (Map.Entry<String, Variable> e : parameters.entrySet()) {
                float[] g = e.getValue().gradForAccumulation().data();
                float[] w = e.getValue().value().data();
                if (quadratic) {
                    float[] a = curvature.get(e.getKey());
                    float[] c = targets.get(e.getKey());
                    for (int i = 0; i < g.length; i++) {
                        g[i] = a[i] * (w[i] - c[i]); // subtract, then multiply: as recorded
                    }
                } else {
                    float[] fixed = floats(run.get("fixed_gradients").get(e.getKey()).get(t));
                    System.arraycopy(fixed, 0, g, 0, g.length);
                }
            }
            optimizer.step();
            for (Map.Entry<String, Variable> e : parameters.entrySet()) {
                float[] expected = floats(run.get("trajectory").get(e.getKey()).get(t));
                assertClose(e.getValue().value().data(), expected, e.getKey() + " after step " + (t + 1), RELATIVE);
            }
        }
        OptimizerState state = optimizer.state();
        for (Iterator<Map.Entry<String, JsonNode>> it = run.get("final_state").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> parameter = it.next();
            for (Iterator<Map.Entry<String, JsonNode>> s = parameter.getValue().fields(); s.hasNext(); ) {
                Map.Entry<String, JsonNode> buffer = s.next();
                String where = parameter.getKey() + "/" + buffer.getKey();
                if (buffer.getValue().isNull()) {
                    assertThat(state.buffers()).as("PyTorch keeps no " + where).doesNotContainKey(where);
                    continue;
                }
                if (buffer.getKey().equals("step")) {
                    assertThat(state.parameterSteps().get(parameter.getKey())).as(where)
                            .isEqualTo(buffer.getValue().asLong());
                    continue;
                }
                Tensor ours = state.buffers().get(where);
                if (ours == null) {
                    fail("Descent keeps no buffer " + where + "; it has " + state.buffers().keySet());
                }
                float[] expected = buffer.getValue().isArray() ? floats(buffer.getValue())
                        : new float[] {(float) buffer.getValue().asDouble()};
                assertClose(ours.data(), expected, "final state " + where,
                        quadratic ? STATE_RELATIVE_WHEN_GRADIENT_DEPENDS_ON_W : RELATIVE);
            }
        }
    }

    private static Optimizer build(JsonNode run, Map<String, Variable> parameters) {
        JsonNode h = run.get("hyper");
        OptimizerConfig config = switch (run.get("optimizer").asText()) {
            case "SGD" -> new Sgd(h.get("lr").asDouble(), number(h, "momentum", 0), number(h, "dampening", 0),
                    number(h, "weight_decay", 0), h.path("nesterov").asBoolean(false));
            case "Adagrad" -> new AdaGrad(number(h, "lr", 0.01), number(h, "lr_decay", 0), number(h, "weight_decay", 0),
                    number(h, "initial_accumulator_value", 0), number(h, "eps", 1e-10));
            case "RMSprop" -> new RmsProp(number(h, "lr", 0.01), number(h, "alpha", 0.99), number(h, "eps", 1e-8),
                    number(h, "weight_decay", 0), number(h, "momentum", 0), h.path("centered").asBoolean(false));
            case "Adam" -> new Adam(number(h, "lr", 1e-3), beta(h, 0, 0.9), beta(h, 1, 0.999), number(h, "eps", 1e-8),
                    number(h, "weight_decay", 0), h.path("amsgrad").asBoolean(false));
            case "AdamW" -> new AdamW(number(h, "lr", 1e-3), beta(h, 0, 0.9), beta(h, 1, 0.999), number(h, "eps", 1e-8),
                    number(h, "weight_decay", 1e-2), h.path("amsgrad").asBoolean(false));
            case "Adamax" -> new Adamax(number(h, "lr", 2e-3), beta(h, 0, 0.9), beta(h, 1, 0.999),
                    number(h, "eps", 1e-8), number(h, "weight_decay", 0));
            case "NAdam" -> new NAdam(number(h, "lr", 2e-3), beta(h, 0, 0.9), beta(h, 1, 0.999), number(h, "eps", 1e-8),
                    number(h, "weight_decay", 0), number(h, "momentum_decay", 4e-3));
            default -> throw new IllegalArgumentException("unknown optimizer " + run.get("optimizer"));
        };
        OptimizerBuilder builder = config.builder();
        JsonNode groups = run.get("groups");
        if (groups != null && !groups.isNull()) {
            for (JsonNode group : groups) {
                for (JsonNode name : group.get("params")) {
                    ParameterGroup g = ParameterGroup.matching(name.asText());
                    if (group.has("lr")) {
                        g = g.lr(group.get("lr").asDouble());
                    }
                    if (group.has("weight_decay")) {
                        g = g.weightDecay(group.get("weight_decay").asDouble());
                    }
                    builder = builder.group(g);
                }
            }
        }
        return builder.build(parameters);
    }

    /** Relative to each element, with a floor at 1e-3 of the tensor's largest value for elements near zero. */
    private static void assertClose(float[] actual, float[] expected, String what, double relative) {
        assertThat(actual.length).as(what + " size").isEqualTo(expected.length);
        double scale = 0;
        for (float v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < expected.length; i++) {
            double tolerance = relative * Math.max(Math.abs(expected[i]), 1e-3 * scale);
            if (!(Math.abs(actual[i] - expected[i]) <= tolerance)) {
                fail(what + ", element " + i + ": Descent " + actual[i] + ", PyTorch " + expected[i]
                        + " (relative difference " + Math.abs(actual[i] - expected[i]) / Math.abs(expected[i]) + ")");
            }
        }
    }

    private static double number(JsonNode hyper, String name, double fallback) {
        return hyper.has(name) && !hyper.get(name).isNull() ? hyper.get(name).asDouble() : fallback;
    }

    private static double beta(JsonNode hyper, int index, double fallback) {
        return hyper.has("betas") ? hyper.get("betas").get(index).asDouble() : fallback;
    }

    private static float[] floats(JsonNode array) {
        float[] values = new float[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = Float.parseFloat(array.get(i).asText());
        }
        return values;
    }

    private static int[] ints(JsonNode array) {
        int[] values = new int[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asInt();
        }
        return values;
    }
}
