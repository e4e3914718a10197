package dev.descent.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InverseTimeDecayTest {

    @Test
    void fallsLikeOneOverT() {
        InverseTimeDecay schedule = new InverseTimeDecay(0.1, 0.01);
        assertThat(schedule.valueAt(0)).isEqualTo(0.1);
        assertThat(schedule.valueAt(1)).isEqualTo(0.1 / 1.01);
        assertThat(schedule.valueAt(100)).isEqualTo(0.05); // halved at t = 1/r
        assertThat(schedule.valueAt(900)).isEqualTo(0.01);
    }

    @Test
    void zeroDecayRateIsConstant() {
        assertThat(new InverseTimeDecay(0.1, 0).valueAt(1_000_000)).isEqualTo(0.1);
    }

    @Test
    void decaysFarSlowerThanTheRecursiveForm() {
        // the two forms the Javadocs contrast, at the numbers they quote
        assertThat(new InverseTimeDecay(0.1, 0.01).valueAt(100)).isEqualTo(0.05);
        assertThat(new RecursiveInverseTimeDecay(0.1, 0.01).valueAt(100)).isBetween(2.3e-18, 2.4e-18);
    }
}
