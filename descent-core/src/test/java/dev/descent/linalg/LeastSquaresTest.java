package dev.descent.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.descent.random.Rng;
import dev.descent.tensor.Tensor;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Least squares and ridge on {@code (1/n) Σᵢ (xᵢᵀw + b − yᵢ)² + λ‖w‖²}, checked against that formula
 * itself: its gradient (computed here from the raw data) vanishes at the solution.
 */
class LeastSquaresTest {
    /** The solvers that refuse rank-deficient problems without ridge; MINIMUM_NORM solves them. */
    private static final LeastSquaresSolver[] REFUSING = {LeastSquaresSolver.CHOLESKY, LeastSquaresSolver.QR};

    /** Synthetic regression data: Gaussian features with offsets and scales, targets {@code Xw + b + noise}. */
    private record Data(DoubleMatrix features, double[] targets) {
        static Data random(Rng rng, int rows, int columns, double[] weights, double intercept, double noise) {
            DoubleMatrix x = RandomMatrices.gaussian(rng, rows, columns);
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < columns; j++) {
                    x.set(i, j, 3 + (j + 1) * x.get(i, j)); // off-centre and unequal scales: centring matters
                }
            }
            double[] y = x.multiply(weights);
            for (int i = 0; i < rows; i++) {
                y[i] += intercept + noise * rng.nextGaussian();
            }
            return new Data(x, y);
        }
    }

    /** ∂L/∂w = (2/n) Xᵀr + 2λw and ∂L/∂b = (2/n) Σ rᵢ with rᵢ = xᵢᵀw + b − yᵢ, by plain loops. */
    private static double[] objectiveGradient(Data data, LeastSquaresFit fit, boolean withIntercept) {
        DoubleMatrix x = data.features();
        int n = x.rows();
        int d = x.columns();
        double[] w = fit.weights();
        double[] gradient = new double[d + 1];
        for (int i = 0; i < n; i++) {
            double r = fit.intercept() - data.targets()[i];
            for (int j = 0; j < d; j++) {
                r += x.get(i, j) * w[j];
            }
            for (int j = 0; j < d; j++) {
                gradient[j] += 2 * r * x.get(i, j) / n;
            }
            gradient[d] += 2 * r / n;
        }
        for (int j = 0; j < d; j++) {
            gradient[j] += 2 * fit.lambda() * w[j];
        }
        if (!withIntercept) {
            gradient[d] = 0; // b is fixed at 0, not a variable
        }
        return gradient;
    }

    private static double objective(Data data, double[] w, double b, double lambda) {
        DoubleMatrix x = data.features();
        double sum = 0;
        for (int i = 0; i < x.rows(); i++) {
            double r = b - data.targets()[i];
            for (int j = 0; j < x.columns(); j++) {
                r += x.get(i, j) * w[j];
            }
            sum += r * r;
        }
        double norm = 0;
        for (double wj : w) {
            norm += wj * wj;
        }
        return sum / x.rows() + lambda * norm;
    }

    @ParameterizedTest
    @EnumSource(LeastSquaresSolver.class)
    void exactDataRecoversTheWeightsAndIntercept(LeastSquaresSolver solver) {
        double[] weights = {1.5, -2, 0.25, 4};
        Data data = Data.random(new Rng(1), 50, 4, weights, -0.75, 0);
        LeastSquaresFit fit = LeastSquares.ordinary().withSolver(solver).fit(data.features(), data.targets());
        assertThat(fit.weights()).containsExactly(weights, within(1e-10));
        assertThat(fit.intercept()).isCloseTo(-0.75, within(1e-10));
        assertThat(fit.objective()).isLessThan(1e-20);
        assertThat(fit.solver()).isEqualTo(solver);
        assertThat(fit.lambda()).isZero();
    }

    @ParameterizedTest
    @EnumSource(LeastSquaresSolver.class)
    void exactDataWithoutInterceptRecoversTheWeights(LeastSquaresSolver solver) {
        double[] weights = {0.5, -1, 2};
        Data data = Data.random(new Rng(2), 20, 3, weights, 0, 0);
        LeastSquaresFit fit = LeastSquares.ordinary().withFitIntercept(false).withSolver(solver)
                .fit(data.features(), data.targets());
        assertThat(fit.weights()).containsExactly(weights, within(1e-10));
        assertThat(fit.intercept()).isZero();
    }

    @Property(tries = 40)
    void theGradientOfTheStatedObjectiveVanishes(@ForAll long seed, @ForAll @IntRange(min = 1, max = 12) int columns,
            @ForAll @DoubleRange(min = 0, max = 10) double lambda, @ForAll boolean withIntercept) {
        Rng rng = new Rng(seed);
        int rows = 3 * columns + 5;
        Data data = Data.random(rng, rows, columns, RandomMatrices.gaussianVector(rng, columns), 2, 0.5);
        for (LeastSquaresSolver solver : LeastSquaresSolver.values()) {
            LeastSquaresFit fit = new LeastSquares(lambda, withIntercept, solver).fit(data.features(), data.targets());
            assertThat(RandomMatrices.maxAbs(objectiveGradient(data, fit, withIntercept)))
                    .as("%s, λ = %s", solver, lambda).isLessThan(1e-9);
            assertThat(fit.objective()).isCloseTo(objective(data, fit.weights(), fit.intercept(), lambda),
                    within(1e-12 * (1 + fit.objective())));
        }
    }

    @Property(tries = 30)
    void choleskyAndQrAgreeOnWellConditionedProblems(@ForAll long seed,
            @ForAll @IntRange(min = 1, max = 40) int columns, @ForAll @DoubleRange(min = 0, max = 1) double lambda) {
        Rng rng = new Rng(seed);
        Data data = Data.random(rng, 4 * columns + 10, columns, RandomMatrices.gaussianVector(rng, columns), -1, 1);
        LeastSquaresFit cholesky = LeastSquares.ridge(lambda).fit(data.features(), data.targets());
        LeastSquaresFit qr = LeastSquares.ridge(lambda).withSolver(LeastSquaresSolver.QR)
                .fit(data.features(), data.targets());
        assertThat(qr.weights()).containsExactly(cholesky.weights(), within(1e-8));
        assertThat(qr.intercept()).isCloseTo(cholesky.intercept(), within(1e-8));
        assertThat(qr.objective()).isCloseTo(cholesky.objective(), within(1e-8));
    }

    @ParameterizedTest
    @EnumSource(LeastSquaresSolver.class)
    void ridgeApproachesOrdinaryLeastSquaresAsLambdaShrinks(LeastSquaresSolver solver) {
        Data data = Data.random(new Rng(4), 60, 5, new double[] {1, 2, 3, 4, 5}, 1, 1);
        double[] ordinary = LeastSquares.ordinary().withSolver(solver).fit(data.features(), data.targets()).weights();
        double previous = Double.POSITIVE_INFINITY;
        for (double lambda : new double[] {1, 1e-2, 1e-4, 1e-6, 1e-8}) {
            double[] ridge = LeastSquares.ridge(lambda).withSolver(solver).fit(data.features(), data.targets()).weights();
            double distance = 0;
            for (int j = 0; j < ridge.length; j++) {
                distance = Math.max(distance, Math.abs(ridge[j] - ordinary[j]));
            }
            assertThat(distance).as("λ = %s", lambda).isLessThan(previous);
            previous = distance;
        }
        assertThat(previous).isLessThan(1e-7);
    }

    @ParameterizedTest
    @EnumSource(LeastSquaresSolver.class)
    void theInterceptIsNotPenalised(LeastSquaresSolver solver) {
        Data data = Data.random(new Rng(5), 40, 3, new double[] {1, -1, 0.5}, 0, 1);
        double[] shifted = data.targets().clone();
        for (int i = 0; i < shifted.length; i++) {
            shifted[i] += 100;
        }
        LeastSquares ridge = LeastSquares.ridge(2).withSolver(solver);
        LeastSquaresFit before = ridge.fit(data.features(), data.targets());
        LeastSquaresFit after = ridge.fit(data.features(), shifted);
        assertThat(after.weights()).containsExactly(before.weights(), within(1e-10));
        assertThat(after.intercept()).isCloseTo(before.intercept() + 100, within(1e-10));
        assertThat(after.objective()).isCloseTo(before.objective(), within(1e-9));
    }

    @ParameterizedTest
    @EnumSource(names = {"CHOLESKY", "QR"})
    void collinearColumnsAreRefusedWithoutRidgeAndSolvedWithIt(LeastSquaresSolver solver) {
        Data data = Data.random(new Rng(6), 30, 4, new double[] {1, 2, 3, 4}, 0, 0.1);
        DoubleMatrix x = data.features();
        for (int i = 0; i < x.rows(); i++) {
            x.set(i, 2, x.get(i, 0) + 2 * x.get(i, 1) - 7); // with the intercept: collinear after centring
        }
        assertThatThrownBy(() -> LeastSquares.ordinary().withSolver(solver).fit(x, data.targets()))
                .isInstanceOfSatisfying(RankDeficientException.class, e -> assertThat(e.column()).isEqualTo(2))
                .hasMessageContaining("ordinary least squares by " + solver)
                .hasMessageContaining("column 2").hasMessageContaining("linear combination")
                .hasMessageContaining("λ > 0").hasMessageContaining("MINIMUM_NORM");
        LeastSquaresFit ridge = LeastSquares.ridge(1e-3).withSolver(solver).fit(x, data.targets());
        assertThat(RandomMatrices.maxAbs(objectiveGradient(new Data(x, data.targets()), ridge, true))).isLessThan(1e-9);
    }

    /**
     * The reference numbers are NumPy's (2.4): with {@code Xc = X − X.mean(0)},
     * {@code w = np.linalg.lstsq(Xc, y − y.mean(), rcond=None)[0]}, {@code b = y.mean() − X.mean(0) @ w},
     * which is what scikit-learn's LinearRegression computes.
     */
    @Test
    void minimumNormSolvesADuplicatedColumnAsNumPyDoes() {
        double[] x = {0, 1, 1, 1, -1, -1, 2, 2, 2, 3, 0.5, 0.5, 4, 3, 3, 5, -2, -2};
        double[] y = {4.5, -0.25, 11, 8.75, 17.5, 5};
        LeastSquaresFit fit = LeastSquares.ordinary().withSolver(LeastSquaresSolver.MINIMUM_NORM).fit(x, y);

        assertThat(fit.weights()).containsExactly(new double[] {1.9080706445257534, 1.475830284266817,
            1.475830284266817}, within(1e-12));
        assertThat(fit.intercept()).isCloseTo(1.2580213903743296, within(1e-12));
        assertThat(fit.objective()).isCloseTo(0.07614897035369189, within(1e-12));
        assertThat(fit.rank()).isEqualTo(2);
        assertThatThrownBy(() -> LeastSquares.ordinary().fit(x, y)).isInstanceOf(RankDeficientException.class);
    }

    @Test
    void minimumNormSolvesMoreColumnsThanRowsAsNumPyDoes() {
        double[] x = {1, 2, 0, -1, 3, 0, 1, 4, 2, -2, 2, -1, 1, 0, 1};
        double[] y = {3, -1, 2};
        LeastSquares minimumNorm = LeastSquares.ordinary().withSolver(LeastSquaresSolver.MINIMUM_NORM);

        LeastSquaresFit centred = minimumNorm.fit(x, y);
        assertThat(centred.weights()).containsExactly(new double[] {0.14649681528662412, -0.05732484076433114,
            -0.33121019108280236, -0.23566878980891715, 0.3757961783439489}, within(1e-12));
        assertThat(centred.intercept()).isCloseTo(1.6050955414012738, within(1e-12));
        assertThat(centred.objective()).isLessThan(1e-25); // three rows, three unknowns left after centring: exact
        assertThat(centred.rank()).isEqualTo(2);

        LeastSquaresFit throughOrigin = minimumNorm.withFitIntercept(false).fit(x, y);
        assertThat(throughOrigin.weights()).containsExactly(new double[] {0.5965665236051504, 0.06437768240343339,
            0.17167381974248935, -0.17596566523605134, 0.6995708154506435}, within(1e-12));
        assertThat(throughOrigin.rank()).isEqualTo(3);
    }

    @Test
    void minimumNormGivesAConstantColumnBesideTheInterceptWeightZero() {
        Data data = Data.random(new Rng(9), 20, 3, new double[] {1, 1, 1}, 0, 1);
        DoubleMatrix x = data.features();
        DoubleMatrix withoutIt = DoubleMatrix.zeros(20, 2);
        for (int i = 0; i < x.rows(); i++) {
            x.set(i, 1, 0.1);
            withoutIt.set(i, 0, x.get(i, 0));
            withoutIt.set(i, 1, x.get(i, 2));
        }
        LeastSquaresFit fit = LeastSquares.ordinary().withSolver(LeastSquaresSolver.MINIMUM_NORM)
                .fit(x, data.targets());
        LeastSquaresFit reduced = LeastSquares.ordinary().withSolver(LeastSquaresSolver.QR)
                .fit(withoutIt, data.targets());

        assertThat(fit.rank()).isEqualTo(2);
        assertThat(fit.weights()).containsExactly(new double[] {reduced.weights()[0], 0, reduced.weights()[1]},
                within(1e-12));
        assertThat(fit.intercept()).isCloseTo(reduced.intercept(), within(1e-11));
    }

    /**
     * For X = BC of rank r, w is the minimum-norm least-squares solution exactly when the
     * residual is orthogonal to the columns (Xᵀ(Xw − y) = 0) and w lies in the row space of C
     * (orthogonal to the null space): both are checked, on tall, square and wide shapes.
     */
    @Property(tries = 40)
    void minimumNormSatisfiesTheNormalEquationsInTheRowSpace(@ForAll long seed,
            @ForAll @IntRange(min = 1, max = 40) int rows, @ForAll @IntRange(min = 1, max = 40) int columns,
            @ForAll @IntRange(min = 1, max = 40) int rankWanted) {
        Rng rng = new Rng(seed);
        int rank = Math.min(rankWanted, Math.min(rows, columns));
        DoubleMatrix b = RandomMatrices.gaussian(rng, rows, rank);
        DoubleMatrix c = RandomMatrices.gaussian(rng, rank, columns);
        DoubleMatrix x = b.multiply(c);
        double[] y = RandomMatrices.gaussianVector(rng, rows);

        LeastSquaresFit fit = LeastSquares.ordinary().withFitIntercept(false)
                .withSolver(LeastSquaresSolver.MINIMUM_NORM).fit(x, y);

        assertThat(fit.rank()).isEqualTo(rank);
        double[] w = fit.weights();
        double[] residual = x.multiply(w);
        for (int i = 0; i < rows; i++) {
            residual[i] -= y[i];
        }
        double scale = 1 + RandomMatrices.maxAbs(x.data()) * RandomMatrices.maxAbs(y) * rows;
        assertThat(RandomMatrices.maxAbs(x.transposeMultiply(residual))).isLessThan(1e-9 * scale);
        // w = Cᵀz for some z: the least-squares fit of w by the columns of Cᵀ leaves nothing
        double[] z = QR.decompose(RandomMatrices.naiveTranspose(c)).solve(w);
        double[] rebuilt = RandomMatrices.naiveTranspose(c).multiply(z);
        double[] difference = new double[columns];
        for (int j = 0; j < columns; j++) {
            difference[j] = rebuilt[j] - w[j];
        }
        assertThat(RandomMatrices.maxAbs(difference)).isLessThan(1e-9 * (1 + RandomMatrices.maxAbs(w)));
    }

    @Test
    void choleskySuggestsQrWhereQrStillSolves() {
        // column 1 = column 0 + 1e-7 noise: 1 − R² ≈ 1e-14 is below Cholesky's 1e-12, QR's residual 1e-7 is fine
        Rng rng = new Rng(8);
        DoubleMatrix x = RandomMatrices.gaussian(rng, 100, 2);
        for (int i = 0; i < 100; i++) {
            x.set(i, 1, x.get(i, 0) + 1e-7 * x.get(i, 1));
        }
        double[] y = RandomMatrices.gaussianVector(rng, 100);
        assertThatThrownBy(() -> LeastSquares.ordinary().fit(x, y))
                .isInstanceOf(RankDeficientException.class).hasMessageContaining("pivot 1").hasMessageContaining("QR");
        LeastSquaresFit fit = LeastSquares.ordinary().withSolver(LeastSquaresSolver.QR).fit(x, y);
        assertThat(fit.weights()).hasSize(2);
    }

    @Test
    void float32InputsAreJudgedAtFloat32Precision() {
        // column 2 = column 0 + column 1 rounded to float32: independent only at the 1e-8 level
        Rng rng = new Rng(12);
        int n = 40;
        float[] x = new float[n * 3];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            x[3 * i] = (float) rng.nextGaussian();
            x[3 * i + 1] = (float) rng.nextGaussian();
            x[3 * i + 2] = x[3 * i] + x[3 * i + 1];
            y[i] = (float) rng.nextGaussian();
        }
        for (LeastSquaresSolver solver : REFUSING) {
            assertThatThrownBy(() -> LeastSquares.ordinary().withSolver(solver).fit(x, y))
                    .isInstanceOfSatisfying(RankDeficientException.class, e -> assertThat(e.column()).isEqualTo(2))
                    .hasMessageContaining("column 2").hasMessageNotContaining("use LeastSquaresSolver.QR");
            assertThat(LeastSquares.ridge(1e-4).withSolver(solver).fit(x, y).weights()).hasSize(3);
        }
        LeastSquaresFit minimumNorm = LeastSquares.ordinary().withSolver(LeastSquaresSolver.MINIMUM_NORM).fit(x, y);
        assertThat(minimumNorm.rank()).isEqualTo(2);
        double[] w = minimumNorm.weights();
        // the part along the dependence (1, 1, −1) is dropped: w is the least-norm of the equal fits
        assertThat(w[0] + w[1] - w[2]).isCloseTo(0, within(1e-6 * RandomMatrices.maxAbs(w)));
    }

    @Test
    void aLargeOffsetWithASmallSpreadIsNotConstantInDouble() {
        // a timestamp in seconds: spread/size ≈ 1e-7, fine in double once centred
        Rng rng = new Rng(13);
        int n = 30;
        DoubleMatrix x = DoubleMatrix.zeros(n, 2);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double seconds = 1000 * rng.nextDouble();
            x.set(i, 0, 1.7e9 + seconds);
            x.set(i, 1, rng.nextGaussian());
            y[i] = 0.5 * (x.get(i, 0) - 1.7e9) - 3 * x.get(i, 1) + 4; // the stored, rounded timestamp
        }
        for (LeastSquaresSolver solver : LeastSquaresSolver.values()) {
            LeastSquaresFit fit = LeastSquares.ordinary().withSolver(solver).fit(x, y);
            assertThat(fit.weights()).containsExactly(new double[] {0.5, -3}, within(1e-9));
            assertThat(fit.intercept()).isCloseTo(4 - 0.5 * 1.7e9, within(1e-9 * 1.7e9));
        }
    }

    @Test
    void aConstantColumnBesideTheInterceptIsNamed() {
        Data data = Data.random(new Rng(9), 20, 3, new double[] {1, 1, 1}, 0, 1);
        DoubleMatrix x = data.features();
        for (int i = 0; i < x.rows(); i++) {
            x.set(i, 1, 0.1);
        }
        for (LeastSquaresSolver solver : REFUSING) {
            assertThatThrownBy(() -> LeastSquares.ordinary().withSolver(solver).fit(x, data.targets()))
                    .isInstanceOfSatisfying(RankDeficientException.class, e -> assertThat(e.column()).isEqualTo(1))
                    .hasMessageContaining("feature column 1 is constant").hasMessageContaining("without an intercept");
            // without an intercept the constant column is an ordinary feature
            assertThat(LeastSquares.ordinary().withFitIntercept(false).withSolver(solver).fit(x, data.targets())
                    .weights()).hasSize(3);
            assertThat(LeastSquares.ridge(0.1).withSolver(solver).fit(x, data.targets()).weights()[1])
                    .isCloseTo(0, within(1e-12)); // centring leaves rounding noise of order 1e-17 in the column
        }
    }

    @Test
    void tooFewRowsForOrdinaryLeastSquares() {
        Data data = Data.random(new Rng(10), 3, 3, new double[] {1, 1, 1}, 0, 1);
        assertThatThrownBy(() -> LeastSquares.ordinary().fit(data.features(), data.targets()))
                .isInstanceOf(RankDeficientException.class)
                .hasMessageContaining("3 feature columns and an intercept needs at least 4 rows, got 3")
                .hasMessageContaining("λ > 0");
        for (LeastSquaresSolver solver : LeastSquaresSolver.values()) {
            LeastSquaresFit fit = LeastSquares.ridge(0.5).withSolver(solver).fit(data.features(), data.targets());
            assertThat(RandomMatrices.maxAbs(objectiveGradient(data, fit, true))).isLessThan(1e-9);
        }
    }

    @Test
    void oneRowWithRidge() {
        LeastSquaresFit fit = LeastSquares.ridge(1).fit(new double[] {2, 3}, new double[] {5});
        assertThat(fit.weights()).containsExactly(0, 0); // centred single row: all zeros
        assertThat(fit.intercept()).isEqualTo(5);
        assertThat(fit.objective()).isZero();
    }

    @Test
    void floatTensorAndDoubleInputsGiveTheSameFit() {
        Rng rng = new Rng(11);
        int n = 25;
        int d = 3;
        float[] features = new float[n * d];
        float[] targets = new float[n];
        for (int i = 0; i < features.length; i++) {
            features[i] = (float) rng.nextGaussian();
        }
        for (int i = 0; i < n; i++) {
            targets[i] = features[i * d] - 2 * features[i * d + 2] + (float) (0.1 * rng.nextGaussian());
        }
        double[] wideFeatures = new double[features.length];
        for (int i = 0; i < features.length; i++) {
            wideFeatures[i] = features[i];
        }
        double[] wideTargets = new double[n];
        for (int i = 0; i < n; i++) {
            wideTargets[i] = targets[i];
        }
        LeastSquares ridge = LeastSquares.ridge(0.01);
        LeastSquaresFit fromDoubles = ridge.fit(wideFeatures, wideTargets);
        assertThat(ridge.fit(features, targets)).isEqualTo(fromDoubles);
        assertThat(ridge.fit(Tensor.wrap(features, n, d), Tensor.wrap(targets, n))).isEqualTo(fromDoubles);
        assertThat(ridge.fit(Tensor.wrap(features, n, d), Tensor.wrap(targets, n, 1))).isEqualTo(fromDoubles);
        assertThat(ridge.fit(DoubleMatrix.wrap(wideFeatures, n, d), wideTargets)).isEqualTo(fromDoubles);
        assertThat(fromDoubles.predict(new double[] {1, 0, 0}))
                .isEqualTo(fromDoubles.intercept() + fromDoubles.weights()[0]);
    }

    @Test
    void nonFiniteInputsAreNamedByRowAndColumn() {
        float[] features = {1, 2, 3, 4, Float.NaN, 6};
        assertThatThrownBy(() -> LeastSquares.ordinary().fit(features, new float[] {1, 2, 3}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("features[row 2, column 0] is NaN").hasMessageContaining("drop or impute");
        double[] infinite = {1, 2, 3, Double.NEGATIVE_INFINITY};
        assertThatThrownBy(() -> LeastSquares.ridge(1).fit(infinite, new double[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("features[row 1, column 1] is -Infinity");
        assertThatThrownBy(() -> LeastSquares.ridge(1).fit(new double[] {1, 2}, new double[] {1, Double.NaN}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("targets[row 1] is NaN");
    }

    @Test
    void invalidConfigurationsAndShapesAreNamed() {
        for (double lambda : new double[] {-1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> LeastSquares.ridge(lambda))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lambda")
                    .hasMessageContaining("finite and ≥ 0").hasMessageContaining(String.valueOf(lambda));
        }
        assertThatThrownBy(() -> LeastSquares.ordinary().withSolver(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("solver");
        LeastSquares ordinary = LeastSquares.ordinary();
        assertThatThrownBy(() -> ordinary.fit(new double[0], new double[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one row");
        assertThatThrownBy(() -> ordinary.fit(new double[7], new double[3]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("7 values")
                .hasMessageContaining("multiple of 3");
        assertThatThrownBy(() -> ordinary.fit(Tensor.zeros(4, 2), Tensor.zeros(3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[n] or [n, 1] with n = 4")
                .hasMessageContaining("[3]");
        assertThatThrownBy(() -> ordinary.fit(Tensor.zeros(8), Tensor.zeros(8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[n, d]").hasMessageContaining("[8]");
        assertThatThrownBy(() -> ordinary.fit(DoubleMatrix.zeros(4, 2), new double[5]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[4 × 2]")
                .hasMessageContaining("5 targets");
    }
}
