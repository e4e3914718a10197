package dev.descent.plot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TickLabelsTest {

    @Test
    void plainDecimalsWithALeadingZeroAndNoBinaryNoise() {
        assertThat(TickLabels.format(0.05)).isEqualTo("0.05");
        assertThat(TickLabels.format(0.1 + 0.2)).isEqualTo("0.3");
        assertThat(TickLabels.format(-0.045)).isEqualTo("-0.045");
        assertThat(TickLabels.format(8000)).isEqualTo("8000");
        assertThat(TickLabels.format(2.0)).isEqualTo("2");
        assertThat(TickLabels.format(1e-17)).isEqualTo("0");
    }

    @Test
    void scientificForVerySmallAndVeryLargeMagnitudes() {
        assertThat(TickLabels.format(2.5e-5)).isEqualTo("2.5e-05");
        assertThat(TickLabels.format(1e-5)).isEqualTo("1e-05");
        assertThat(TickLabels.format(-1.2e7)).isEqualTo("-1.2e+07");
    }

    @Test
    void powersOfTenInSuperscript() {
        assertThat(TickLabels.powerOfTen(-4)).isEqualTo("10⁻⁴");
        assertThat(TickLabels.powerOfTen(0)).isEqualTo("10⁰");
        assertThat(TickLabels.powerOfTen(3)).isEqualTo("10³");
        assertThat(TickLabels.powerOfTen(-12)).isEqualTo("10⁻¹²");
        assertThat(TickLabels.timesPowerOfTen(2, -3)).isEqualTo("2·10⁻³");
        assertThat(TickLabels.timesPowerOfTen(1, 5)).isEqualTo("10⁵");
        assertThat(TickLabels.plain(0.0002)).isTrue();
        assertThat(TickLabels.plain(2e-5)).isFalse();
    }
}
