package dev.descent.optim;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One table of invalid configurations and the message each must give: the hyper-parameter
 * under PyTorch's name, the allowed range and the rejected value.
 */
class InvalidHyperParametersTest {

    private static final double[] NOT_POSITIVE = {0, -0.1, Double.NaN, Double.POSITIVE_INFINITY};

    private static Arguments invalid(String configuration, ThrowingCallable construction, String message) {
        return Arguments.of(configuration, construction, message);
    }

    static Stream<Arguments> invalidConfigurations() {
        List<Arguments> table = new ArrayList<>();

        // lr ∉ (0, ∞) for every optimizer
        List<WithLr> optimizers = List.of(
                new WithLr("SGD", Sgd::new),
                new WithLr("Momentum", lr -> new Momentum(lr, 0.9)),
                new WithLr("AdaGrad", lr -> new AdaGrad().withLr(lr)),
                new WithLr("RMSprop", lr -> new RmsProp().withLr(lr)),
                new WithLr("Adam", lr -> new Adam().withLr(lr)),
                new WithLr("AdamW", lr -> new AdamW().withLr(lr)),
                new WithLr("Adamax", lr -> new Adamax().withLr(lr)),
                new WithLr("NAdam", lr -> new NAdam().withLr(lr)));
        for (WithLr optimizer : optimizers) {
            for (double lr : NOT_POSITIVE) {
                table.add(invalid(optimizer.name() + " lr=" + lr, () -> optimizer.build().apply(lr),
                        "lr must be a finite number > 0, got " + lr));
            }
        }

        // momentum ∉ [0, 1)
        table.add(invalid("SGD momentum=1", () -> new Sgd(0.1).withMomentum(1), "momentum must be in [0, 1), got 1.0"));
        table.add(invalid("SGD momentum=-0.1", () -> new Sgd(0.1).withMomentum(-0.1),
                "momentum must be in [0, 1), got -0.1"));
        table.add(invalid("Momentum momentum=1", () -> new Momentum(0.1, 1), "momentum must be in [0, 1), got 1.0"));
        table.add(invalid("Momentum momentum=NaN", () -> new Momentum(0.1, Double.NaN),
                "momentum must be in [0, 1), got NaN"));
        table.add(invalid("RMSprop momentum=1.5", () -> new RmsProp().withMomentum(1.5),
                "momentum must be in [0, 1), got 1.5"));

        // dampening ∉ [0, 1]
        table.add(invalid("SGD dampening=-0.1", () -> new Sgd(0.1).withMomentum(0.9).withDampening(-0.1),
                "dampening must be in [0, 1], got -0.1"));
        table.add(invalid("SGD dampening=1.5", () -> new Sgd(0.1).withMomentum(0.9).withDampening(1.5),
                "dampening must be in [0, 1], got 1.5"));

        // nesterov needs momentum and no dampening: checked when the optimizer is built
        table.add(invalid("SGD nesterov without momentum", () -> new Sgd(0.1).withNesterov(true).builder(),
                "nesterov requires momentum > 0, got momentum 0.0: add withMomentum(μ), e.g. 0.9,"
                        + " or drop withNesterov(true)"));
        table.add(invalid("SGD nesterov with dampening",
                () -> new Sgd(0.1).withMomentum(0.9).withDampening(0.1).withNesterov(true).builder(),
                "nesterov requires dampening = 0, got dampening 0.1: use withDampening(0) or drop withNesterov(true)"));

        // betas ∉ [0, 1), each of the two, for each Adam-like optimizer
        List<WithBetas> adams = List.of(
                new WithBetas("Adam", (b1, b2) -> new Adam().withBetas(b1, b2)),
                new WithBetas("AdamW", (b1, b2) -> new AdamW().withBetas(b1, b2)),
                new WithBetas("Adamax", (b1, b2) -> new Adamax().withBetas(b1, b2)),
                new WithBetas("NAdam", (b1, b2) -> new NAdam().withBetas(b1, b2)));
        for (WithBetas adam : adams) {
            table.add(invalid(adam.name() + " betas=(1, 0.999)", () -> adam.build().apply(1, 0.999),
                    "betas[0] must be in [0, 1), got 1.0"));
            table.add(invalid(adam.name() + " betas=(-0.1, 0.999)", () -> adam.build().apply(-0.1, 0.999),
                    "betas[0] must be in [0, 1), got -0.1"));
            table.add(invalid(adam.name() + " betas=(0.9, 1)", () -> adam.build().apply(0.9, 1),
                    "betas[1] must be in [0, 1), got 1.0"));
            table.add(invalid(adam.name() + " betas=(0.9, NaN)", () -> adam.build().apply(0.9, Double.NaN),
                    "betas[1] must be in [0, 1), got NaN"));
        }

        // eps ≤ 0
        table.add(invalid("AdaGrad eps=0", () -> new AdaGrad().withEps(0), "eps must be a finite number > 0, got 0.0"));
        table.add(invalid("RMSprop eps=-1e-8", () -> new RmsProp().withEps(-1e-8),
                "eps must be a finite number > 0, got -1.0E-8"));
        table.add(invalid("Adam eps=0", () -> new Adam().withEps(0), "eps must be a finite number > 0, got 0.0"));
        table.add(invalid("AdamW eps=0", () -> new AdamW().withEps(0), "eps must be a finite number > 0, got 0.0"));
        table.add(invalid("Adamax eps=-1", () -> new Adamax().withEps(-1),
                "eps must be a finite number > 0, got -1.0"));
        table.add(invalid("NAdam eps=0", () -> new NAdam().withEps(0), "eps must be a finite number > 0, got 0.0"));

        // weight_decay < 0 (or not finite)
        String decay = "weight_decay must be a finite number ≥ 0, got ";
        table.add(invalid("SGD weight_decay=-0.1", () -> new Sgd(0.1).withWeightDecay(-0.1), decay + "-0.1"));
        table.add(invalid("Momentum weight_decay=-0.1", () -> new Momentum(0.1, 0.9).withWeightDecay(-0.1),
                decay + "-0.1"));
        table.add(invalid("AdaGrad weight_decay=-0.1", () -> new AdaGrad().withWeightDecay(-0.1), decay + "-0.1"));
        table.add(invalid("RMSprop weight_decay=-0.1", () -> new RmsProp().withWeightDecay(-0.1), decay + "-0.1"));
        table.add(invalid("Adam weight_decay=-0.1", () -> new Adam().withWeightDecay(-0.1), decay + "-0.1"));
        table.add(invalid("AdamW weight_decay=-0.1", () -> new AdamW().withWeightDecay(-0.1), decay + "-0.1"));
        table.add(invalid("Adamax weight_decay=NaN", () -> new Adamax().withWeightDecay(Double.NaN), decay + "NaN"));
        table.add(invalid("NAdam weight_decay=∞", () -> new NAdam().withWeightDecay(Double.POSITIVE_INFINITY),
                decay + "Infinity"));

        // RMSprop alpha ∉ [0, 1]
        table.add(invalid("RMSprop alpha=-0.1", () -> new RmsProp().withAlpha(-0.1),
                "alpha must be in [0, 1], got -0.1"));
        table.add(invalid("RMSprop alpha=1.5", () -> new RmsProp().withAlpha(1.5), "alpha must be in [0, 1], got 1.5"));

        // AdaGrad lr_decay, initial_accumulator_value; NAdam momentum_decay
        table.add(invalid("AdaGrad lr_decay=-0.1", () -> new AdaGrad().withLrDecay(-0.1),
                "lr_decay must be a finite number ≥ 0, got -0.1"));
        table.add(invalid("AdaGrad initial_accumulator_value=-0.1",
                () -> new AdaGrad().withInitialAccumulatorValue(-0.1),
                "initial_accumulator_value must be a finite number ≥ 0, got -0.1"));
        table.add(invalid("NAdam momentum_decay=-0.004", () -> new NAdam().withMomentumDecay(-0.004),
                "momentum_decay must be a finite number ≥ 0, got -0.004"));

        // parameter groups
        table.add(invalid("group lr=0", () -> ParameterGroup.matching("*.bias").lr(0),
                "parameter group '*.bias': lr must be a finite number > 0, got 0.0"));
        table.add(invalid("group lr=NaN", () -> ParameterGroup.matching("*.bias").lr(Double.NaN),
                "parameter group '*.bias': lr must be a finite number > 0, got NaN"));
        table.add(invalid("group weight_decay=-1", () -> ParameterGroup.matching("*.bias").weightDecay(-1),
                "parameter group '*.bias': weight_decay must be a finite number ≥ 0, got -1.0"));
        table.add(invalid("group with an empty pattern", () -> ParameterGroup.matching(" "),
                "parameter group: the name pattern is empty"));

        // clipping and accumulation
        table.add(invalid("clipGradNorm(0)", () -> new Sgd(0.1).builder().clipGradNorm(0),
                "max_norm must be a finite number > 0, got 0.0"));
        table.add(invalid("clipGradNorm(-1)", () -> new Sgd(0.1).builder().clipGradNorm(-1),
                "max_norm must be a finite number > 0, got -1.0"));
        table.add(invalid("clipGradNorm(NaN)", () -> new Sgd(0.1).builder().clipGradNorm(Double.NaN),
                "max_norm must be a finite number > 0, got NaN"));
        table.add(invalid("clipGradValue(0)", () -> new Sgd(0.1).builder().clipGradValue(0),
                "clip_value must be a finite number > 0, got 0.0"));
        table.add(invalid("clipGradValue(-0.5)", () -> new Sgd(0.1).builder().clipGradValue(-0.5),
                "clip_value must be a finite number > 0, got -0.5"));
        table.add(invalid("accumulateGradients(0)", () -> new Sgd(0.1).builder().accumulateGradients(0),
                "gradient accumulation steps must be ≥ 1, got 0"));

        // regulariser strengths
        table.add(invalid("l2(-1)", () -> Regularizer.l2(-1), "l2 must be a finite number ≥ 0, got -1.0"));
        table.add(invalid("l1Proximal(-1)", () -> Regularizer.l1Proximal(-1),
                "l1 must be a finite number ≥ 0, got -1.0"));
        table.add(invalid("l1Subgradient(-1)", () -> Regularizer.l1Subgradient(-1),
                "l1 must be a finite number ≥ 0, got -1.0"));
        return table.stream();
    }

    /** An optimizer built with a given learning rate. */
    private record WithLr(String name, DoubleFunction<OptimizerConfig> build) {
    }

    /** An optimizer built with given betas. */
    private record WithBetas(String name, BetasSetter build) {
    }

    @FunctionalInterface
    private interface BetasSetter {
        OptimizerConfig apply(double beta1, double beta2);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidConfigurations")
    void isRejectedWithAMessageNamingTheParameterAndItsRange(String configuration, ThrowingCallable construction,
                                                           String message) {
        assertThatThrownBy(construction).as(configuration)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
