package dev.descent.autodiff;

import dev.descent.kernel.KernelProvider;
import dev.descent.kernel.Kernels;
import dev.descent.tensor.Tensor;

/**
 * Elementwise add, subtract, multiply and divide. The second operand may be broadcast: the
 * same shape as the first, one row (a bias, shape [columns] or [1, columns]) or one value.
 * For {@link #add} and {@link #mul}, which commute, either operand may be the smaller one.
 */
public final class ArithmeticOps {
    private static final Kernels K = KernelProvider.kernels();

    private ArithmeticOps() {
    }

    /** The operands of a binary operation, how they line up, and the result's buffer. */
    private record Operands(float[] a, float[] b, Broadcast mode, Tape tape, Tensor out, int n, int columns) {
        static Operands of(String op, Variable a, Variable b) {
            Tensor av = a.value();
            Broadcast mode = Broadcast.of(op, av, b.value());
            Tape tape = Tape.of(op, a, b);
            return new Operands(av.data(), b.value().data(), mode, tape, tape.output(av.shape()), av.size(),
                    av.columns());
        }

        /** Index into b's values for flat element i of a. */
        int bIndex(int i) {
            return mode.index(i, columns);
        }
    }

    /** True when the operands should be swapped so that the second is the broadcast one. */
    private static boolean smallerFirst(Variable a, Variable b) {
        return !Broadcast.fits(a.value(), b.value()) && Broadcast.fits(b.value(), a.value());
    }

    public static Variable add(Variable a, Variable b) {
        if (smallerFirst(a, b)) {
            return add(b, a);
        }
        Operands o = Operands.of("add", a, b);
        float[] od = o.out().data();
        switch (o.mode()) {
            case SAME -> K.add(o.n(), o.a(), 0, o.b(), 0, od, 0);
            case ROW -> K.addRow(o.n() / o.columns(), o.columns(), o.a(), 0, o.b(), 0, od, 0);
            case SCALAR -> {
                float s = o.b()[0];
                for (int i = 0; i < o.n(); i++) {
                    od[i] = o.a()[i] + s;
                }
            }
        }
        return o.tape().record(o.out(), g -> {
            if (a.requiresGrad()) {
                K.axpy(o.n(), 1f, g.data(), 0, a.gradForAccumulation().data(), 0);
            }
            if (b.requiresGrad()) {
                reduceInto(o.mode(), g, 1f, b.gradForAccumulation());
            }
        }, a, b);
    }

    public static Variable sub(Variable a, Variable b) {
        Operands o = Operands.of("sub", a, b);
        float[] od = o.out().data();
        for (int i = 0; i < o.n(); i++) {
            od[i] = o.a()[i] - o.b()[o.bIndex(i)];
        }
        return o.tape().record(o.out(), g -> {
            if (a.requiresGrad()) {
                K.axpy(o.n(), 1f, g.data(), 0, a.gradForAccumulation().data(), 0);
            }
            if (b.requiresGrad()) {
                reduceInto(o.mode(), g, -1f, b.gradForAccumulation());
            }
        }, a, b);
    }

    public static Variable mul(Variable a, Variable b) {
        if (smallerFirst(a, b)) {
            return mul(b, a);
        }
        Operands o = Operands.of("mul", a, b);
        float[] od = o.out().data();
        for (int i = 0; i < o.n(); i++) {
            od[i] = o.a()[i] * o.b()[o.bIndex(i)];
        }
        return o.tape().record(o.out(), g -> {
            float[] gd = g.data();
            if (a.requiresGrad()) { // dA += dC ⊙ b
                float[] ga = a.gradForAccumulation().data();
                for (int i = 0; i < o.n(); i++) {
                    ga[i] += gd[i] * o.b()[o.bIndex(i)];
                }
            }
            if (b.requiresGrad()) { // dB += reduce(dC ⊙ a)
                float[] gb = b.gradForAccumulation().data();
                for (int i = 0; i < o.n(); i++) {
                    gb[o.bIndex(i)] += gd[i] * o.a()[i];
                }
            }
        }, a, b);
    }

    public static Variable div(Variable a, Variable b) {
        Operands o = Operands.of("div", a, b);
        float[] od = o.out().data();
        for (int i = 0; i < o.n(); i++) {
            od[i] = o.a()[i] / o.b()[o.bIndex(i)];
        }
        return o.tape().record(o.out(), g -> {
            float[] gd = g.data();
            if (a.requiresGrad()) { // dA += dC / b
                float[] ga = a.gradForAccumulation().data();
                for (int i = 0; i < o.n(); i++) {
                    ga[i] += gd[i] / o.b()[o.bIndex(i)];
                }
            }
            if (b.requiresGrad()) { // dB += reduce(−dC · a / b²) = reduce(−dC · out / b)
                float[] gb = b.gradForAccumulation().data();
                for (int i = 0; i < o.n(); i++) {
                    int j = o.bIndex(i);
                    gb[j] -= gd[i] * od[i] / o.b()[j];
                }
            }
        }, a, b);
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
        return tape.record(out, g -> K.axpy(n, factor, g.data(), 0, a.gradForAccumulation().data(), 0), a);
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
