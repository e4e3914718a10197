package dev.descent.cli.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.optim.AdaGrad;
import dev.descent.optim.Adam;
import dev.descent.optim.AdamW;
import dev.descent.optim.Adamax;
import dev.descent.optim.Momentum;
import dev.descent.optim.NAdam;
import dev.descent.optim.RmsProp;
import dev.descent.optim.Sgd;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class OptimizerSettingsTest {

    @ParameterizedTest
    @EnumSource(OptimizerSettings.Name.class)
    void everyOptimizerResolvesExactlyItsOwnKeysAndBuilds(OptimizerSettings.Name name) {
        OptimizerSettings settings = OptimizerSettings.defaults(name);

        String yaml = ConfigWriter.toYaml(new RunConfig(null, null, null, settings, null, null, null));
        String section = yaml.substring(yaml.indexOf("optimizer:"), yaml.indexOf("schedule:"));
        List<String> written = section.lines().skip(2).filter(line -> line.matches("  [a-z_]+:.*"))
                .map(line -> line.substring(2, line.indexOf(':'))).toList();

        assertThat(written).containsExactlyInAnyOrderElementsOf(name.keys());
        assertThat(settings.lr()).isEqualTo(name.defaultLr());
        assertThat(settings.toOptimizerConfig()).isNotNull();
    }

    @Test
    void theDefaultsAreThoseOfDescentTrainAndPyTorch() {
        assertThat(OptimizerSettings.defaults().toOptimizerConfig()).isEqualTo(new Sgd(0.05).withMomentum(0.9));
        assertThat(OptimizerSettings.defaults(OptimizerSettings.Name.NESTEROV).toOptimizerConfig())
                .isEqualTo(new Sgd(0.05).withMomentum(0.9).withNesterov(true));
        assertThat(OptimizerSettings.defaults(OptimizerSettings.Name.MOMENTUM).toOptimizerConfig())
                .isEqualTo(new Momentum(0.05, 0.9));
        assertThat(OptimizerSettings.defaults(OptimizerSettings.Name.ADAGRAD).toOptimizerConfig())
                .isEqualTo(new AdaGrad());
        assertThat(OptimizerSettings.defaults(OptimizerSettings.Name.RMSPROP).toOptimizerConfig())
                .isEqualTo(new RmsProp());
        assertThat(OptimizerSettings.defaults(OptimizerSettings.Name.ADAM).toOptimizerConfig()).isEqualTo(new Adam());
        assertThat(OptimizerSettings.defaults(OptimizerSettings.Name.AMSGRAD).toOptimizerConfig())
                .isEqualTo(new Adam().withAmsgrad(true));
        // descent train's --weight-decay defaults to 0 for every optimizer, adamw included
        assertThat(OptimizerSettings.defaults(OptimizerSettings.Name.ADAMW).toOptimizerConfig())
                .isEqualTo(new AdamW().withWeightDecay(0));
        assertThat(OptimizerSettings.defaults(OptimizerSettings.Name.ADAMAX).toOptimizerConfig())
                .isEqualTo(new Adamax());
        assertThat(OptimizerSettings.defaults(OptimizerSettings.Name.NADAM).toOptimizerConfig())
                .isEqualTo(new NAdam());
    }

    @Test
    void everyHyperParameterReachesTheUpdateRule() {
        RunConfig config = ConfigLoader.defaults(List.of("optimizer={name: rmsprop, lr: 0.002, alpha: 0.9, eps: 1e-6,"
                + " weight_decay: 0.01, momentum: 0.5, centered: true}"));

        assertThat(config.optimizer().toOptimizerConfig()).isEqualTo(new RmsProp(0.002, 0.9, 1e-6, 0.01, 0.5, true));
        assertThat(ConfigLoader.defaults(List.of("optimizer={name: adagrad, lr_decay: 0.1,"
                + " initial_accumulator_value: 0.2}")).optimizer().toOptimizerConfig())
                .isEqualTo(new AdaGrad(0.01, 0.1, 0, 0.2, 1e-10));
        assertThat(ConfigLoader.defaults(List.of("optimizer={name: sgd, dampening: 0.5, momentum: 0.8}"))
                .optimizer().toOptimizerConfig()).isEqualTo(new Sgd(0.05, 0.8, 0.5, 0, false));
        assertThat(ConfigLoader.defaults(List.of("optimizer={name: nadam, momentum_decay: 0.01, betas: [0.8, 0.9]}"))
                .optimizer().toOptimizerConfig()).isEqualTo(new NAdam(2e-3, 0.8, 0.9, 1e-8, 0, 0.01));
    }
}
