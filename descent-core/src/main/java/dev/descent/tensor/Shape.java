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

    public int[] dims() {
        return dims.clone();
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
