package dev.descent.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ExponentialDecayTest {

    @Test
    void halvesEveryLn2OverLambdaSteps() {
        ExponentialDecay schedule = ExponentialDecay.withRate(0.1, Math.log(2));
        assertThat(schedule.valueAt(0)).isEqualTo(0.1);
        assertThat(schedule.valueAt(1)).isCloseTo(0.05, within(1e-17));
        assertThat(schedule.valueAt(3)).isCloseTo(0.0125, within(1e-17));
        assertThat(ExponentialDecay.withRate(0.1, 0).valueAt(1_000_000)).isEqualTo(0.1);
    }

    @Test
    void aFactorAndARateOfTheSameNumberAreDifferentSchedulesEachNamedAtItsCall() {
        // γ = 0.5: 0.5·0.5 = 0.25 at t = 1 (PyTorch's ExponentialLR); λ = 0.5: 0.5·e^(−0.5) = 0.3033
        assertThat(ExponentialDecay.withFactor(0.5, 0.5).valueAt(1)).isCloseTo(0.25, within(1e-16));
        assertThat(ExponentialDecay.withRate(0.5, 0.5).valueAt(1)).isCloseTo(0.5 * Math.exp(-0.5), within(1e-16));
        // the factor is stored as its rate: λ = −ln γ
        assertThat(ExponentialDecay.withFactor(0.1, 0.9)).isEqualTo(ExponentialDecay.withRate(0.1, -Math.log(0.9)));
    }

    @Test
    void hasNoPublicConstructorThatCouldBeReadEitherWay() {
        assertThat(ExponentialDecay.class.getConstructors()).isEmpty();
    }

    @Test
    void withFactorMatchesPyTorchExponentialLR() {
        // torch 1.13: ExponentialLR(SGD(lr=0.1), gamma=0.9), lr before each step
        ScheduleAssertions.assertFirstSteps(ExponentialDecay.withFactor(0.1, 0.9), 1e-14,
                0.1, 0.09000000000000001, 0.08100000000000002, 0.07290000000000002, 0.06561000000000002,
                0.05904900000000002);
        assertThat(ExponentialDecay.withFactor(0.1, 1).decayRate()).isZero();
    }
}
