package dev.descent.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file cut short must not quietly fall back to defaults; a resolved configuration must still read back. */
class ConfigCompletenessTest {

    @Test
    void aSourceKeyWithNothingAfterItIsRefused(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("cut.yaml"), "task: classification\ndata:\n  csv:\n");
        assertThatThrownBy(() -> ConfigLoader.load(file, List.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("data.csv: no value given (line 3 of " + file + "); give a path or remove the key");
    }

    @Test
    void anEmptyPathAndOtherBlankKeysAreRefused(@TempDir Path dir) throws IOException {
        Path empty = Files.writeString(dir.resolve("empty.yaml"), "data:\n  libsvm: ''\n");
        assertThatThrownBy(() -> ConfigLoader.load(empty, List.of())).hasMessageStartingWith(
                "data.libsvm: an empty path '' (line 2 of " + empty + ")");
        Path blankEpochs = Files.writeString(dir.resolve("epochs.yaml"), "training:\n  epochs:\n");
        assertThatThrownBy(() -> ConfigLoader.load(blankEpochs, List.of())).hasMessageStartingWith(
                "training.epochs: no value given (line 2 of " + blankEpochs + ")");
        Path blankSection = Files.writeString(dir.resolve("section.yaml"), "task: classification\ndata:\n");
        assertThatThrownBy(() -> ConfigLoader.load(blankSection, List.of())).hasMessageStartingWith(
                "data: no value given (line 2 of " + blankSection + ")");
    }

    @Test
    void anExplicitNullStillMeansTheDefaultAndASetFillsABlank(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("null.yaml"), "data:\n  data_dir: null\n  csv: ~\n  dataset: iris\n");
        assertThat(ConfigLoader.load(file, List.of()).data().dataset()).isEqualTo("iris");
        Path blank = Files.writeString(dir.resolve("blank.yaml"), "data:\n  dataset:\n");
        assertThat(ConfigLoader.load(blank, List.of("data.dataset=wine")).data().dataset()).isEqualTo("wine");
        assertThat(ConfigLoader.parse("---\n", "empty.yaml", null, List.of())).isEqualTo(RunConfig.defaults());
        assertThat(ConfigLoader.parse("# nothing yet\n", "empty.yaml", null, List.of())).isEqualTo(RunConfig.defaults());
    }

    @Test
    void everyResolvedConfigurationReadsBackIdentical(@TempDir Path dir) {
        List<List<String>> runs = List.of(
                List.of(),
                List.of("data.dataset=iris", "optimizer={name: adam}", "schedule={name: cosine}"),
                List.of("data.dataset=null", "data.csv=" + dir.resolve("t.csv"), "data.categorical=[colour]",
                        "training.epochs=3", "model.hidden=[32]"),
                List.of("data.dataset=null", "data.libsvm=-", "data.stream=true", "data.features=7",
                        "training.early_stopping={patience: 2}"),
                List.of("data.dataset=null", "data.synthetic={kind: two-moons}", "run.name=moons"),
                List.of("data.dataset=diabetes", "task=regression", "optimizer={name: sgd, momentum: 0}"),
                List.of("model={kind: cnn, input_shape: [1, 28, 28], layers: [{type: flatten}]}",
                        "data.augment={random_crop_padding: 2, horizontal_flip: true}"));
        for (List<String> overrides : runs) {
            RunConfig config = ConfigLoader.defaults(overrides);
            Path file = dir.resolve("run" + runs.indexOf(overrides)).resolve("config.yaml");
            ConfigWriter.write(config, file);
            RunConfig back = ConfigLoader.load(file, List.of());
            assertThat(back).as("%s", overrides).isEqualTo(config);
            assertThat(ConfigWriter.toYaml(back)).isEqualTo(ConfigWriter.toYaml(config));
        }
    }

    @Test
    void aResolvedConfigurationCutShortIsRefused(@TempDir Path dir) throws IOException {
        String yaml = ConfigWriter.toYaml(ConfigLoader.defaults(List.of("data.dataset=iris")));
        List<String> lines = yaml.lines().toList();
        Path half = Files.writeString(dir.resolve("config.yaml"),
                String.join("\n", lines.subList(0, lines.size() / 2)) + "\n");
        assertThatThrownBy(() -> ConfigLoader.load(half, List.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(half + ": a resolved configuration (see its first line) lacking keys: ")
                .hasMessageContaining("looks cut short");
        for (int cut = 2; cut < lines.size(); cut++) {
            Path file = Files.writeString(dir.resolve("cut" + cut + ".yaml"),
                    String.join("\n", lines.subList(0, cut)) + "\n");
            assertThatThrownBy(() -> ConfigLoader.load(file, List.of())).as("cut after line %d", cut)
                    .isInstanceOf(ConfigException.class).hasMessageContaining(file.toString());
        }
    }
}
