package dev.descent.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SequenceTest {

    @Test
    void theSecondScheduleCountsFromTheBoundary() {
        LearningRateSchedule schedule = LearningRateSchedule.join(
                LearningRateSchedule.constant(1.0), 3, new LinearDecay(0.5, 0.25, 2));
        assertThat(schedule.valueAt(0)).isEqualTo(1.0);
        assertThat(schedule.valueAt(2)).isEqualTo(1.0);
        assertThat(schedule.valueAt(3)).isEqualTo(0.5); // the decay's step 0
        assertThat(schedule.valueAt(4)).isEqualTo(0.375);
        assertThat(schedule.valueAt(5)).isEqualTo(0.25);
        assertThat(schedule.valueAt(500)).isEqualTo(0.25);
    }

    @Test
    void nestedJoinsHaveRelativeBoundaries() {
        LearningRateSchedule schedule = LearningRateSchedule.join(LearningRateSchedule.constant(3), 100,
                LearningRateSchedule.join(LearningRateSchedule.constant(2), 900, LearningRateSchedule.constant(1)));
        assertThat(schedule.valueAt(99)).isEqualTo(3);
        assertThat(schedule.valueAt(100)).isEqualTo(2);
        assertThat(schedule.valueAt(999)).isEqualTo(2);
        assertThat(schedule.valueAt(1_000)).isEqualTo(1);
    }

    @Test
    void boundaryZeroIsTheSecondSchedule() {
        LearningRateSchedule schedule = LearningRateSchedule.join(
                LearningRateSchedule.constant(1.0), 0, new StepDecay(0.5, 0.5, 1));
        assertThat(schedule.valueAt(0)).isEqualTo(0.5);
        assertThat(schedule.valueAt(1)).isEqualTo(0.25);
    }
}
