package dev.descent.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LinearDecayTest {

    @Test
    void fallsLinearlyToTheFloorAndStaysThere() {
        LinearDecay schedule = new LinearDecay(0.1, 0.01, 100);
        assertThat(schedule.valueAt(0)).isEqualTo(0.1);
        assertThat(schedule.valueAt(50)).isCloseTo(0.055, within(1e-15)); // (1 − ½)·0.1 + ½·0.01
        assertThat(schedule.valueAt(100)).isEqualTo(0.01);
        assertThat(schedule.valueAt(1_000_000)).isEqualTo(0.01);
    }

    @Test
    void invalidSettingsNameTheField() {
        assertThatThrownBy(() -> new LinearDecay(0.1, 0.2, 10)).hasMessageContaining("floor 0.2");
        assertThatThrownBy(() -> new LinearDecay(0.1, 0.0, 10)).hasMessageContaining("floor learning rate");
        assertThatThrownBy(() -> new LinearDecay(Double.NaN, 0.01, 10)).hasMessageContaining("initial learning rate");
        assertThatThrownBy(() -> new LinearDecay(0.1, 0.01, 0)).hasMessageContaining("decaySteps");
    }

    @Test
    void constantIsConstant() {
        LearningRateSchedule schedule = LearningRateSchedule.constant(0.3);
        assertThat(schedule.valueAt(0)).isEqualTo(0.3);
        assertThat(schedule.valueAt(123_456)).isEqualTo(0.3);
        assertThatThrownBy(() -> LearningRateSchedule.constant(-1)).hasMessageContaining("lr");
    }
}
