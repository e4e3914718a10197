package dev.descent.autodiff;

import dev.descent.random.Rng;
import dev.descent.tensor.Shape;
import dev.descent.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Checks an operation's float32 forward value and analytic gradients against a
 * double-precision reference of the same function, written by the test in plain arithmetic.
 *
 * <p>For inputs x (float32) and an output y = f(x) the checker
 * <ol>
 *   <li>compares y elementwise with {@code f_ref(x)} evaluated in double at the same inputs;
 *   <li>draws a seed gradient r (uniform in [−1, 1], from a fixed {@link Rng} seed) and runs
 *       {@code y.backward(r)}; a scalar y is also run once with plain {@code backward()}, so
 *       both the default seed and the scaling by a seed are covered;
 *   <li>computes ∂/∂x_e of {@code Σ_j r_j · f_ref(x)_j} by central differences in double, with
 *       step {@code h = 1e-6 · max(1, |x_e|)}: truncation error O(h²) ≈ 1e-12 and round-off
 *       ≈ 1e-16 · |f| / h ≈ 1e-10 · |f|, both far below float32 resolution, so the numeric
 *       gradient serves as exact;
 *   <li>accepts an analytic value a against the numeric n when
 *       {@code |a − n| ≤ atol · scale + rtol · |n|}, where scale is the largest |n| of that
 *       input (at least {@value #MIN_SCALE}).
 * </ol>
 *
 * <h2>Default tolerances and why</h2>
 * Forward: atol 1e-5, rtol 1e-5 (relative to the largest |f_ref|). float32's unit round-off
 * is u = 2⁻²⁴ ≈ 6e-8; our operations sum at most a few dozen terms, so a correct forward is
 * off by ≲ 30u ≈ 2e-6 of the scale whatever the summation order (scalar or SIMD kernels).
 * <br>Gradient: atol 1e-4, rtol 1e-3. A backward pass rounds more often and some exact
 * derivatives lose digits by design when computed from a float32 output (sigmoid's y(1 − y),
 * tanh's 1 − y² near saturation, softmax's g − Σ g·y); 1e-4 of the scale leaves a margin of
 * ~10× over those. Every mistake this is meant to catch — a dropped factor, a wrong sign, a
 * transposed index, a misplaced broadcast, the output used for the derivative — moves some
 * element by a good fraction of the scale, far outside these bounds.
 *
 * <p>Each check also fails when the operation writes into its inputs.
 *
 * <p>Usage:
 * <pre>{@code
 * GradientChecker.standard().verify("exp", in -> in[0].exp(),
 *         ref -> Arrays.stream(ref[0]).map(Math::exp).toArray(), x);
 * }</pre>
 */
public final class GradientChecker {
    /** Floor of the scale that multiplies atol, so all-but-zero gradients are not held to ~0. */
    public static final double MIN_SCALE = 1e-3;
    private static final int MAX_REPORTED = 12;

    /** Builds the operation's output from its inputs: leaves that want gradients, bound to one fresh tape. */
    @FunctionalInterface
    public interface Operation {
        Variable apply(Variable[] inputs);
    }

    /** The same function in plain double arithmetic; arrays are flat and row-major, as in {@link Tensor}. */
    @FunctionalInterface
    public interface Reference {
        double[] apply(double[][] inputs);
    }

    /** Accepts {@code actual} for {@code expected} when {@code |actual − expected| ≤ absolute·scale + relative·|expected|}. */
    public record Tolerance(double absolute, double relative) {
        public Tolerance {
            if (!(absolute >= 0) || !(relative >= 0)) {
                throw new IllegalArgumentException("tolerances must be ≥ 0, got " + absolute + ", " + relative);
            }
        }

        double allowed(double expected, double scale) {
            return absolute * scale + relative * Math.abs(expected);
        }
    }

    /** What a mismatch is about. */
    public enum Kind {
        /** Output has another number of elements than the reference. */
        OUTPUT_SIZE,
        /** Float32 forward value differs from the double reference. */
        FORWARD,
        /** Analytic gradient differs from the finite difference. */
        GRADIENT,
        /** The operation wrote into an input. */
        INPUT_MODIFIED
    }

    /** One element that failed; {@code input} is −1 for forward values. */
    public record Mismatch(Kind kind, String pass, int input, int element, String position,
                           double actual, double expected, double allowed) {
        @Override
        public String toString() {
            String where = input < 0 ? "output" : "input " + input;
            String what = switch (kind) {
                case OUTPUT_SIZE -> "size";
                case FORWARD -> "value";
                case GRADIENT -> "gradient";
                case INPUT_MODIFIED -> "modified";
            };
            String left = kind == Kind.GRADIENT ? "analytic" : "actual";
            String right = kind == Kind.GRADIENT ? "numeric" : "expected";
            return String.format(Locale.ROOT, "%s element %d %s %s%s: %s %.9g, %s %.9g (|diff| %.3g > allowed %.3g)",
                    where, element, position, what, pass.isEmpty() ? "" : " [" + pass + "]",
                    left, actual, right, expected, Math.abs(actual - expected), allowed);
        }
    }

    /** The outcome of one check: every failing element, and how many were compared. */
    public record Report(String operation, List<Mismatch> mismatches, int comparisons) {
        public boolean passed() {
            return mismatches.isEmpty();
        }

        public boolean hasGradientMismatch() {
            return mismatches.stream().anyMatch(m -> m.kind() == Kind.GRADIENT);
        }

        /** Throws an {@link AssertionError} listing the mismatches unless the check passed. */
        public Report assertPassed() {
            if (!passed()) {
                throw new AssertionError(toString());
            }
            return this;
        }

        @Override
        public String toString() {
            if (passed()) {
                return operation + ": " + comparisons + " comparisons passed";
            }
            StringBuilder s = new StringBuilder(operation).append(": ").append(mismatches.size()).append(" of ")
                    .append(comparisons).append(" comparisons failed");
            for (int i = 0; i < Math.min(MAX_REPORTED, mismatches.size()); i++) {
                s.append("\n  ").append(mismatches.get(i));
            }
            if (mismatches.size() > MAX_REPORTED) {
                s.append("\n  … and ").append(mismatches.size() - MAX_REPORTED).append(" more");
            }
            return s.toString();
        }
    }

    private final Tolerance forwardTolerance;
    private final Tolerance gradientTolerance;
    private final long seed;
    private final double relativeStep;

    private GradientChecker(Tolerance forwardTolerance, Tolerance gradientTolerance, long seed, double relativeStep) {
        this.forwardTolerance = forwardTolerance;
        this.gradientTolerance = gradientTolerance;
        this.seed = seed;
        this.relativeStep = relativeStep;
    }

    /** Forward atol 1e-5 / rtol 1e-5, gradient atol 1e-4 / rtol 1e-3, seed 42, h = 1e-6 relative. */
    public static GradientChecker standard() {
        return new GradientChecker(new Tolerance(1e-5, 1e-5), new Tolerance(1e-4, 1e-3), 42L, 1e-6);
    }

    public GradientChecker withForwardTolerance(double absolute, double relative) {
        return new GradientChecker(new Tolerance(absolute, relative), gradientTolerance, seed, relativeStep);
    }

    public GradientChecker withGradientTolerance(double absolute, double relative) {
        return new GradientChecker(forwardTolerance, new Tolerance(absolute, relative), seed, relativeStep);
    }

    public GradientChecker withSeed(long seed) {
        return new GradientChecker(forwardTolerance, gradientTolerance, seed, relativeStep);
    }

    /** Checks {@code operation} on copies of {@code inputs}, each bound to a fresh tape as a leaf wanting a gradient. */
    public Report check(String name, Operation operation, Reference reference, Tensor... inputs) {
        Tape tape = new Tape();
        Variable[] leaves = new Variable[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            // A parameter is bound to no tape, so a unary operation on it would find none; a test
            // in this package can make a leaf that is bound to the tape and wants a gradient.
            leaves[i] = new Variable(inputs[i].copy(), true, tape, null);
        }
        return check(name, () -> operation.apply(leaves.clone()), List.of(leaves), reference);
    }

    /**
     * Checks a computation of existing variables, e.g. a module's parameters: {@code forward}
     * builds the output (on a tape of its own), {@code differentiated} are the variables whose
     * values the reference receives, in order, and whose gradients are checked.
     */
    public Report check(String name, Supplier<Variable> forward, List<Variable> differentiated, Reference reference) {
        int count = differentiated.size();
        float[][] before = new float[count][];
        double[][] x = new double[count][];
        for (int i = 0; i < count; i++) {
            before[i] = differentiated.get(i).value().data().clone();
            x[i] = toDouble(before[i]);
            differentiated.get(i).zeroGrad();
        }
        List<Mismatch> mismatches = new ArrayList<>();
        int comparisons = 0;

        Variable output = forward.get();
        Tensor y = output.value();
        double[] expected = reference.apply(copy(x));
        comparisons++;
        if (expected.length != y.size()) {
            mismatches.add(new Mismatch(Kind.OUTPUT_SIZE, "", -1, -1, y.shape().toString(),
                    y.size(), expected.length, 0));
            return new Report(name, mismatches, comparisons);
        }
        double forwardScale = Math.max(MIN_SCALE, maxAbs(expected));
        for (int j = 0; j < expected.length; j++) {
            comparisons++;
            double actual = y.get(j);
            double allowed = forwardTolerance.allowed(expected[j], forwardScale);
            if (!(Math.abs(actual - expected[j]) <= allowed)) {
                mismatches.add(new Mismatch(Kind.FORWARD, "", -1, j, position(y.shape(), j),
                        actual, expected[j], allowed));
            }
        }

        Rng rng = new Rng(seed);
        List<double[]> seeds = new ArrayList<>();
        if (y.size() == 1) {
            seeds.add(null); // plain backward(): the seed 1
        }
        double[] r = new double[y.size()];
        for (int j = 0; j < r.length; j++) {
            r[j] = 2 * rng.nextDouble() - 1;
        }
        seeds.add(r);

        for (double[] s : seeds) {
            String pass = s == null ? "backward()" : "backward(r)";
            for (Variable v : differentiated) {
                v.zeroGrad();
            }
            double[] weights;
            if (s == null) {
                output.backward();
                weights = new double[] {1.0};
            } else {
                float[] seedValues = new float[s.length];
                for (int j = 0; j < s.length; j++) {
                    seedValues[j] = (float) s[j];
                    s[j] = seedValues[j]; // the reference is weighted by exactly the float seed used
                }
                output.backward(Tensor.wrap(seedValues, y.shape()));
                weights = s;
            }
            for (int i = 0; i < count; i++) {
                Variable v = differentiated.get(i);
                Tensor grad = v.grad();
                double[] numeric = numericGradient(reference, x, i, weights);
                double scale = Math.max(MIN_SCALE, maxAbs(numeric));
                for (int e = 0; e < numeric.length; e++) {
                    comparisons++;
                    double analytic = grad == null ? 0.0 : grad.get(e);
                    double allowed = gradientTolerance.allowed(numeric[e], scale);
                    if (!(Math.abs(analytic - numeric[e]) <= allowed)) {
                        mismatches.add(new Mismatch(Kind.GRADIENT, pass + (grad == null ? ", no gradient" : ""),
                                i, e, position(v.shape(), e), analytic, numeric[e], allowed));
                    }
                }
            }
        }

        for (int i = 0; i < count; i++) {
            float[] after = differentiated.get(i).value().data();
            for (int e = 0; e < after.length; e++) {
                comparisons++;
                if (Float.floatToRawIntBits(after[e]) != Float.floatToRawIntBits(before[i][e])) {
                    mismatches.add(new Mismatch(Kind.INPUT_MODIFIED, "", i, e,
                            position(differentiated.get(i).shape(), e), after[e], before[i][e], 0));
                }
            }
        }
        return new Report(name, mismatches, comparisons);
    }

    /** {@link #check(String, Operation, Reference, Tensor...)}, failing the test on any mismatch. */
    public Report verify(String name, Operation operation, Reference reference, Tensor... inputs) {
        return check(name, operation, reference, inputs).assertPassed();
    }

    /** {@link #check(String, Supplier, List, Reference)}, failing the test on any mismatch. */
    public Report verify(String name, Supplier<Variable> forward, List<Variable> differentiated, Reference reference) {
        return check(name, forward, differentiated, reference).assertPassed();
    }

    /** ∂/∂x[input] of Σ_j weights_j · f(x)_j by central differences. */
    private double[] numericGradient(Reference reference, double[][] x, int input, double[] weights) {
        double[][] probe = copy(x);
        double[] target = probe[input];
        double[] gradient = new double[target.length];
        for (int e = 0; e < target.length; e++) {
            double original = target[e];
            double h = relativeStep * Math.max(1.0, Math.abs(original));
            target[e] = original + h;
            double plus = weighted(reference.apply(copy(probe)), weights);
            target[e] = original - h;
            double minus = weighted(reference.apply(copy(probe)), weights);
            target[e] = original;
            gradient[e] = (plus - minus) / (2 * h);
        }
        return gradient;
    }

    private static double weighted(double[] values, double[] weights) {
        double total = 0;
        for (int j = 0; j < values.length; j++) {
            total += weights[j] * values[j];
        }
        return total;
    }

    private static double[][] copy(double[][] x) {
        double[][] c = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            c[i] = x[i].clone();
        }
        return c;
    }

    private static double[] toDouble(float[] values) {
        double[] d = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            d[i] = values[i];
        }
        return d;
    }

    private static double maxAbs(double[] values) {
        double m = 0;
        for (double v : values) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    /** The multi-index of a flat element, e.g. "[1, 2]". */
    private static String position(Shape shape, int flat) {
        int[] dims = shape.dims();
        int[] index = new int[dims.length];
        int rest = flat;
        for (int d = dims.length - 1; d >= 0; d--) {
            index[d] = dims[d] == 0 ? 0 : rest % dims[d];
            rest = dims[d] == 0 ? 0 : rest / dims[d];
        }
        return Arrays.toString(index);
    }
}
