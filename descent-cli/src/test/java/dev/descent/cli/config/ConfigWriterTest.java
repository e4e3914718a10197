package dev.descent.cli.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigWriterTest {

    /** The full schema with its defaults, in the order it is written: a change here is a change for users. */
    static final String DEFAULTS = """
            # descent run configuration, resolved: every key holds the value in effect.
            task: classification
            data:
              dataset: fashion-mnist
              data_dir: null
              csv: null
              libsvm: null
              label_column: null
              categorical: []
              header: true
              skip_lines: 0
              delimiter: auto
              validation_fraction: 0.1
              test_fraction: 0.2
              standardize: true
              stream: false
              shuffle_buffer: 10000
              classes: null
              features: null
              test_csv: null
              download: true
              synthetic: null
            model:
              kind: mlp
              hidden:
                - 256
                - 128
              activation: relu
              dropout: 0.0
            optimizer:
              name: sgd
              lr: 0.05
              momentum: 0.9
              dampening: 0.0
              nesterov: false
              weight_decay: 0.0
            schedule:
              name: linear
              lr_floor: 5.0E-4
            training:
              epochs: 10
              batch_size: 64
              seed: 42
              threads: null
              prefetch: false
              early_stopping: null
              checkpoint_every: 0
              time_limit: null
              eval_every: 1
              max_steps: null
              divergence_factor: 100.0
              log_every_steps: null
              average: null
            run:
              name: null
              dir: runs
              plots: true
            """;

    @Test
    void writesEveryDefaultInAFixedOrder() {
        assertThat(ConfigWriter.toYaml(RunConfig.defaults())).isEqualTo(DEFAULTS);
    }

    @Test
    void anAugmentSectionIsWrittenWhenGivenAndOnlyThen() {
        RunConfig config = ConfigLoader.defaults(List.of(
                "model={kind: cnn, input_shape: [1, 28, 28], layers: [{type: flatten}]}",
                "data.augment.random_crop_padding=2"));

        String yaml = ConfigWriter.toYaml(config);

        assertThat(yaml).contains("""
                  synthetic: null
                  augment:
                    random_crop_padding: 2
                    horizontal_flip: false
                model:
                """);
        // without one, nothing is written: a run's config.yaml from before data.augment existed still reads
        assertThat(DEFAULTS).doesNotContain("augment");
    }

    @Test
    void defaultsRoundTrip() {
        assertThat(ConfigLoader.parse(ConfigWriter.toYaml(RunConfig.defaults()), "written", null, List.of()))
                .isEqualTo(RunConfig.defaults());
    }

    @Test
    void writesOnlyTheKeysOfTheChosenOptimizerScheduleAndModel() {
        RunConfig config = ConfigLoader.defaults(List.of("optimizer.name=nadam", "schedule.name=plateau",
                "model.kind=linear"));

        String yaml = ConfigWriter.toYaml(config);

        assertThat(yaml).contains("""
                model:
                  kind: linear
                optimizer:
                  name: nadam
                  lr: 0.002
                  weight_decay: 0.0
                  betas:
                    - 0.9
                    - 0.999
                  eps: 1.0E-8
                  momentum_decay: 0.004
                schedule:
                  name: plateau
                  factor: 0.1
                  patience: 1
                  threshold: 1.0E-4
                  cooldown: 0
                  min_lr: 0.0
                """);
    }

    static Stream<List<String>> variedConfigs() {
        List<List<String>> configs = new ArrayList<>();
        for (OptimizerSettings.Name name : OptimizerSettings.Name.values()) {
            configs.add(List.of("optimizer.name=" + name.configName()));
        }
        for (ScheduleSettings.Name name : ScheduleSettings.Name.values()) {
            configs.add(List.of("schedule.name=" + name.configName()));
        }
        configs.add(List.of("task=regression", "data.dataset=null", "data.synthetic.kind=linear-regression",
                "model.kind=linear"));
        configs.add(List.of("data.dataset=null", "data.synthetic={kind: blobs, classes: 4, n: 300}"));
        configs.add(List.of("data.dataset=null", "data.synthetic.kind=two-moons", "model.activation=tanh"));
        configs.add(List.of("data.dataset=null", "data.csv=/tmp/x.csv", "data.categorical=color,size",
                "data.label_column=3", "data.stream=true", "data.test_csv=/tmp/test.csv", "data.classes=3"));
        configs.add(List.of("data.dataset=null", "data.libsvm=-", "data.stream=true", "data.features=123"));
        configs.add(List.of("training.early_stopping.metric=val_accuracy", "training.time_limit=1h30m",
                "training.threads=4", "training.checkpoint_every=2", "run.name=exp-1.a_b", "run.dir=/tmp/runs",
                "run.plots=false"));
        configs.add(List.of("optimizer={name: adam, lr: 3e-4, betas: [0.8, 0.99], amsgrad: true, eps: 1e-6}",
                "schedule={name: one-cycle, pct_start: 0.25, div_factor: 10, final_div_factor: 1000}"));
        configs.add(List.of("model={kind: cnn, input_shape: [3, 32, 32], layers: [{type: flatten}]}",
                "data.augment={random_crop_padding: 4, horizontal_flip: true}"));
        configs.add(List.of("model={kind: cnn, input_shape: [1, 28, 28], layers: [{type: flatten}]}",
                "data.augment.horizontal_flip=true"));
        configs.add(List.of("model.hidden=[1024, 512, 10]", "model.dropout=0.5", "model.activation=leaky_relu",
                "optimizer.lr=1e-7", "schedule.name=cosine", "schedule.lr_floor=1e-9"));
        return configs.stream();
    }

    @ParameterizedTest
    @MethodSource("variedConfigs")
    void writtenConfigsReadBackEqual(List<String> overrides) {
        RunConfig config = ConfigLoader.defaults(overrides);

        String yaml = ConfigWriter.toYaml(config);

        assertThat(ConfigLoader.parse(yaml, "written", null, List.of())).isEqualTo(config);
        assertThat(ConfigWriter.toYaml(ConfigLoader.parse(yaml, "written", null, List.of()))).isEqualTo(yaml);
    }

    @Test
    void writesAFileThatLoadsBackEqual(@TempDir Path runs) {
        RunConfig config = ConfigLoader.defaults(List.of("data.dataset=null", "data.csv=/data/table.csv",
                "run.name=first"));
        Path file = runs.resolve("first/config.yaml");

        ConfigWriter.write(config, file);

        assertThat(ConfigLoader.load(file, List.of())).isEqualTo(config);
    }
}
