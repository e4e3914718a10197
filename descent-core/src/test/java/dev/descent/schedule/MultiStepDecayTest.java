package dev.descent.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MultiStepDecayTest {

    @Test
    void dropsAtEachMilestoneIncludingTheMilestoneItself() {
        MultiStepDecay schedule = MultiStepDecay.of(1.0, 0.1, 2, 5);
        assertThat(schedule.valueAt(0)).isEqualTo(1.0);
        assertThat(schedule.valueAt(1)).isEqualTo(1.0);
        assertThat(schedule.valueAt(2)).isEqualTo(0.1);
        assertThat(schedule.valueAt(4)).isEqualTo(0.1);
        assertThat(schedule.valueAt(5)).isCloseTo(0.01, within(1e-17));
        assertThat(schedule.valueAt(Long.MAX_VALUE)).isCloseTo(0.01, within(1e-17));
    }

    @Test
    void matchesPyTorchMultiStepLR() {
        // torch 1.13: MultiStepLR(SGD(lr=0.1), milestones=[2, 5, 9], gamma=0.1), lr before each step
        ScheduleAssertions.assertFirstSteps(MultiStepDecay.of(0.1, 0.1, 2, 5, 9), 1e-14,
                0.1, 0.1, 0.010000000000000002, 0.010000000000000002, 0.010000000000000002, 0.0010000000000000002,
                0.0010000000000000002, 0.0010000000000000002, 0.0010000000000000002, 0.00010000000000000003,
                0.00010000000000000003, 0.00010000000000000003);
    }

    @Test
    void copiesItsMilestones() {
        List<Long> milestones = new ArrayList<>(List.of(10L));
        MultiStepDecay schedule = new MultiStepDecay(0.1, 0.5, milestones);
        milestones.set(0, 1L);
        assertThat(schedule.valueAt(5)).isEqualTo(0.1);
        assertThat(schedule).isEqualTo(MultiStepDecay.of(0.1, 0.5, 10));
    }
}
