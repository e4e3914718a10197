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

    /**
     * A copy of a matrix given as rows, shape [rows, columns]. Every row must have the same
     * length; an empty array gives shape [0, 0].
     */
    public static Tensor of(float[][] rows) {
        int columns = NestedArrays.columns(rows);
        float[] data = new float[rows.length * columns];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, data, r * columns, columns);
        }
        return wrap(data, rows.length, columns);
    }

    /** {@link #of(float[][])} from doubles, each rounded to the nearest float. */
    public static Tensor of(double[][] rows) {
        int columns = NestedArrays.columns(rows);
        float[] data = new float[rows.length * columns];
        for (int r = 0; r < rows.length; r++) {
            double[] row = rows[r];
            int offset = r * columns;
            for (int c = 0; c < columns; c++) {
                data[offset + c] = (float) row[c];
            }
        }
        return wrap(data, rows.length, columns);
    }

    /**
     * A copy of a rank-3 array, shape [blocks, rows, columns] (e.g. [batch, sequence, features]).
     * Every block must have the same number of rows and every row the same length.
     */
    public static Tensor of(float[][][] blocks) {
        int[] dims = NestedArrays.dims(blocks);
        int rowSize = dims[2];
        float[] data = new float[dims[0] * dims[1] * rowSize];
        int offset = 0;
        for (float[][] block : blocks) {
            for (float[] row : block) {
                System.arraycopy(row, 0, data, offset, rowSize);
                offset += rowSize;
            }
        }
        return wrap(data, dims);
    }

    /** {@link #of(float[][][])} from doubles, each rounded to the nearest float. */
    public static Tensor of(double[][][] blocks) {
        int[] dims = NestedArrays.dims(blocks);
        float[] data = new float[dims[0] * dims[1] * dims[2]];
        int offset = 0;
        for (double[][] block : blocks) {
            for (double[] row : block) {
                for (double v : row) {
                    data[offset++] = (float) v;
                }
            }
        }
        return wrap(data, dims);
    }

    /** A zero-filled tensor of the given dimensions. */
    public static Tensor zeros(int... dims) {
        Shape shape = Shape.of(dims);
        return new Tensor(shape, new float[shape.size()]);
    }

    /** A zero-filled tensor of the given shape. */
    public static Tensor zeros(Shape shape) {
        return new Tensor(shape, new float[shape.size()]);
    }

    /** A rank-0 tensor (shape []) holding {@code value}. */
    public static Tensor scalar(float value) {
        return new Tensor(Shape.of(), new float[] {value});
    }

    /** A tensor of the given dimensions with every element {@code value}. */
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

    /** The dimensions. */
    public Shape shape() {
        return shape;
    }

    /** Number of dimensions. */
    public int rank() {
        return shape.rank();
    }

    /** Total number of elements. */
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

    /** The element at {@code flatIndex} in row-major order. */
    public float get(int flatIndex) {
        return data[flatIndex];
    }

    /** The element at ({@code row}, {@code column}) of a matrix. */
    public float get(int row, int column) {
        requireRank(2, "get(row, column)");
        return data[row * shape.dim(1) + column];
    }

    /** Sets the element at {@code flatIndex} in row-major order. */
    public void set(int flatIndex, float value) {
        data[flatIndex] = value;
    }

    /** Sets the element at ({@code row}, {@code column}) of a matrix. */
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

    /**
     * A view with another shape of the same size, sharing the values; one dimension may be −1
     * to be inferred, as in PyTorch ({@code reshape(-1)} flattens, {@code reshape(n, -1)} keeps n rows).
     */
    public Tensor reshape(int... dims) {
        return new Tensor(shape.reshaped(dims), data);
    }

    /**
     * The same as {@link #reshape}: every tensor is contiguous, so PyTorch's {@code view} and
     * {@code reshape} coincide and both share the values.
     */
    public Tensor view(int... dims) {
        return reshape(dims);
    }

    /** A copy with its own values. */
    public Tensor copy() {
        return new Tensor(shape, data.clone());
    }

    /** Copies the values of {@code source}, which must have the same shape. */
    public Tensor copyFrom(Tensor source) {
        requireSameShape(source, "copyFrom");
        System.arraycopy(source.data, 0, data, 0, data.length);
        return this;
    }

    /** Sets every element to {@code value}; returns this tensor. */
    public Tensor fill(float value) {
        Arrays.fill(data, value);
        return this;
    }

    /** A copy of row {@code row} of the matrix view. */
    public float[] row(int row) {
        int columns = columns();
        return Arrays.copyOfRange(data, row * columns, (row + 1) * columns);
    }

    /**
     * The rows of a matrix as a new {@code float[rows][columns]} (PyTorch's {@code tolist()}):
     * a copy, so later writes to either do not reach the other.
     */
    public float[][] toArray2d() {
        requireRank(2, "toArray2d()");
        int rows = shape.dim(0);
        int columns = shape.dim(1);
        float[][] out = new float[rows][];
        for (int r = 0; r < rows; r++) {
            out[r] = Arrays.copyOfRange(data, r * columns, (r + 1) * columns);
        }
        return out;
    }

    /** The values of a rank-3 tensor as a new {@code float[d0][d1][d2]}, a copy. */
    public float[][][] toArray3d() {
        requireRank(3, "toArray3d()");
        int blocks = shape.dim(0);
        int rows = shape.dim(1);
        int columns = shape.dim(2);
        float[][][] out = new float[blocks][rows][];
        for (int b = 0; b < blocks; b++) {
            for (int r = 0; r < rows; r++) {
                int offset = (b * rows + r) * columns;
                out[b][r] = Arrays.copyOfRange(data, offset, offset + columns);
            }
        }
        return out;
    }

    /**
     * The position of the largest value along {@code axis} (negative counts from the end), as
     * PyTorch's {@code argmax(dim)}: the first position among ties, and the first NaN if the
     * line holds one (NaN counts as the largest). The result is laid out in row-major order over
     * this shape without {@code axis}: for model outputs of shape [batch, classes],
     * {@code argmax(-1)} gives each example's predicted class, an {@code int[batch]}.
     */
    public int[] argmax(int axis) {
        int a = shape.resolveAxis(axis, "argmax");
        int length = shape.dim(a);
        if (length == 0) {
            throw new IllegalArgumentException("argmax: axis " + axis + " of shape " + shape
                    + " is empty; there is no largest value to point at");
        }
        int before = shape.sizeBefore(a);
        int after = shape.sizeAfter(a);
        int[] positions = new int[before * after];
        for (int o = 0; o < before; o++) {
            for (int i = 0; i < after; i++) {
                positions[o * after + i] = argmaxOfLine(data, o * length * after + i, length, after);
            }
        }
        return positions;
    }

    /**
     * The flat row-major index of the largest value (PyTorch's {@code argmax()} without a
     * dimension), with the same rules for ties and NaN as {@link #argmax(int)}.
     */
    public int argmax() {
        if (data.length == 0) {
            throw new IllegalArgumentException("argmax: the tensor " + shape + " is empty; there is no largest value");
        }
        return argmaxOfLine(data, 0, data.length, 1);
    }

    /**
     * The position k of the largest of {@code values[offset + k·stride]}, k below {@code length}
     * (at least 1): the first among equals, or the first NaN.
     */
    public static int argmaxOfLine(float[] values, int offset, int length, int stride) {
        int best = 0;
        float bestValue = values[offset];
        for (int k = 1; k < length && bestValue == bestValue; k++) { // stop at the first NaN
            float v = values[offset + k * stride];
            // v != v: a NaN beats any number, as in PyTorch
            if (v > bestValue || v != v) {
                best = k;
                bestValue = v;
            }
        }
        return best;
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
