package dev.descent.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EpochScheduleTest {

    @Test
    void everyStepOfAnEpochGetsThatEpochsRate() {
        LearningRateSchedule schedule = EpochSchedule.toSteps(new StepDecay(0.1, 0.5, 2), 3);
        // steps 0–5 are epochs 0–1, steps 6–11 epochs 2–3, step 12 epoch 4
        assertThat(schedule.valueAt(0)).isEqualTo(0.1);
        assertThat(schedule.valueAt(5)).isEqualTo(0.1);
        assertThat(schedule.valueAt(6)).isEqualTo(0.05);
        assertThat(schedule.valueAt(11)).isEqualTo(0.05);
        assertThat(schedule.valueAt(12)).isEqualTo(0.025);
    }

    @Test
    void matchesPyTorchSteppedOncePerEpoch() {
        // torch 1.13: MultiStepLR(SGD(lr=0.1), milestones=[2, 4], gamma=0.5) with scheduler.step() after each
        // epoch of 3 optimizer steps; lr before each optimizer step
        ScheduleAssertions.assertFirstSteps(EpochSchedule.toSteps(MultiStepDecay.of(0.1, 0.5, 2, 4), 3), 0,
                0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05,
                0.025, 0.025, 0.025, 0.025, 0.025, 0.025);
    }
}
