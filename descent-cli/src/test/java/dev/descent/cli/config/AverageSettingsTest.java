package dev.descent.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.optim.average.ExponentialMovingAverage;
import dev.descent.optim.average.PolyakAveraging;
import dev.descent.optim.average.StochasticWeightAveraging;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code training.average}: its defaults, the library rule each kind gives, and the refused settings' messages. */
class AverageSettingsTest {

    private static RunConfig load(String... overrides) {
        return ConfigLoader.defaults(List.of(overrides));
    }

    @Test
    void eachKindTakesItsDefaultsAndGivesTheLibrarysRule() {
        AverageSettings ema = load("training.average={kind: ema}").training().average();
        assertThat(ema).isEqualTo(new AverageSettings(AverageSettings.Kind.EMA, 0L, 0.999, false, null, null, null));
        assertThat(ema.toRule(45)).isEqualTo(new ExponentialMovingAverage(0.999));
        assertThat(load("training.average={kind: ema, decay: 0.99, bias_correction: true, start: 100}")
                .training().average().toRule(45))
                .isEqualTo(new ExponentialMovingAverage(0.99).withBiasCorrection(true).withStart(100));

        AverageSettings polyak = load("training.average={kind: polyak, start: 1000}").training().average();
        assertThat(polyak.toRule(45)).isEqualTo(new PolyakAveraging(1000));
        assertThat(polyak.describe()).isEqualTo("Polyak–Ruppert, the mean of the iterates from update 1001");

        // start_epoch: the last quarter of training.epochs by default
        AverageSettings swa = load("training.average={kind: swa}").training().average();
        assertThat(swa.startEpoch()).isEqualTo(8);
        assertThat(swa.every()).isEqualTo(1);
        assertThat(swa.toRule(45)).isEqualTo(StochasticWeightAveraging.atEpochEnds(8, 1, 45));
        assertThat(load("training.epochs=3", "training.average.kind=swa").training().average().startEpoch())
                .isEqualTo(3);
        assertThat(load("training.average={kind: swa, start_epoch: 2, every: 2}").training().average()
                .toRule(10)).isEqualTo(new StochasticWeightAveraging(19, 20));
        assertThat(load().training().average()).isNull();
    }

    @Test
    void swaLrHoldsTheRateConstantFromTheStartEpochOn() {
        AverageSettings swa = load("training.average={kind: swa, start_epoch: 3, swa_lr: 0.01}").training()
                .average();
        assertThat(swa.swaLrFrom(45)).isEqualTo(90); // the first update of epoch 3, counted from 0
        assertThat(swa.describe()).isEqualTo("SWA, the last iterate of every epoch from epoch 3, at a constant rate"
                + " 0.01 from epoch 3");
    }

    @Test
    void aResolvedConfigurationWithAnAverageReadsBackIdentical(@TempDir Path dir) {
        for (String average : List.of("{kind: polyak}", "{kind: ema, decay: 0.9, bias_correction: true}",
                "{kind: swa, every: 2, swa_lr: 0.02}")) {
            RunConfig config = load("training.average=" + average);
            Path file = dir.resolve(average.replaceAll("\\W", "") + ".yaml");
            ConfigWriter.write(config, file);
            assertThat(ConfigLoader.load(file, List.of())).as(average).isEqualTo(config);
        }
        assertThat(ConfigWriter.toYaml(load("training.average={kind: swa}"))).contains("""
                  average:
                    kind: swa
                    start_epoch: 8
                    every: 1
                """);
    }

    /** docs/averaging.md's YAML block loads, and so does each alternative in its comments. */
    @Test
    void theDocsYamlBlockAndItsAlternativesAreValid() throws java.io.IOException {
        String doc = java.nio.file.Files.readString(Path.of("..", "docs", "averaging.md"));
        int start = doc.indexOf("```yaml\n");
        String block = doc.substring(start + "```yaml\n".length(), doc.indexOf("```", start + 7));
        assertThat(ConfigLoader.parse(block, "averaging.md", null, List.of()).training().average().kind())
                .isEqualTo(AverageSettings.Kind.EMA);
        java.util.regex.Matcher alternatives = java.util.regex.Pattern.compile("\\{kind: \\w+[^}]*}").matcher(block);
        List<AverageSettings.Kind> kinds = new java.util.ArrayList<>();
        while (alternatives.find()) {
            kinds.add(load("training.average=" + alternatives.group()).training().average().kind());
        }
        assertThat(kinds).containsExactly(AverageSettings.Kind.EMA, AverageSettings.Kind.POLYAK,
                AverageSettings.Kind.SWA);
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("training.average={kind: ema, decay: 1.0}", "training.average.decay: out of range: the"
                        + " fraction of the average kept per update, got 1.0; allowed: (0, 1), e.g. 0.999"),
                Arguments.of("training.average={kind: ema, decay: 0}", "training.average.decay: out of range"),
                Arguments.of("training.average={kind: ema, decay: -0.5}", "got -0.5; allowed: (0, 1)"),
                Arguments.of("training.average={kind: polyak, start: -1}", "training.average.start: out of range: it"
                        + " counts the updates before averaging begins, got -1; allowed: an integer ≥ 0"),
                Arguments.of("training.average={kind: ema, start: -5}", "training.average.start: out of range"),
                Arguments.of("training.average={kind: swa, every: 0}", "training.average.every: out of range: the"
                        + " epochs between two averaged iterates, got 0; allowed: an integer ≥ 1"),
                Arguments.of("training.average={kind: swa, start_epoch: 0}",
                        "training.average.start_epoch: out of range, got 0; allowed: an integer ≥ 1"),
                Arguments.of("training.average={kind: swa, start_epoch: 11}", "training.average.start_epoch: after"
                        + " the last epoch (training.epochs 10): nothing would be averaged, got 11; allowed: an"
                        + " integer in [1, 10]"),
                Arguments.of("training.average={kind: swa, swa_lr: 0}", "training.average.swa_lr: out of range, got"
                        + " 0.0; allowed: a finite number > 0"),
                Arguments.of("training.average={decay: 0.99}", "training.average.kind: missing: say which average,"
                        + " got null; allowed: polyak, ema or swa"),
                Arguments.of("training.average={kind: mean}", "training.average.kind"),
                Arguments.of("training.average={kind: polyak, decay: 0.9}", "training.average.decay: average kind"
                        + " polyak has no such setting, got 0.9; allowed for average kind polyak: start"),
                Arguments.of("training.average={kind: ema, start_epoch: 3}", "training.average.start_epoch: average"
                        + " kind ema has no such setting"),
                Arguments.of("training.average={kind: swa, start: 3}", "training.average.start: average kind swa"
                        + " has no such setting, got 3; allowed for average kind swa: start_epoch, every, swa_lr"));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void badSettingsNameTheKeyTheValueAndTheFix(String override, String message) {
        assertThatThrownBy(() -> load(override)).isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").contains(message));
    }

    @Test
    void settingsThatDoNotGoWithAnAverageAreRefused() {
        assertThatThrownBy(() -> load("training.average={kind: ema}", "training.early_stopping={patience: 2}"))
                .hasMessageContaining("training.early_stopping.restore_best: with training.average the validation"
                        + " scores are the averaged weights', whose best epoch is not kept, got true; allowed: false"
                        + " with training.average");
        assertThat(load("training.average={kind: ema}", "training.early_stopping={patience: 2, restore_best: false}")
                .training().average()).isNotNull();
        assertThatThrownBy(() -> load("training.average={kind: swa}", "data.dataset=null", "data.libsvm=-",
                "data.stream=true", "data.features=4"))
                .hasMessageContaining("training.average.kind: swa averages the last iterate of epochs, but a"
                        + " stream's epoch length is not known in advance, got 'swa'; allowed: polyak or ema");
        assertThatThrownBy(() -> load("training.average={kind: swa, swa_lr: 0.01}", "schedule.name=plateau"))
                .hasMessageContaining("training.average.swa_lr: the plateau schedule sets the rate");
    }
}
