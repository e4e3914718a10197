package dev.descent.solver;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The bookkeeping every solver shares: counting evaluations, recording the history, testing the
 * {@link StoppingCriteria} and divergence, and writing the {@link SolverResult}. A solver's loop
 * is then only its algorithm:
 *
 * <pre>
 *   Run run = new Run("L-BFGS", hint, function, stopping);
 *   Point x = run.start(x0);
 *   SolverResult result = run.checkStart(x);
 *   while (result == null) {
 *       … one iteration, moving x …
 *       result = run.completeIteration(x);
 *   }
 * </pre>
 */
final class Run {
    private final String solver;
    private final String divergenceHint;
    private final StoppingCriteria stopping;
    private final DifferentiableFunction counted;
    private final double relativePrecision;
    private final long startNanos = System.nanoTime();
    private final Map<String, Note> notes = new LinkedHashMap<>();
    private Point lastFinite;
    private long evaluations;
    private int iterations;
    private int historySize;
    private double[] values = new double[64];
    private double[] gradientNorms = new double[64];

    /**
     * @param solver the solver's name, as messages show it ("L-BFGS")
     * @param divergenceHint what to change when the run diverges, one clause
     */
    Run(String solver, String divergenceHint, DifferentiableFunction function, StoppingCriteria stopping) {
        this.solver = solver;
        this.divergenceHint = divergenceHint;
        this.stopping = SolverArguments.requireNonNull(solver, "stopping", stopping);
        SolverArguments.requireNonNull(solver, "function", function);
        this.relativePrecision = function.relativePrecision();
        this.counted = new DifferentiableFunction() {
            @Override
            public int dimension() {
                return function.dimension();
            }

            @Override
            public double valueAndGradient(double[] x, double[] gradientOut) {
                evaluations++;
                return function.valueAndGradient(x, gradientOut);
            }
        };
    }

    /** The function to evaluate, counting every call. */
    DifferentiableFunction function() {
        return counted;
    }

    /** A copy of {@code x0}, evaluated, after checking its length. */
    Point start(double[] x0) {
        SolverArguments.requireNonNull(solver, "x0", x0);
        if (x0.length != counted.dimension()) {
            throw new IllegalArgumentException(solver + ": x0 has length " + x0.length
                    + " but the function's dimension is " + counted.dimension());
        }
        Point point = Point.at(x0);
        point.evaluate(counted);
        lastFinite = new Point(x0.length);
        return point;
    }

    /** Records the start point; a result if the run is over before it began, else null. */
    SolverResult checkStart(Point x) {
        return record(x);
    }

    /** Counts an iteration that moved to {@code x}; a result if the run stops here, else null. */
    SolverResult completeIteration(Point x) {
        iterations++;
        return record(x);
    }

    /** The iteration in progress, from 1, for notes and messages. */
    int currentIteration() {
        return iterations + 1;
    }

    /** Remembers that {@code event} happened in the current iteration (counted, not repeated). */
    void note(String event) {
        note(event, "");
    }

    /** As {@link #note(String)}, keeping the {@code detail} of the latest occurrence. */
    void note(String event, String detail) {
        Note note = notes.computeIfAbsent(event, key -> new Note(currentIteration()));
        note.count++;
        note.latest = detail;
    }

    /** How often an event happened, when first, and the detail of its latest occurrence. */
    private static final class Note {
        final int first;
        int count;
        String latest = "";

        Note(int first) {
            this.first = first;
        }

        String describe(String event) {
            return event + " (" + (count == 1 ? "once" : count + " times") + ", first at iteration " + first
                    + (latest.isEmpty() ? "" : ", last: " + latest) + ")";
        }
    }

    /**
     * Stops because the line search of the current iteration did not move; {@code x} is the
     * unchanged current point. A search that fails where the gradient has fallen to the
     * function's precision has converged as far as that precision allows
     * ({@link StopReason#PRECISION_LIMIT}); elsewhere it is a failure.
     */
    SolverResult lineSearchStopped(Point x, LineSearchResult search) {
        if (search.outcome() == LineSearchResult.Outcome.NOT_FINITE) {
            return finish(lastFinite, StopReason.DIVERGED, solver + " diverged at iteration " + currentIteration()
                    + ": " + search.note() + "; " + divergenceHint);
        }
        double startNorm = gradientNorms[0];
        double limit = Math.sqrt(relativePrecision) * startNorm;
        if (x.gradientNorm() <= limit) {
            return finish(x, StopReason.PRECISION_LIMIT, solver + " converged to " + precisionName() + " precision"
                    + " after " + iterations + " iterations (" + evaluations + " evaluations): the line search can"
                    + " no longer decrease f measurably (" + search.note() + "), and ‖∇f‖ = "
                    + format(x.gradientNorm()) + " is " + format(x.gradientNorm() / startNorm) + " of its start value "
                    + format(startNorm) + ", within √ε = " + format(Math.sqrt(relativePrecision)) + " for ε = "
                    + format(relativePrecision));
        }
        return finish(x, StopReason.LINE_SEARCH_FAILED, solver + " stopped at iteration " + currentIteration()
                + " because the line search failed: " + search.note() + ". ‖∇f‖ = " + format(x.gradientNorm())
                + " (" + format(x.gradientNorm() / startNorm) + " of its start value, above the precision limit √ε·‖∇f(x₀)‖ = "
                + format(limit) + "); the point returned is the last accepted iterate. Usually the gradient does not"
                + " match f (check it against finite differences), f is not smooth here, or the problem is so badly"
                + " conditioned that " + precisionName() + " cannot resolve it (standardise the features)");
    }

    /** "float32", "double", or ε itself, for messages. */
    private String precisionName() {
        if (relativePrecision == Math.ulp(1f)) {
            return "float32";
        }
        return relativePrecision == Math.ulp(1.0) ? "double" : "the function's (ε = " + format(relativePrecision) + ")";
    }

    /** Records a line search's note when it accepted a step without meeting every condition. */
    void noteLineSearch(LineSearchResult search) {
        if (search.outcome() == LineSearchResult.Outcome.SUFFICIENT_DECREASE_ONLY) {
            note("line search met sufficient decrease but not the curvature condition", search.note());
        }
    }

    private SolverResult record(Point x) {
        if (!x.isFinite()) {
            String where = iterations == 0 ? "at the start point x0 (iteration 0)" : "at iteration " + iterations;
            String what = "f = " + x.value() + ", ‖∇f‖ = " + x.gradientNorm();
            String advice = iterations == 0 ? "check x0 and the function" : divergenceHint;
            return finish(iterations == 0 ? x : lastFinite, StopReason.DIVERGED,
                    solver + " diverged " + where + ": " + what + "; " + advice);
        }
        lastFinite.copyFrom(x);
        append(x);
        double gradientNorm = gradientNorms[historySize - 1];
        if (gradientNorm <= stopping.gradientTolerance()) {
            return finish(x, StopReason.GRADIENT_TOLERANCE, solver + " converged after " + iterations
                    + " iterations (" + evaluations + " evaluations): ‖∇f‖ = " + format(gradientNorm)
                    + " ≤ gradientTolerance " + format(stopping.gradientTolerance()));
        }
        double relativeBound = stopping.relativeGradientTolerance() * gradientNorms[0];
        if (gradientNorm <= relativeBound) {
            return finish(x, StopReason.GRADIENT_TOLERANCE, solver + " converged after " + iterations
                    + " iterations (" + evaluations + " evaluations): ‖∇f‖ = " + format(gradientNorm)
                    + " ≤ relativeGradientTolerance·‖∇f(x₀)‖ = " + format(stopping.relativeGradientTolerance())
                    + " × " + format(gradientNorms[0]));
        }
        if (iterations > 0 && stopping.relativeChangeTolerance() > 0) {
            double change = Math.abs(values[historySize - 1] - values[historySize - 2]);
            double bound = stopping.relativeChangeTolerance() * Math.max(1, Math.abs(values[historySize - 1]));
            if (change <= bound) {
                return finish(x, StopReason.RELATIVE_CHANGE, solver + " converged after " + iterations
                        + " iterations (" + evaluations + " evaluations): |f_k − f_{k−1}| = " + format(change)
                        + " ≤ relativeChangeTolerance·max(1, |f_k|) = " + format(bound) + " (‖∇f‖ = "
                        + format(gradientNorm) + ")");
            }
        }
        String progress = " with ‖∇f‖ = " + format(gradientNorm) + " > " + (relativeBound > 0
                ? "max(gradientTolerance, relativeGradientTolerance·‖∇f(x₀)‖) = "
                        + format(Math.max(stopping.gradientTolerance(), relativeBound))
                : "gradientTolerance " + format(stopping.gradientTolerance())) + ": not converged";
        if (iterations >= stopping.maxIterations()) {
            return finish(x, StopReason.MAX_ITERATIONS, solver + " reached maxIterations = "
                    + stopping.maxIterations() + progress);
        }
        if (evaluations >= stopping.maxEvaluations()) {
            return finish(x, StopReason.MAX_EVALUATIONS, solver + " used " + evaluations
                    + " evaluations (maxEvaluations = " + stopping.maxEvaluations() + ") in " + iterations
                    + " iterations" + progress);
        }
        long elapsed = System.nanoTime() - startNanos;
        if (elapsed >= stopping.maxWallNanos()) {
            return finish(x, StopReason.MAX_WALL_TIME, solver + " ran out of time after " + elapsed / 1_000_000
                    + " ms (maxWallTime = " + stopping.maxWallTime() + ") and " + iterations + " iterations"
                    + progress);
        }
        return null;
    }

    private void append(Point x) {
        if (historySize == values.length) {
            values = Arrays.copyOf(values, 2 * values.length);
            gradientNorms = Arrays.copyOf(gradientNorms, 2 * gradientNorms.length);
        }
        values[historySize] = x.value();
        gradientNorms[historySize] = x.gradientNorm();
        historySize++;
    }

    private SolverResult finish(Point x, StopReason reason, String message) {
        // A non-finite iterate is never recorded: the history ends at the last finite one.
        List<String> noteLines = new ArrayList<>();
        notes.forEach((event, note) -> noteLines.add(note.describe(event)));
        return new SolverResult(x.x().clone(), x.value(), x.gradientNorm(), iterations, evaluations, reason, message,
                Arrays.copyOf(values, historySize), Arrays.copyOf(gradientNorms, historySize), noteLines);
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.3g", value);
    }
}
