package dev.descent.autodiff;

import dev.descent.kernel.KernelProvider;
import dev.descent.kernel.Kernels;
import dev.descent.tensor.Tensor;

/**
 * Elementwise add, subtract, multiply, divide, minimum and maximum. The second operand may be
 * broadcast: the same shape as the first, one row (a bias, shape [columns] or [1, columns]) or
 * one value. For {@link #add}, {@link #mul}, {@link #minimum} and {@link #maximum}, which
 * commute, either operand may be the smaller one.
 */
public final class ArithmeticOps {
    private static final Kernels K = KernelProvider.kernels();

    private ArithmeticOps() {
    }

    private enum Operation { ADD, SUB, MUL, DIV, MINIMUM, MAXIMUM }

    /** True when the operands should be swapped so that the second is the broadcast one. */
    private static boolean smallerFirst(Variable a, Variable b) {
        return !Broadcast.fits(a.value(), b.value()) && Broadcast.fits(b.value(), a.value());
    }

    /** a + b. */
    public static Variable add(Variable a, Variable b) {
        return smallerFirst(a, b) ? binary(Operation.ADD, "add", b, a) : binary(Operation.ADD, "add", a, b);
    }

    /** a − b. */
    public static Variable sub(Variable a, Variable b) {
        return binary(Operation.SUB, "sub", a, b);
    }

    /** a · b elementwise (for the matrix product see {@link MatrixOps#matmul}). */
    public static Variable mul(Variable a, Variable b) {
        return smallerFirst(a, b) ? binary(Operation.MUL, "mul", b, a) : binary(Operation.MUL, "mul", a, b);
    }

    /** a / b. */
    public static Variable div(Variable a, Variable b) {
        return binary(Operation.DIV, "div", a, b);
    }

    /**
     * The elementwise larger of a and b, as PyTorch's {@code maximum}: NaN if either is NaN.
     * The gradient goes to the larger operand; where a = b each gets half of it, and where
     * either is NaN each gets all of it (PyTorch's masks: a gets none only where a &lt; b).
     */
    public static Variable maximum(Variable a, Variable b) {
        return smallerFirst(a, b) ? binary(Operation.MAXIMUM, "maximum", b, a)
                : binary(Operation.MAXIMUM, "maximum", a, b);
    }

    /**
     * The elementwise smaller of a and b, as PyTorch's {@code minimum}: NaN if either is NaN;
     * the gradient is shared as in {@link #maximum} (half each on ties).
     */
    public static Variable minimum(Variable a, Variable b) {
        return smallerFirst(a, b) ? binary(Operation.MINIMUM, "minimum", b, a)
                : binary(Operation.MINIMUM, "minimum", a, b);
    }

    private static Variable binary(Operation operation, String name, Variable a, Variable b) {
        Tensor av = a.value();
        Broadcast mode = Broadcast.of(name, av, b.value());
        Tape tape = Tape.of(name, a, b);
        Tensor out = tape.output(av.shape());
        float[] ad = av.data();
        float[] bd = b.value().data();
        float[] od = out.data();
        int n = av.size();
        int columns = av.columns();
        switch (operation) {
            case ADD -> {
                switch (mode) {
                    case SAME -> K.add(n, ad, 0, bd, 0, od, 0);
                    case ROW -> K.addRow(n / columns, columns, ad, 0, bd, 0, od, 0);
                    case SCALAR -> {
                        float s = bd[0];
                        for (int i = 0; i < n; i++) {
                            od[i] = ad[i] + s;
                        }
                    }
                }
            }
            case SUB -> {
                for (int i = 0; i < n; i++) {
                    od[i] = ad[i] - bd[mode.index(i, columns)];
                }
            }
            case MUL -> {
                for (int i = 0; i < n; i++) {
                    od[i] = ad[i] * bd[mode.index(i, columns)];
                }
            }
            case DIV -> {
                for (int i = 0; i < n; i++) {
                    od[i] = ad[i] / bd[mode.index(i, columns)];
                }
            }
            case MINIMUM -> { // Math.min/max return NaN when either is NaN, as torch.minimum/maximum
                for (int i = 0; i < n; i++) {
                    od[i] = Math.min(ad[i], bd[mode.index(i, columns)]);
                }
            }
            case MAXIMUM -> {
                for (int i = 0; i < n; i++) {
                    od[i] = Math.max(ad[i], bd[mode.index(i, columns)]);
                }
            }
        }
        BinaryBackward step = tape.step(BinaryBackward.class, BinaryBackward::new);
        step.operation = operation;
        step.mode = mode;
        step.a = a;
        step.b = b;
        step.out = out;
        return tape.record(out, step, a, b);
    }

    private static final class BinaryBackward implements Backward {
        Operation operation;
        Broadcast mode;
        Variable a;
        Variable b;
        Tensor out;

        @Override
        public void propagate(Tensor g) {
            float[] gd = g.data();
            float[] ad = a.value().data();
            float[] bd = b.value().data();
            int n = gd.length;
            int columns = a.value().columns();
            switch (operation) {
                case ADD, SUB -> {
                    if (a.requiresGrad()) {
                        K.axpy(n, 1f, gd, 0, a.gradForAccumulation().data(), 0);
                    }
                    if (b.requiresGrad()) {
                        reduceInto(mode, g, operation == Operation.ADD ? 1f : -1f, b.gradForAccumulation());
                    }
                }
                case MUL -> {
                    if (a.requiresGrad()) { // dA += dC ⊙ b
                        float[] ga = a.gradForAccumulation().data();
                        for (int i = 0; i < n; i++) {
                            ga[i] += gd[i] * bd[mode.index(i, columns)];
                        }
                    }
                    if (b.requiresGrad()) { // dB += reduce(dC ⊙ a)
                        float[] gb = b.gradForAccumulation().data();
                        for (int i = 0; i < n; i++) {
                            gb[mode.index(i, columns)] += gd[i] * ad[i];
                        }
                    }
                }
                case DIV -> {
                    if (a.requiresGrad()) { // dA += dC / b
                        float[] ga = a.gradForAccumulation().data();
                        for (int i = 0; i < n; i++) {
                            ga[i] += gd[i] / bd[mode.index(i, columns)];
                        }
                    }
                    if (b.requiresGrad()) { // dB += reduce(−dC · a / b²) = reduce(−dC · out / b)
                        float[] gb = b.gradForAccumulation().data();
                        float[] od = out.data();
                        for (int i = 0; i < n; i++) {
                            int j = mode.index(i, columns);
                            gb[j] -= gd[i] * od[i] / bd[j];
                        }
                    }
                }
                case MINIMUM, MAXIMUM -> {
                    // PyTorch's rule: half each on a tie, nothing to the operand that lost, all
                    // to both when a NaN makes every comparison false
                    boolean larger = operation == Operation.MAXIMUM;
                    if (a.requiresGrad()) {
                        float[] ga = a.gradForAccumulation().data();
                        for (int i = 0; i < n; i++) {
                            ga[i] += gd[i] * share(ad[i], bd[mode.index(i, columns)], larger);
                        }
                    }
                    if (b.requiresGrad()) {
                        float[] gb = b.gradForAccumulation().data();
                        for (int i = 0; i < n; i++) {
                            int j = mode.index(i, columns);
                            gb[j] += gd[i] * share(bd[j], ad[i], larger);
                        }
                    }
                }
            }
        }
    }

    /**
     * The share of the gradient of max(v, other) (or min, when {@code larger} is false) that
     * goes to v: 1 if v wins, ½ on a tie, 0 if v loses; 1 when either is NaN (no comparison holds).
     */
    private static float share(float v, float other, boolean larger) {
        if (v == other) {
            return 0.5f;
        }
        boolean loses = larger ? v < other : v > other;
        return loses ? 0f : 1f;
    }

    /** {@code a · factor} for a constant factor. */
    public static Variable scale(Variable a, float factor) {
        Tensor av = a.value();
        Tape tape = Tape.of("scale", a);
        Tensor out = tape.output(av.shape());
        int n = av.size();
        float[] ad = av.data();
        float[] od = out.data();
        for (int i = 0; i < n; i++) {
            od[i] = ad[i] * factor;
        }
        ScaleBackward step = tape.step(ScaleBackward.class, ScaleBackward::new);
        step.a = a;
        step.factor = factor;
        return tape.record(out, step, a);
    }

    private static final class ScaleBackward implements Backward {
        Variable a;
        float factor;

        @Override
        public void propagate(Tensor g) {
            K.axpy(g.size(), factor, g.data(), 0, a.gradForAccumulation().data(), 0);
        }
    }

    /** Adds {@code sign · g}, summed over the broadcast dimensions, into {@code target}. */
    private static void reduceInto(Broadcast mode, Tensor g, float sign, Tensor target) {
        float[] gd = g.data();
        float[] td = target.data();
        switch (mode) {
            case SAME -> K.axpy(g.size(), sign, gd, 0, td, 0);
            case ROW -> {
                int columns = g.columns();
                for (int r = 0; r < g.rows(); r++) {
                    K.axpy(columns, sign, gd, r * columns, td, 0);
                }
            }
            case SCALAR -> td[0] += sign * K.sum(g.size(), gd, 0);
        }
    }
}
