package dev.descent.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScaledTest {

    @Test
    void multipliesEveryStep() {
        CosineAnnealing base = new CosineAnnealing(0.1, 0.0, 10);
        LearningRateSchedule backbone = base.scaledBy(0.5);
        for (long t = 0; t <= 12; t++) {
            assertThat(backbone.valueAt(t)).isEqualTo(0.5 * base.valueAt(t));
        }
        assertThat(backbone).isEqualTo(new Scaled(base, 0.5));
    }

    @Test
    void zeroFreezes() {
        assertThat(LearningRateSchedule.constant(0.1).scaledBy(0).valueAt(7)).isZero();
    }
}
