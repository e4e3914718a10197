package dev.descent.cli.config;

import dev.descent.nn.ModelSpec;
import static dev.descent.cli.config.ConfigChecks.fraction;
import static dev.descent.cli.config.ConfigChecks.notTaken;
import static dev.descent.cli.config.ConfigChecks.orDefault;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The {@code model} section. An {@code mlp} has {@code hidden} layers (default
 * {@code [256, 128]}, {@code descent train}'s 784-256-128-10 on Fashion-MNIST), an
 * {@code activation} between them (default {@code relu}) and a {@code dropout} probability
 * after each (default 0). A {@code linear} model maps the features straight to the outputs
 * (softmax regression for classification, least squares for regression) and takes none of
 * those keys. The input and output widths come from the data.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelSettings(Kind kind, List<Integer> hidden, Activation activation, Double dropout) {

    /** The model family: a multi-layer perceptron or a linear model. */
    public enum Kind implements ConfigChoice {
        MLP("mlp"),
        LINEAR("linear");

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
        if (kind == Kind.LINEAR) {
            List<String> none = List.of("kind only (a linear model has no hidden layers)");
            notTaken("model.hidden", hidden, "model kind linear", none);
            notTaken("model.activation", activation, "model kind linear", none);
            notTaken("model.dropout", dropout, "model kind linear", none);
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
        return new ModelSettings(Kind.MLP, null, null, null);
    }

    /** A linear model (softmax or linear regression). */
    public static ModelSettings linear() {
        return new ModelSettings(Kind.LINEAR, null, null, null);
    }

    /** The architecture for data of {@code inputs} features and {@code outputs} classes or targets. */
    public ModelSpec toSpec(int inputs, int outputs) {
        return kind == Kind.LINEAR ? ModelSpec.linear(inputs, outputs)
                : ModelSpec.mlp(inputs, hidden, outputs, activation.configName(), dropout);
    }

    /** The hidden widths as an array, for {@code Models.mlp}; empty for a linear model. */
    public int[] hiddenWidths() {
        return hidden == null ? new int[0] : hidden.stream().mapToInt(Integer::intValue).toArray();
    }
}
