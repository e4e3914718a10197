package dev.descent.autodiff;

import dev.descent.kernel.KernelProvider;
import dev.descent.kernel.Kernels;
import dev.descent.tensor.Shape;
import dev.descent.tensor.Tensor;
import java.util.Arrays;

/**
 * Changes of shape: {@link #reshape}, {@link #view} and {@link #flatten}, which share storage,
 * and {@link #transpose}, which copies (a tensor is always contiguous in row-major order).
 */
public final class ShapeOps {
    private static final Kernels K = KernelProvider.kernels();

    private ShapeOps() {
    }

    /**
     * The same values with another shape of the same size, sharing storage; one dimension may
     * be −1 to be inferred, as in PyTorch ({@code reshape(x, -1)} flattens, {@code reshape(x, n, -1)}
     * keeps n rows).
     */
    public static Variable reshape(Variable x, int... dims) {
        Tape tape = Tape.of("reshape", x);
        ReshapeBackward step = tape.step(ReshapeBackward.class, ReshapeBackward::new);
        Tensor y = step.view(x.value(), dims);
        step.x = x;
        return tape.record(y, step, x);
    }

    /** The same as {@link #reshape}: every tensor is contiguous, so PyTorch's view and reshape coincide. */
    public static Variable view(Variable x, int... dims) {
        return reshape(x, dims);
    }

    private static final class ReshapeBackward implements Backward {
        Variable x;
        // the last view made, reused while the same values are reshaped the same way (every
        // training step of a recycling tape), so that a step allocates nothing for it
        private float[] sourceData;
        private Shape sourceShape;
        private int[] viewDims = new int[0];
        private Tensor view;

        Tensor view(Tensor source, int[] dims) {
            if (view != null && source.data() == sourceData && source.shape().equals(sourceShape)
                    && Arrays.equals(dims, viewDims)) {
                return view;
            }
            view = source.reshape(dims);
            sourceData = source.data();
            sourceShape = source.shape();
            viewDims = dims.clone();
            return view;
        }

        @Override
        public void propagate(Tensor g) {
            K.axpy(g.size(), 1f, g.data(), 0, x.gradForAccumulation().data(), 0);
        }
    }

    /** Keeps the first dimension and joins the others: [n, a, b, …] becomes [n, a·b·…]. */
    public static Variable flatten(Variable x) {
        Tensor v = x.value();
        if (v.rank() == 0) {
            throw new IllegalArgumentException("flatten: a scalar has no first dimension to keep");
        }
        int n = v.dim(0);
        return reshape(x, n, n == 0 ? 0 : v.size() / n);
    }

    /**
     * Swaps two dimensions, as PyTorch's {@code transpose(dim0, dim1)} (negative axes count from
     * the end): a [2, 3, 4] tensor transposed on 0 and 2 is [4, 3, 2] with
     * {@code y[k][j][i] = x[i][j][k]}. Unlike PyTorch's view this is a copy; swapping an axis
     * with itself returns a view of the same values.
     */
    public static Variable transpose(Variable x, int dim0, int dim1) {
        Shape shape = x.shape();
        int a = shape.resolveAxis(dim0, "transpose (dim0)");
        int b = shape.resolveAxis(dim1, "transpose (dim1)");
        if (a == b) {
            return reshape(x, shape.dims());
        }
        int first = Math.min(a, b);
        int second = Math.max(a, b);
        int[] dims = shape.dims();
        dims[first] = shape.dim(second);
        dims[second] = shape.dim(first);
        Tape tape = Tape.of("transpose", x);
        Tensor y = tape.output(Shape.of(dims));
        TransposeBackward step = tape.step(TransposeBackward.class, TransposeBackward::new);
        step.x = x;
        step.before = shape.sizeBefore(first);
        step.firstLength = shape.dim(first);
        step.between = betweenSize(shape, first, second);
        step.secondLength = shape.dim(second);
        step.after = shape.sizeAfter(second);
        swapAxes(x.value().data(), y.data(), step.before, step.firstLength, step.between, step.secondLength,
                step.after, false);
        return tape.record(y, step, x);
    }

    /** The product of the dimensions strictly between {@code first} and {@code second}. */
    private static int betweenSize(Shape shape, int first, int second) {
        int product = 1;
        for (int d = first + 1; d < second; d++) {
            product *= shape.dim(d);
        }
        return product;
    }

    /** The gradient of a swap of two axes is the same swap of the output's gradient. */
    private static final class TransposeBackward implements Backward {
        Variable x;
        int before;
        int firstLength;
        int between;
        int secondLength;
        int after;

        @Override
        public void propagate(Tensor g) {
            // g is laid out as [before, secondLength, between, firstLength, after]
            swapAxes(g.data(), x.gradForAccumulation().data(), before, secondLength, between, firstLength, after, true);
        }
    }

    /**
     * Writes (or with {@code accumulate} adds) {@code source}, seen as [before, n0, between, n1,
     * after], into {@code target} as [before, n1, between, n0, after]: blocks of {@code after}
     * contiguous values move whole.
     */
    static void swapAxes(float[] source, float[] target, int before, int n0, int between, int n1, int after,
                         boolean accumulate) {
        int targetStride = between * n0 * after; // one step along n1 in the target
        for (int p = 0; p < before; p++) {
            for (int i = 0; i < n0; i++) {
                for (int m = 0; m < between; m++) {
                    int s = ((p * n0 + i) * between + m) * n1 * after;
                    int t = ((p * n1 * between + m) * n0 + i) * after;
                    for (int j = 0; j < n1; j++, s += after, t += targetStride) {
                        if (accumulate) {
                            for (int c = 0; c < after; c++) {
                                target[t + c] += source[s + c];
                            }
                        } else {
                            for (int c = 0; c < after; c++) {
                                target[t + c] = source[s + c];
                            }
                        }
                    }
                }
            }
        }
    }
}
