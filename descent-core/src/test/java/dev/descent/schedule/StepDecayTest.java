package dev.descent.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StepDecayTest {

    @Test
    void dropsAtEveryMultipleOfTheStepSize() {
        StepDecay schedule = new StepDecay(0.1, 0.5, 3);
        assertThat(schedule.valueAt(2)).isEqualTo(0.1);
        assertThat(schedule.valueAt(3)).isEqualTo(0.05);
        assertThat(schedule.valueAt(5)).isEqualTo(0.05);
        assertThat(schedule.valueAt(6)).isEqualTo(0.025);
        assertThat(schedule.valueAt(3_000)).isEqualTo(0.1 * Math.pow(0.5, 1_000)); // underflows gracefully to 0
    }

    @Test
    void matchesPyTorchStepLR() {
        // torch 1.13: StepLR(SGD(lr=0.1), step_size=3, gamma=0.5), lr before each step
        ScheduleAssertions.assertFirstSteps(new StepDecay(0.1, 0.5, 3), 0,
                0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025, 0.025, 0.025, 0.0125, 0.0125);
    }
}
