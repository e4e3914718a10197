package dev.descent.autodiff;

import dev.descent.tensor.Tensor;

/**
 * How the second operand of a binary elementwise operation lines up with the first: the same
 * shape, one row repeated for every row of the first (a bias), or one value for all.
 */
enum Broadcast {
    SAME, ROW, SCALAR;

    static Broadcast of(String op, Tensor a, Tensor b) {
        if (a.shape().equals(b.shape())) {
            return SAME;
        }
        if (b.size() == 1) {
            return SCALAR;
        }
        boolean rowShaped = b.rank() == 1 || (b.rank() == 2 && b.dim(0) == 1);
        if (rowShaped && a.rank() >= 1 && b.size() == a.columns()) {
            return ROW;
        }
        throw new IllegalArgumentException(op + ": cannot broadcast shape " + b.shape() + " against " + a.shape()
                + "; the second operand must have the same shape, one row of " + a.columns()
                + " values, or a single value");
    }

    /** True when {@code b} can be broadcast against {@code a} (used to try the operands swapped). */
    static boolean fits(Tensor a, Tensor b) {
        if (a.shape().equals(b.shape()) || b.size() == 1) {
            return true;
        }
        boolean rowShaped = b.rank() == 1 || (b.rank() == 2 && b.dim(0) == 1);
        return rowShaped && a.rank() >= 1 && b.size() == a.columns();
    }

    /** Index into the second operand's values for flat element {@code i} of the first. */
    int index(int i, int columns) {
        return switch (this) {
            case SAME -> i;
            case ROW -> i % columns;
            case SCALAR -> 0;
        };
    }
}
