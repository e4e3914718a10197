package dev.descent.linalg;

import java.util.Arrays;

/**
 * The products with a transpose that the normal equations need, {@code XᵀX} and {@code Xᵀv},
 * computed by streaming the rows of {@code X} once: {@code XᵀX = Σᵢ xᵢxᵢᵀ} and
 * {@code Xᵀv = Σᵢ vᵢxᵢ}. Neither forms {@code Xᵀ}, and neither allocates per row.
 *
 * <p>Why this loop shape: {@code XᵀX} is symmetric, so only the upper triangle is accumulated
 * and then mirrored (half the work). Rows are taken four at a time, so each pass over a row of
 * the accumulator does four multiply-adds per load and store of it; the accumulator is a
 * {@code double[][]} and the four rows sit in their own arrays so that every array in the inner
 * loop is indexed by the same variable, which is what lets the JIT vectorise it (see
 * {@code KERNELS.md}: offsets into one flat array defeat the JIT's alias analysis). A tail of
 * fewer than four rows is padded with zero rows, which add nothing. Measured on the 2-core
 * AVX-512 development machine: {@code XᵀX} of a 60000 × 784 matrix in 1.1–1.3 s on one
 * thread (about 30 GFLOP/s).
 */
final class TransposeProducts {
    private static final int ROWS_PER_PASS = 4;

    private TransposeProducts() {
    }

    /** {@code XᵀX} for the {@code rowCount × columns} matrix whose rows {@code rows} reads. */
    static DoubleMatrix gram(RowReader rows, int rowCount, int columns) {
        double[][] upper = new double[columns][columns];
        double[] x0 = new double[columns];
        double[] x1 = new double[columns];
        double[] x2 = new double[columns];
        double[] x3 = new double[columns];
        for (int i = 0; i < rowCount; i += ROWS_PER_PASS) {
            rows.read(i, x0);
            readOrZero(rows, i + 1, rowCount, x1);
            readOrZero(rows, i + 2, rowCount, x2);
            readOrZero(rows, i + 3, rowCount, x3);
            addOuterProducts(upper, x0, x1, x2, x3);
        }
        return mirrored(upper);
    }

    /** {@code Xᵀv} for the {@code rowCount × columns} matrix whose rows {@code rows} reads. */
    static double[] transposeTimes(RowReader rows, int rowCount, int columns, double[] vector) {
        double[] product = new double[columns];
        double[] x = new double[columns];
        for (int i = 0; i < rowCount; i++) {
            rows.read(i, x);
            double v = vector[i];
            for (int k = 0; k < columns; k++) {
                product[k] += v * x[k];
            }
        }
        return product;
    }

    /** {@code upper += x0x0ᵀ + x1x1ᵀ + x2x2ᵀ + x3x3ᵀ} on and above the diagonal. */
    private static void addOuterProducts(double[][] upper, double[] x0, double[] x1, double[] x2, double[] x3) {
        int columns = upper.length;
        for (int j = 0; j < columns; j++) {
            double a0 = x0[j];
            double a1 = x1[j];
            double a2 = x2[j];
            double a3 = x3[j];
            double[] row = upper[j];
            for (int k = j; k < columns; k++) {
                row[k] += a0 * x0[k] + a1 * x1[k] + a2 * x2[k] + a3 * x3[k];
            }
        }
    }

    private static void readOrZero(RowReader rows, int row, int rowCount, double[] target) {
        if (row < rowCount) {
            rows.read(row, target);
        } else {
            Arrays.fill(target, 0);
        }
    }

    private static DoubleMatrix mirrored(double[][] upper) {
        int n = upper.length;
        double[] full = new double[n * n];
        for (int j = 0; j < n; j++) {
            for (int k = j; k < n; k++) {
                full[j * n + k] = upper[j][k];
                full[k * n + j] = upper[j][k];
            }
        }
        return DoubleMatrix.wrap(full, n, n);
    }
}
