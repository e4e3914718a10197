package dev.descent.autodiff;

import dev.descent.kernel.KernelProvider;
import dev.descent.kernel.Kernels;
import dev.descent.tensor.Shape;
import dev.descent.tensor.Tensor;
import java.util.Arrays;

/**
 * Reductions: {@link #sum}, {@link #mean} and {@link #max}, of a whole tensor to a scalar or
 * along one axis, as PyTorch's {@code sum(dim, keepdim)}, {@code mean(dim, keepdim)} and
 * {@code max(dim, keepdim)}.
 *
 * <p>An axis reduction sees the tensor as [before, length, after], where length is the size of
 * the reduced axis and before/after are the products of the dimensions around it; the result
 * is [before, after] in memory, shaped with the axis dropped, or kept as 1 with {@code keepDim}.
 */
public final class ReductionOps {
    private static final Kernels K = KernelProvider.kernels();
    private static final Shape SCALAR = Shape.of();

    private ReductionOps() {
    }

    /** The sum of all elements, a scalar (0 for an empty tensor). */
    public static Variable sum(Variable x) {
        return scaledSum("sum", x, 1f);
    }

    /** The mean of all elements, a scalar; an empty tensor is an error. */
    public static Variable mean(Variable x) {
        if (x.value().size() == 0) {
            throw new IllegalArgumentException("mean: the tensor " + x.shape() + " is empty");
        }
        return scaledSum("mean", x, 1f / x.value().size());
    }

    private static Variable scaledSum(String op, Variable x, float factor) {
        Tape tape = Tape.of(op, x);
        float[] xd = x.value().data();
        Tensor out = tape.output(SCALAR);
        out.data()[0] = factor * K.sum(xd.length, xd, 0);
        SumBackward step = tape.step(SumBackward.class, SumBackward::new);
        step.x = x;
        step.factor = factor;
        return tape.record(out, step, x);
    }

    private static final class SumBackward implements Backward {
        Variable x;
        float factor;

        @Override
        public void propagate(Tensor g) {
            float[] gx = x.gradForAccumulation().data();
            float v = factor * g.data()[0];
            for (int i = 0; i < gx.length; i++) {
                gx[i] += v;
            }
        }
    }

    /**
     * Sums along {@code axis} (negative counts from the end), as PyTorch's
     * {@code sum(dim, keepdim)}: [2, 3, 4] summed along 1 is [2, 4], or [2, 1, 4] with
     * {@code keepDim}. An empty axis sums to 0.
     */
    public static Variable sum(Variable x, int axis, boolean keepDim) {
        return scaledSum("sum", x, axis, keepDim, false);
    }

    /**
     * Means along {@code axis}, as PyTorch's {@code mean(dim, keepdim)}. Unlike PyTorch, which
     * gives NaN, the mean over an empty axis is an error, as is {@link #mean(Variable)} of an
     * empty tensor.
     */
    public static Variable mean(Variable x, int axis, boolean keepDim) {
        return scaledSum("mean", x, axis, keepDim, true);
    }

    private static Variable scaledSum(String op, Variable x, int axis, boolean keepDim, boolean mean) {
        Shape shape = x.shape();
        int a = shape.resolveAxis(axis, op);
        int length = shape.dim(a);
        if (mean && length == 0) {
            throw new IllegalArgumentException(op + ": axis " + axis + " of shape " + shape
                    + " is empty, so it has no mean; drop the empty tensor or use sum");
        }
        float factor = mean ? 1f / length : 1f;
        int before = shape.sizeBefore(a);
        int after = shape.sizeAfter(a);
        Tape tape = Tape.of(op, x);
        Tensor out = tape.output(reducedShape(shape, a, keepDim));
        float[] xd = x.value().data();
        float[] od = out.data();
        if (after == 1) { // the last axis: each result is the sum of one contiguous run
            for (int o = 0; o < before; o++) {
                od[o] = factor * K.sum(length, xd, o * length);
            }
        } else { // add whole [after]-long slices, contiguous in both arrays
            Arrays.fill(od, 0f);
            for (int o = 0; o < before; o++) {
                for (int k = 0; k < length; k++) {
                    K.axpy(after, factor, xd, (o * length + k) * after, od, o * after);
                }
            }
        }
        AxisSumBackward step = tape.step(AxisSumBackward.class, AxisSumBackward::new);
        step.x = x;
        step.before = before;
        step.length = length;
        step.after = after;
        step.factor = factor;
        return tape.record(out, step, x);
    }

    /** Every element of a reduced line gets the line's gradient times the factor (1, or 1/length for a mean). */
    private static final class AxisSumBackward implements Backward {
        Variable x;
        int before;
        int length;
        int after;
        float factor;

        @Override
        public void propagate(Tensor g) {
            float[] gd = g.data();
            float[] gx = x.gradForAccumulation().data();
            if (after == 1) {
                for (int o = 0; o < before; o++) {
                    float v = factor * gd[o];
                    int offset = o * length;
                    for (int k = 0; k < length; k++) {
                        gx[offset + k] += v;
                    }
                }
            } else {
                for (int o = 0; o < before; o++) {
                    for (int k = 0; k < length; k++) {
                        K.axpy(after, factor, gd, o * after, gx, (o * length + k) * after);
                    }
                }
            }
        }
    }

    /**
     * The largest element, a scalar, as PyTorch's {@code max()}: NaN if any element is NaN.
     * As in PyTorch, the gradient is shared evenly among all elements equal to the maximum (all
     * NaNs if it is NaN), unlike {@link #max(Variable, int, boolean)}, which gives it to one.
     */
    public static Variable max(Variable x) {
        float[] xd = x.value().data();
        if (xd.length == 0) {
            throw new IllegalArgumentException("max: the tensor " + x.shape() + " is empty; it has no largest value");
        }
        Tape tape = Tape.of("max", x);
        Tensor out = tape.output(SCALAR);
        out.data()[0] = xd[Tensor.argmaxOfLine(xd, 0, xd.length, 1)];
        MaxBackward step = tape.step(MaxBackward.class, MaxBackward::new);
        step.x = x;
        step.y = out;
        return tape.record(out, step, x);
    }

    private static final class MaxBackward implements Backward {
        Variable x;
        Tensor y;

        @Override
        public void propagate(Tensor g) {
            float[] xd = x.value().data();
            float[] gx = x.gradForAccumulation().data();
            float max = y.data()[0];
            boolean nan = max != max;
            int ties = 0;
            for (float v : xd) {
                ties += (nan ? v != v : v == max) ? 1 : 0;
            }
            float share = g.data()[0] / ties;
            for (int i = 0; i < xd.length; i++) {
                float v = xd[i];
                if (nan ? v != v : v == max) {
                    gx[i] += share;
                }
            }
        }
    }

    /**
     * The largest value along {@code axis}, as the values of PyTorch's {@code max(dim, keepdim)}
     * (their positions are {@code x.value().argmax(axis)}). NaN counts as the largest. The
     * gradient goes to the position {@code argmax} reports, the first among ties, as PyTorch
     * routes it through the indices it returns. An empty axis is an error.
     */
    public static Variable max(Variable x, int axis, boolean keepDim) {
        Shape shape = x.shape();
        int a = shape.resolveAxis(axis, "max");
        int length = shape.dim(a);
        if (length == 0) {
            throw new IllegalArgumentException("max: axis " + axis + " of shape " + shape
                    + " is empty; there is no largest value");
        }
        int before = shape.sizeBefore(a);
        int after = shape.sizeAfter(a);
        Tape tape = Tape.of("max", x);
        Tensor out = tape.output(reducedShape(shape, a, keepDim));
        float[] xd = x.value().data();
        float[] od = out.data();
        for (int o = 0; o < before; o++) {
            for (int i = 0; i < after; i++) {
                int start = o * length * after + i;
                od[o * after + i] = xd[start + Tensor.argmaxOfLine(xd, start, length, after) * after];
            }
        }
        AxisMaxBackward step = tape.step(AxisMaxBackward.class, AxisMaxBackward::new);
        step.x = x;
        step.before = before;
        step.length = length;
        step.after = after;
        return tape.record(out, step, x);
    }

    /** Finds each line's arg-max again (no index buffer to keep) and routes its gradient there. */
    private static final class AxisMaxBackward implements Backward {
        Variable x;
        int before;
        int length;
        int after;

        @Override
        public void propagate(Tensor g) {
            float[] gd = g.data();
            float[] xd = x.value().data();
            float[] gx = x.gradForAccumulation().data();
            for (int o = 0; o < before; o++) {
                for (int i = 0; i < after; i++) {
                    int start = o * length * after + i;
                    gx[start + Tensor.argmaxOfLine(xd, start, length, after) * after] += gd[o * after + i];
                }
            }
        }
    }

    private static Shape reducedShape(Shape shape, int axis, boolean keepDim) {
        return keepDim ? shape.withDim(axis, 1) : shape.withoutAxis(axis);
    }
}
