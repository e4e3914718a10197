package dev.descent.spark.bench;

import dev.descent.solver.DifferentiableFunction;
import java.util.ArrayList;
import java.util.List;

/**
 * A function that remembers when each of its evaluations ended and what it returned, so that
 * a solver's progress can be put on a wall clock: the solver reports values per iteration,
 * the race needs seconds.
 */
final class TimedFunction implements DifferentiableFunction {
    private final DifferentiableFunction inner;
    private final List<Double> seconds = new ArrayList<>();
    private final List<Double> values = new ArrayList<>();
    private long origin = System.nanoTime();

    TimedFunction(DifferentiableFunction inner) {
        this.inner = inner;
    }

    /** Starts the clock: call just before the solver. */
    void start() {
        origin = System.nanoTime();
        seconds.clear();
        values.clear();
    }

    @Override
    public int dimension() {
        return inner.dimension();
    }

    @Override
    public double relativePrecision() {
        return inner.relativePrecision();
    }

    @Override
    public double valueAndGradient(double[] x, double[] gradientOut) {
        double value = inner.valueAndGradient(x, gradientOut);
        seconds.add((System.nanoTime() - origin) / 1e9);
        values.add(value);
        return value;
    }

    int evaluations() {
        return values.size();
    }

    /** Seconds until the first evaluation at or below {@code target}, trial points included; NaN if none. */
    double secondsToAnyEvaluation(double target) {
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) <= target) {
                return seconds.get(i);
            }
        }
        return Double.NaN;
    }

    /**
     * Seconds until the first iterate (a point the solver accepted) at or below {@code target};
     * NaN if none. The iterates' values ({@code SolverResult.valueHistory}) are found among the
     * evaluations in order: each accepted point was evaluated, and the function is deterministic.
     */
    double secondsToIterate(double[] iterateValues, double target) {
        double[] at = iterateSeconds(iterateValues);
        for (int k = 0; k < iterateValues.length; k++) {
            if (iterateValues[k] <= target) {
                return at[k];
            }
        }
        return Double.NaN;
    }

    /** Seconds at which each iterate was evaluated (NaN past the last one found). */
    double[] iterateSeconds(double[] iterateValues) {
        double[] out = new double[iterateValues.length];
        int evaluation = 0;
        for (int k = 0; k < iterateValues.length; k++) {
            while (evaluation < values.size() && values.get(evaluation) != iterateValues[k]) {
                evaluation++;
            }
            out[k] = evaluation < values.size() ? seconds.get(evaluation) : Double.NaN;
        }
        return out;
    }
}
