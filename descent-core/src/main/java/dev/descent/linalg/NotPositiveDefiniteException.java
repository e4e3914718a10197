package dev.descent.linalg;

/**
 * A Cholesky decomposition met a pivot that is not safely positive: the matrix is not
 * positive definite, or so close to singular that the factor would be noise. For a matrix of
 * normal equations {@code XᵀX}, pivot {@code j} failing means column {@code j} of {@code X} is
 * (nearly) a linear combination of the columns before it.
 */
public final class NotPositiveDefiniteException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final int pivotIndex;
    private final double pivot;
    private final double diagonal;

    NotPositiveDefiniteException(String message, int pivotIndex, double pivot, double diagonal) {
        super(message);
        this.pivotIndex = pivotIndex;
        this.pivot = pivot;
        this.diagonal = diagonal;
    }

    /** The row and column of the failing pivot, from 0. */
    public int pivotIndex() {
        return pivotIndex;
    }

    /** The failing pivot {@code a_jj − Σ_{k<j} l_jk²}: zero, negative, tiny or NaN. */
    public double pivot() {
        return pivot;
    }

    /** The diagonal entry {@code a_jj} the pivot is compared with. */
    public double diagonal() {
        return diagonal;
    }
}
