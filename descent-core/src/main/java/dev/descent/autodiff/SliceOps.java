package dev.descent.autodiff;

import dev.descent.kernel.KernelProvider;
import dev.descent.kernel.Kernels;
import dev.descent.tensor.Shape;
import dev.descent.tensor.Tensor;
import java.util.List;

/**
 * Cutting a tensor along one axis ({@link #slice}, {@link #narrow}) and joining tensors along
 * one ({@link #concat}). Each sees a tensor as [before, length, after] around the axis, so a
 * part of it is {@code before} contiguous runs of {@code count · after} values.
 *
 * <p>The results are copies, unlike PyTorch's views: writing into one never changes the input.
 */
public final class SliceOps {
    private static final Kernels K = KernelProvider.kernels();

    private SliceOps() {
    }

    /**
     * The positions {@code start} (included) to {@code end} (excluded) along {@code axis}, as
     * PyTorch's {@code x[..., start:end]} on that axis: negative positions count from the end
     * and, as in Python, positions beyond the ends are clamped, so {@code slice(x, 0, 2, 100)}
     * keeps everything from 2 on and an empty range gives a zero-length axis.
     */
    public static Variable slice(Variable x, int axis, int start, int end) {
        Shape shape = x.shape();
        int a = shape.resolveAxis(axis, "slice");
        int length = shape.dim(a);
        int from = clampPosition(start, length);
        int to = Math.max(from, clampPosition(end, length));
        return cut("slice", x, a, from, to - from);
    }

    /** Python's rule for a slice bound: negative counts from the end, then clamp into [0, length]. */
    private static int clampPosition(int position, int length) {
        int p = position < 0 ? position + length : position;
        return Math.max(0, Math.min(length, p));
    }

    /**
     * {@code length} positions from {@code start} along {@code axis}, as PyTorch's
     * {@code narrow(dim, start, length)}: a negative start counts from the end, and unlike
     * {@link #slice} a range that does not fit is an error.
     */
    public static Variable narrow(Variable x, int axis, int start, int length) {
        Shape shape = x.shape();
        int a = shape.resolveAxis(axis, "narrow");
        int size = shape.dim(a);
        int from = start < 0 ? start + size : start;
        if (from < 0 || from > size) {
            throw new IllegalArgumentException("narrow: start " + start + " is out of range for axis " + axis
                    + " of size " + size + " (shape " + shape + "); use a start from " + -size + " to " + size);
        }
        if (length < 0 || from + length > size) {
            throw new IllegalArgumentException("narrow: start " + from + " + length " + length
                    + " does not fit in axis " + axis + " of size " + size + " (shape " + shape
                    + "); use a length from 0 to " + (size - from) + ", or slice() to clamp");
        }
        return cut("narrow", x, a, from, length);
    }

    private static Variable cut(String op, Variable x, int axis, int from, int count) {
        Shape shape = x.shape();
        Tape tape = Tape.of(op, x);
        Tensor y = tape.output(shape.withDim(axis, count));
        CutBackward step = tape.step(CutBackward.class, CutBackward::new);
        step.x = x;
        step.before = shape.sizeBefore(axis);
        step.length = shape.dim(axis);
        step.after = shape.sizeAfter(axis);
        step.from = from;
        step.count = count;
        float[] xd = x.value().data();
        float[] yd = y.data();
        int run = count * step.after;
        for (int o = 0; o < step.before; o++) {
            System.arraycopy(xd, (o * step.length + from) * step.after, yd, o * run, run);
        }
        return tape.record(y, step, x);
    }

    /** The gradient of the kept positions goes back to them; the cut-away positions get none. */
    private static final class CutBackward implements Backward {
        Variable x;
        int before;
        int length;
        int after;
        int from;
        int count;

        @Override
        public void propagate(Tensor g) {
            float[] gd = g.data();
            float[] gx = x.gradForAccumulation().data();
            int run = count * after;
            for (int o = 0; o < before; o++) {
                K.axpy(run, 1f, gd, o * run, gx, (o * length + from) * after);
            }
        }
    }

    /**
     * The tensors joined along {@code axis} in list order, as PyTorch's {@code cat(tensors, dim)}:
     * all must have the same rank and the same dimensions except along {@code axis}, where
     * they may differ (zero included).
     */
    public static Variable concat(List<Variable> parts, int axis) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("concat: the list of tensors is empty; pass at least one");
        }
        Variable[] inputs = parts.toArray(new Variable[0]);
        for (int p = 0; p < inputs.length; p++) {
            if (inputs[p] == null) {
                throw new IllegalArgumentException("concat: tensor " + p + " of the list is null");
            }
        }
        Shape first = inputs[0].shape();
        int a = first.resolveAxis(axis, "concat");
        int total = 0;
        for (int p = 0; p < inputs.length; p++) {
            Shape s = inputs[p].shape();
            if (s.rank() != first.rank() || !s.withDim(a, 0).equals(first.withDim(a, 0))) {
                throw new IllegalArgumentException("concat: tensor " + p + " has shape " + s + " but tensor 0 has "
                        + first + "; all dimensions except axis " + axis + " must match");
            }
            total += s.dim(a);
        }
        Tape tape = Tape.of("concat", inputs);
        Tensor y = tape.output(first.withDim(a, total));
        int before = first.sizeBefore(a);
        int after = first.sizeAfter(a);
        float[] yd = y.data();
        int offset = 0;
        for (Variable part : inputs) {
            int run = part.shape().dim(a) * after;
            float[] pd = part.value().data();
            for (int o = 0; o < before; o++) {
                System.arraycopy(pd, o * run, yd, o * total * after + offset, run);
            }
            offset += run;
        }
        ConcatBackward step = tape.step(ConcatBackward.class, ConcatBackward::new);
        step.parts = inputs;
        step.axis = a;
        step.before = before;
        step.total = total;
        step.after = after;
        return tape.record(y, step, inputs);
    }

    /** Each part gets back the block of the gradient its values were copied to. */
    private static final class ConcatBackward implements Backward {
        Variable[] parts;
        int axis;
        int before;
        int total;
        int after;

        @Override
        public void propagate(Tensor g) {
            float[] gd = g.data();
            int offset = 0;
            for (Variable part : parts) {
                int run = part.shape().dim(axis) * after;
                if (part.requiresGrad()) {
                    float[] gp = part.gradForAccumulation().data();
                    for (int o = 0; o < before; o++) {
                        K.axpy(run, 1f, gd, o * total * after + offset, gp, o * run);
                    }
                }
                offset += run;
            }
        }
    }
}
