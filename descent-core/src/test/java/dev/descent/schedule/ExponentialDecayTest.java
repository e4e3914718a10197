package dev.descent.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ExponentialDecayTest {

    @Test
    void halvesEveryLn2OverLambdaSteps() {
        ExponentialDecay schedule = new ExponentialDecay(0.1, Math.log(2));
        assertThat(schedule.valueAt(0)).isEqualTo(0.1);
        assertThat(schedule.valueAt(1)).isCloseTo(0.05, within(1e-17));
        assertThat(schedule.valueAt(3)).isCloseTo(0.0125, within(1e-17));
        assertThat(new ExponentialDecay(0.1, 0).valueAt(1_000_000)).isEqualTo(0.1);
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
