package dev.descent.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PolynomialDecayTest {

    @Test
    void fallsAsAPowerToTheFloor() {
        PolynomialDecay schedule = new PolynomialDecay(0.1, 0.02, 4, 2);
        assertThat(schedule.valueAt(0)).isEqualTo(0.1);
        assertThat(schedule.valueAt(2)).isCloseTo(0.04, within(1e-17)); // 0.08·(1 − 2/4)² + 0.02
        assertThat(schedule.valueAt(4)).isEqualTo(0.02);
        assertThat(schedule.valueAt(1_000)).isEqualTo(0.02);
    }

    @Test
    void powerOneIsLinearDecay() {
        PolynomialDecay polynomial = new PolynomialDecay(0.1, 0.01, 100, 1);
        LinearDecay linear = new LinearDecay(0.1, 0.01, 100);
        for (long t = 0; t <= 120; t++) {
            assertThat(polynomial.valueAt(t)).isCloseTo(linear.valueAt(t), within(1e-16));
        }
    }

    @Test
    void matchesPyTorchPolynomialLR() {
        // torch 1.13: PolynomialLR(SGD(lr=0.1), total_iters=4, power=2.0), lr before each step
        ScheduleAssertions.assertFirstSteps(new PolynomialDecay(0.1, 4, 2.0), 1e-14,
                0.1, 0.05625, 0.024999999999999998, 0.0062499999999999995, 0.0, 0.0, 0.0);
    }
}
