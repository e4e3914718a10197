package dev.descent.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.autodiff.Variable;
import dev.descent.tensor.Tensor;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The {@code with…} methods behave like keyword arguments: their order does not matter, and a
 * combination that does not go together is refused when the optimizer is built, not half-way
 * through the chain of calls.
 */
class WithCallOrderTest {

    private static Map<String, Variable> oneParameter() {
        return Map.of("w", Variable.parameter(Tensor.of(new float[] {1f}, 1)));
    }

    @Test
    void nesterovMayBeSetBeforeTheMomentumItNeeds() {
        Sgd nesterovFirst = new Sgd(0.1).withNesterov(true).withMomentum(0.9);
        assertThat(nesterovFirst).isEqualTo(new Sgd(0.1).withMomentum(0.9).withNesterov(true));
        assertThat(nesterovFirst.build(oneParameter()).toString()).isEqualTo("SGD(lr=0.1, momentum=0.9, nesterov=True)");
    }

    @Test
    void dampeningMayBeClearedAfterNesterovIsSet() {
        Sgd config = new Sgd(0.1).withMomentum(0.9).withDampening(0.5).withNesterov(true).withDampening(0);
        assertThat(config.builder()).isNotNull();
    }

    @Test
    void anInconsistentCombinationIsRefusedByBuilderAndByBuild() {
        Sgd withoutMomentum = new Sgd(0.1).withNesterov(true);
        assertThatThrownBy(withoutMomentum::builder).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nesterov requires momentum > 0, got momentum 0.0");
        assertThatThrownBy(() -> withoutMomentum.build(oneParameter())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("withMomentum");
    }

    @Test
    void everyOtherOptimizerAcceptsItsWithCallsInAnyOrder() {
        // no cross-field rules: each order gives the same config
        assertThat(new Adam().withAmsgrad(true).withBetas(0.8, 0.99).withLr(0.01))
                .isEqualTo(new Adam().withLr(0.01).withBetas(0.8, 0.99).withAmsgrad(true));
        assertThat(new AdamW().withWeightDecay(0).withEps(1e-6)).isEqualTo(new AdamW().withEps(1e-6).withWeightDecay(0));
        assertThat(new RmsProp().withCentered(true).withMomentum(0.9))
                .isEqualTo(new RmsProp().withMomentum(0.9).withCentered(true));
        assertThat(new NAdam().withMomentumDecay(0).withBetas(0.5, 0.9))
                .isEqualTo(new NAdam().withBetas(0.5, 0.9).withMomentumDecay(0));
        assertThat(new AdaGrad().withLrDecay(0.1).withInitialAccumulatorValue(0.5))
                .isEqualTo(new AdaGrad().withInitialAccumulatorValue(0.5).withLrDecay(0.1));
    }
}
