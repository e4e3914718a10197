package dev.descent.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.descent.tensor.Tensor;
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

    @Test
    void spiralsHasTwoFeaturesAndBalancedClasses() {
        Dataset spirals = SyntheticData.spirals(301, 3, 0.05, 1);

        assertThat(spirals.features().shape().dims()).containsExactly(301, 2);
        assertThat(spirals.classes()).isEqualTo(3);
        assertThat(spirals.classCounts()).containsExactly(101, 100, 100);
        assertThat(spirals.labels()).containsOnly(0, 1, 2);
    }

    @Test
    void spiralArmsWithoutNoiseAreRotationsOfOneAnother() {
        int classes = 4;
        Dataset spirals = SyntheticData.spirals(400, classes, 0, 2);

        // Each point's angle, less its class's rotation, is one turn times its radius.
        for (int i = 0; i < spirals.size(); i++) {
            double x = spirals.features().get(i, 0);
            double y = spirals.features().get(i, 1);
            double radius = Math.hypot(x, y);
            double expected = 2 * Math.PI * ((double) spirals.label(i) / classes + radius);
            double difference = Math.IEEEremainder(Math.atan2(y, x) - expected, 2 * Math.PI);
            assertThat(radius).isBetween(0.0, 1 + 1e-6);
            assertThat(difference).as("row %d", i).isCloseTo(0, within(1e-5));
        }
    }

    @Test
    void spiralsIsDeterministicPerSeedAndValidatesArguments() {
        assertThat(SyntheticData.spirals(60, 2, 0.1, 4).features().data())
                .isEqualTo(SyntheticData.spirals(60, 2, 0.1, 4).features().data())
                .isNotEqualTo(SyntheticData.spirals(60, 2, 0.1, 5).features().data());
        assertThatThrownBy(() -> SyntheticData.spirals(10, 1, 0.1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("spirals: classes must be at least 2, got 1");
        assertThatThrownBy(() -> SyntheticData.spirals(2, 3, 0.1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("spirals: n must be at least classes (3) so that every class has a point, got 2");
        assertThatThrownBy(() -> SyntheticData.spirals(10, 2, -1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("spirals: noise must be a finite number ≥ 0, got -1.0");
    }

    @Test
    void xorLabelsAreOneWhereTheSignsDiffer() {
        Dataset xor = SyntheticData.xor(103, 0, 3);

        assertThat(xor.features().shape().dims()).containsExactly(103, 2);
        assertThat(xor.classCounts()).containsExactly(52, 51);
        for (int i = 0; i < xor.size(); i++) {
            float x = xor.features().get(i, 0);
            float y = xor.features().get(i, 1);
            assertThat(Math.abs(x)).isEqualTo(1);
            assertThat(Math.abs(y)).isEqualTo(1);
            assertThat(xor.label(i)).as("row %d at (%s, %s)", i, x, y).isEqualTo(x * y < 0 ? 1 : 0);
        }
    }

    @Test
    void xorWithNoiseStaysInItsQuadrantMostlyAndIsDeterministic() {
        Dataset xor = SyntheticData.xor(400, 0.3, 4);

        int agreeing = 0;
        for (int i = 0; i < xor.size(); i++) {
            boolean signsDiffer = xor.features().get(i, 0) * xor.features().get(i, 1) < 0;
            agreeing += (signsDiffer ? 1 : 0) == xor.label(i) ? 1 : 0;
        }
        assertThat(agreeing).isGreaterThan(380); // P(|noise| > 1) per coordinate ≈ 0.0009 at σ = 0.3
        assertThat(SyntheticData.xor(40, 0.3, 4).features().data())
                .isEqualTo(SyntheticData.xor(40, 0.3, 4).features().data())
                .isNotEqualTo(SyntheticData.xor(40, 0.3, 5).features().data());
        assertThatThrownBy(() -> SyntheticData.xor(3, 0.1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("xor: n must be at least 4 (one point per corner), got 3");
        assertThatThrownBy(() -> SyntheticData.xor(8, Double.NaN, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("xor: noise must be a finite number ≥ 0");
    }

    @Test
    void linearRegressionWeightsAreRecoveredByLeastSquares() {
        SyntheticData.RegressionProblem problem = SyntheticData.linearRegression(2000, 4, 0.1, 7);

        assertThat(problem.data().features().shape().dims()).containsExactly(2000, 4);
        assertThat(problem.data().targets().shape().dims()).containsExactly(2000);
        assertThat(problem.data().name()).isEqualTo("linear-regression");
        double[] fitted = ordinaryLeastSquares(problem.data().features(), problem.data().targets());
        double[] weights = problem.trueWeights();
        assertThat(weights).hasSize(4);
        for (int j = 0; j < 4; j++) {
            assertThat(fitted[j]).as("weight %d", j).isCloseTo(weights[j], within(0.01));
        }
        assertThat(fitted[4]).as("intercept").isCloseTo(problem.trueIntercept(), within(0.01));
    }

    @Test
    void linearRegressionWithoutNoiseIsExactUpToFloatRounding() {
        SyntheticData.RegressionProblem problem = SyntheticData.linearRegression(50, 3, 0, 8);

        double[] w = problem.trueWeights();
        for (int i = 0; i < 50; i++) {
            double y = problem.trueIntercept();
            for (int j = 0; j < 3; j++) {
                y += problem.data().features().get(i, j) * w[j];
            }
            assertThat(problem.data().targets().get(i)).isCloseTo((float) y, within(1e-6f * (1 + (float) Math.abs(y))));
        }
    }

    @Test
    void linearRegressionIsDeterministicPerSeedAndValidatesArguments() {
        SyntheticData.RegressionProblem a = SyntheticData.linearRegression(30, 2, 0.5, 1);
        SyntheticData.RegressionProblem b = SyntheticData.linearRegression(30, 2, 0.5, 1);
        SyntheticData.RegressionProblem c = SyntheticData.linearRegression(30, 2, 0.5, 2);

        assertThat(b.data().features().data()).isEqualTo(a.data().features().data());
        assertThat(b.data().targets().data()).isEqualTo(a.data().targets().data());
        assertThat(b.trueWeights()).isEqualTo(a.trueWeights());
        assertThat(c.trueWeights()).isNotEqualTo(a.trueWeights());
        a.trueWeights()[0] = 99;
        assertThat(a.trueWeights()).isEqualTo(b.trueWeights());
        assertThatThrownBy(() -> SyntheticData.linearRegression(0, 2, 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("linear regression: n must be at least 1, got 0");
        assertThatThrownBy(() -> SyntheticData.linearRegression(5, 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("linear regression: features must be at least 1, got 0");
        assertThatThrownBy(() -> SyntheticData.linearRegression(5, 1, Double.POSITIVE_INFINITY, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("linear regression: noise must be a finite number ≥ 0, got Infinity");
    }

    @Test
    void logisticLabelsFollowTheTrueModel() {
        SyntheticData.LogisticProblem problem = SyntheticData.logistic(20_000, 3, 5);
        Dataset data = problem.data();

        assertThat(data.features().shape().dims()).containsExactly(20_000, 3);
        assertThat(data.classes()).isEqualTo(2);
        assertThat(problem.trueIntercept()).isBetween(-0.5, 0.5);
        double[] fitted = logisticRegressionByNewton(data);
        double[] weights = problem.trueWeights();
        for (int j = 0; j < 3; j++) {
            assertThat(fitted[j]).as("weight %d", j).isCloseTo(weights[j], within(0.1));
        }
        assertThat(fitted[3]).as("intercept").isCloseTo(problem.trueIntercept(), within(0.1));
    }

    @Test
    void logisticIsDeterministicPerSeedAndValidatesArguments() {
        SyntheticData.LogisticProblem a = SyntheticData.logistic(100, 2, 3);
        SyntheticData.LogisticProblem b = SyntheticData.logistic(100, 2, 3);

        assertThat(b.data().features().data()).isEqualTo(a.data().features().data());
        assertThat(b.data().labels()).isEqualTo(a.data().labels());
        assertThat(SyntheticData.logistic(100, 2, 4).data().labels()).isNotEqualTo(a.data().labels());
        assertThat(a.data().classCounts()[0]).isPositive();
        assertThat(a.data().classCounts()[1]).isPositive();
        assertThatThrownBy(() -> SyntheticData.logistic(0, 2, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("logistic: n must be at least 1, got 0");
        assertThatThrownBy(() -> SyntheticData.logistic(4, -1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("logistic: features must be at least 1, got -1");
    }

    /** Least squares with an intercept, by the normal equations in double: weights, then intercept. */
    private static double[] ordinaryLeastSquares(Tensor x, Tensor y) {
        int n = x.dim(0);
        int d = x.dim(1);
        double[][] gram = new double[d + 1][d + 1];
        double[] moment = new double[d + 1];
        double[] row = new double[d + 1];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                row[j] = x.get(i, j);
            }
            row[d] = 1;
            for (int a = 0; a <= d; a++) {
                moment[a] += row[a] * y.get(i);
                for (int b = 0; b <= d; b++) {
                    gram[a][b] += row[a] * row[b];
                }
            }
        }
        return solve(gram, moment);
    }

    /** Logistic regression with an intercept by Newton's method in double: weights, then intercept. */
    private static double[] logisticRegressionByNewton(Dataset data) {
        int d = data.featureCount();
        double[] beta = new double[d + 1];
        double[] row = new double[d + 1];
        for (int iteration = 0; iteration < 12; iteration++) {
            double[][] hessian = new double[d + 1][d + 1];
            double[] gradient = new double[d + 1];
            for (int i = 0; i < data.size(); i++) {
                double logit = 0;
                for (int j = 0; j <= d; j++) {
                    row[j] = j < d ? data.features().get(i, j) : 1;
                    logit += row[j] * beta[j];
                }
                double p = 1 / (1 + Math.exp(-logit));
                for (int a = 0; a <= d; a++) {
                    gradient[a] += (data.label(i) - p) * row[a];
                    for (int b = 0; b <= d; b++) {
                        hessian[a][b] += p * (1 - p) * row[a] * row[b];
                    }
                }
            }
            double[] step = solve(hessian, gradient);
            for (int j = 0; j <= d; j++) {
                beta[j] += step[j];
            }
        }
        return beta;
    }

    /** Solves {@code a·x = b} by Gaussian elimination with partial pivoting; overwrites both. */
    private static double[] solve(double[][] a, double[] b) {
        int m = b.length;
        for (int k = 0; k < m; k++) {
            int pivot = k;
            for (int r = k + 1; r < m; r++) {
                if (Math.abs(a[r][k]) > Math.abs(a[pivot][k])) {
                    pivot = r;
                }
            }
            double[] t = a[k];
            a[k] = a[pivot];
            a[pivot] = t;
            double tb = b[k];
            b[k] = b[pivot];
            b[pivot] = tb;
            for (int r = k + 1; r < m; r++) {
                double factor = a[r][k] / a[k][k];
                for (int c = k; c < m; c++) {
                    a[r][c] -= factor * a[k][c];
                }
                b[r] -= factor * b[k];
            }
        }
        double[] x = new double[m];
        for (int k = m - 1; k >= 0; k--) {
            double sum = b[k];
            for (int c = k + 1; c < m; c++) {
                sum -= a[k][c] * x[c];
            }
            x[k] = sum / a[k][k];
        }
        return x;
    }
}
