package dev.descent.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CosineAnnealingWarmRestartsTest {

    @Test
    void restartsAtTheStartOfEachLongerPeriod() {
        CosineAnnealingWarmRestarts schedule = new CosineAnnealingWarmRestarts(0.1, 0.0, 2, 3);
        // periods 2, 6, 18: restarts at steps 2, 8, 26
        assertThat(schedule.valueAt(0)).isEqualTo(0.1);
        assertThat(schedule.valueAt(1)).isEqualTo(0.05); // cos(π/2)
        assertThat(schedule.valueAt(2)).isEqualTo(0.1);
        assertThat(schedule.valueAt(5)).isEqualTo(0.05); // 3 steps into a period of 6
        assertThat(schedule.valueAt(8)).isEqualTo(0.1);
        assertThat(schedule.valueAt(25)).isLessThan(0.001);
        assertThat(schedule.valueAt(26)).isEqualTo(0.1);
    }

    @Test
    void survivesPeriodsBeyondLongRange() {
        CosineAnnealingWarmRestarts schedule = new CosineAnnealingWarmRestarts(0.1, 0.0, 1, 1_000);
        assertThat(schedule.valueAt(Long.MAX_VALUE)).isBetween(0.0, 0.1);
        assertThat(new CosineAnnealingWarmRestarts(0.1, 0.0, 3, 1).valueAt(3_000_000_000_000L)).isEqualTo(0.1);
    }

    @Test
    void matchesPyTorchCosineAnnealingWarmRestarts() {
        // torch 1.13: CosineAnnealingWarmRestarts(SGD(lr=0.1), T_0=3, T_mult=2, eta_min=0.001), lr before each step
        ScheduleAssertions.assertFirstSteps(new CosineAnnealingWarmRestarts(0.1, 0.001, 3, 2), 1e-14,
                0.1, 0.07525000000000001, 0.025750000000000012, 0.1, 0.09336825748732973, 0.07525000000000001,
                0.0505, 0.025750000000000012, 0.007631742512670284, 0.1, 0.09831332840130888, 0.09336825748732973,
                0.0855017856687341, 0.07525000000000001, 0.06331154273257478, 0.0505, 0.03768845726742523,
                0.025750000000000012, 0.0154982143312659, 0.007631742512670284, 0.0026866715986911243, 0.1,
                0.09957652063800362, 0.09831332840130888, 0.0962320368593087);
        // torch 1.13: CosineAnnealingWarmRestarts(SGD(lr=0.1), T_0=4, T_mult=1, eta_min=0)
        ScheduleAssertions.assertFirstSteps(new CosineAnnealingWarmRestarts(0.1, 0.0, 4, 1), 1e-14,
                0.1, 0.08535533905932738, 0.05, 0.014644660940672627, 0.1, 0.08535533905932738, 0.05,
                0.014644660940672627, 0.1, 0.08535533905932738);
    }
}
