package dev.descent.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.descent.random.Rng;
import dev.descent.tensor.Tensor;
import java.lang.management.ManagementFactory;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** RMSE, MAE, R² and max error against scikit-learn and a direct two-pass computation in double. */
class RegressionMetricsTest {

    @Test
    void matchesScikitLearn() {
        RegressionMetrics metrics = new RegressionMetrics();
        metrics.add(Tensor.of(new float[] {2.5f, 0.0f, 2.0f, 8.0f, 3.75f, -3.0f}, 6),
                Tensor.of(new float[] {3.0f, -0.5f, 2.0f, 7.0f, 4.25f, -1.5f}, 6));
        RegressionReport report = metrics.report();

        // root_mean_squared_error 0.816496580927726, mean_absolute_error 0.6666666666666666,
        // r2_score 0.9178960872354073, max_error 1.5
        assertThat(report.count()).isEqualTo(6);
        assertThat(report.rootMeanSquaredError()).isCloseTo(0.816496580927726, within(1e-15));
        assertThat(report.meanSquaredError()).isCloseTo(4.0 / 6, within(1e-15));
        assertThat(report.meanAbsoluteError()).isCloseTo(0.6666666666666666, within(1e-15));
        assertThat(report.r2Score()).isCloseTo(0.9178960872354073, within(1e-15));
        assertThat(report.maxError()).isEqualTo(1.5);
    }

    @Property(tries = 100)
    void batchesEqualOnePassAndADirectComputation(@ForAll long seed, @ForAll @IntRange(min = 2, max = 500) int rows,
            @ForAll @IntRange(min = 1, max = 3) int columns, @ForAll @IntRange(min = 1, max = 70) int batchRows) {
        Rng rng = new Rng(seed);
        // Targets far from zero: a naive Σy² − n·ȳ² would lose most digits of SS_tot.
        double offset = 1e4 * rng.nextGaussian();
        float[] targets = new float[rows * columns];
        float[] predictions = new float[rows * columns];
        for (int i = 0; i < targets.length; i++) {
            targets[i] = (float) (offset + rng.nextGaussian());
            predictions[i] = (float) (targets[i] + 0.5 * rng.nextGaussian());
        }

        RegressionMetrics onePass = new RegressionMetrics();
        onePass.add(Tensor.wrap(predictions, rows, columns), Tensor.wrap(targets, rows, columns));
        RegressionMetrics batched = new RegressionMetrics();
        float[] p = new float[batchRows * columns];
        float[] t = new float[batchRows * columns];
        for (int start = 0; start < rows; start += batchRows) {
            int count = Math.min(batchRows, rows - start);
            System.arraycopy(predictions, start * columns, p, 0, count * columns);
            System.arraycopy(targets, start * columns, t, 0, count * columns);
            batched.add(Tensor.wrap(p, batchRows, columns), Tensor.wrap(t, batchRows, columns), count);
        }

        // Every value is folded in one at a time in the same order: bit for bit the same.
        assertThat(batched.report()).isEqualTo(onePass.report());
        RegressionReport expected = direct(predictions, targets);
        RegressionReport actual = onePass.report();
        assertThat(actual.count()).isEqualTo(expected.count());
        assertThat(actual.rootMeanSquaredError()).isCloseTo(expected.rootMeanSquaredError(), within(1e-12));
        assertThat(actual.meanAbsoluteError()).isCloseTo(expected.meanAbsoluteError(), within(1e-12));
        assertThat(actual.maxError()).isEqualTo(expected.maxError());
        assertThat(actual.r2Score()).isCloseTo(expected.r2Score(), within(1e-9));
    }

    /** Two passes in double: the mean first, then the sums. */
    private static RegressionReport direct(float[] predictions, float[] targets) {
        int n = targets.length;
        double mean = 0;
        for (float y : targets) {
            mean += y;
        }
        mean /= n;
        double squared = 0;
        double absolute = 0;
        double max = 0;
        double total = 0;
        for (int i = 0; i < n; i++) {
            double e = (double) targets[i] - predictions[i];
            squared += e * e;
            absolute += Math.abs(e);
            max = Math.max(max, Math.abs(e));
            total += (targets[i] - mean) * (targets[i] - mean);
        }
        return new RegressionReport(n, Math.sqrt(squared / n), absolute / n, 1 - squared / total, max);
    }

    @Test
    void aPerfectPredictionHasRSquaredOne() {
        Tensor y = Tensor.of(new float[] {1.5f, -2f, 7f, 0.25f}, 4, 1);
        RegressionMetrics metrics = new RegressionMetrics();
        metrics.add(y.copy(), y);

        assertThat(metrics.report()).isEqualTo(new RegressionReport(4, 0, 0, 1, 0));
    }

    @Test
    void predictingTheMeanHasRSquaredZero() {
        RegressionMetrics metrics = new RegressionMetrics();
        metrics.add(Tensor.filled(3f, 5), Tensor.of(new float[] {1, 2, 3, 4, 5}, 5));
        RegressionReport report = metrics.report();

        assertThat(report.r2Score()).isEqualTo(0.0);
        assertThat(report.rootMeanSquaredError()).isCloseTo(Math.sqrt(2), within(1e-15));
        assertThat(report.maxError()).isEqualTo(2);
    }

    @Test
    void predictingWorseThanTheMeanHasNegativeRSquared() {
        RegressionMetrics metrics = new RegressionMetrics();
        metrics.add(Tensor.of(new float[] {5, 4, 3, 2, 1}, 5), Tensor.of(new float[] {1, 2, 3, 4, 5}, 5));

        assertThat(metrics.report().r2Score()).isEqualTo(1 - 40.0 / 10); // r2_score → -3.0
    }

    @Test
    void constantTargetsFollowScikitLearn() {
        RegressionMetrics perfect = new RegressionMetrics();
        perfect.add(Tensor.filled(1f, 3), Tensor.filled(1f, 3));
        RegressionMetrics imperfect = new RegressionMetrics();
        imperfect.add(Tensor.of(new float[] {1, 2, 1}, 3), Tensor.filled(1f, 3));

        // r2_score([1,1,1], [1,1,1]) → 1.0; r2_score([1,1,1], [1,2,1]) → 0.0
        assertThat(perfect.report().r2Score()).isEqualTo(1.0);
        assertThat(imperfect.report().r2Score()).isEqualTo(0.0);
    }

    @Test
    void fewValuesAndNanGiveNan() {
        RegressionMetrics empty = new RegressionMetrics();
        assertThat(empty.report()).isEqualTo(new RegressionReport(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN));

        RegressionMetrics one = new RegressionMetrics();
        one.add(Tensor.of(new float[] {2}, 1), Tensor.of(new float[] {3}, 1));
        assertThat(one.report()).isEqualTo(new RegressionReport(1, 1, 1, Double.NaN, 1));

        RegressionMetrics withNan = new RegressionMetrics();
        withNan.add(Tensor.of(new float[] {1, Float.NaN, 3}, 3), Tensor.of(new float[] {1, 2, 4}, 3));
        RegressionReport report = withNan.report();
        assertThat(report.count()).isEqualTo(3);
        assertThat(report.rootMeanSquaredError()).isNaN();
        assertThat(report.meanAbsoluteError()).isNaN();
        assertThat(report.r2Score()).isNaN();
        assertThat(report.maxError()).isNaN();

        RegressionMetrics constantNan = new RegressionMetrics();
        constantNan.add(Tensor.of(new float[] {1, Float.NaN}, 2), Tensor.filled(1f, 2));
        assertThat(constantNan.report().r2Score()).isNaN();
    }

    @Test
    void resetForgetsEverything() {
        RegressionMetrics metrics = new RegressionMetrics();
        metrics.add(Tensor.of(new float[] {Float.NaN, 1}, 2), Tensor.of(new float[] {1, 2}, 2));
        metrics.reset();
        metrics.add(Tensor.of(new float[] {1, 2}, 2), Tensor.of(new float[] {1, 2}, 2));

        assertThat(metrics.report()).isEqualTo(new RegressionReport(2, 0, 0, 1, 0));
    }

    @Test
    void aColumnMatchesAVector() {
        RegressionMetrics metrics = new RegressionMetrics();
        metrics.add(Tensor.of(new float[] {1, 2}, 2, 1), Tensor.of(new float[] {1, 3}, 2));
        metrics.add(Tensor.of(new float[] {1, 2}, 2), Tensor.of(new float[] {1, 3}, 2, 1));

        assertThat(metrics.report().count()).isEqualTo(4);
        assertThat(metrics.report().maxError()).isEqualTo(1);
    }

    @Test
    void mismatchedShapesAndRowsAreRejected() {
        RegressionMetrics metrics = new RegressionMetrics();
        assertThatThrownBy(() -> metrics.add(Tensor.zeros(4, 2), Tensor.zeros(4)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("predictions [4, 2] and targets [4] differ in shape");
        assertThatThrownBy(() -> metrics.add(Tensor.zeros(3), Tensor.zeros(4, 1)))
                .hasMessage("predictions [3] and targets [4, 1] differ in shape");
        assertThatThrownBy(() -> metrics.add(Tensor.zeros(4), Tensor.zeros(4), 5))
                .hasMessage("rows must be in 0..4 for predictions [4], got 5");
        assertThatThrownBy(() -> metrics.add(Tensor.scalar(1), Tensor.scalar(1)))
                .hasMessage("predictions need a batch dimension, got a scalar; reshape to [1]");
        assertThat(metrics.count()).isZero();
    }

    @Test
    void addingABatchAllocatesNothing() {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean,
                "this JVM cannot measure per-thread allocation");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled(),
                "per-thread allocation measurement is off");
        Tensor predictions = Tensor.generate(i -> Math.sin(i), 100, 1);
        Tensor targets = Tensor.generate(i -> Math.cos(i), 100);
        RegressionMetrics metrics = new RegressionMetrics();
        for (int warmUp = 0; warmUp < 2_000; warmUp++) {
            metrics.add(predictions, targets, 100);
        }

        long thread = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(thread);
        for (int batch = 0; batch < 600; batch++) {
            metrics.add(predictions, targets, 100);
        }
        long allocated = threads.getThreadAllocatedBytes(thread) - before;

        assertThat(allocated).as("bytes allocated by 600 batches").isLessThan(1_000);
    }
}
