package dev.descent.autodiff;

import dev.descent.tensor.Shape;
import dev.descent.tensor.Tensor;
import java.util.Arrays;

/**
 * {@link #gather}: values picked along one axis by an integer index, as PyTorch's
 * {@code torch.gather}. The typical use picks each example's score for its label:
 * {@code gather(logits, 1, labels, batch, 1)} is [batch, 1].
 */
public final class GatherOps {
    private GatherOps() {
    }

    /**
     * {@code y[i][j][k] = x[i][index[i][j][k]][k]} for axis 1, and likewise for any axis, as
     * PyTorch's {@code gather(x, dim, index)}. The index is given flat in row-major order with
     * its dimensions {@code indexDims}; it has the rank of x, is no larger than x along the
     * other axes, and its values lie in [0, size of the axis). The result has the index's shape.
     * The gradient of each output goes back to the element it was picked from, summed when
     * one element is picked several times.
     */
    public static Variable gather(Variable x, int axis, int[] index, int... indexDims) {
        Shape shape = x.shape();
        Shape indexShape = Shape.of(indexDims);
        int a = shape.resolveAxis(axis, "gather");
        requireIndexShape(shape, a, index, indexShape);
        requireIndexValues(shape, a, index, indexShape);
        Tape tape = Tape.of("gather", x);
        Tensor y = tape.output(indexShape);
        GatherBackward step = tape.step(GatherBackward.class, GatherBackward::new);
        step.x = x;
        step.sources = sourcePositions(shape, a, index, indexShape, step.sources);
        float[] xd = x.value().data();
        float[] yd = y.data();
        int[] sources = step.sources;
        for (int f = 0; f < yd.length; f++) {
            yd[f] = xd[sources[f]];
        }
        return tape.record(y, step, x);
    }

    private static void requireIndexShape(Shape shape, int axis, int[] index, Shape indexShape) {
        if (index.length != indexShape.size()) {
            throw new IllegalArgumentException("gather: the index array holds " + index.length
                    + " values but its dimensions " + indexShape + " need " + indexShape.size());
        }
        if (indexShape.rank() != shape.rank()) {
            throw new IllegalArgumentException("gather: the index has shape " + indexShape + " (rank "
                    + indexShape.rank() + ") but the input has shape " + shape + " (rank " + shape.rank()
                    + "); give the index the input's rank, e.g. [n, 1] rather than [n] to pick one per row");
        }
        for (int d = 0; d < shape.rank(); d++) {
            if (d != axis && indexShape.dim(d) > shape.dim(d)) {
                throw new IllegalArgumentException("gather: the index has shape " + indexShape + " but the input "
                        + shape + "; along dimension " + d + " (not the gathered axis " + axis
                        + ") the index may be at most " + shape.dim(d) + ", not " + indexShape.dim(d));
            }
        }
    }

    private static void requireIndexValues(Shape shape, int axis, int[] index, Shape indexShape) {
        int length = shape.dim(axis);
        for (int f = 0; f < index.length; f++) {
            int v = index[f];
            if (v < 0 || v >= length) {
                throw new IllegalArgumentException("gather: index value " + v + " at position "
                        + Arrays.toString(coordinatesOf(f, indexShape)) + " of the index is out of range for axis "
                        + axis + " of size " + length + " (input shape " + shape + "); use values from 0 to "
                        + (length - 1));
            }
        }
    }

    /** The coordinates of flat row-major position {@code f} in {@code shape}. */
    private static int[] coordinatesOf(int f, Shape shape) {
        int[] coordinates = new int[shape.rank()];
        for (int d = shape.rank() - 1; d >= 0; d--) {
            coordinates[d] = f % shape.dim(d);
            f /= shape.dim(d);
        }
        return coordinates;
    }

    /**
     * The flat position in x of every output element: the output's own coordinates with the one
     * along {@code axis} replaced by the index value. Walks the output in row-major order,
     * keeping the offset of the other coordinates up to date; reuses {@code reuse} when it fits.
     * The index values were checked.
     */
    private static int[] sourcePositions(Shape shape, int axis, int[] index, Shape indexShape, int[] reuse) {
        int rank = shape.rank();
        int[] strides = new int[rank];
        for (int d = 0; d < rank; d++) {
            strides[d] = shape.sizeAfter(d);
        }
        int[] limits = indexShape.dims();
        int[] sources = reuse != null && reuse.length == index.length ? reuse : new int[index.length];
        int[] coordinates = new int[rank];
        int base = 0; // Σ coordinates[d] · strides[d] over d ≠ axis
        for (int f = 0; f < index.length; f++) {
            sources[f] = base + index[f] * strides[axis];
            for (int d = rank - 1; d >= 0; d--) { // next coordinates, last dimension fastest
                coordinates[d]++;
                if (d != axis) {
                    base += strides[d];
                }
                if (coordinates[d] < limits[d]) {
                    break;
                }
                if (d != axis) {
                    base -= coordinates[d] * strides[d];
                }
                coordinates[d] = 0;
            }
        }
        return sources;
    }

    /** Scatter-add: each output's gradient goes to the element it was read from. */
    private static final class GatherBackward implements Backward {
        Variable x;
        int[] sources;

        @Override
        public void propagate(Tensor g) {
            float[] gd = g.data();
            float[] gx = x.gradForAccumulation().data();
            for (int f = 0; f < gd.length; f++) {
                gx[sources[f]] += gd[f];
            }
        }
    }
}
