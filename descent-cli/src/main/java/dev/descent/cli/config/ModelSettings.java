package dev.descent.cli.config;

import dev.descent.nn.ModelSpec;
import static dev.descent.cli.config.ConfigChecks.fraction;
import static dev.descent.cli.config.ConfigChecks.notTaken;
import static dev.descent.cli.config.ConfigChecks.orDefault;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code model} section. An {@code mlp} has {@code hidden} layers (default
 * {@code [256, 128]}, {@code descent train}'s 784-256-128-10 on Fashion-MNIST), an
 * {@code activation} between them (default {@code relu}) and a {@code dropout} probability
 * after each (default 0). A {@code linear} model maps the features straight to the outputs
 * (softmax regression for classification, least squares for regression) and takes none of
 * those keys. A {@code cnn} takes each example as an image of {@code input_shape}
 * ([channels, height, width], e.g. [1, 28, 28]) and its {@code layers} in order, as PyTorch
 * names them ({@link CnnLayers}); a linear output layer follows them. The input and output
 * widths come from the data.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelSettings(Kind kind, List<Integer> hidden, Activation activation, Double dropout,
                            List<Integer> inputShape, List<Map<String, Object>> layers) {

    /** The model family: a multi-layer perceptron or a linear model. */
    public enum Kind implements ConfigChoice {
        MLP("mlp"),
        LINEAR("linear"),
        CNN("cnn");

        private final String configName;

        Kind(String configName) {
            this.configName = configName;
        }

        @Override
        public String configName() {
            return configName;
        }
    }

    /** The non-linearity between hidden layers. */
    public enum Activation implements ConfigChoice {
        RELU("relu"),
        TANH("tanh"),
        GELU("gelu"),
        SIGMOID("sigmoid"),
        LEAKY_RELU("leaky_relu");

        private final String configName;

        Activation(String configName) {
            this.configName = configName;
        }

        @Override
        public String configName() {
            return configName;
        }
    }

    private static final List<Integer> DEFAULT_HIDDEN = List.of(256, 128);

    public ModelSettings {
        kind = orDefault(kind, Kind.MLP);
        if (kind != Kind.CNN) {
            List<String> keys = kind == Kind.LINEAR ? List.of("kind") : List.of("kind", "hidden", "activation", "dropout");
            notTaken("model.input_shape", inputShape, "model kind " + kind.configName(), keys);
            notTaken("model.layers", layers, "model kind " + kind.configName(), keys);
        }
        if (kind == Kind.LINEAR) {
            List<String> none = List.of("kind only (a linear model has no hidden layers)");
            notTaken("model.hidden", hidden, "model kind linear", none);
            notTaken("model.activation", activation, "model kind linear", none);
            notTaken("model.dropout", dropout, "model kind linear", none);
        } else if (kind == Kind.CNN) {
            List<String> cnnKeys = List.of("kind", "input_shape", "layers");
            notTaken("model.hidden", hidden, "model kind cnn", cnnKeys);
            notTaken("model.activation", activation, "model kind cnn", cnnKeys);
            notTaken("model.dropout", dropout, "model kind cnn", cnnKeys);
            if (inputShape == null || inputShape.size() != 3 || inputShape.stream().anyMatch(d -> d == null || d < 1)) {
                throw ConfigChecks.invalid("model.input_shape", inputShape == null ? "missing" : "not an image shape",
                        inputShape, "[channels, height, width], each ≥ 1, e.g. [1, 28, 28] for Fashion-MNIST");
            }
            inputShape = List.copyOf(inputShape);
            if (layers == null || layers.isEmpty()) {
                throw ConfigChecks.invalid("model.layers", "missing", layers,
                        "a list of layers, e.g. [{type: conv2d, out_channels: 32, kernel_size: 3, padding: 1},"
                        + " {type: relu}, {type: max_pool2d, kernel_size: 2}, {type: flatten}]");
            }
            layers = List.copyOf(layers);
            CnnLayers.parse(layers); // checked now, so a bad layer stops the run before its data load
        } else {
            hidden = orDefault(hidden, DEFAULT_HIDDEN);
            if (hidden.isEmpty() || hidden.stream().anyMatch(width -> width == null || width < 1)) {
                throw ConfigChecks.invalid("model.hidden", hidden.isEmpty() ? "an mlp needs a hidden layer"
                        : "every width must be ≥ 1", hidden, "a list of one or more widths ≥ 1, e.g. [256, 128]"
                        + (hidden.isEmpty() ? " (or model.kind: linear)" : ""));
            }
            hidden = List.copyOf(hidden);
            activation = orDefault(activation, Activation.RELU);
            dropout = fraction("model.dropout", orDefault(dropout, 0.0));
        }
    }

    /** {@code descent train}'s model: a ReLU MLP with hidden layers of 256 and 128, no dropout. */
    public static ModelSettings defaults() {
        return new ModelSettings(Kind.MLP, null, null, null, null, null);
    }

    /** A linear model (softmax or linear regression). */
    public static ModelSettings linear() {
        return new ModelSettings(Kind.LINEAR, null, null, null, null, null);
    }

    /** The architecture for data of {@code inputs} features and {@code outputs} classes or targets. */
    public ModelSpec toSpec(int inputs, int outputs) {
        return toSpec(List.of(inputs), outputs);
    }

    /**
     * The architecture for data whose examples have {@code dataShape} ({@code [784]} for flat
     * rows, {@code [1, 28, 28]} for images that know their shape) and {@code outputs} classes or
     * targets.
     */
    public ModelSpec toSpec(List<Integer> dataShape, int outputs) {
        int inputs = dataShape.stream().reduce(1, (a, b) -> a * b);
        if (kind == Kind.CNN) {
            int values = inputShape.get(0) * inputShape.get(1) * inputShape.get(2);
            if (values != inputs) {
                throw ConfigChecks.invalid("model.input_shape", "does not match the data: " + inputShape + " holds "
                        + values + " values and each example has " + inputs, inputShape, dataShape.size() > 1
                                ? dataShape + ", the data's image shape"
                                : "a shape whose product is " + inputs + (inputs == 784 ? ", e.g. [1, 28, 28]" : ""));
            }
            if (dataShape.size() > 1 && !dataShape.equals(inputShape)) {
                // same number of values, other layout: the images would be read scrambled
                throw ConfigChecks.invalid("model.input_shape", "is not the shape of the data's images, " + dataShape,
                        inputShape, dataShape + ", the data's image shape");
            }
            List<ModelSpec.LayerSpec> specs = new ArrayList<>(CnnLayers.parse(layers));
            specs.add(new ModelSpec.LinearSpec(outputs, true));
            try {
                return new ModelSpec(inputShape, specs);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("model.layers: " + e.getMessage().replace("model spec: ", ""), e);
            }
        }
        return kind == Kind.LINEAR ? ModelSpec.linear(inputs, outputs)
                : ModelSpec.mlp(inputs, hidden, outputs, activation.configName(), dropout);
    }

    /** The hidden widths as an array, for {@code Models.mlp}; empty for a linear model. */
    public int[] hiddenWidths() {
        return hidden == null ? new int[0] : hidden.stream().mapToInt(Integer::intValue).toArray();
    }
}
