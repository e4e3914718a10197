package dev.descent.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LinearDecayTest {

    @Test
    void fallsLinearlyToTheFloorAndStaysThere() {
        LinearDecay schedule = new LinearDecay(0.1, 0.01, 100);
        assertThat(schedule.valueAt(0)).isEqualTo(0.1);
        assertThat(schedule.valueAt(50)).isCloseTo(0.055, within(1e-15)); // (1 − ½)·0.1 + ½·0.01
        assertThat(schedule.valueAt(99)).isCloseTo(0.0109, within(1e-15)); // 0.01·0.1 + 0.99·0.01
        assertThat(schedule.valueAt(100)).isEqualTo(0.01);
        assertThat(schedule.valueAt(1_000_000)).isEqualTo(0.01);
    }

    @Test
    void matchesPyTorchLinearLR() {
        // torch 1.13: LinearLR(SGD(lr=0.1), start_factor=1, end_factor=0.25, total_iters=4), lr before each step
        ScheduleAssertions.assertFirstSteps(new LinearDecay(0.1, 0.025, 4), 1e-14,
                0.1, 0.08125, 0.0625, 0.04375, 0.025, 0.025);
    }

    @Test
    void mayDecayToZeroAsPyTorchLinearLRWithEndFactorZero() {
        // LinearLR(start_factor=1, end_factor=0, total_iters=4): 0.1·(1 − t/4), then 0
        ScheduleAssertions.assertFirstSteps(new LinearDecay(0.1, 0, 4), 1e-15, 0.1, 0.075, 0.05, 0.025, 0, 0);
    }

    @Test
    void constantIsConstant() {
        LearningRateSchedule schedule = LearningRateSchedule.constant(0.3);
        assertThat(schedule.valueAt(0)).isEqualTo(0.3);
        assertThat(schedule.valueAt(123_456)).isEqualTo(0.3);
        assertThat(schedule).isEqualTo(new LearningRateSchedule.Constant(0.3));
    }
}
