package dev.descent.metrics;

import dev.descent.tensor.Tensor;
import java.util.Objects;

/**
 * Accumulates predictions and targets batch by batch into the sums behind RMSE, MAE, R² and
 * the maximum error (see {@link RegressionReport} for the formulas), keeping five numbers
 * whatever the number of examples; {@link #add} allocates nothing.
 *
 * <p>All arithmetic is in double. The targets' mean and SS_tot = Σ (y − ȳ)² are updated one
 * value at a time with Welford's algorithm,
 *
 * <pre>  n ← n + 1;   δ = y − ȳ;   ȳ ← ȳ + δ/n;   SS_tot ← SS_tot + δ·(y − ȳ)</pre>
 *
 * which avoids the cancellation of Σy² − n·ȳ² when the targets sit far from zero
 * (B. P. Welford, Technometrics 4(3), 1962). Because every value is folded in one at a time in
 * order, splitting the same values into other batches gives bit-identical results.
 *
 * <p>Every element counts as one value: a {@code [batch, d]} output is pooled over its d
 * columns (scikit-learn on the flattened arrays, not its per-output average). Use one
 * accumulator per column for per-output metrics. Not thread-safe.
 */
public final class RegressionMetrics {
    private long count;
    private double targetMean;
    private double totalSumOfSquares;
    private double residualSumOfSquares;
    private double absoluteErrorSum;
    private double maxError;

    /**
     * Adds every element of {@code predictions} with the target at the same position. The
     * shapes must be equal, except that {@code [batch]} and {@code [batch, 1]} match.
     */
    public void add(Tensor predictions, Tensor targets) {
        checkShapes(predictions, targets);
        accumulate(predictions.data(), targets.data(), predictions.size());
    }

    /**
     * Adds the first {@code rows} rows (along the first dimension) of {@code predictions} and
     * {@code targets}, so that a last, partial batch can reuse full-size buffers.
     */
    public void add(Tensor predictions, Tensor targets, int rows) {
        checkShapes(predictions, targets);
        int available = predictions.dim(0);
        if (rows < 0 || rows > available) {
            throw new IllegalArgumentException("rows must be in 0.." + available + " for predictions "
                    + predictions.shape() + ", got " + rows);
        }
        int perRow = available == 0 ? 0 : predictions.size() / available;
        accumulate(predictions.data(), targets.data(), rows * perRow);
    }

    /** Values added so far. */
    public long count() {
        return count;
    }

    /** Forgets everything added. */
    public void reset() {
        count = 0;
        targetMean = 0;
        totalSumOfSquares = 0;
        residualSumOfSquares = 0;
        absoluteErrorSum = 0;
        maxError = 0;
    }

    /** The metrics so far; NaN everywhere when nothing was added. */
    public RegressionReport report() {
        if (count == 0) {
            return new RegressionReport(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        return new RegressionReport(count, Math.sqrt(residualSumOfSquares / count), absoluteErrorSum / count,
                RegressionReport.r2(count, residualSumOfSquares, totalSumOfSquares), maxError);
    }

    private void accumulate(float[] predicted, float[] target, int values) {
        for (int i = 0; i < values; i++) {
            double y = target[i];
            double error = y - predicted[i];
            count++;
            double delta = y - targetMean;
            targetMean += delta / count;
            totalSumOfSquares += delta * (y - targetMean);
            residualSumOfSquares += error * error;
            double absolute = Math.abs(error);
            absoluteErrorSum += absolute;
            maxError = Math.max(maxError, absolute); // NaN stays NaN
        }
    }

    private static void checkShapes(Tensor predictions, Tensor targets) {
        Objects.requireNonNull(predictions, "predictions");
        Objects.requireNonNull(targets, "targets");
        if (predictions.rank() == 0) {
            throw new IllegalArgumentException("predictions need a batch dimension, got a scalar; "
                    + "reshape to [1]");
        }
        boolean same = predictions.shape().equals(targets.shape())
                || isColumnOf(predictions, targets) || isColumnOf(targets, predictions);
        if (!same) {
            throw new IllegalArgumentException("predictions " + predictions.shape() + " and targets "
                    + targets.shape() + " differ in shape");
        }
    }

    /** {@code column} is [b, 1] and {@code vector} is [b]. */
    private static boolean isColumnOf(Tensor column, Tensor vector) {
        return column.rank() == 2 && column.dim(1) == 1 && vector.rank() == 1 && vector.dim(0) == column.dim(0);
    }
}
