package dev.descent.linalg;

/**
 * The minimum-norm least-squares solution of {@code min ‖Ax − b‖₂} for an {@code m × n} matrix
 * {@code A} of any shape and rank: of all the {@code x} that minimise the residual, the one of
 * smallest {@code ‖x‖₂}, {@code x = A⁺b}. It is what NumPy's {@code lstsq} and scikit-learn's
 * {@code LinearRegression} return; when {@code A} has full column rank it is the unique
 * minimiser.
 *
 * <p>Method (Golub &amp; Van Loan, <i>Matrix Computations</i>, 4th ed., §5.4.2 and §5.5.2; the
 * algorithm of LAPACK's {@code xGELSY}):
 * <ol>
 *   <li>When {@code m > n}, a Householder QR of {@code A} without pivoting ({@link QR}, blocked)
 *       reduces the problem to the {@code n × n} triangle: {@code ‖Ax − b‖² = ‖Rx − c‖² + const}
 *       with {@code c = (Qᵀb)[0, n)}, the same minimisers and so the same minimum-norm one.</li>
 *   <li>QR with column pivoting of what is left, {@code AP = Q [R₁₁ R₁₂; 0 R₂₂]}: at each step the
 *       column whose part orthogonal to the columns already taken is largest <i>relative to its
 *       own reference norm</i> comes next. The rank r is the number of steps before every
 *       remaining column's orthogonal part is within {@code tolerance} of its reference norm;
 *       {@code R₂₂} is then treated as zero.</li>
 *   <li>The complete orthogonal decomposition: a QR of {@code [R₁₁ R₁₂]ᵀ = Z T} gives
 *       {@code [R₁₁ R₁₂] = Tᵀ Zᵀ}, and the minimum-norm solution of {@code [R₁₁ R₁₂] y = c[0, r)}
 *       is {@code y = Z T⁻ᵀ c}; finally {@code x = P y}.</li>
 * </ol>
 *
 * <p>The rank test is relative to each column's own reference norm, as {@link QR}'s is, so the
 * scale of a feature does not decide whether it counts. The reference is the caller's: for
 * centred features {@link LeastSquares} passes the norms before centring, so that a column
 * that was constant (centring leaves only rounding noise in it) counts as dependent.
 */
final class MinimumNormLeastSquares {

    /** The solution and the rank found: r ≤ min(m, n) independent columns. */
    record Solution(double[] x, int rank) {
    }

    private MinimumNormLeastSquares() {
    }

    /**
     * Solves for the matrix held as {@code rows} ({@code columns} per row), which it overwrites.
     *
     * @param referenceNorms one per column: a column counts as dependent on the others when its
     *     part orthogonal to them is not above {@code tolerance} times this
     * @param tolerance in [0, 1)
     */
    static Solution solve(double[][] rows, int columns, double[] b, double[] referenceNorms, double tolerance) {
        double[][] matrix = rows;
        double[] rightHandSide = b.clone();
        if (rows.length > columns) {
            // Everything after this step costs O(n³), whatever m is.
            QR tall = QR.decomposeRowsOfAnyRank(rows, columns);
            matrix = upperTriangle(tall.r());
            double[] rotated = tall.transposeQTimes(b);
            rightHandSide = java.util.Arrays.copyOf(rotated, columns);
        }
        return new PivotedQr(matrix, columns, referenceNorms.clone()).solve(rightHandSide, tolerance);
    }

    private static double[][] upperTriangle(DoubleMatrix r) {
        int n = r.rows();
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = r.row(i);
        }
        return rows;
    }

    /**
     * Householder QR with column pivoting of a {@code k × n} matrix, applied to the right-hand
     * side as it goes, stopping at the numerical rank; then the minimum-norm solution.
     */
    private static final class PivotedQr {
        private final double[][] a;
        private final int columns;
        private final double[] referenceNorms;
        private final int[] permutation;
        /** The norm of each column's part below the rows already reduced, kept exact. */
        private final double[] remaining;

        PivotedQr(double[][] a, int columns, double[] referenceNorms) {
            this.a = a;
            this.columns = columns;
            this.referenceNorms = referenceNorms;
            this.permutation = new int[columns];
            this.remaining = new double[columns];
            for (int j = 0; j < columns; j++) {
                permutation[j] = j;
            }
            sumSquaresBelow(-1);
        }

        Solution solve(double[] b, double tolerance) {
            int steps = Math.min(a.length, columns);
            int rank = 0;
            while (rank < steps) {
                int pivot = mostIndependentColumn(rank);
                if (!(relativeRemaining(pivot) > tolerance)) {
                    break;
                }
                swapColumns(rank, pivot);
                reflect(rank, b);
                rank++;
            }
            double[] y = rank == columns ? backSubstitution(rank, b) : minimumNormOfWideSystem(rank, b);
            double[] x = new double[columns];
            for (int j = 0; j < columns; j++) {
                x[permutation[j]] = y[j];
            }
            return new Solution(x, rank);
        }

        private double relativeRemaining(int column) {
            // a column whose reference norm is zero is all zeros: nothing independent in it
            return referenceNorms[column] == 0 ? 0 : remaining[column] / referenceNorms[column];
        }

        private int mostIndependentColumn(int from) {
            int best = from;
            for (int j = from + 1; j < columns; j++) {
                if (relativeRemaining(j) > relativeRemaining(best)) {
                    best = j;
                }
            }
            return best;
        }

        private void swapColumns(int j, int k) {
            if (j == k) {
                return;
            }
            for (double[] row : a) {
                double t = row[j];
                row[j] = row[k];
                row[k] = t;
            }
            swap(permutation, j, k);
            swap(remaining, j, k);
            swap(referenceNorms, j, k);
        }

        /**
         * The reflector H = I − τvvᵀ that zeroes column j below the diagonal, applied to the
         * columns after j and to b; then the remaining norms, recomputed rather than downdated
         * (the downdate loses accuracy exactly where the rank is decided).
         */
        private void reflect(int j, double[] b) {
            int k = a.length;
            double sumSquares = 0;
            for (int i = j; i < k; i++) {
                sumSquares += a[i][j] * a[i][j];
            }
            double norm = Math.sqrt(sumSquares);
            double x0 = a[j][j];
            double beta = -Math.copySign(norm, x0);
            double tau = (beta - x0) / beta;
            double scale = 1 / (x0 - beta);
            a[j][j] = beta;
            for (int i = j + 1; i < k; i++) {
                a[i][j] *= scale; // v, with v_j = 1 implicit
            }
            double[] w = new double[columns];
            System.arraycopy(a[j], j + 1, w, j + 1, columns - j - 1);
            double s = b[j];
            for (int i = j + 1; i < k; i++) {
                double vi = a[i][j];
                double[] row = a[i];
                for (int c = j + 1; c < columns; c++) {
                    w[c] += vi * row[c];
                }
                s += vi * b[i];
            }
            for (int c = j + 1; c < columns; c++) {
                w[c] *= tau;
                a[j][c] -= w[c];
            }
            s *= tau;
            b[j] -= s;
            for (int i = j + 1; i < k; i++) {
                double vi = a[i][j];
                double[] row = a[i];
                for (int c = j + 1; c < columns; c++) {
                    row[c] -= vi * w[c];
                }
                b[i] -= vi * s;
            }
            sumSquaresBelow(j);
        }

        /** {@code remaining[c]} ← the norm of rows after {@code j} of each column after {@code j}. */
        private void sumSquaresBelow(int j) {
            double[] sums = new double[columns];
            for (int i = j + 1; i < a.length; i++) {
                double[] row = a[i];
                for (int c = j + 1; c < columns; c++) {
                    sums[c] += row[c] * row[c];
                }
            }
            for (int c = j + 1; c < columns; c++) {
                remaining[c] = Math.sqrt(sums[c]);
            }
        }

        /** {@code R₁₁ y = c} when the rank is full. */
        private double[] backSubstitution(int rank, double[] b) {
            double[] y = new double[columns];
            for (int i = rank - 1; i >= 0; i--) {
                double s = b[i];
                for (int c = i + 1; c < rank; c++) {
                    s -= a[i][c] * y[c];
                }
                y[i] = s / a[i][i];
            }
            return y;
        }

        /**
         * The minimum-norm y with {@code [R₁₁ R₁₂] y = c}: with {@code [R₁₁ R₁₂]ᵀ = Z T} (QR of
         * an {@code n × r} matrix of full column rank), {@code Tᵀ z = c} by forward
         * substitution, then {@code y = Z z}, which lies in the row space, so has least norm.
         */
        private double[] minimumNormOfWideSystem(int rank, double[] b) {
            if (rank == 0) {
                return new double[columns];
            }
            double[][] transposed = new double[columns][rank];
            for (int i = 0; i < rank; i++) {
                for (int c = i; c < columns; c++) {
                    transposed[c][i] = a[i][c];
                }
            }
            QR zt = QR.decomposeRowsOfAnyRank(transposed, rank);
            DoubleMatrix t = zt.r();
            double[] z = new double[rank];
            for (int i = 0; i < rank; i++) {
                double s = b[i];
                for (int c = 0; c < i; c++) {
                    s -= t.get(c, i) * z[c];
                }
                z[i] = s / t.get(i, i);
            }
            return zt.qTimes(z);
        }

        private static void swap(int[] values, int i, int j) {
            int t = values[i];
            values[i] = values[j];
            values[j] = t;
        }

        private static void swap(double[] values, int i, int j) {
            double t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }
}
