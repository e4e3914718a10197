package dev.descent.linalg;

/**
 * The Householder QR decomposition {@code A = QR} of an {@code m × n} matrix with
 * {@code m ≥ n} and full column rank, and the least-squares solution of
 * {@code min ‖Ax − b‖₂}.
 *
 * <p>Algorithm (Golub &amp; Van Loan, <i>Matrix Computations</i>, 4th ed., §5.2.2 and §5.2.3):
 * for each column {@code j}, a reflector {@code H_j = I − τ_j v_j v_jᵀ} zeroes the entries
 * below the diagonal, so {@code H_{n−1}⋯H_0 A = R}. Columns are taken in panels of
 * {@value #PANEL_WIDTH}: a panel's reflectors are combined into the compact WY form
 * {@code H_p⋯H_{p+w−1} = I − V T Vᵀ} (Schreiber &amp; Van Loan, "A storage-efficient WY
 * representation for products of Householder transformations", SIAM J. Sci. Stat. Comput.
 * 10(1), 1989) and applied to the rest of the matrix in two passes over its rows, instead of
 * two passes per column; that is what makes a 10⁵ × 10³ problem affordable. The vectors
 * {@code v_j} (with an implicit leading 1) are stored below the diagonal, {@code R} on and above
 * it, as LAPACK's {@code dgeqrf} does.
 *
 * <p>Rank deficiency: {@code |r_jj|} is the norm of the part of column {@code j} orthogonal
 * to columns {@code 0…j−1}. When it is not above {@code relativeDiagonalTolerance × ‖a_j‖}
 * ({@link #DEFAULT_RELATIVE_DIAGONAL_TOLERANCE} by default) the column is (numerically) a
 * linear combination of the earlier ones, the least-squares solution is not unique, and the
 * decomposition throws a {@link RankDeficientException} naming the column. The test is
 * relative to each column's own norm, so the scale of a feature does not matter.
 *
 * <p>Cost: about {@code 2mn² − 2n³/3} flops; {@code A} is copied once (into one array per row,
 * so that the inner loops index every array with the same variable and vectorise).
 */
public final class QR {
    /**
     * Columns whose part orthogonal to the earlier columns is not above this fraction of their
     * norm are refused: 1e-10 sits above the rounding noise of Householder QR on an exactly
     * rank-deficient matrix with up to about 10⁵ rows (of order {@code m·ε}, ε = 2.2e-16), and
     * corresponds to {@code 1 − R² ≤ 1e-20}, far beyond what the normal equations can resolve.
     */
    public static final double DEFAULT_RELATIVE_DIAGONAL_TOLERANCE = 1e-10;

    /** Columns per panel of reflectors applied together. */
    static final int PANEL_WIDTH = 32;

    /** Row {@code i}: {@code R} on and above the diagonal, {@code v_j[i]} below it. */
    private final double[][] rows;
    private final double[] tau;
    private final int columns;

    private QR(double[][] rows, double[] tau, int columns) {
        this.rows = rows;
        this.tau = tau;
        this.columns = columns;
    }

    /** Decomposes {@code a} with the {@link #DEFAULT_RELATIVE_DIAGONAL_TOLERANCE default rank tolerance}. */
    public static QR decompose(DoubleMatrix a) {
        return decompose(a, DEFAULT_RELATIVE_DIAGONAL_TOLERANCE);
    }

    /**
     * Decomposes {@code a} (which is not modified), refusing any column whose part orthogonal
     * to the earlier columns is not above {@code relativeDiagonalTolerance} times its norm.
     *
     * @throws RankDeficientException naming the first dependent column
     * @throws IllegalArgumentException if {@code a} has fewer rows than columns or a
     *     non-finite entry, or the tolerance is outside {@code [0, 1)}
     */
    public static QR decompose(DoubleMatrix a, double relativeDiagonalTolerance) {
        int m = a.rows();
        int n = a.columns();
        double[][] rows = new double[m][n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double value = a.get(i, j);
                if (!Double.isFinite(value)) {
                    throw new IllegalArgumentException("QR needs finite entries, but a[" + i + ", " + j + "] is " + value);
                }
                rows[i][j] = value;
            }
        }
        return decomposeRows(rows, n, relativeDiagonalTolerance);
    }

    /**
     * Decomposes the matrix held as {@code rows} (finite entries, {@code columns} per row),
     * overwriting it: the solvers build their matrix in this form and hand it over.
     */
    static QR decomposeRows(double[][] rows, int columns, double relativeDiagonalTolerance) {
        if (!(relativeDiagonalTolerance >= 0 && relativeDiagonalTolerance < 1)) {
            throw new IllegalArgumentException("relativeDiagonalTolerance must be in [0, 1), got "
                    + relativeDiagonalTolerance);
        }
        return factor(rows, columns, relativeDiagonalTolerance);
    }

    /**
     * Decomposes the matrix held as {@code rows} (at least as many rows as columns), overwriting
     * it, whatever its rank: a dependent column leaves a (nearly) zero diagonal entry in R
     * instead of an exception, and an all-zero one a reflector that is the identity. Householder
     * QR is backward stable at any rank, so R then carries the whole least-squares problem in
     * {@code n × n} ({@link MinimumNormLeastSquares} takes it from there).
     */
    static QR decomposeRowsOfAnyRank(double[][] rows, int columns) {
        return factor(rows, columns, -1);
    }

    /** The factorisation; a negative tolerance refuses no column. */
    private static QR factor(double[][] rows, int columns, double relativeDiagonalTolerance) {
        if (rows.length < columns) {
            throw new IllegalArgumentException("QR needs at least as many rows as columns, got " + rows.length
                    + " × " + columns + ": with fewer rows the least-squares solution is not unique;"
                    + " add a ridge penalty (λ > 0) or collect more rows");
        }
        double[] columnNorms = columnNorms(rows, columns);
        double[] tau = new double[columns];
        for (int p = 0; p < columns; p += PANEL_WIDTH) {
            int width = Math.min(PANEL_WIDTH, columns - p);
            factorPanel(rows, p, width, tau, columnNorms, relativeDiagonalTolerance);
            if (p + width < columns) {
                applyPanelToTrailingColumns(rows, p, width, columns, tau);
            }
        }
        return new QR(rows, tau, columns);
    }

    public int rows() {
        return rows.length;
    }

    public int columns() {
        return columns;
    }

    /** A copy of the {@code n × n} upper-triangular factor {@code R}. */
    public DoubleMatrix r() {
        DoubleMatrix r = DoubleMatrix.zeros(columns, columns);
        for (int i = 0; i < columns; i++) {
            System.arraycopy(rows[i], i, r.data(), i * columns + i, columns - i);
        }
        return r;
    }

    /** The thin {@code m × n} factor {@code Q} with orthonormal columns, {@code A = QR}; {@code O(mn²)}. */
    public DoubleMatrix q() {
        int m = rows.length;
        double[][] q = new double[m][columns];
        for (int i = 0; i < columns; i++) {
            q[i][i] = 1;
        }
        double[] w = new double[columns];
        // Q = H_0 H_1 ⋯ H_{n−1} [I; 0]: apply the reflectors from the last to the first
        for (int j = columns - 1; j >= 0; j--) {
            System.arraycopy(q[j], 0, w, 0, columns);
            for (int i = j + 1; i < m; i++) {
                double vi = rows[i][j];
                double[] qi = q[i];
                for (int c = 0; c < columns; c++) {
                    w[c] += vi * qi[c];
                }
            }
            for (int c = 0; c < columns; c++) {
                w[c] *= tau[j];
                q[j][c] -= w[c];
            }
            for (int i = j + 1; i < m; i++) {
                double vi = rows[i][j];
                double[] qi = q[i];
                for (int c = 0; c < columns; c++) {
                    qi[c] -= vi * w[c];
                }
            }
        }
        DoubleMatrix result = DoubleMatrix.zeros(m, columns);
        for (int i = 0; i < m; i++) {
            System.arraycopy(q[i], 0, result.data(), i * columns, columns);
        }
        return result;
    }

    /** The {@code x} minimising {@code ‖Ax − b‖₂}: {@code Rx = (Qᵀb)[0, n)} by back substitution. */
    public double[] solve(double[] b) {
        int m = rows.length;
        if (b.length != m) {
            throw new IllegalArgumentException("QR.solve: the right-hand side has length " + b.length
                    + " but the matrix has " + m + " rows");
        }
        double[] y = transposeQTimes(b);
        double[] x = new double[columns];
        for (int i = columns - 1; i >= 0; i--) {
            double[] ri = rows[i];
            double s = y[i];
            for (int k = i + 1; k < columns; k++) {
                s -= ri[k] * x[k];
            }
            x[i] = s / ri[i];
        }
        return x;
    }

    /** {@code Qᵀb} for the full {@code m × m} Q, {@code b} of length m: the reflectors in order. */
    double[] transposeQTimes(double[] b) {
        int m = rows.length;
        double[] y = b.clone();
        for (int j = 0; j < columns; j++) {
            double s = y[j];
            for (int i = j + 1; i < m; i++) {
                s += rows[i][j] * y[i];
            }
            s *= tau[j];
            y[j] -= s;
            for (int i = j + 1; i < m; i++) {
                y[i] -= s * rows[i][j];
            }
        }
        return y;
    }

    /** {@code Q·[z; 0]} for {@code z} of length n: the thin Q times z, the reflectors in reverse. */
    double[] qTimes(double[] z) {
        int m = rows.length;
        double[] y = new double[m];
        System.arraycopy(z, 0, y, 0, columns);
        for (int j = columns - 1; j >= 0; j--) {
            double s = y[j];
            for (int i = j + 1; i < m; i++) {
                s += rows[i][j] * y[i];
            }
            s *= tau[j];
            y[j] -= s;
            for (int i = j + 1; i < m; i++) {
                y[i] -= s * rows[i][j];
            }
        }
        return y;
    }

    private static double[] columnNorms(double[][] rows, int columns) {
        double[] sumSquares = new double[columns];
        for (double[] row : rows) {
            for (int j = 0; j < columns; j++) {
                sumSquares[j] += row[j] * row[j];
            }
        }
        for (int j = 0; j < columns; j++) {
            sumSquares[j] = Math.sqrt(sumSquares[j]);
        }
        return sumSquares;
    }

    /**
     * Reflectors for columns {@code [p, p + width)}, each applied to the rest of the panel at
     * once. Two passes over the rows per column: the first scales {@code v_j} and accumulates
     * {@code w = vᵀ(rest)}, the second updates the rest and sums the squares of the next column.
     */
    private static void factorPanel(double[][] rows, int p, int width, double[] tau, double[] columnNorms,
            double tolerance) {
        int m = rows.length;
        int end = p + width;
        double[] w = new double[end];
        double sumSquares = 0;
        for (int i = p; i < m; i++) {
            sumSquares += rows[i][p] * rows[i][p];
        }
        for (int j = p; j < end; j++) {
            double norm = Math.sqrt(sumSquares);
            if (tolerance >= 0 && !(norm > tolerance * columnNorms[j])) {
                throw rankDeficient(j, norm, columnNorms[j], tolerance);
            }
            // v = x − βe₁ scaled to v₀ = 1, β = −sign(x₀)‖x‖ to avoid cancellation; τ = (β − x₀)/β;
            // a column already zero from the diagonal down needs no reflection: τ = 0, H = I
            double x0 = rows[j][j];
            double beta = -Math.copySign(norm, x0);
            tau[j] = norm == 0 ? 0 : (beta - x0) / beta;
            double scale = norm == 0 ? 0 : 1 / (x0 - beta);
            rows[j][j] = beta;
            // the rest of the panel ← H_j · (the rest of the panel): w = τ vᵀ(rest), rest −= v wᵀ
            System.arraycopy(rows[j], j + 1, w, j + 1, end - j - 1);
            for (int i = j + 1; i < m; i++) {
                double[] row = rows[i];
                double vi = row[j] * scale;
                row[j] = vi;
                for (int c = j + 1; c < end; c++) {
                    w[c] += vi * row[c];
                }
            }
            if (j + 1 == end) {
                return;
            }
            for (int c = j + 1; c < end; c++) {
                w[c] *= tau[j];
                rows[j][c] -= w[c];
            }
            sumSquares = 0;
            for (int i = j + 1; i < m; i++) {
                double[] row = rows[i];
                double vi = row[j];
                for (int c = j + 1; c < end; c++) {
                    row[c] -= vi * w[c];
                }
                sumSquares += row[j + 1] * row[j + 1];
            }
        }
    }

    /**
     * Columns {@code [p + width, columns)} ← {@code (I − V T Vᵀ)ᵀ} · themselves, for the panel's
     * reflectors {@code V} (rows {@code p…m−1}): {@code W = VᵀA}, {@code W ← TᵀW},
     * {@code A ← A − VW}.
     */
    private static void applyPanelToTrailingColumns(double[][] rows, int p, int width, int columns, double[] tau) {
        int start = p + width;
        double[][] t = triangularFactor(rows, p, width, tau);
        double[][] w = new double[width][columns];
        addPanelTransposeTimes(rows, p, width, start, columns, w);
        // W ← TᵀW in place: row q of TᵀW uses rows r ≤ q of W, so go from the last row up
        for (int q = width - 1; q >= 0; q--) {
            double[] wq = w[q];
            double diagonal = t[q][q];
            for (int c = start; c < columns; c++) {
                wq[c] *= diagonal;
            }
            for (int r = 0; r < q; r++) {
                double trq = t[r][q];
                double[] wr = w[r];
                for (int c = start; c < columns; c++) {
                    wq[c] += trq * wr[c];
                }
            }
        }
        subtractPanelTimes(rows, p, width, start, columns, w);
    }

    /**
     * {@code W += VᵀA} over columns {@code [start, columns)}, four rows of {@code A} per pass over
     * {@code W} (four multiply-adds per load and store of it, as in {@link TransposeProducts}).
     */
    private static void addPanelTransposeTimes(double[][] rows, int p, int width, int start, int columns,
            double[][] w) {
        int m = rows.length;
        double[] v0 = new double[width];
        double[] v1 = new double[width];
        double[] v2 = new double[width];
        double[] v3 = new double[width];
        double[] zeros = new double[columns];
        for (int i = p; i < m; i += 4) {
            double[] r0 = rows[i];
            double[] r1 = i + 1 < m ? rows[i + 1] : zeros;
            double[] r2 = i + 2 < m ? rows[i + 2] : zeros;
            double[] r3 = i + 3 < m ? rows[i + 3] : zeros;
            panelVectorEntries(r0, i, p, width, v0);
            panelVectorEntries(r1, i + 1, p, width, v1);
            panelVectorEntries(r2, i + 2, p, width, v2);
            panelVectorEntries(r3, i + 3, p, width, v3);
            for (int q = 0; q < width; q++) {
                double a0 = v0[q];
                double a1 = v1[q];
                double a2 = v2[q];
                double a3 = v3[q];
                double[] wq = w[q];
                for (int c = start; c < columns; c++) {
                    wq[c] += a0 * r0[c] + a1 * r1[c] + a2 * r2[c] + a3 * r3[c];
                }
            }
        }
    }

    /** {@code A −= VW} over columns {@code [start, columns)}, four rows of {@code W} per pass over a row of {@code A}. */
    private static void subtractPanelTimes(double[][] rows, int p, int width, int start, int columns, double[][] w) {
        int m = rows.length;
        double[] v = new double[width + 3];
        double[] zeros = new double[columns];
        for (int i = p; i < m; i++) {
            double[] row = rows[i];
            panelVectorEntries(row, i, p, width, v);
            for (int q = 0; q < width; q += 4) {
                double a0 = v[q];
                double a1 = v[q + 1];
                double a2 = v[q + 2];
                double a3 = v[q + 3];
                double[] w0 = w[q];
                double[] w1 = q + 1 < width ? w[q + 1] : zeros;
                double[] w2 = q + 2 < width ? w[q + 2] : zeros;
                double[] w3 = q + 3 < width ? w[q + 3] : zeros;
                for (int c = start; c < columns; c++) {
                    row[c] -= a0 * w0[c] + a1 * w1[c] + a2 * w2[c] + a3 * w3[c];
                }
            }
        }
    }

    /**
     * The upper-triangular {@code T} with {@code H_p⋯H_{p+w−1} = I − V T Vᵀ} (LAPACK's
     * {@code dlarft}, forward, column-wise): {@code T_qq = τ_q} and
     * {@code T[0:q, q] = −τ_q · T[0:q, 0:q] · V[:, 0:q]ᵀ v_q}.
     */
    private static double[][] triangularFactor(double[][] rows, int p, int width, double[] tau) {
        int m = rows.length;
        double[][] gram = new double[width][width];
        double[] v = new double[width];
        for (int i = p; i < m; i++) {
            panelVectorEntries(rows[i], i, p, width, v);
            for (int r = 0; r < width; r++) {
                double vr = v[r];
                double[] gr = gram[r];
                for (int q = r + 1; q < width; q++) {
                    gr[q] += vr * v[q];
                }
            }
        }
        double[][] t = new double[width][width];
        for (int q = 0; q < width; q++) {
            double tauQ = tau[p + q];
            t[q][q] = tauQ;
            for (int r = 0; r < q; r++) {
                double s = 0;
                for (int k = r; k < q; k++) {
                    s += t[r][k] * gram[k][q];
                }
                t[r][q] = -tauQ * s;
            }
        }
        return t;
    }

    /** Row {@code i} of the panel's {@code V}: zero above the diagonal, 1 on it, stored below it. */
    private static void panelVectorEntries(double[] row, int i, int p, int width, double[] v) {
        for (int q = 0; q < width; q++) {
            int column = p + q;
            v[q] = i < column ? 0 : i == column ? 1 : row[column];
        }
    }

    private static RankDeficientException rankDeficient(int j, double orthogonalNorm, double norm, double tolerance) {
        return new RankDeficientException(String.format(
                "QR: column %d %s: its part orthogonal to the earlier columns has norm %.3g, not above %.0e × the"
                        + " column's norm %.4g, so the least-squares solution is not unique. Drop the column,"
                        + " or add a ridge penalty (λ > 0).",
                j, RankDeficientException.dependenceOnEarlierColumns(j), orthogonalNorm, tolerance, norm), j);
    }
}
