package dev.descent.linear;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.descent.data.BuiltInDatasets;
import dev.descent.data.Dataset;
import dev.descent.data.HoldOutSplit;
import dev.descent.data.Standardization;
import dev.descent.data.Splits;
import dev.descent.data.SyntheticData;
import dev.descent.linalg.LeastSquaresSolver;
import dev.descent.optim.Adam;
import dev.descent.optim.Sgd;
import dev.descent.random.Rng;
import dev.descent.schedule.LinearDecay;
import dev.descent.solver.GradientDescent;
import dev.descent.solver.Lbfgs;
import dev.descent.solver.StoppingCriteria;
import dev.descent.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The convex baselines: fitted by every method they allow, on synthetic and real data. */
class LinearModelsTest {
    private static final int N = 300;
    private static final float[] TRUE_WEIGHTS = {2f, -1f, 0.5f};

    private static Tensor[] regression(long seed, double noise) {
        Rng rng = new Rng(seed);
        float[] x = new float[N * 3];
        float[] y = new float[N];
        for (int i = 0; i < N; i++) {
            double t = 1.0;
            for (int j = 0; j < 3; j++) {
                x[i * 3 + j] = (float) rng.nextGaussian();
                t += TRUE_WEIGHTS[j] * x[i * 3 + j];
            }
            y[i] = (float) (t + noise * rng.nextGaussian());
        }
        return new Tensor[] {Tensor.wrap(x, N, 3), Tensor.wrap(y, N)};
    }

    @Test
    void leastSquaresRecoversTheTrueWeightsInClosedForm() {
        Tensor[] data = regression(1, 0.0);
        LinearRegression ols = new LinearRegression().fit(data[0], data[1]);
        assertThat(ols.coefficients()).containsExactly(new float[] {2f, -1f, 0.5f}, within(1e-5f));
        assertThat(ols.intercept()).isCloseTo(1f, within(1e-5f));
        assertThat(ols.score(data[0], data[1])).isCloseTo(1.0, within(1e-9));
    }

    /**
     * Like scikit-learn's LinearRegression: centre, then the minimum-norm least-squares solution.
     * The reference numbers are NumPy's lstsq on the centred data (see LeastSquaresTest).
     */
    @Test
    void leastSquaresOnRankDeficientDataGivesTheMinimumNormSolution() {
        Tensor duplicated = Tensor.wrap(new float[] {0, 1, 1, 1, -1, -1, 2, 2, 2, 3, 0.5f, 0.5f, 4, 3, 3, 5, -2, -2},
                6, 3);
        Tensor y = Tensor.wrap(new float[] {4.5f, -0.25f, 11, 8.75f, 17.5f, 5}, 6);
        LinearRegression ols = new LinearRegression().fit(duplicated, y);
        assertThat(ols.coefficients()).containsExactly(new float[] {1.9080706f, 1.4758303f, 1.4758303f},
                within(1e-6f));
        assertThat(ols.intercept()).isCloseTo(1.2580214f, within(1e-6f));
        assertThat(ols.summary().stopReason()).contains("minimum-norm solution: rank 2 of 3");

        Tensor wide = Tensor.wrap(new float[] {1, 2, 0, -1, 3, 0, 1, 4, 2, -2, 2, -1, 1, 0, 1}, 3, 5);
        Tensor z = Tensor.wrap(new float[] {3, -1, 2}, 3);
        LinearRegression underdetermined = new LinearRegression().fit(wide, z);
        assertThat(underdetermined.coefficients()).containsExactly(new float[] {0.14649682f, -0.057324842f,
            -0.3312102f, -0.23566879f, 0.37579617f}, within(1e-6f));
        assertThat(underdetermined.intercept()).isCloseTo(1.6050955f, within(1e-6f));
        assertThat(underdetermined.predict(wide)).containsExactly(new float[] {3, -1, 2}, within(1e-5f));

        assertThatThrownBy(() -> new LinearRegression().withMethod(FitMethod.closedForm()).fit(duplicated, y))
                .hasMessageContaining("MINIMUM_NORM");
    }

    @Test
    void ridgeByFullBatchGradientDescentAndByQrMatchesCholesky() {
        Tensor[] data = regression(2, 0.3);
        LinearRegression cholesky = LinearRegression.ridge(0.05).fit(data[0], data[1]);
        LinearRegression qr = LinearRegression.ridge(0.05)
                .withMethod(new FitMethod.ClosedForm(LeastSquaresSolver.QR)).fit(data[0], data[1]);
        LinearRegression gd = LinearRegression.ridge(0.05).withMethod(FitMethod.fullBatch(GradientDescent.withArmijo(),
                StoppingCriteria.defaults().withGradientTolerance(1e-6).withMaxIterations(1000))).fit(data[0], data[1]);
        assertThat(qr.coefficients()).containsExactly(cholesky.coefficients(), within(1e-5f));
        assertThat(gd.coefficients()).containsExactly(cholesky.coefficients(), within(1e-4f));
        assertThat(gd.intercept()).isCloseTo(cholesky.intercept(), within(1e-4f));
        assertThat(gd.summary().objective()).isCloseTo(cholesky.summary().objective(), within(1e-6));
    }

    @Test
    void ridgeByMiniBatchSgdWithADecayingStepApproachesTheClosedForm() {
        Tensor[] data = regression(3, 0.3);
        LinearRegression exact = LinearRegression.ridge(0.05).fit(data[0], data[1]);
        LinearRegression sgd = LinearRegression.ridge(0.05).withMethod(FitMethod.miniBatch(new Sgd(0.05),
                new LinearDecay(0.05, 5e-4, 40L * N / 10), 40, 10, 3)).fit(data[0], data[1]);
        assertThat(sgd.coefficients()).containsExactly(exact.coefficients(), within(0.01f));
        assertThat(sgd.summary().objective()).isCloseTo(exact.summary().objective(), within(1e-3));
    }

    @Test
    void binaryLogisticRegressionSeparatesBlobsAndGivesProbabilities() {
        Dataset blobs = SyntheticData.gaussianBlobs(400, 2, 2, 0.8, 5);
        HoldOutSplit split = Splits.holdOut(blobs, 0.25, 5);
        LogisticRegression clf = new LogisticRegression(1e-4).fit(split.train().features(), split.train().labels());
        assertThat(clf.score(split.heldOut().features(), split.heldOut().labels())).isGreaterThanOrEqualTo(0.95);
        Tensor p = clf.predictProba(split.heldOut().features());
        assertThat(p.dim(1)).isEqualTo(2);
        for (int i = 0; i < p.dim(0); i++) {
            assertThat(p.get(i, 0) + p.get(i, 1)).isCloseTo(1f, within(1e-6f));
        }
        assertThat(clf.summary().stopReason()).isNotBlank();
    }

    @Test
    void fullBatchAndMiniBatchReachTheSameLogisticObjective() {
        Dataset blobs = SyntheticData.gaussianBlobs(400, 2, 2, 1.5, 6); // overlapping: a finite optimum
        LogisticRegression gd = new LogisticRegression(1e-2).fit(blobs.features(), blobs.labels());
        LogisticRegression adam = new LogisticRegression(1e-2)
                .withMethod(FitMethod.miniBatch(new Adam().withLr(0.05), new LinearDecay(0.05, 1e-4, 60L * 400 / 20),
                        60, 20, 6))
                .fit(blobs.features(), blobs.labels());
        assertThat(adam.summary().objective()).isCloseTo(gd.summary().objective(), within(2e-3));
    }

    @Test
    void newtonLbfgsAndGradientDescentAgreeOnTheLogisticObjective() {
        Dataset blobs = SyntheticData.gaussianBlobs(400, 2, 3, 1.5, 12);
        LogisticRegression newton = new LogisticRegression(1e-3).withMethod(FitMethod.newton())
                .fit(blobs.features(), blobs.labels());
        LogisticRegression lbfgs = new LogisticRegression(1e-3).fit(blobs.features(), blobs.labels());
        LogisticRegression gd = new LogisticRegression(1e-3).withMethod(FitMethod.fullBatch(GradientDescent.withArmijo(),
                StoppingCriteria.defaults().withGradientTolerance(1e-6).withMaxIterations(5000)))
                .fit(blobs.features(), blobs.labels());
        assertThat(newton.summary().iterations()).isLessThanOrEqualTo(10);
        assertThat(lbfgs.summary().iterations()).isLessThan(gd.summary().iterations());
        assertThat(lbfgs.summary().objective()).isCloseTo(newton.summary().objective(), within(1e-6));
        // nearly separable data: plain GD is still crawling after 5000 steps (‖∇f‖ ≈ 4e-4)
        assertThat(gd.summary().objective()).isCloseTo(newton.summary().objective(), within(1e-3));
        float[] w = newton.layer().weight().value().data();
        assertThat(lbfgs.layer().weight().value().data()).containsExactly(w, within(1e-3f));
        assertThatThrownBy(() -> new LogisticRegression().withMethod(FitMethod.newton())
                .fit(Tensor.zeros(3, 2), new int[] {0, 1, 2})).hasMessageContaining("binary");
    }

    /**
     * The objective is computed in float32, where L-BFGS on standardised breast cancer stalls at
     * ‖∇f‖ ≈ 5e-6: the old default (‖∇f‖ ≤ 1e-6) reported that as a failed line search. The
     * default now stops on a relative decrease of the gradient, and a stall at the float32
     * limit is convergence. Newton's method on the same objective in double is the reference.
     */
    @Test
    void lbfgsConvergesOnBreastCancerInFloat32() {
        Dataset raw = BuiltInDatasets.breastCancer();
        Dataset scaled = new Standardization().fit(raw).apply(raw);
        LogisticRegression exact = LogisticRegression.ofC(1).withMethod(FitMethod.newton()).fit(scaled);

        LogisticRegression byDefault = LogisticRegression.ofC(1).fit(scaled);
        assertThat(byDefault.summary().stopReason()).contains("converged").doesNotContain("failed");
        assertThat(byDefault.summary().objective()).isCloseTo(exact.summary().objective(), within(1e-7));
        assertThat(byDefault.layer().weight().value().data())
                .containsExactly(exact.layer().weight().value().data(), within(2e-3f));

        LogisticRegression absolute = LogisticRegression.ofC(1).withMethod(FitMethod.fullBatch(Lbfgs.defaults(),
                StoppingCriteria.defaults().withGradientTolerance(1e-6).withMaxIterations(1000))).fit(scaled);
        assertThat(absolute.summary().stopReason()).contains("converged to float32 precision");
        assertThat(absolute.summary().objective()).isCloseTo(exact.summary().objective(), within(1e-7));
    }

    @Test
    void multinomialLogisticRegressionOnTheDigits() {
        Dataset digits = BuiltInDatasets.digits();
        HoldOutSplit split = Splits.holdOut(digits, 0.2, 7);
        LogisticRegression clf = new LogisticRegression(1e-4)
                .withMethod(FitMethod.miniBatch(new Sgd(0.5).withMomentum(0.9), new LinearDecay(0.5, 0.005, 30L * 45),
                        30, 32, 7))
                .fit(split.train().features(), split.train().labels());
        assertThat(clf.score(split.heldOut().features(), split.heldOut().labels())).isGreaterThanOrEqualTo(0.93);
        assertThat(clf.predictProba(split.heldOut().features()).dim(1)).isEqualTo(10);
    }

    @Test
    void linearSvmSeparatesSeparableBlobsAndMatchesLogisticRegressionOnOverlappingOnes() {
        Dataset separable = SyntheticData.gaussianBlobs(400, 2, 2, 0.8, 5);
        HoldOutSplit split = Splits.holdOut(separable, 0.25, 5);
        LinearSvm svm = new LinearSvm(1e-3).fit(split.train().features(), split.train().labels());
        assertThat(svm.score(split.heldOut().features(), split.heldOut().labels())).isGreaterThanOrEqualTo(0.98);

        Dataset overlapping = SyntheticData.gaussianBlobs(400, 2, 2, 0.8, 8); // logistic regression: 0.92
        HoldOutSplit hard = Splits.holdOut(overlapping, 0.25, 8);
        double logistic = new LogisticRegression(1e-4).fit(hard.train().features(), hard.train().labels())
                .score(hard.heldOut().features(), hard.heldOut().labels());
        double hinge = new LinearSvm(1e-3).fit(hard.train().features(), hard.train().labels())
                .score(hard.heldOut().features(), hard.heldOut().labels());
        assertThat(hinge).isCloseTo(logistic, within(0.05));
    }

    @Test
    void misuseIsExplained() {
        Tensor[] data = regression(9, 0.1);
        assertThatThrownBy(() -> new LinearRegression().predict(data[0])).hasMessageContaining("not fitted");
        LinearRegression ols = new LinearRegression().fit(data[0], data[1]);
        assertThatThrownBy(() -> ols.predict(Tensor.zeros(2, 5))).hasMessageContaining("fitted on 3 features");
        Tensor withNaN = data[0].copy();
        withNaN.set(7, 1, Float.NaN);
        assertThatThrownBy(() -> new LinearRegression().fit(withNaN, data[1])).hasMessageContaining("row 7, column 1");
        assertThatThrownBy(() -> new LinearSvm(0).fit(Tensor.zeros(3, 2), new int[] {0, 1, 2}))
                .hasMessageContaining("two classes");
        assertThatThrownBy(() -> new LinearSvm(0).withMethod(FitMethod.closedForm())
                .fit(Tensor.zeros(2, 2), new int[] {0, 1})).hasMessageContaining("neither a closed form");
        assertThatThrownBy(() -> LinearRegression.ridge(-1)).hasMessageContaining("λ");
    }
}
