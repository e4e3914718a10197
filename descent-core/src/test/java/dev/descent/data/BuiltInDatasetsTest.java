package dev.descent.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BuiltInDatasetsTest {
    @Test
    void digitsHas1797ImagesOf64PixelsIn10Classes() {
        Dataset digits = BuiltInDatasets.digits();

        assertThat(digits.name()).isEqualTo("digits");
        assertThat(digits.features().shape().dims()).containsExactly(1797, 64);
        assertThat(digits.classes()).isEqualTo(10);
        assertThat(digits.className(7)).isEqualTo("7");
        assertThat(Arrays.stream(digits.classCounts()).sum()).isEqualTo(1797);
        assertThat(Arrays.stream(digits.classCounts()).min().orElseThrow()).isEqualTo(174);
        assertThat(Arrays.stream(digits.classCounts()).max().orElseThrow()).isEqualTo(183);
    }

    @Test
    void digitsPixelsAreScaledToTheUnitInterval() {
        Dataset digits = BuiltInDatasets.digits();

        float[] pixels = digits.features().data();
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (float v : pixels) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertThat(min).isEqualTo(0f);
        assertThat(max).isEqualTo(1f);
        // First row of scikit-learn's digits starts 0, 0, 5, 13, 9, 1 and is a 0.
        assertThat(Arrays.copyOf(digits.features().row(0), 6)).containsExactly(0f, 0f, 5 / 16f, 13 / 16f, 9 / 16f, 1 / 16f);
        assertThat(digits.label(0)).isZero();
        assertThat(digits.label(1796)).isEqualTo(8);
    }
}
