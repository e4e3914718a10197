package dev.descent.linalg;

import dev.descent.tensor.Tensor;
import java.util.Arrays;

/**
 * A dense double-precision matrix in row-major order over a flat {@code double[]}: element
 * {@code (i, j)} is {@code values[i * columns + j]}.
 *
 * <p>Only the products the closed-form solvers need: {@link #multiply(DoubleMatrix) A·B},
 * {@link #multiply(double[]) A·v}, and the products with the transpose, {@link #gram() AᵀA} and
 * {@link #transposeMultiply(double[]) Aᵀv}, which stream the rows of {@code A} once and never
 * form {@code Aᵀ}. Every operation checks shapes and names both in its error.
 */
public final class DoubleMatrix {
    private final int rows;
    private final int columns;
    private final double[] values;

    private DoubleMatrix(int rows, int columns, double[] values) {
        this.rows = rows;
        this.columns = columns;
        this.values = values;
    }

    /** Wraps {@code values} (not copied) as a {@code rows × columns} row-major matrix. */
    public static DoubleMatrix wrap(double[] values, int rows, int columns) {
        requireNonNegative(rows, columns);
        if ((long) rows * columns != values.length) {
            throw new IllegalArgumentException(rows + " × " + columns + " needs " + (long) rows * columns
                    + " values but the array holds " + values.length);
        }
        return new DoubleMatrix(rows, columns, values);
    }

    /** A copy of {@code values}, given row by row, as a {@code rows × columns} matrix. */
    public static DoubleMatrix of(int rows, int columns, double... values) {
        return wrap(values.clone(), rows, columns);
    }

    public static DoubleMatrix zeros(int rows, int columns) {
        requireNonNegative(rows, columns);
        return new DoubleMatrix(rows, columns, new double[Math.multiplyExact(rows, columns)]);
    }

    public static DoubleMatrix identity(int size) {
        DoubleMatrix identity = zeros(size, size);
        for (int i = 0; i < size; i++) {
            identity.values[i * size + i] = 1;
        }
        return identity;
    }

    /** The float32 values of {@code values} (row-major, {@code rows × columns}) widened to double. */
    public static DoubleMatrix fromFloats(float[] values, int rows, int columns) {
        DoubleMatrix matrix = zeros(rows, columns);
        if (values.length != matrix.values.length) {
            throw new IllegalArgumentException(rows + " × " + columns + " needs " + matrix.values.length
                    + " values but the float array holds " + values.length);
        }
        for (int i = 0; i < values.length; i++) {
            matrix.values[i] = values[i];
        }
        return matrix;
    }

    /** The values of a rank-2 tensor {@code [rows, columns]} widened to double. */
    public static DoubleMatrix fromTensor(Tensor matrix) {
        if (matrix.rank() != 2) {
            throw new IllegalArgumentException("a DoubleMatrix needs a rank-2 tensor [rows, columns], not shape "
                    + matrix.shape());
        }
        return fromFloats(matrix.data(), matrix.dim(0), matrix.dim(1));
    }

    public int rows() {
        return rows;
    }

    public int columns() {
        return columns;
    }

    public double get(int row, int column) {
        return values[index(row, column)];
    }

    public void set(int row, int column, double value) {
        values[index(row, column)] = value;
    }

    /** The backing array, shared: writes change this matrix. */
    public double[] data() {
        return values;
    }

    public DoubleMatrix copy() {
        return new DoubleMatrix(rows, columns, values.clone());
    }

    /** A copy of row {@code row}. */
    public double[] row(int row) {
        checkRow(row);
        return Arrays.copyOfRange(values, row * columns, (row + 1) * columns);
    }

    /** {@code this · right}. */
    public DoubleMatrix multiply(DoubleMatrix right) {
        if (columns != right.rows) {
            throw new IllegalArgumentException("multiply: " + shape() + " · " + right.shape()
                    + ": the left columns must equal the right rows");
        }
        DoubleMatrix product = zeros(rows, right.columns);
        int width = right.columns;
        for (int i = 0; i < rows; i++) {
            for (int k = 0; k < columns; k++) {
                double a = values[i * columns + k];
                for (int j = 0; j < width; j++) {
                    product.values[i * width + j] += a * right.values[k * width + j];
                }
            }
        }
        return product;
    }

    /** {@code this · vector}. */
    public double[] multiply(double[] vector) {
        if (vector.length != columns) {
            throw new IllegalArgumentException("multiply: " + shape() + " · vector of length " + vector.length
                    + ": the vector length must equal the columns");
        }
        double[] product = new double[rows];
        for (int i = 0; i < rows; i++) {
            double sum = 0;
            for (int j = 0; j < columns; j++) {
                sum += values[i * columns + j] * vector[j];
            }
            product[i] = sum;
        }
        return product;
    }

    /** {@code thisᵀ · this}, symmetric {@code columns × columns}, computed row by row. */
    public DoubleMatrix gram() {
        return TransposeProducts.gram(rowReader(), rows, columns);
    }

    /** {@code thisᵀ · vector}, computed row by row without forming the transpose. */
    public double[] transposeMultiply(double[] vector) {
        if (vector.length != rows) {
            throw new IllegalArgumentException("transposeMultiply: " + shape() + "ᵀ · vector of length "
                    + vector.length + ": the vector length must equal the rows");
        }
        return TransposeProducts.transposeTimes(rowReader(), rows, columns, vector);
    }

    RowReader rowReader() {
        return RowReader.ofDoubles(values, columns);
    }

    /** {@code "[rows × columns]"}, as used in error messages. */
    String shape() {
        return "[" + rows + " × " + columns + "]";
    }

    private int index(int row, int column) {
        checkRow(row);
        if (column < 0 || column >= columns) {
            throw new IndexOutOfBoundsException("column " + column + " outside [0, " + columns + ") of " + shape());
        }
        return row * columns + column;
    }

    private static void requireNonNegative(int rows, int columns) {
        if (rows < 0 || columns < 0) {
            throw new IllegalArgumentException("a matrix needs rows ≥ 0 and columns ≥ 0, got " + rows + " × " + columns);
        }
    }

    private void checkRow(int row) {
        if (row < 0 || row >= rows) {
            throw new IndexOutOfBoundsException("row " + row + " outside [0, " + rows + ") of " + shape());
        }
    }

    @Override
    public String toString() {
        int shown = Math.min(values.length, 8);
        StringBuilder s = new StringBuilder("DoubleMatrix").append(shape()).append(" [");
        for (int i = 0; i < shown; i++) {
            s.append(i == 0 ? "" : ", ").append(values[i]);
        }
        return s.append(values.length > shown ? ", …]" : "]").toString();
    }
}
