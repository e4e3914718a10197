package dev.descent.cli.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code --set key=value}: every kind of value, on the defaults and on top of a file. */
class ConfigLoaderOverridesTest {
    private static final String FILE = """
            optimizer:
              name: sgd
              lr: 0.1
            training:
              epochs: 3
            """;

    private static RunConfig set(String... overrides) {
        return ConfigLoader.defaults(List.of(overrides));
    }

    @Test
    void aNumber() {
        assertThat(set("optimizer.lr=0.01").optimizer().lr()).isEqualTo(0.01);
        assertThat(set("optimizer.lr=1e-3").optimizer().lr()).isEqualTo(1e-3);
        assertThat(set("optimizer.lr=1").optimizer().lr()).isEqualTo(1.0);
        assertThat(set("training.epochs=3").training().epochs()).isEqualTo(3);
        assertThat(set("training.seed=12345678901").training().seed()).isEqualTo(12_345_678_901L);
    }

    @Test
    void aBooleanAStringAndAChoice() {
        assertThat(set("data.download=false").data().download()).isFalse();
        assertThat(set("run.name=baseline").run().name()).isEqualTo("baseline");
        assertThat(set("run.name=2024").run().name()).isEqualTo("2024");
        assertThat(set("training.time_limit=90s").training().timeLimitDuration()).hasValue(java.time.Duration.ofSeconds(90));
        assertThat(set("optimizer.name=rmsprop").optimizer().name()).isEqualTo(OptimizerSettings.Name.RMSPROP);
        assertThat(set("model.activation=leaky_relu").model().activation())
                .isEqualTo(ModelSettings.Activation.LEAKY_RELU);
        assertThat(set("task=regression", "data.dataset=diabetes").task()).isEqualTo(RunConfig.Task.REGRESSION);
    }

    @Test
    void aListInBracketsOrSeparatedByCommas() {
        assertThat(set("model.hidden=[512,256]").model().hidden()).containsExactly(512, 256);
        assertThat(set("model.hidden=[512, 256]").model().hidden()).containsExactly(512, 256);
        assertThat(set("model.hidden=512,256").model().hidden()).containsExactly(512, 256);
        assertThat(set("model.hidden=64").model().hidden()).containsExactly(64);
        assertThat(set("optimizer.name=adam", "optimizer.betas=0.8,0.9").optimizer().betas()).containsExactly(0.8, 0.9);
        assertThat(set("data.dataset=null", "data.csv=x.csv", "data.categorical=color,size").data().categorical())
                .containsExactly("color", "size");
    }

    @Test
    void aQuotedStringKeepsItsComma() {
        assertThat(set("data.dataset=null", "data.csv='a,b.csv'").data().csv()).endsWith("a,b.csv");
    }

    @Test
    void aNestedKeyCreatesItsSections() {
        RunConfig config = set("training.early_stopping.patience=5");

        assertThat(config.training().earlyStopping())
                .isEqualTo(new EarlyStoppingSettings(EarlyStoppingSettings.Metric.VAL_LOSS, 5, 0.0, true));
    }

    @Test
    void aWholeSectionInFlowStyle() {
        RunConfig config = set("optimizer={name: adamw, lr: 0.0003, weight_decay: 0.05}");

        assertThat(config.optimizer().name()).isEqualTo(OptimizerSettings.Name.ADAMW);
        assertThat(config.optimizer().lr()).isEqualTo(3e-4);
        assertThat(config.optimizer().weightDecay()).isEqualTo(0.05);
    }

    @Test
    void nullOrNothingRestoresTheDefault() {
        assertThat(ConfigLoader.parse(FILE, "run.yaml", null, List.of("training.epochs=null")).training().epochs())
                .isEqualTo(10);
        assertThat(ConfigLoader.parse(FILE, "run.yaml", null, List.of("training.epochs=")).training().epochs())
                .isEqualTo(10);
        assertThat(set("training.early_stopping.patience=3", "training.early_stopping=null").training()
                .earlyStopping()).isNull();
    }

    @Test
    void overridesApplyOnTopOfTheFileAndInOrder() {
        RunConfig config = ConfigLoader.parse(FILE, "run.yaml", null,
                List.of("training.epochs=5", "optimizer.lr=0.2", "optimizer.lr=0.3"));

        assertThat(config.training().epochs()).isEqualTo(5);
        assertThat(config.optimizer().lr()).isEqualTo(0.3);
        assertThat(config.optimizer().momentum()).isEqualTo(0.9);
    }

    @Test
    void theLearningRateDefaultFollowsTheOptimizerAndTheFloorFollowsTheRate() {
        assertThat(set().optimizer().lr()).isEqualTo(0.05);
        assertThat(set("optimizer.name=adam").optimizer().lr()).isEqualTo(1e-3);
        assertThat(set("optimizer.name=adagrad").optimizer().lr()).isEqualTo(0.01);
        assertThat(set("optimizer.name=nadam").optimizer().lr()).isEqualTo(2e-3);
        assertThat(set("optimizer.lr=0.2").schedule().lrFloor()).isEqualTo(0.002);
    }

    @Test
    void dataPathsInAFileAreRelativeToItAndThoseOfSetToTheWorkingDirectory(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("configs/run.yaml");
        java.nio.file.Files.createDirectories(file.getParent());
        java.nio.file.Files.writeString(file, "data:\n  csv: tables/x.csv\n  data_dir: /abs/mnist\n");

        RunConfig fromFile = ConfigLoader.load(file, List.of());
        RunConfig fromSet = ConfigLoader.load(file, List.of("data.csv=y.csv"));

        assertThat(fromFile.data().csv()).isEqualTo(dir.resolve("configs/tables/x.csv").toAbsolutePath().toString());
        assertThat(fromFile.data().dataDir()).isEqualTo("/abs/mnist");
        assertThat(fromSet.data().csv()).isEqualTo(Path.of("y.csv").toAbsolutePath().toString());
    }
}
