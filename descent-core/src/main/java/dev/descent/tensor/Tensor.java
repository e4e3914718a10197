package dev.descent.tensor;

import java.util.Arrays;
import java.util.function.IntToDoubleFunction;

/**
 * A dense float32 tensor in row-major order over a flat {@code float[]} starting at index 0.
 *
 * <p>The shape is fixed; the values are mutable so that hot loops can write into buffers
 * they own instead of allocating. {@link #reshape} returns a view that shares the values.
 */
public final class Tensor {
    private final Shape shape;
    private final float[] data;

    private Tensor(Shape shape, float[] data) {
        this.shape = shape;
        this.data = data;
    }

    /** Wraps {@code data} (not copied) as a tensor of the given shape. */
    public static Tensor wrap(float[] data, int... dims) {
        Shape shape = Shape.of(dims);
        if (data.length != shape.size()) {
            throw new IllegalArgumentException("shape " + shape + " needs " + shape.size()
                    + " values but the array holds " + data.length);
        }
        return new Tensor(shape, data);
    }

    /** Wraps {@code data} (not copied) as a tensor of the given shape. */
    public static Tensor wrap(float[] data, Shape shape) {
        if (data.length != shape.size()) {
            throw new IllegalArgumentException("shape " + shape + " needs " + shape.size()
                    + " values but the array holds " + data.length);
        }
        return new Tensor(shape, data);
    }

    /** A copy of {@code values} as a tensor of the given shape. */
    public static Tensor of(float[] values, int... dims) {
        return wrap(values.clone(), dims);
    }

    public static Tensor zeros(int... dims) {
        Shape shape = Shape.of(dims);
        return new Tensor(shape, new float[shape.size()]);
    }

    public static Tensor zeros(Shape shape) {
        return new Tensor(shape, new float[shape.size()]);
    }

    public static Tensor scalar(float value) {
        return new Tensor(Shape.of(), new float[] {value});
    }

    public static Tensor filled(float value, int... dims) {
        Tensor t = zeros(dims);
        Arrays.fill(t.data, value);
        return t;
    }

    /** A tensor whose element i is {@code f(i)}, in flat row-major order. */
    public static Tensor generate(IntToDoubleFunction f, int... dims) {
        Tensor t = zeros(dims);
        for (int i = 0; i < t.data.length; i++) {
            t.data[i] = (float) f.applyAsDouble(i);
        }
        return t;
    }

    public Shape shape() {
        return shape;
    }

    public int rank() {
        return shape.rank();
    }

    public int size() {
        return data.length;
    }

    /** Size of dimension {@code axis}; negative axes count from the end. */
    public int dim(int axis) {
        return shape.dim(axis);
    }

    /** Rows of the matrix view (all dimensions but the last). */
    public int rows() {
        return shape.rows();
    }

    /** Columns of the matrix view (the last dimension). */
    public int columns() {
        return shape.columns();
    }

    /** The backing array, shared: writes change this tensor. */
    public float[] data() {
        return data;
    }

    public float get(int flatIndex) {
        return data[flatIndex];
    }

    public float get(int row, int column) {
        requireRank(2, "get(row, column)");
        return data[row * shape.dim(1) + column];
    }

    public void set(int flatIndex, float value) {
        data[flatIndex] = value;
    }

    public void set(int row, int column, float value) {
        requireRank(2, "set(row, column)");
        data[row * shape.dim(1) + column] = value;
    }

    /** The single value of a one-element tensor. */
    public float item() {
        if (data.length != 1) {
            throw new IllegalStateException("item() needs a tensor with one element, not shape " + shape);
        }
        return data[0];
    }

    /** A view with another shape of the same size, sharing the values. */
    public Tensor reshape(int... dims) {
        Shape target = Shape.of(dims);
        if (target.size() != shape.size()) {
            throw new IllegalArgumentException("cannot reshape " + shape + " (" + shape.size()
                    + " elements) to " + target + " (" + target.size() + " elements)");
        }
        return new Tensor(target, data);
    }

    public Tensor copy() {
        return new Tensor(shape, data.clone());
    }

    /** Copies the values of {@code source}, which must have the same shape. */
    public Tensor copyFrom(Tensor source) {
        requireSameShape(source, "copyFrom");
        System.arraycopy(source.data, 0, data, 0, data.length);
        return this;
    }

    public Tensor fill(float value) {
        Arrays.fill(data, value);
        return this;
    }

    /** A copy of row {@code row} of the matrix view. */
    public float[] row(int row) {
        int columns = columns();
        return Arrays.copyOfRange(data, row * columns, (row + 1) * columns);
    }

    /** Throws with both shapes named unless {@code other} has this tensor's shape. */
    public void requireSameShape(Tensor other, String operation) {
        if (!shape.equals(other.shape)) {
            throw new IllegalArgumentException(operation + ": shapes differ, " + shape + " vs " + other.shape);
        }
    }

    private void requireRank(int rank, String operation) {
        if (shape.rank() != rank) {
            throw new IllegalArgumentException(operation + " needs a rank-" + rank + " tensor, not shape " + shape);
        }
    }

    @Override
    public String toString() {
        int shown = Math.min(data.length, 8);
        StringBuilder s = new StringBuilder("Tensor").append(shape).append(" [");
        for (int i = 0; i < shown; i++) {
            s.append(i == 0 ? "" : ", ").append(data[i]);
        }
        return s.append(data.length > shown ? ", …]" : "]").toString();
    }
}
