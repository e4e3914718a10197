package dev.descent.linalg;

/**
 * The ridge problem on centred data that the solvers answer:
 * {@code min_w (1/n)‖X_c w − y_c‖² + λ‖w‖²}, where {@code rows} reads the rows of {@code X_c}
 * and {@code targets} is {@code y_c}. With an intercept, {@code X_c} and {@code y_c} are the data
 * minus their column means; without one, the data as given. {@code columnTolerance} is the
 * relative diagonal tolerance QR applies to the columns of {@code X_c}; {@code columnNorms} are
 * the norms of the feature columns before centring, against which the minimum-norm solver
 * judges what centring left of them.
 */
record CentredProblem(RowReader rows, double[] targets, int rowCount, int columns, double lambda,
        double columnTolerance, double[] columnNorms) {

    /** {@code (X_cᵀX_c/n + λI) w = X_cᵀy_c/n}, the gradient of the objective set to zero, by Cholesky. */
    double[] solveByNormalEquations() {
        DoubleMatrix normal = TransposeProducts.gram(rows, rowCount, columns);
        double[] a = normal.data();
        for (int i = 0; i < a.length; i++) {
            a[i] /= rowCount;
        }
        for (int j = 0; j < columns; j++) {
            a[j * columns + j] += lambda;
        }
        double[] rightHandSide = TransposeProducts.transposeTimes(rows, rowCount, columns, targets);
        for (int j = 0; j < columns; j++) {
            rightHandSide[j] /= rowCount;
        }
        return Cholesky.decompose(normal).solve(rightHandSide);
    }

    /**
     * {@code min ‖[X_c; √(nλ) I] w − [y_c; 0]‖²} by Householder QR: that squared residual is
     * {@code ‖X_c w − y_c‖² + nλ‖w‖²}, {@code n} times the objective, so the minimisers agree.
     */
    double[] solveByQR() {
        double[][] system = augmentedSystem();
        return QR.decomposeRows(system, columns, columnTolerance).solve(augmentedTargets(system.length));
    }

    /**
     * The least-norm minimiser of the same augmented system, for any rank: with λ = 0 and
     * dependent columns (duplicates, more columns than rows, a constant column beside the
     * intercept), the w of smallest ‖w‖ among all that fit equally well, as NumPy's
     * {@code lstsq} returns. A column counts as dependent when what is left of it, orthogonal
     * to the others, is not above the column tolerance times its norm before centring (with
     * the penalty rows, √(norm² + nλ)).
     */
    MinimumNormLeastSquares.Solution solveByMinimumNorm() {
        double[][] system = augmentedSystem();
        double[] references = new double[columns];
        for (int j = 0; j < columns; j++) {
            references[j] = Math.sqrt(columnNorms[j] * columnNorms[j] + rowCount * lambda);
        }
        return MinimumNormLeastSquares.solve(system, columns, augmentedTargets(system.length), references,
                columnTolerance);
    }

    /** {@code [X_c; √(nλ) I]}, one array per row; without the penalty rows when λ = 0. */
    private double[][] augmentedSystem() {
        int penaltyRows = lambda > 0 ? columns : 0;
        double[][] system = new double[rowCount + penaltyRows][];
        for (int i = 0; i < rowCount; i++) {
            system[i] = new double[columns];
            rows.read(i, system[i]);
        }
        double penalty = Math.sqrt(rowCount * lambda);
        for (int j = 0; j < penaltyRows; j++) {
            system[rowCount + j] = new double[columns];
            system[rowCount + j][j] = penalty;
        }
        return system;
    }

    /** {@code [y_c; 0]} of the augmented system's length. */
    private double[] augmentedTargets(int length) {
        double[] rightHandSide = new double[length];
        System.arraycopy(targets, 0, rightHandSide, 0, rowCount);
        return rightHandSide;
    }
}
