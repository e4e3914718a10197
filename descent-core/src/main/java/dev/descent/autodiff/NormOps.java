package dev.descent.autodiff;

import dev.descent.tensor.Tensor;
import java.util.Arrays;

/**
 * Normalisation layers' operations, with PyTorch's semantics: {@link #batchNorm}
 * ({@code torch.nn.functional.batch_norm}) over the channel axis 1 of [N, C], [N, C, L] or
 * [N, C, H, W] inputs, and {@link #layerNorm} ({@code layer_norm}) over the trailing
 * dimensions. Statistics are summed in double, one channel or row at a time in a fixed order,
 * so the results do not depend on the thread count.
 */
public final class NormOps {
    private NormOps() {
    }

    /**
     * Batch normalisation: {@code y = (x − μ) / √(σ² + eps) · weight + bias} per channel.
     *
     * <p>In training, μ and σ² are the batch's mean and biased variance over N and the spatial
     * positions, and the running statistics (when given) move towards them:
     * {@code running = (1 − momentum) · running + momentum · batch}, with the unbiased variance
     * (× n/(n − 1)), as PyTorch does. In evaluation the running statistics are used and are not
     * changed.
     *
     * @param weight      the per-channel scale γ [C], or null for 1
     * @param bias        the per-channel shift β [C], or null for 0
     * @param runningMean [C], updated in place in training; null to always use batch statistics
     *                    ({@code track_running_stats=False})
     * @param runningVar  [C], as {@code runningMean}; both or neither
     */
    public static Variable batchNorm(Variable x, Variable weight, Variable bias, Tensor runningMean,
                                     Tensor runningVar, boolean training, float momentum, float eps) {
        Tensor xv = x.value();
        if (xv.rank() < 2) {
            throw new IllegalArgumentException("batch_norm: expected an input of shape [N, C, …], got " + xv.shape());
        }
        if ((runningMean == null) != (runningVar == null)) {
            throw new IllegalArgumentException("batch_norm: give both running statistics or neither");
        }
        int batch = xv.dim(0);
        int channels = xv.dim(1);
        int plane = xv.size() / Math.max(1, batch * channels);
        requireVector("weight", weight == null ? null : weight.value(), channels);
        requireVector("bias", bias == null ? null : bias.value(), channels);
        requireVector("running_mean", runningMean, channels);
        requireVector("running_var", runningVar, channels);
        boolean batchStatistics = training || runningMean == null;
        long count = (long) batch * plane;
        if (batchStatistics && count <= 1) {
            throw new IllegalArgumentException("batch_norm: expected more than 1 value per channel when training, got"
                    + " input of shape " + xv.shape() + "; use a batch of at least 2 examples, or eval() mode");
        }
        Tape tape = tapeOf("batch_norm", x, weight, bias);
        Tensor out = tape.output(xv.shape());
        BatchNormBackward step = tape.step(BatchNormBackward.class, BatchNormBackward::new);
        step.prepare(channels);
        float[] xd = xv.data();
        float[] yd = out.data();
        float[] gamma = weight == null ? null : weight.value().data();
        float[] beta = bias == null ? null : bias.value().data();
        for (int c = 0; c < channels; c++) {
            double mean;
            double variance;
            if (batchStatistics) {
                // the channel's values: a run of `plane` in each of the `batch` examples
                mean = sum(xd, c * plane, batch, channels * plane, plane) / count;
                double squares = squares(xd, c * plane, batch, channels * plane, plane, mean);
                variance = squares / count;
                if (training && runningMean != null) {
                    float[] rm = runningMean.data();
                    float[] rv = runningVar.data();
                    rm[c] = (float) ((1 - momentum) * rm[c] + momentum * mean);
                    rv[c] = (float) ((1 - momentum) * rv[c] + momentum * squares / (count - 1));
                }
            } else {
                mean = runningMean.data()[c];
                variance = runningVar.data()[c];
            }
            double invStd = 1 / Math.sqrt(variance + eps);
            double scale = gamma == null ? invStd : gamma[c] * invStd;
            double shift = beta == null ? 0 : beta[c];
            for (int n = 0; n < batch; n++) { // in double: x·s + (β − μ·s) in float would cancel when |μ| ≫ σ
                int base = (n * channels + c) * plane;
                for (int i = 0; i < plane; i++) {
                    yd[base + i] = (float) ((xd[base + i] - mean) * scale + shift);
                }
            }
            step.mean[c] = mean;
            step.invStd[c] = invStd;
        }
        step.x = x;
        step.weight = weight;
        step.bias = bias;
        step.batchStatistics = batchStatistics;
        step.batch = batch;
        step.channels = channels;
        step.plane = plane;
        return record(tape, out, step, x, weight, bias);
    }

    /**
     * Layer normalisation over the last {@code normalizedSize} elements of each example (the
     * product of PyTorch's {@code normalized_shape}): {@code y = (x − μ) / √(σ² + eps) · weight + bias},
     * with μ and the biased σ² of each slice, the same in training and evaluation.
     *
     * @param weight the elementwise scale, of {@code normalizedSize} values in row-major order
     *               (any shape), or null
     * @param bias   the elementwise shift, or null
     */
    public static Variable layerNorm(Variable x, int normalizedSize, Variable weight, Variable bias, float eps) {
        Tensor xv = x.value();
        if (normalizedSize <= 0 || xv.size() % normalizedSize != 0) {
            throw new IllegalArgumentException("layer_norm: the input of shape " + xv.shape() + " does not end with "
                    + normalizedSize + " normalised values");
        }
        requireSize("weight", weight == null ? null : weight.value(), normalizedSize);
        requireSize("bias", bias == null ? null : bias.value(), normalizedSize);
        int rows = xv.size() / normalizedSize;
        Tape tape = tapeOf("layer_norm", x, weight, bias);
        Tensor out = tape.output(xv.shape());
        LayerNormBackward step = tape.step(LayerNormBackward.class, LayerNormBackward::new);
        step.prepare(rows);
        float[] xd = x.value().data();
        float[] yd = out.data();
        float[] gamma = weight == null ? null : weight.value().data();
        float[] beta = bias == null ? null : bias.value().data();
        for (int r = 0; r < rows; r++) {
            int base = r * normalizedSize;
            double mean = sum(xd, base, 1, 0, normalizedSize) / normalizedSize;
            double squares = squares(xd, base, 1, 0, normalizedSize, mean);
            double invStd = 1 / Math.sqrt(squares / normalizedSize + eps);
            for (int i = 0; i < normalizedSize; i++) {
                double normalised = (xd[base + i] - mean) * invStd;
                yd[base + i] = (float) (normalised * (gamma == null ? 1 : gamma[i]) + (beta == null ? 0 : beta[i]));
            }
            step.mean[r] = mean;
            step.invStd[r] = invStd;
        }
        step.x = x;
        step.weight = weight;
        step.bias = bias;
        step.rows = rows;
        step.size = normalizedSize;
        return record(tape, out, step, x, weight, bias);
    }

    /**
     * Σ x over {@code runs} runs of {@code length} values, the first starting at {@code first}
     * and each {@code stride} after the last, in order.
     */
    private static double sum(float[] x, int first, int runs, int stride, int length) {
        double sum = 0;
        for (int r = 0, base = first; r < runs; r++, base += stride) {
            for (int i = 0; i < length; i++) {
                sum += x[base + i];
            }
        }
        return sum;
    }

    /** Σ (x − mean)² over the same values as {@link #sum}, in the same order. */
    private static double squares(float[] x, int first, int runs, int stride, int length, double mean) {
        double squares = 0;
        for (int r = 0, base = first; r < runs; r++, base += stride) {
            for (int i = 0; i < length; i++) {
                double d = x[base + i] - mean;
                squares += d * d;
            }
        }
        return squares;
    }

    private static void requireVector(String name, Tensor t, int length) {
        if (t != null && (t.rank() != 1 || t.dim(0) != length)) {
            throw new IllegalArgumentException("normalisation: " + name + " must have shape [" + length + "], got "
                    + t.shape());
        }
    }

    private static void requireSize(String name, Tensor t, int size) {
        if (t != null && t.size() != size) {
            throw new IllegalArgumentException("layer_norm: " + name + " must hold " + size + " values, got shape "
                    + t.shape());
        }
    }

    /** The operands' tape, with the optional weight and bias, and no array (this runs every step). */
    private static Tape tapeOf(String op, Variable x, Variable weight, Variable bias) {
        if (weight == null && bias == null) {
            return Tape.of(op, x);
        }
        if (weight == null || bias == null) {
            return Tape.of(op, x, weight == null ? bias : weight);
        }
        return Tape.of(op, x, weight, bias);
    }

    private static Variable record(Tape tape, Tensor out, Backward step, Variable x, Variable weight, Variable bias) {
        if (weight == null && bias == null) {
            return tape.record(out, step, x);
        }
        if (weight == null || bias == null) {
            return tape.record(out, step, x, weight == null ? bias : weight);
        }
        return tape.record(out, step, x, weight, bias);
    }

    /**
     * What batch and layer norm keep for their gradients: the operands and, per normalised
     * group (a channel, or a row), its mean and 1/σ, in arrays reused by a recycling tape.
     */
    private abstract static class NormalizationBackward implements Backward {
        Variable x;
        Variable weight;
        Variable bias;
        double[] mean = new double[0];
        double[] invStd = new double[0];

        void prepare(int groups) {
            if (mean.length < groups) {
                mean = new double[groups];
                invStd = new double[groups];
            }
        }

        /** The scale γ, or null for 1. */
        float[] gamma() {
            return weight == null ? null : weight.value().data();
        }

        /** The gradient buffer to add into, or null when {@code v} is absent or wants none. */
        static float[] gradientOf(Variable v) {
            return v != null && v.requiresGrad() ? v.gradForAccumulation().data() : null;
        }
    }

    private static final class BatchNormBackward extends NormalizationBackward {
        boolean batchStatistics;
        int batch;
        int channels;
        int plane;

        @Override
        public void propagate(Tensor g) {
            float[] gd = g.data();
            float[] xd = x.value().data();
            float[] gamma = gamma();
            float[] gx = gradientOf(x);
            float[] gw = gradientOf(weight);
            float[] gb = gradientOf(bias);
            long count = (long) batch * plane;
            for (int c = 0; c < channels; c++) {
                double mu = mean[c];
                double inv = invStd[c];
                double sumG = 0;
                double sumGx = 0; // Σ g · x̂
                for (int n = 0; n < batch; n++) {
                    int base = (n * channels + c) * plane;
                    for (int i = 0; i < plane; i++) {
                        double gi = gd[base + i];
                        sumG += gi;
                        sumGx += gi * (xd[base + i] - mu) * inv;
                    }
                }
                if (gb != null) {
                    gb[c] += (float) sumG;
                }
                if (gw != null) {
                    gw[c] += (float) sumGx;
                }
                if (gx == null) {
                    continue;
                }
                double scale = (gamma == null ? 1 : gamma[c]) * inv;
                if (batchStatistics) {
                    // dx = γ/σ · (g − mean(g) − x̂ · mean(g · x̂)): μ and σ depend on every x of the channel
                    double meanG = sumG / count;
                    double meanGx = sumGx / count;
                    for (int n = 0; n < batch; n++) {
                        int base = (n * channels + c) * plane;
                        for (int i = 0; i < plane; i++) {
                            double normalised = (xd[base + i] - mu) * inv;
                            gx[base + i] += (float) (scale * (gd[base + i] - meanG - normalised * meanGx));
                        }
                    }
                } else {
                    float s = (float) scale;
                    for (int n = 0; n < batch; n++) {
                        int base = (n * channels + c) * plane;
                        for (int i = 0; i < plane; i++) {
                            gx[base + i] += gd[base + i] * s;
                        }
                    }
                }
            }
        }
    }

    private static final class LayerNormBackward extends NormalizationBackward {
        int rows;
        int size;
        double[] weightSums = new double[0];
        double[] biasSums = new double[0];

        @Override
        public void propagate(Tensor g) {
            float[] gd = g.data();
            float[] xd = x.value().data();
            float[] gamma = gamma();
            float[] gx = gradientOf(x);
            float[] gw = gradientOf(weight);
            float[] gb = gradientOf(bias);
            for (int r = 0; r < rows; r++) {
                int base = r * size;
                double mu = mean[r];
                double inv = invStd[r];
                double sumG = 0; // Σ ĝ with ĝ = g · γ, the gradient at x̂
                double sumGx = 0; // Σ ĝ · x̂
                for (int i = 0; i < size; i++) {
                    double normalised = (xd[base + i] - mu) * inv;
                    double gi = gd[base + i] * (gamma == null ? 1 : gamma[i]);
                    sumG += gi;
                    sumGx += gi * normalised;
                }
                if (gx == null) {
                    continue;
                }
                double meanG = sumG / size;
                double meanGx = sumGx / size;
                for (int i = 0; i < size; i++) {
                    double normalised = (xd[base + i] - mu) * inv;
                    double gi = gd[base + i] * (gamma == null ? 1 : gamma[i]);
                    gx[base + i] += (float) (inv * (gi - meanG - normalised * meanGx));
                }
            }
            if (gw == null && gb == null) {
                return;
            }
            // weight and bias gradients: per element, summed over the rows in row order, in double
            if (weightSums.length < size) {
                weightSums = new double[size];
                biasSums = new double[size];
            }
            Arrays.fill(weightSums, 0, size, 0);
            Arrays.fill(biasSums, 0, size, 0);
            for (int r = 0; r < rows; r++) {
                int base = r * size;
                for (int i = 0; i < size; i++) {
                    weightSums[i] += gd[base + i] * ((xd[base + i] - mean[r]) * invStd[r]);
                    biasSums[i] += gd[base + i];
                }
            }
            for (int i = 0; i < size; i++) {
                if (gw != null) {
                    gw[i] += (float) weightSums[i];
                }
                if (gb != null) {
                    gb[i] += (float) biasSums[i];
                }
            }
        }
    }
}
