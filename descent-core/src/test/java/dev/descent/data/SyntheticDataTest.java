package dev.descent.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SyntheticDataTest {
    @Test
    void twoMoonsHasTwoFeaturesAndTwoBalancedClasses() {
        Dataset moons = SyntheticData.twoMoons(101, 0.1, 5);

        assertThat(moons.features().shape().dims()).containsExactly(101, 2);
        assertThat(moons.classes()).isEqualTo(2);
        assertThat(moons.classCounts()).containsExactly(50, 51);
    }

    @Test
    void twoMoonsWithoutNoiseLiesOnTheArcs() {
        Dataset moons = SyntheticData.twoMoons(40, 0, 1);

        for (int i = 0; i < moons.size(); i++) {
            double x = moons.features().get(i, 0);
            double y = moons.features().get(i, 1);
            if (moons.label(i) == 0) { // upper arc centred on (0, 0)
                assertThat(Math.hypot(x, y)).isCloseTo(1, within(1e-6));
                assertThat(y).isGreaterThanOrEqualTo(-1e-6);
            } else { // lower arc centred on (1, 0.5)
                assertThat(Math.hypot(x - 1, y - 0.5)).isCloseTo(1, within(1e-6));
                assertThat(y).isLessThanOrEqualTo(0.5 + 1e-6);
            }
        }
    }

    @Test
    void twoMoonsIsShuffled() {
        int[] labels = SyntheticData.twoMoons(100, 0.1, 9).labels();

        boolean sortedByClass = true;
        for (int i = 1; i < labels.length; i++) {
            sortedByClass &= labels[i - 1] <= labels[i];
        }
        assertThat(sortedByClass).isFalse();
    }

    @Test
    void twoMoonsIsDeterministicPerSeed() {
        Dataset a = SyntheticData.twoMoons(50, 0.2, 11);
        Dataset b = SyntheticData.twoMoons(50, 0.2, 11);
        Dataset c = SyntheticData.twoMoons(50, 0.2, 12);

        assertThat(b.features().data()).isEqualTo(a.features().data());
        assertThat(b.labels()).isEqualTo(a.labels());
        assertThat(c.features().data()).isNotEqualTo(a.features().data());
    }

    @Test
    void twoMoonsValidatesArguments() {
        assertThatThrownBy(() -> SyntheticData.twoMoons(1, 0.1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("n must be at least 2").hasMessageEndingWith("got 1");
        assertThatThrownBy(() -> SyntheticData.twoMoons(10, -0.1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("noise must be a finite number ≥ 0, got -0.1");
        assertThatThrownBy(() -> SyntheticData.twoMoons(10, Double.NaN, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got NaN");
    }

    @Test
    void gaussianBlobsShapesAndClassSizes() {
        Dataset blobs = SyntheticData.gaussianBlobs(103, 4, 3, 0.5, 2);

        assertThat(blobs.features().shape().dims()).containsExactly(103, 3);
        assertThat(blobs.classes()).isEqualTo(4);
        assertThat(blobs.classCounts()).containsExactly(26, 26, 26, 25);
    }

    @Test
    void gaussianBlobsClustersAroundOneCentrePerClass() {
        Dataset blobs = SyntheticData.gaussianBlobs(400, 2, 2, 0.1, 3);

        double[][] sum = new double[2][2];
        double[][] sumSquares = new double[2][2];
        int[] counts = blobs.classCounts();
        for (int i = 0; i < blobs.size(); i++) {
            for (int f = 0; f < 2; f++) {
                double v = blobs.features().get(i, f);
                sum[blobs.label(i)][f] += v;
                sumSquares[blobs.label(i)][f] += v * v;
            }
        }
        for (int c = 0; c < 2; c++) {
            for (int f = 0; f < 2; f++) {
                double mean = sum[c][f] / counts[c];
                double std = Math.sqrt(sumSquares[c][f] / counts[c] - mean * mean);
                assertThat(mean).isBetween(-10.5, 10.5);
                assertThat(std).isCloseTo(0.1, within(0.03));
            }
        }
    }

    @Test
    void gaussianBlobsIsDeterministicPerSeed() {
        assertThat(SyntheticData.gaussianBlobs(30, 3, 2, 1, 4).features().data())
                .isEqualTo(SyntheticData.gaussianBlobs(30, 3, 2, 1, 4).features().data())
                .isNotEqualTo(SyntheticData.gaussianBlobs(30, 3, 2, 1, 5).features().data());
    }

    @Test
    void gaussianBlobsValidatesArguments() {
        assertThatThrownBy(() -> SyntheticData.gaussianBlobs(10, 0, 2, 1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("classes must be at least 1, got 0");
        assertThatThrownBy(() -> SyntheticData.gaussianBlobs(10, 2, 0, 1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("features must be at least 1, got 0");
        assertThatThrownBy(() -> SyntheticData.gaussianBlobs(2, 3, 2, 1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("n must be at least classes (3)")
                .hasMessageContaining("got 2");
        assertThatThrownBy(() -> SyntheticData.gaussianBlobs(10, 2, 2, Double.POSITIVE_INFINITY, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("spread must be a finite number ≥ 0");
    }
}
