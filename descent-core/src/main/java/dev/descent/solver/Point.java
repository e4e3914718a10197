package dev.descent.solver;

import java.util.Arrays;

/**
 * A point x together with f(x) and ∇f(x): what a solver knows about its current iterate or a
 * line-search trial. A mutable buffer, reused from one iteration to the next so that a run
 * allocates its vectors once.
 */
public final class Point {
    private final double[] x;
    private final double[] gradient;
    private double value = Double.NaN;

    /** The origin of ℝⁿ, not yet evaluated (value NaN). */
    public Point(int dimension) {
        if (dimension < 1) {
            throw new IllegalArgumentException("Point: dimension must be ≥ 1, got " + dimension);
        }
        this.x = new double[dimension];
        this.gradient = new double[dimension];
    }

    /** A copy of {@code x}, not yet evaluated. */
    public static Point at(double[] x) {
        Point point = new Point(x.length);
        System.arraycopy(x, 0, point.x, 0, x.length);
        return point;
    }

    /** Sets the value and gradient from {@code function} at the current x. */
    public void evaluate(DifferentiableFunction function) {
        value = function.valueAndGradient(x, gradient);
    }

    /** Moves to {@code start.x + step·direction}; call {@link #evaluate} before reading the value. */
    public void setAlong(Point start, double step, double[] direction) {
        for (int i = 0; i < x.length; i++) {
            x[i] = start.x[i] + step * direction[i];
        }
        value = Double.NaN;
    }

    /** Becomes a copy of {@code other}: x, value and gradient. */
    public void copyFrom(Point other) {
        System.arraycopy(other.x, 0, x, 0, x.length);
        System.arraycopy(other.gradient, 0, gradient, 0, gradient.length);
        value = other.value;
    }

    /** The coordinates, shared: writes move the point (and leave value and gradient stale). */
    public double[] x() {
        return x;
    }

    /** ∇f at the last {@link #evaluate}, shared. */
    public double[] gradient() {
        return gradient;
    }

    public double value() {
        return value;
    }

    public int dimension() {
        return x.length;
    }

    /** The directional derivative ∇f(x)ᵀd. */
    public double slopeAlong(double[] direction) {
        return Vectors.dot(gradient, direction);
    }

    /** ‖∇f(x)‖₂. */
    public double gradientNorm() {
        return Vectors.norm(gradient);
    }

    /** Whether the value and every gradient entry are finite. */
    public boolean isFinite() {
        if (!Double.isFinite(value)) {
            return false;
        }
        for (double g : gradient) {
            if (!Double.isFinite(g)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "Point(f = " + value + " at " + Arrays.toString(x.length <= 6 ? x : Arrays.copyOf(x, 6))
                + (x.length > 6 ? " …" : "") + ")";
    }
}
