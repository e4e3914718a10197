package dev.descent.autodiff;

import dev.descent.kernel.KernelProvider;
import dev.descent.kernel.Kernels;
import dev.descent.tensor.Tensor;

/**
 * Softmax and log-softmax over the last dimension (each row), shifted by the row maximum so
 * that no exponential overflows.
 */
public final class SoftmaxOps {
    private static final Kernels K = KernelProvider.kernels();

    private SoftmaxOps() {
    }

    /** {@code softmax(x)_j = e^(x_j − max) / Σ_k e^(x_k − max)} per row. */
    public static Variable softmax(Variable x) {
        Tape tape = Tape.of("softmax", x);
        Tensor xv = x.value();
        int rows = xv.rows();
        int columns = xv.columns();
        Tensor y = tape.output(xv.shape());
        float[] yd = y.data();
        softmaxRows(xv.data(), yd, rows, columns);
        return record(tape, false, x, y);
    }

    /** {@code logSoftmax(x)_j = x_j − max − log Σ_k e^(x_k − max)} per row. */
    public static Variable logSoftmax(Variable x) {
        Tape tape = Tape.of("logSoftmax", x);
        Tensor xv = x.value();
        int rows = xv.rows();
        int columns = xv.columns();
        float[] xd = xv.data();
        Tensor y = tape.output(xv.shape());
        float[] yd = y.data();
        for (int r = 0; r < rows; r++) {
            int o = r * columns;
            // (x − max) − log Σ e^(x − max): subtracting max first keeps the small differences exact
            float max = K.max(columns, xd, o);
            float logSum = (float) Math.log(sumOfShiftedExp(xd, o, columns, max));
            for (int j = 0; j < columns; j++) {
                yd[o + j] = (xd[o + j] - max) - logSum;
            }
        }
        return record(tape, true, x, y);
    }

    private static Variable record(Tape tape, boolean logarithmic, Variable x, Tensor y) {
        SoftmaxBackward step = tape.step(SoftmaxBackward.class, SoftmaxBackward::new);
        step.logarithmic = logarithmic;
        step.x = x;
        step.y = y;
        return tape.record(y, step, x);
    }

    private static final class SoftmaxBackward implements Backward {
        boolean logarithmic;
        Variable x;
        Tensor y;

        @Override
        public void propagate(Tensor g) {
            float[] gd = g.data();
            float[] yd = y.data();
            float[] gx = x.gradForAccumulation().data();
            int rows = y.rows();
            int columns = y.columns();
            for (int r = 0; r < rows; r++) {
                int o = r * columns;
                if (logarithmic) { // dx = g − softmax(x) · Σ_k g_k
                    float total = K.sum(columns, gd, o);
                    for (int j = 0; j < columns; j++) {
                        gx[o + j] += gd[o + j] - (float) Math.exp(yd[o + j]) * total;
                    }
                } else { // dx = y ⊙ (g − Σ_k g_k y_k)
                    float dot = K.dot(columns, gd, o, yd, o);
                    for (int j = 0; j < columns; j++) {
                        gx[o + j] += yd[o + j] * (gd[o + j] - dot);
                    }
                }
            }
        }
    }

    /** Writes the row-wise softmax of {@code x} into {@code y} (may be the same array). */
    public static void softmaxRows(float[] x, float[] y, int rows, int columns) {
        for (int r = 0; r < rows; r++) {
            int o = r * columns;
            float max = K.max(columns, x, o);
            float total = 0f;
            for (int j = 0; j < columns; j++) {
                float e = (float) Math.exp(x[o + j] - max);
                y[o + j] = e;
                total += e;
            }
            K.scale(columns, 1f / total, y, o);
        }
    }

    /** {@code log Σ e^(x_j)} over one row, stable for large values. */
    public static float logSumExp(float[] x, int offset, int length) {
        float max = K.max(length, x, offset);
        if (Float.isInfinite(max)) {
            return max;
        }
        return max + (float) Math.log(sumOfShiftedExp(x, offset, length, max));
    }

    /** {@code Σ e^(x_j − max)} over one row, in double: at least 1 when max is the row's maximum. */
    public static double sumOfShiftedExp(float[] x, int offset, int length, float max) {
        double total = 0;
        for (int j = 0; j < length; j++) {
            total += Math.exp(x[offset + j] - max);
        }
        return total;
    }
}
