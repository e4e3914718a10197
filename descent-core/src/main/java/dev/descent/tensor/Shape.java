package dev.descent.tensor;

import java.util.Arrays;

/**
 * The dimensions of a dense row-major tensor. Immutable; the last dimension varies fastest.
 */
public final class Shape {
    private final int[] dims;
    private final int size;

    private Shape(int[] dims) {
        this.dims = dims;
        long product = 1;
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] < 0) {
                throw new IllegalArgumentException(
                        "shape " + Arrays.toString(dims) + ": dimension " + i + " is negative");
            }
            product *= dims[i];
            if (product > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("shape " + Arrays.toString(dims)
                        + " holds more than 2^31 elements; a float[] cannot hold it");
            }
        }
        this.size = (int) product;
    }

    /** The shape of the given dimensions (copied); each must be zero or more. */
    public static Shape of(int... dims) {
        return new Shape(dims.clone());
    }

    /** Number of dimensions. */
    public int rank() {
        return dims.length;
    }

    /** Size of dimension {@code axis}; negative axes count from the end. */
    public int dim(int axis) {
        int a = axis < 0 ? dims.length + axis : axis;
        if (a < 0 || a >= dims.length) {
            throw new IllegalArgumentException("axis " + axis + " out of range for shape " + this);
        }
        return dims[a];
    }

    /** Total number of elements. */
    public int size() {
        return size;
    }

    /** A copy of the dimensions. */
    public int[] dims() {
        return dims.clone();
    }

    /**
     * The position (0 to rank − 1) of {@code axis}, where negative axes count from the end as in
     * PyTorch ({@code -1} is the last). The error names {@code operation}, the shape and the
     * allowed range.
     */
    public int resolveAxis(int axis, String operation) {
        int a = axis < 0 ? dims.length + axis : axis;
        if (a < 0 || a >= dims.length) {
            throw new IllegalArgumentException(operation + ": axis " + axis + " is out of range for shape " + this
                    + (dims.length == 0 ? "; a scalar has no axes, reshape it to [1] first"
                            : "; use an axis from " + -dims.length + " to " + (dims.length - 1)));
        }
        return a;
    }

    /** The product of the dimensions before {@code axis} (a resolved, non-negative axis). */
    public int sizeBefore(int axis) {
        int product = 1;
        for (int i = 0; i < axis; i++) {
            product *= dims[i];
        }
        return product;
    }

    /** The product of the dimensions after {@code axis} (a resolved, non-negative axis). */
    public int sizeAfter(int axis) {
        int product = 1;
        for (int i = axis + 1; i < dims.length; i++) {
            product *= dims[i];
        }
        return product;
    }

    /** This shape with dimension {@code axis} (resolved, non-negative) set to {@code size}. */
    public Shape withDim(int axis, int size) {
        int[] d = dims.clone();
        d[axis] = size;
        return new Shape(d);
    }

    /** This shape without dimension {@code axis} (resolved, non-negative): one rank less. */
    public Shape withoutAxis(int axis) {
        int[] d = new int[dims.length - 1];
        System.arraycopy(dims, 0, d, 0, axis);
        System.arraycopy(dims, axis + 1, d, axis, dims.length - axis - 1);
        return new Shape(d);
    }

    /**
     * This shape's elements arranged as {@code dims}, one of which may be −1 to be inferred
     * from the others as in PyTorch's {@code reshape} and {@code view}.
     */
    public Shape reshaped(int... dims) {
        int inferred = -1;
        long known = 1;
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] == -1) {
                if (inferred >= 0) {
                    throw new IllegalArgumentException("cannot reshape " + this + " to " + Arrays.toString(dims)
                            + ": only one dimension can be -1 (inferred)");
                }
                inferred = i;
            } else if (dims[i] < 0) {
                throw new IllegalArgumentException("cannot reshape " + this + " to " + Arrays.toString(dims)
                        + ": dimension " + i + " is " + dims[i] + "; use sizes ≥ 0, or -1 for one inferred size");
            } else {
                known *= dims[i];
            }
        }
        if (inferred < 0) {
            Shape target = Shape.of(dims);
            if (target.size != size) {
                throw new IllegalArgumentException("cannot reshape " + this + " (" + size + " elements) to "
                        + target + " (" + target.size + " elements)");
            }
            return target;
        }
        // the -1 is ambiguous when the known sizes multiply to 0, and impossible when they do not divide
        if (known == 0 || size % known != 0) {
            throw new IllegalArgumentException("cannot reshape " + this + " (" + size + " elements) to "
                    + Arrays.toString(dims) + ": no size for the -1 makes the element counts match");
        }
        int[] resolved = dims.clone();
        resolved[inferred] = (int) (size / known);
        return new Shape(resolved);
    }

    /** Rows of the matrix view: the product of all dimensions but the last (1 for a scalar). */
    public int rows() {
        return dims.length == 0 ? 1 : size / Math.max(1, dims[dims.length - 1]);
    }

    /** Columns of the matrix view: the last dimension (1 for a scalar). */
    public int columns() {
        return dims.length == 0 ? 1 : dims[dims.length - 1];
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    @Override
    public String toString() {
        return Arrays.toString(dims);
    }
}
