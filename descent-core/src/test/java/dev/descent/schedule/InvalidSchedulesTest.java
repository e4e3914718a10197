package dev.descent.schedule;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.schedule.OneCycle.Annealing;
import dev.descent.schedule.ReduceOnPlateau.Settings;
import dev.descent.schedule.ReduceOnPlateau.State;
import dev.descent.schedule.ReduceOnPlateau.ThresholdMode;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every invalid setting is refused with a message naming the schedule, the field, the allowed range and the value. */
class InvalidSchedulesTest {

    private static final LearningRateSchedule ANY = LearningRateSchedule.constant(0.1);

    private static Arguments invalid(ThrowingCallable construction, String expectedMessage) {
        return Arguments.of(expectedMessage, construction);
    }

    static Stream<Arguments> invalidConfigurations() {
        return Stream.of(
                invalid(() -> LearningRateSchedule.constant(-1), "lr must be a finite number > 0, got -1.0"),
                invalid(() -> new LinearDecay(Double.NaN, 0.01, 10),
                        "LinearDecay: initial must be a finite number > 0, got NaN"),
                invalid(() -> new LinearDecay(0.1, 0.2, 10),
                        "LinearDecay: floor must be in [0, initial = 0.1], got 0.2"),
                invalid(() -> new LinearDecay(0.1, -0.01, 10),
                        "LinearDecay: floor must be in [0, initial = 0.1], got -0.01"),
                invalid(() -> new LinearDecay(0.1, 0.01, 0), "LinearDecay: decaySteps must be ≥ 1, got 0"),
                invalid(() -> new InverseTimeDecay(0, 0.1),
                        "InverseTimeDecay: initial must be a finite number > 0, got 0.0"),
                invalid(() -> new InverseTimeDecay(0.1, -1),
                        "InverseTimeDecay: decayRate must be a finite number ≥ 0, got -1.0"),
                invalid(() -> new RecursiveInverseTimeDecay(0.1, Double.POSITIVE_INFINITY),
                        "RecursiveInverseTimeDecay: decayRate must be a finite number ≥ 0, got Infinity"),
                invalid(() -> ExponentialDecay.withRate(Double.POSITIVE_INFINITY, 0.1),
                        "ExponentialDecay: initial must be a finite number > 0, got Infinity"),
                invalid(() -> ExponentialDecay.withRate(0.1, Double.NaN),
                        "ExponentialDecay: decayRate must be a finite number ≥ 0, got NaN"),
                invalid(() -> ExponentialDecay.withFactor(0.1, 1.5),
                        "ExponentialDecay: gamma must be in (0, 1], got 1.5"),
                invalid(() -> new StepDecay(0.1, 0, 10), "StepDecay: factor must be in (0, 1], got 0.0"),
                invalid(() -> new StepDecay(0.1, 0.5, 0), "StepDecay: stepSize must be ≥ 1, got 0"),
                invalid(() -> MultiStepDecay.of(0.1, 0.1, 30, 20),
                        "MultiStepDecay: milestones must be strictly increasing steps ≥ 1 (20 is not), got [30, 20]"),
                invalid(() -> MultiStepDecay.of(0.1, 0.1, 0),
                        "MultiStepDecay: milestones must be strictly increasing steps ≥ 1 (0 is not), got [0]"),
                invalid(() -> MultiStepDecay.of(0.1, 2, 10), "MultiStepDecay: factor must be in (0, 1], got 2.0"),
                invalid(() -> new MultiStepDecay(0.1, 0.1, null), "MultiStepDecay: milestones must not be null"),
                invalid(() -> new PolynomialDecay(0.1, 0.2, 10, 1),
                        "PolynomialDecay: floor must be in [0, initial = 0.1], got 0.2"),
                invalid(() -> new PolynomialDecay(0.1, 0, 10), "PolynomialDecay: decaySteps must be ≥ 1, got 0"),
                invalid(() -> new PolynomialDecay(0.1, 10, 0),
                        "PolynomialDecay: power must be a finite number > 0, got 0.0"),
                invalid(() -> new CosineAnnealing(0.1, -0.01, 10),
                        "CosineAnnealing: floor must be in [0, initial = 0.1], got -0.01"),
                invalid(() -> new CosineAnnealing(0.1, 0, -5), "CosineAnnealing: decaySteps must be ≥ 1, got -5"),
                invalid(() -> new CosineAnnealingWarmRestarts(0.1, 0, 0, 2),
                        "CosineAnnealingWarmRestarts: firstPeriod must be ≥ 1, got 0"),
                invalid(() -> new CosineAnnealingWarmRestarts(0.1, 0, 10, 0),
                        "CosineAnnealingWarmRestarts: periodMultiplier must be ≥ 1, got 0"),
                invalid(() -> new CosineAnnealingWarmRestarts(0.1, 1, 10, 2),
                        "CosineAnnealingWarmRestarts: floor must be in [0, initial = 0.1], got 1.0"),
                invalid(() -> new LinearWarmup(1.5, 10, ANY), "LinearWarmup: startFactor must be in [0, 1], got 1.5"),
                invalid(() -> new LinearWarmup(0.1, -1, ANY), "LinearWarmup: warmupSteps must be ≥ 0, got -1"),
                invalid(() -> new LinearWarmup(0.1, 10, null), "LinearWarmup: after must not be null"),
                invalid(() -> OneCycle.of(-0.1, 100), "OneCycle: maxRate must be a finite number > 0, got -0.1"),
                invalid(() -> OneCycle.of(0.1, 1), "OneCycle: totalSteps must be ≥ 2, got 1"),
                invalid(() -> OneCycle.of(0.1, 100).withWarmupFraction(1),
                        "OneCycle: warmupFraction must be in (0, 1), got 1.0"),
                invalid(() -> OneCycle.of(0.1, 3), "OneCycle: warmupFraction·totalSteps must be > 1 (the peak step, "
                        + "warmupFraction·totalSteps − 1, must be > 0), got 0.3·3 = 0.8999999999999999"),
                invalid(() -> OneCycle.of(0.1, 100).withAnnealing(null), "OneCycle: annealing must not be null"),
                invalid(() -> OneCycle.of(0.1, 100).withDivisors(0.5, 1e4),
                        "OneCycle: initialDivisor must be a finite number ≥ 1, got 0.5"),
                invalid(() -> OneCycle.of(0.1, 100).withDivisors(25, Double.NaN),
                        "OneCycle: finalDivisor must be a finite number ≥ 1, got NaN"),
                invalid(() -> new OneCycle(0.1, 100, 0.3, Annealing.LINEAR, 25, 0),
                        "OneCycle: finalDivisor must be a finite number ≥ 1, got 0.0"),
                invalid(() -> LearningRateSchedule.join(ANY, -1, ANY), "Sequence: boundary must be ≥ 0, got -1"),
                invalid(() -> LearningRateSchedule.join(null, 1, ANY), "Sequence: first must not be null"),
                invalid(() -> ANY.scaledBy(-2), "Scaled: factor must be a finite number ≥ 0, got -2.0"),
                invalid(() -> EpochSchedule.toSteps(ANY, 0), "EpochSchedule: stepsPerEpoch must be ≥ 1, got 0"),
                invalid(() -> Settings.minimize().withFactor(1), "ReduceOnPlateau: factor must be in (0, 1), got 1.0"),
                invalid(() -> Settings.minimize().withPatience(-1), "ReduceOnPlateau: patience must be ≥ 0, got -1"),
                invalid(() -> Settings.minimize().withThreshold(-1e-4, ThresholdMode.ABSOLUTE),
                        "ReduceOnPlateau: threshold must be a finite number ≥ 0, got -1.0E-4"),
                invalid(() -> Settings.minimize().withThreshold(1, ThresholdMode.RELATIVE),
                        "ReduceOnPlateau: threshold must be in [0, 1) when relative, got 1.0"),
                invalid(() -> Settings.minimize().withCooldown(-3), "ReduceOnPlateau: cooldown must be ≥ 0, got -3"),
                invalid(() -> Settings.minimize().withMinRate(-1),
                        "ReduceOnPlateau: minRate must be a finite number ≥ 0, got -1.0"),
                invalid(() -> Settings.minimize().withMinChange(Double.NaN),
                        "ReduceOnPlateau: minChange must be a finite number ≥ 0, got NaN"),
                invalid(() -> Settings.minimize().withMode(null), "ReduceOnPlateau: mode must not be null"),
                invalid(() -> new ReduceOnPlateau(0, Settings.minimize()),
                        "ReduceOnPlateau: initialRate must be a finite number > 0, got 0.0"),
                invalid(() -> new ReduceOnPlateau(0.01, Settings.minimize().withMinRate(0.1)),
                        "ReduceOnPlateau: initialRate must be ≥ minRate = 0.1, got 0.01"),
                invalid(() -> new State(0.1, Double.NaN, 0, 0),
                        "ReduceOnPlateau.State: best must be a number or ±∞, got NaN"),
                invalid(() -> new State(-0.1, 1, 0, 0),
                        "ReduceOnPlateau.State: rate must be a finite number ≥ 0, got -0.1"),
                invalid(() -> new State(0.1, 1, -1, 0), "ReduceOnPlateau.State: badEpochs must be ≥ 0, got -1"),
                invalid(() -> new State(0.1, 1, 0, -1),
                        "ReduceOnPlateau.State: cooldownRemaining must be ≥ 0, got -1"),
                invalid(() -> new ReduceOnPlateau(0.1, Settings.minimize()).restore(null),
                        "ReduceOnPlateau: state must not be null"),
                invalid(() -> new MultiStepDecay(0.1, 0.1, List.of(5L, 5L)),
                        "MultiStepDecay: milestones must be strictly increasing steps ≥ 1 (5 is not), got [5, 5]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidConfigurations")
    void isRefusedWithAMessageNamingTheFieldValueAndRange(String expectedMessage, ThrowingCallable construction) {
        assertThatThrownBy(construction).hasMessageContaining(expectedMessage);
    }
}
