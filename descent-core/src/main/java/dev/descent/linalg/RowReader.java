package dev.descent.linalg;

/**
 * Reads one row of a row-major matrix into a caller-owned {@code double[]}: the seam that lets
 * the row-streaming products ({@link TransposeProducts}) run on double or float32 storage, and
 * on centred data, without a converted copy of the whole matrix.
 */
@FunctionalInterface
interface RowReader {

    /** Writes row {@code row} into {@code target[0, columns)}. */
    void read(int row, double[] target);

    /** This reader with {@code means[j]} subtracted from column {@code j} of every row. */
    default RowReader minus(double[] means) {
        return (row, target) -> {
            read(row, target);
            for (int j = 0; j < means.length; j++) {
                target[j] -= means[j];
            }
        };
    }

    /** Rows of a row-major {@code float[]} with {@code columns} columns, widened to double. */
    static RowReader ofFloats(float[] values, int columns) {
        return (row, target) -> {
            int offset = row * columns;
            for (int j = 0; j < columns; j++) {
                target[j] = values[offset + j];
            }
        };
    }

    /** Rows of a row-major {@code double[]} with {@code columns} columns. */
    static RowReader ofDoubles(double[] values, int columns) {
        return (row, target) -> System.arraycopy(values, row * columns, target, 0, columns);
    }
}
