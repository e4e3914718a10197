package dev.descent.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CosineAnnealingTest {

    @Test
    void halfwayAtTheMidpointThenStaysAtTheFloor() {
        CosineAnnealing schedule = new CosineAnnealing(0.1, 0.001, 10);
        assertThat(schedule.valueAt(0)).isEqualTo(0.1);
        assertThat(schedule.valueAt(5)).isEqualTo(0.0505); // α_min + ½(α₀ − α_min)(1 + cos π/2)
        assertThat(schedule.valueAt(10)).isEqualTo(0.001);
        assertThat(schedule.valueAt(11)).isEqualTo(0.001); // PyTorch's CosineAnnealingLR would rise again here
    }

    @Test
    void matchesPyTorchCosineAnnealingLR() {
        // torch 1.13: CosineAnnealingLR(SGD(lr=0.1), T_max=10, eta_min=0.001), lr before each step
        // (PyTorch updates recursively, so the last digits drift: compared to 10⁻¹³)
        ScheduleAssertions.assertFirstSteps(new CosineAnnealing(0.1, 0.001, 10), 1e-13,
                0.1, 0.09757729755661011, 0.0905463412215599, 0.07959536998847742, 0.0657963412215599, 0.0505,
                0.03520365877844011, 0.02140463001152259, 0.010453658778440109, 0.0034227024433899004, 0.001);
    }
}
