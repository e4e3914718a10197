package dev.descent.nn;

import dev.descent.init.Initializer;
import dev.descent.io.JsonFields;
import dev.descent.random.Rng;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An architecture as data: the input width and the layers in order, enough to build the model
 * again without its training run. A trained model is saved as its spec plus its weights by
 * name ({@code 0.weight}, …), so loading builds the {@link Sequential} from the spec and copies
 * the weights in: no random draws are replayed.
 *
 * <pre>{@code
 * ModelSpec spec = ModelSpec.mlp(784, List.of(256, 128), 10, "relu", 0.0);
 * Sequential model = spec.build(new Rng(42));
 * Map<String, Object> saved = spec.toMap();           // JSON-ready
 * ModelSpec again = ModelSpec.fromMap(saved, "model.json");
 * }</pre>
 *
 * <p>Shapes are per example, without the batch dimension: {@code [784]} for a flat feature
 * vector, {@code [1, 28, 28]} for an image (NCHW without N). New layer kinds (convolutions,
 * pooling, normalisation, flattening) join as further {@link LayerSpec} records: each knows its
 * output shape from its input shape and how to build itself.
 *
 * @param inputShape the shape of one example's input, every dimension ≥ 1
 * @param layers     the layers, in order; at least one, and the model's parameters are named
 *                   by their positions, as in PyTorch's {@code nn.Sequential}
 */
public record ModelSpec(List<Integer> inputShape, List<LayerSpec> layers) {

    /** The activation names a spec accepts, as written in configurations and saved models. */
    public static final List<String> ACTIVATIONS = List.of("relu", "tanh", "gelu", "gelu_tanh", "sigmoid",
            "leaky_relu");

    public ModelSpec {
        inputShape = List.copyOf(inputShape);
        if (inputShape.isEmpty() || inputShape.stream().anyMatch(d -> d < 1)) {
            throw new IllegalArgumentException("model spec: the input shape needs one or more dimensions, each ≥ 1,"
                    + " got " + inputShape);
        }
        layers = List.copyOf(layers);
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("model spec: at least one layer is needed");
        }
        List<Integer> shape = inputShape;
        for (int i = 0; i < layers.size(); i++) {
            try {
                shape = layers.get(i).outputShape(shape);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("model spec: layer " + i + " (" + layers.get(i).toMap().get("type")
                        + ") cannot take an input of shape " + shape + ": " + e.getMessage(), e);
            }
        }
    }

    /** A model of flat feature vectors of {@code inputs} features. */
    public ModelSpec(int inputs, List<LayerSpec> layers) {
        this(List.of(positive(inputs)), layers);
    }

    private static int positive(int inputs) {
        if (inputs < 1) {
            throw new IllegalArgumentException("model spec: inputs must be ≥ 1, got " + inputs);
        }
        return inputs;
    }

    /** The number of input values per example: the product of {@link #inputShape()}. */
    public int inputs() {
        return product(inputShape);
    }

    private static int product(List<Integer> shape) {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        return Math.toIntExact(n);
    }

    /** One layer of a spec. */
    public sealed interface LayerSpec permits LinearSpec, ActivationSpec, DropoutSpec {
        /**
         * The shape of this layer's output for one example of {@code input}'s shape.
         *
         * @throws IllegalArgumentException when the layer cannot take that shape, saying why
         */
        List<Integer> outputShape(List<Integer> input);

        /** Builds the layer for inputs of {@code input}'s shape, drawing its initial weights from {@code rng}. */
        Layer build(List<Integer> input, Rng rng);

        /** The layer as a JSON-ready map with a {@code "type"}. */
        Map<String, Object> toMap();
    }

    /** A fully connected layer, {@link Linear}, initialised as PyTorch's {@code nn.Linear}. */
    public record LinearSpec(int outFeatures, boolean bias) implements LayerSpec {
        public LinearSpec {
            if (outFeatures < 1) {
                throw new IllegalArgumentException("linear layer: out_features must be ≥ 1, got " + outFeatures);
            }
        }

        @Override
        public List<Integer> outputShape(List<Integer> input) {
            if (input.size() != 1) {
                throw new IllegalArgumentException("a linear layer takes flat features, not shape " + input
                        + "; flatten the input first");
            }
            return List.of(outFeatures);
        }

        @Override
        public Layer build(List<Integer> input, Rng rng) {
            int width = input.get(0);
            if (bias) {
                return new Linear(width, outFeatures, rng);
            }
            return new Linear(width, outFeatures, false, Initializer.pytorchLinearDefault(),
                    Initializer.pytorchLinearDefault(), rng);
        }

        @Override
        public Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("type", "linear");
            map.put("out_features", outFeatures);
            map.put("bias", bias);
            return map;
        }
    }

    /**
     * An element-wise activation by name (one of {@link #ACTIVATIONS});
     * {@code negativeSlope} is used by {@code leaky_relu} only.
     */
    public record ActivationSpec(String name, double negativeSlope) implements LayerSpec {
        public ActivationSpec {
            if (!ACTIVATIONS.contains(name)) {
                throw new IllegalArgumentException("activation: unknown name '" + name + "'; allowed: "
                        + String.join(", ", ACTIVATIONS));
            }
            if (!Double.isFinite(negativeSlope)) {
                throw new IllegalArgumentException("activation: negative_slope must be finite, got " + negativeSlope);
            }
            if (!name.equals("leaky_relu")) {
                negativeSlope = 0.01; // unused: one value, so that equal layers are equal records
            }
        }

        /** The activation {@code name} with PyTorch's default slope for {@code leaky_relu} (0.01). */
        public static ActivationSpec of(String name) {
            return new ActivationSpec(name, 0.01);
        }

        @Override
        public List<Integer> outputShape(List<Integer> input) {
            return input;
        }

        @Override
        public Layer build(List<Integer> input, Rng rng) {
            return switch (name) {
                case "relu" -> Activation.relu();
                case "tanh" -> Activation.tanh();
                case "gelu" -> Activation.gelu();
                case "gelu_tanh" -> Activation.geluTanh();
                case "sigmoid" -> Activation.sigmoid();
                case "leaky_relu" -> Activation.leakyRelu((float) negativeSlope);
                default -> throw new IllegalStateException("unreachable: " + name);
            };
        }

        @Override
        public Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("type", "activation");
            map.put("name", name);
            if (name.equals("leaky_relu")) {
                map.put("negative_slope", negativeSlope);
            }
            return map;
        }
    }

    /** Inverted dropout with probability {@code p}; its masks come from a generator split off the build's. */
    public record DropoutSpec(double p) implements LayerSpec {
        public DropoutSpec {
            if (!(p >= 0 && p < 1)) {
                throw new IllegalArgumentException("dropout: p must be in [0, 1), got " + p);
            }
        }

        @Override
        public List<Integer> outputShape(List<Integer> input) {
            return input;
        }

        @Override
        public Layer build(List<Integer> input, Rng rng) {
            return new Dropout((float) p, rng.split());
        }

        @Override
        public Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("type", "dropout");
            map.put("p", p);
            return map;
        }
    }

    /**
     * A multilayer perceptron: {@code Linear → activation [→ Dropout]} per hidden width, then a
     * linear output layer. Dropout layers are left out when {@code dropout} is 0.
     */
    public static ModelSpec mlp(int inputs, List<Integer> hiddenWidths, int outputs, String activation,
                                double dropout) {
        List<LayerSpec> layers = new ArrayList<>();
        for (int width : hiddenWidths) {
            layers.add(new LinearSpec(width, true));
            layers.add(ActivationSpec.of(activation));
            if (dropout > 0) {
                layers.add(new DropoutSpec(dropout));
            }
        }
        layers.add(new LinearSpec(outputs, true));
        return new ModelSpec(inputs, layers);
    }

    /** One linear layer: a linear model (least squares, logistic or softmax regression by its loss). */
    public static ModelSpec linear(int inputs, int outputs) {
        return new ModelSpec(inputs, List.of(new LinearSpec(outputs, true)));
    }

    /**
     * Builds the model, drawing initial weights from {@code rng} layer by layer in order (a
     * dropout layer splits its own generator off it), so one seed gives one model.
     */
    public Sequential build(Rng rng) {
        List<Layer> modules = new ArrayList<>(layers.size());
        List<Integer> shape = inputShape;
        for (LayerSpec layer : layers) {
            modules.add(layer.build(shape, rng));
            shape = layer.outputShape(shape);
        }
        return new Sequential(modules);
    }

    /**
     * As {@link #build(Rng)}, drawing from a generator seeded with {@link Layer#DEFAULT_SEED}:
     * for a model whose weights are loaded next, as when a saved model is read back.
     */
    public Sequential build() {
        return build(new Rng(Layer.DEFAULT_SEED));
    }

    /** The width of the model's output: the number of classes, or of regression targets. */
    public int outputs() {
        List<Integer> shape = inputShape;
        for (LayerSpec layer : layers) {
            shape = layer.outputShape(shape);
        }
        return product(shape);
    }

    /** A one-line description: {@code 784-256-128-10 ReLU MLP}, {@code 30-2 linear model}. */
    public String describe() {
        StringBuilder widths = new StringBuilder().append(inputs());
        String activation = "";
        int linears = 0;
        for (LayerSpec layer : layers) {
            if (layer instanceof LinearSpec linear) {
                widths.append('-').append(linear.outFeatures());
                linears++;
            } else if (layer instanceof ActivationSpec a && activation.isEmpty()) {
                activation = " " + displayName(a.name());
            }
        }
        return widths + (linears == 1 && layers.size() == 1 ? " linear model" : activation + " MLP");
    }

    private static String displayName(String activation) {
        return switch (activation) {
            case "relu" -> "ReLU";
            case "leaky_relu" -> "LeakyReLU";
            case "gelu", "gelu_tanh" -> "GELU";
            default -> activation.substring(0, 1).toUpperCase(Locale.ROOT) + activation.substring(1);
        };
    }

    /** The spec as a JSON-ready tree of maps, lists, strings, numbers and booleans. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("inputs", inputs());
        if (inputShape.size() > 1) {
            map.put("input_shape", inputShape);
        }
        List<Object> list = new ArrayList<>();
        for (LayerSpec layer : layers) {
            list.add(layer.toMap());
        }
        map.put("layers", list);
        return map;
    }

    /**
     * Reads a spec written by {@link #toMap()}.
     *
     * @param source names where the map came from in messages, e.g. a file
     * @throws IllegalArgumentException naming the source and the field that is missing or wrong
     */
    public static ModelSpec fromMap(Map<String, ?> map, String source) {
        JsonFields fields = new JsonFields(source, "model");
        int inputs = fields.integer(map, "", "inputs");
        List<Integer> inputShape = null;
        if (map.containsKey("input_shape")) {
            List<?> dims = fields.list(map, "", "input_shape");
            List<Integer> shape = new ArrayList<>();
            for (int i = 0; i < dims.size(); i++) {
                try {
                    shape.add(Integer.parseInt(String.valueOf(dims.get(i))));
                } catch (NumberFormatException e) {
                    throw fields.invalid("input_shape[" + i + "]", "expected an integer, found " + dims.get(i));
                }
            }
            if (product(shape) != inputs) {
                throw fields.invalid("input_shape", shape + " holds " + product(shape) + " values but inputs is "
                        + inputs);
            }
            inputShape = shape;
        }
        List<?> rawLayers = fields.list(map, "", "layers");
        List<LayerSpec> layers = new ArrayList<>();
        for (int i = 0; i < rawLayers.size(); i++) {
            String where = "layers[" + i + "]";
            Map<String, ?> layer = fields.map(rawLayers.get(i), where);
            String type = fields.text(layer, where, "type");
            LayerSpec parsed;
            try {
                parsed = switch (type) {
                    case "linear" -> new LinearSpec(fields.integer(layer, where, "out_features"),
                            fields.bool(layer, where, "bias"));
                    case "activation" -> new ActivationSpec(fields.text(layer, where, "name"),
                            layer.containsKey("negative_slope") ? fields.number(layer, where, "negative_slope") : 0.01);
                    case "dropout" -> new DropoutSpec(fields.number(layer, where, "p"));
                    default -> throw fields.invalid(where + ".type", "unknown layer type '" + type + "'; this version"
                            + " knows linear, activation and dropout (was the model saved by a newer Descent?)");
                };
            } catch (IllegalArgumentException e) {
                throw e.getMessage().startsWith(source + ": ") ? e : fields.invalid(where, e.getMessage());
            }
            layers.add(parsed);
        }
        try {
            return inputShape == null ? new ModelSpec(inputs, layers) : new ModelSpec(inputShape, layers);
        } catch (IllegalArgumentException e) {
            throw fields.invalid("", e.getMessage());
        }
    }
}
