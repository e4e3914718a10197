package dev.descent.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Invalid configurations against the messages they must give: one line, key, value, what is allowed, where. */
class InvalidConfigTest {
    /** A convolutional model for 28×28 images, five lines: a data section below it starts on line 6. */
    private static final String CNN = "task: classification\nmodel:\n  kind: cnn\n  input_shape: [1, 28, 28]\n"
            + "  layers: [{type: flatten}]\n";

    private static Arguments file(String yaml, String... fragments) {
        return Arguments.of(yaml, List.of(), List.of(fragments));
    }

    private static Arguments set(String override, String... fragments) {
        return Arguments.of("", List.of(override), List.of(fragments));
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                // unknown keys, with the closest valid key and the section's keys
                file("optimizer:\n  name: sgd\n  learning_rate: 0.1\n",
                        "unknown key 'optimizer.learning_rate' (value 0.1) in run.yaml line 3, column 3",
                        "did you mean 'optimizer.lr'?", "(keys of 'optimizer': name, lr, momentum"),
                set("optimizer.learning_rate=0.1", "unknown key 'optimizer.learning_rate'",
                        "in --set optimizer.learning_rate=0.1", "did you mean 'optimizer.lr'?"),
                file("optimiser:\n  lr: 0.1\n", "unknown key 'optimiser'", "line 1, column 1",
                        "did you mean 'optimizer'?", "(top-level keys: task, data, model, optimizer, schedule, training, run)"),
                file("training:\n  batchSize: 32\n", "unknown key 'training.batchSize'", "did you mean 'training.batch_size'?"),
                file("training:\n  early_stopping:\n    patiense: 3\n", "unknown key 'training.early_stopping.patiense'",
                        "line 3, column 5", "did you mean 'training.early_stopping.patience'?"),
                file("schedule:\n  warmup: 100\n", "did you mean 'schedule.warmup_steps'?"),
                file("data:\n  synthetic:\n    samples: 10\n", "unknown key 'data.synthetic.samples'",
                        "(keys of 'data.synthetic': kind, n, features, noise, classes, seed)"),
                file("model:\n  xyzzy: 1\n", "unknown key 'model.xyzzy'", "(keys of 'model': kind, hidden, activation, dropout, input_shape, layers)"),
                // wrong types: key, value, expected type
                file("training:\n  epochs: ten\n", "training.epochs: wrong type, got 'ten'; expected an integer",
                        "(in run.yaml line 2, column 3)"),
                file("training:\n  epochs: 2.5\n", "training.epochs: wrong type, got 2.5; expected an integer"),
                set("optimizer.lr=fast", "optimizer.lr: wrong type, got 'fast'; expected a number",
                        "(in --set optimizer.lr=fast)"),
                set("data.stream=1", "data.stream: wrong type, got 1; expected true or false"),
                set("data.download=maybe", "data.download: wrong type, got 'maybe'; expected true or false"),
                set("model.hidden=512,x", "model.hidden[1]: wrong type, got 'x'; expected an integer",
                        "(in --set model.hidden=512,x)"),
                file("model:\n  hidden: [512, x]\n", "model.hidden[1]: wrong type", "line 2, column 17"),
                file("optimizer: adam\n", "optimizer: expected a section with keys, got 'adam'",
                        "did you mean optimizer.name: adam?"),
                file("run:\n  name: [a, b]\n", "run.name: wrong type, got ['a', 'b']; expected a single value"),
                // out of range: key, value, the allowed range
                file("optimizer:\n  momentum: 1.5\n", "optimizer.momentum: out of range, got 1.5; allowed: [0, 1)",
                        "(in run.yaml line 2, column 3)"),
                set("optimizer.lr=-0.1", "optimizer.lr: out of range, got -0.1; allowed: a finite number > 0"),
                set("optimizer.lr=0", "optimizer.lr: out of range, got 0.0"),
                set("optimizer.weight_decay=-1", "optimizer.weight_decay: out of range, got -1.0; allowed: a finite number ≥ 0"),
                set("training.epochs=0", "training.epochs: out of range, got 0; allowed: an integer ≥ 1"),
                set("training.batch_size=-8", "training.batch_size: out of range, got -8; allowed: an integer ≥ 1"),
                set("data.validation_fraction=1", "data.validation_fraction: out of range, got 1.0; allowed: (0, 1)"),
                set("data.test_fraction=0", "data.test_fraction: out of range, got 0.0; allowed: (0, 1)"),
                set("data.shuffle_buffer=0", "data.shuffle_buffer: out of range, got 0; allowed: an integer ≥ 1"),
                set("model.dropout=1", "model.dropout: out of range, got 1.0; allowed: [0, 1)"),
                set("model.hidden=[256, 0]", "model.hidden: every width must be ≥ 1, got [256, 0]"),
                set("model.hidden=[]", "model.hidden: an mlp needs a hidden layer, got []", "model.kind: linear"),
                set("training.early_stopping.patience=0",
                        "training.early_stopping.patience: out of range, got 0; allowed: an integer ≥ 1"),
                set("training.time_limit=10x", "training.time_limit: not a duration, got '10x'; allowed: a duration",
                        "'90s', '10m', '1h30m'"),
                set("training.time_limit=0s", "training.time_limit: a time limit must be positive"),
                set("training.threads=0", "training.threads: out of range, got 0"),
                set("training.log_every_steps=0",
                        "training.log_every_steps: out of range, got 0; allowed: an integer ≥ 1"),
                set("run.name=../escape", "run.name: not a usable folder name, got '../escape'"),
                set("optimizer.betas=[0.9, 1.5]", "optimizer.betas: sgd has no such setting"),
                // bad choices list the allowed values
                set("optimizer.name=adm", "optimizer.name: not a known value, got 'adm'; allowed: sgd, nesterov, "
                        + "momentum, adagrad, rmsprop, adam, amsgrad, adamw, adamax, nadam; did you mean 'adam'?"),
                set("schedule.name=cosin", "schedule.name: not a known value, got 'cosin'; allowed: constant, linear, "
                        + "cosine, inverse-time, one-cycle, plateau, step, exponential, warmup-cosine; did you mean 'cosine'?"),
                set("model.activation=ReLU", "model.activation: not a known value, got 'ReLU'; allowed: relu, tanh, gelu,"
                        + " sigmoid, leaky_relu; did you mean 'relu'?"),
                set("model.kind=rnn", "model.kind: not a known value, got 'rnn'; allowed: mlp, linear, cnn"),
                set("model.kind=cnn", "model.input_shape: missing, got null; allowed: [channels, height, width]"),
                set("task=clustering", "task: not a known value, got 'clustering'; allowed: classification, regression"),
                set("task=1", "task: not a known value, got 1; allowed: classification, regression"),
                set("training.early_stopping.metric=accuracy",
                        "allowed: val_loss, val_accuracy; did you mean 'val_accuracy'?"),
                set("data.dataset=mnsit", "data.dataset: unknown data set, got 'mnsit'; allowed: mnist, fashion-mnist",
                        "did you mean 'mnist'?"),
                // keys that the chosen optimizer, schedule or model does not have
                file("optimizer:\n  name: adam\n  momentum: 0.9\n", "optimizer.momentum: adam has no such setting, got 0.9;"
                        + " allowed for adam: lr, betas, eps, weight_decay, amsgrad", "line 3, column 3"),
                set("schedule.gamma=0.5", "schedule.gamma: schedule linear has no such setting, got 0.5; allowed for "
                        + "schedule linear: lr_floor"),
                set("schedule={name: constant, lr_floor: 0.001}", "schedule.lr_floor: schedule constant has no such"
                        + " setting", "allowed for schedule constant: name only"),
                file("model:\n  kind: linear\n  hidden: [64]\n", "model.hidden: model kind linear has no such setting, got [64]"),
                // values that contradict each other
                set("schedule.lr_floor=1", "schedule.lr_floor: above the learning rate, got 1.0; allowed: [0, optimizer.lr] = [0, 0.05]"),
                file("optimizer:\n  nesterov: true\n  dampening: 0.1\n",
                        "optimizer.dampening: nesterov: true needs no dampening, got 0.1; allowed: 0", "line 3, column 3"),
                file("optimizer:\n  name: nesterov\n  momentum: 0\n",
                        "optimizer.momentum: Nesterov momentum needs momentum > 0, got 0.0; allowed: (0, 1)"),
                Arguments.of("data:\n  dataset: mnist\n", List.of("data.csv=x.csv"), List.of(
                        "data: more than one source of examples, got [dataset: mnist, csv: ",
                        "allowed: one of data.dataset, data.csv, data.libsvm, data.synthetic (set the others to null)")),
                set("data.stream=true", "data.stream: streaming reads a file"),
                set("task=regression", "task: the data holds classes, not real-valued targets, got 'regression'",
                        "classification for dataset fashion-mnist"),
                file("task: regression\ndata:\n  synthetic: {kind: two-moons}\n", "task: the data holds classes"),
                file("data:\n  synthetic: {kind: linear-regression}\n", "task: the data holds real-valued targets"),
                file("data:\n  dataset: null\n  synthetic: {kind: two-moons, features: 3}\n",
                        "data.synthetic.features: two-moons lie in the plane, got 3; allowed: 2"),
                // image augmentation: a padding smaller than the image, and a model with an image shape
                file(CNN + "data:\n  augment:\n    random_crop_padding: -1\n",
                        "data.augment.random_crop_padding: out of range: a padding is a number of pixels, got -1;"
                                + " allowed: an integer ≥ 0 and below the image's height and width",
                        "(in run.yaml line 8, column 5)"),
                file(CNN + "data:\n  augment:\n    random_crop_padding: 28\n",
                        "data.augment.random_crop_padding: not smaller than the image (model.input_shape [1, 28, 28])",
                        "got 28; allowed: an integer in [0, 27]", "(in run.yaml line 8, column 5)"),
                set("data.augment.horizontal_flip=true", "data.augment: crops and flips images, but model kind mlp"
                        + " takes each example as a flat row, without an image shape; allowed: data.augment with"
                        + " model.kind: cnn and its model.input_shape", "(or remove data.augment)"),
                file(CNN + "data:\n  augment:\n    random_crop: 2\n", "unknown key 'data.augment.random_crop'"
                        + " (value 2) in run.yaml line 8, column 5; did you mean 'data.augment.random_crop_padding'?",
                        "(keys of 'data.augment': random_crop_padding, horizontal_flip)"),
                file(CNN + "data:\n  augment:\n    horizontal_flip: maybe\n",
                        "data.augment.horizontal_flip: wrong type, got 'maybe'; expected true or false"),
                file(CNN + "data:\n  augment: 2\n", "data.augment: expected a section with keys, got 2; allowed keys:"
                        + " random_crop_padding, horizontal_flip"),
                // malformed --set
                set("optimizer.lr", "--set 'optimizer.lr': expected KEY=VALUE, e.g. --set optimizer.lr=0.01"),
                set("=3", "--set '=3': the key is empty"),
                set("optimizer..lr=3", "the key 'optimizer..lr' has an empty part"),
                set("model.hidden[0]=3", "a list is set whole, e.g. --set model.hidden=[512,256]"),
                set("model.hidden=[512,", "--set 'model.hidden=[512,': the value is not valid YAML"),
                set("training.epochs.max=3", "training.epochs: wrong type, got {max: 3}; expected an integer"));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void failsWithAOneLineMessage(String yaml, List<String> overrides, List<String> fragments) {
        assertThatThrownBy(() -> ConfigLoader.parse(yaml, "run.yaml", null, overrides))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> {
                    assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("com.fasterxml")
                            .doesNotContain("Exception");
                    for (String fragment : fragments) {
                        assertThat(e.getMessage()).contains(fragment);
                    }
                });
    }

    @Test
    void aSetValueOnTopOfAScalarSaysTheKeyHoldsAValue() {
        assertThatThrownBy(() -> ConfigLoader.parse("training:\n  epochs: 3\n", "run.yaml", null,
                List.of("training.epochs.max=3")))
                .hasMessage("--set 'training.epochs.max=3': 'training.epochs' holds a value (3), not a section with keys");
    }

    @Test
    void yamlSyntaxErrorsGiveTheLineAndColumn() {
        assertThatThrownBy(() -> ConfigLoader.parse("training:\n  epochs: [3\n", "run.yaml", null, List.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("run.yaml line 3, column 1: not valid YAML: while parsing a flow sequence; "
                        + "expected ',' or ']', but got <stream end>");
        assertThatThrownBy(() -> ConfigLoader.parse("training:\nepochs: 3\n  foo: 1\n", "run.yaml", null, List.of()))
                .hasMessageStartingWith("run.yaml line 3, column 6: not valid YAML: mapping values are not allowed here");
        assertThatThrownBy(() -> ConfigLoader.parse("optimizer:\n\tlr: 0.1\n", "run.yaml", null, List.of()))
                .hasMessageStartingWith("run.yaml line 2, column 1: not valid YAML")
                .hasMessageContaining("found character '\\t(TAB)' that cannot start any token");
    }

    @Test
    void aKeyGivenTwiceIsAnError() {
        assertThatThrownBy(() -> ConfigLoader.parse("training:\n  epochs: 3\n  epochs: 4\n", "run.yaml", null,
                List.of()))
                .hasMessageStartingWith("run.yaml line 3, column ")
                .hasMessageContaining("Duplicate field 'epochs'");
    }

    @Test
    void aDocumentThatIsNotAMappingIsAnError() {
        assertThatThrownBy(() -> ConfigLoader.parse("- a\n- b\n", "run.yaml", null, List.of()))
                .hasMessage("run.yaml: expected sections (task, data, model, optimizer, schedule, training, run), "
                        + "got ['a', 'b']");
    }

    @Test
    void anEmptyFileIsTheDefaults() {
        assertThat(ConfigLoader.parse("", "run.yaml", null, List.of())).isEqualTo(RunConfig.defaults());
        assertThat(ConfigLoader.parse("# nothing yet\n", "run.yaml", null, List.of())).isEqualTo(RunConfig.defaults());
    }

    @Test
    void aMissingFileIsNamed() {
        assertThatThrownBy(() -> ConfigLoader.load(Path.of("no/such/run.yaml"), List.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("configuration file no/such/run.yaml: no such file");
    }

    @Test
    void recordsBuiltInCodeFailWithTheSameMessages() {
        assertThatThrownBy(() -> new TrainingSettings(0, null, null, null, null, null, null, null, null, null, null, null,
                null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("training.epochs: out of range, got 0; allowed: an integer ≥ 1");
    }
}
