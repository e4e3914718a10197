package dev.descent.linalg;

/**
 * A least-squares problem whose solution is not determined: column {@code column()} of the
 * matrix is (nearly) a linear combination of the columns before it, so infinitely many
 * weight vectors fit equally well. Ridge regression ({@code λ > 0}) makes the solution unique;
 * {@link LeastSquaresSolver#MINIMUM_NORM} picks the one of least norm.
 */
public final class RankDeficientException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final int column;

    RankDeficientException(String message, int column) {
        super(message);
        this.column = column;
    }

    RankDeficientException(String message, int column, Throwable cause) {
        super(message, cause);
        this.column = column;
    }

    /** The first column found to depend on the earlier ones, from 0. */
    public int column() {
        return column;
    }

    /** How column {@code j} depends on columns {@code 0…j−1}, for error messages: "is zero" for column 0. */
    static String dependenceOnEarlierColumns(int j) {
        return switch (j) {
            case 0 -> "is zero";
            case 1 -> "is (nearly) a multiple of column 0";
            default -> "is (nearly) a linear combination of columns 0…" + (j - 1);
        };
    }
}
