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

    public static Variable add(Variable a, Variable b) {
        if (!Broadcast.fits(a.value(), b.value()) && Broadcast.fits(b.value(), a.value())) {
            return add(b, a);
        }
        Tensor av = a.value();
        Tensor bv = b.value();
        Broadcast mode = Broadcast.of("add", av, bv);
        Tape tape = Tape.of("add", a, b);
        Tensor out = tape.output(av.shape());
        int n = av.size();
        int columns = av.columns();
        switch (mode) {
            case SAME -> K.add(n, av.data(), 0, bv.data(), 0, out.data(), 0);
            case ROW -> K.addRow(av.rows(), columns, av.data(), 0, bv.data(), 0, out.data(), 0);
            case SCALAR -> {
                float s = bv.data()[0];
                float[] ad = av.data();
                float[] od = out.data();
                for (int i = 0; i < n; i++) {
                    od[i] = ad[i] + s;
                }
            }
        }
        return tape.record(out, g -> {
            if (a.requiresGrad()) {
                K.axpy(n, 1f, g.data(), 0, a.gradForAccumulation().data(), 0);
            }
            if (b.requiresGrad()) {
                reduceInto(mode, g, 1f, b.gradForAccumulation());
            }
        }, a, b);
    }

    public static Variable sub(Variable a, Variable b) {
        Tensor av = a.value();
        Tensor bv = b.value();
        Broadcast mode = Broadcast.of("sub", av, bv);
        Tape tape = Tape.of("sub", a, b);
        Tensor out = tape.output(av.shape());
        int n = av.size();
        int columns = av.columns();
        float[] ad = av.data();
        float[] bd = bv.data();
        float[] od = out.data();
        for (int i = 0; i < n; i++) {
            od[i] = ad[i] - bd[mode.index(i, columns)];
        }
        return tape.record(out, g -> {
            if (a.requiresGrad()) {
                K.axpy(n, 1f, g.data(), 0, a.gradForAccumulation().data(), 0);
            }
            if (b.requiresGrad()) {
                reduceInto(mode, g, -1f, b.gradForAccumulation());
            }
        }, a, b);
    }

    public static Variable mul(Variable a, Variable b) {
        if (!Broadcast.fits(a.value(), b.value()) && Broadcast.fits(b.value(), a.value())) {
            return mul(b, a);
        }
        Tensor av = a.value();
        Tensor bv = b.value();
        Broadcast mode = Broadcast.of("mul", av, bv);
        Tape tape = Tape.of("mul", a, b);
        Tensor out = tape.output(av.shape());
        int n = av.size();
        int columns = av.columns();
        float[] ad = av.data();
        float[] bd = bv.data();
        float[] od = out.data();
        for (int i = 0; i < n; i++) {
            od[i] = ad[i] * bd[mode.index(i, columns)];
        }
        return tape.record(out, g -> {
            float[] gd = g.data();
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
        }, a, b);
    }

    public static Variable div(Variable a, Variable b) {
        Tensor av = a.value();
        Tensor bv = b.value();
        Broadcast mode = Broadcast.of("div", av, bv);
        Tape tape = Tape.of("div", a, b);
        Tensor out = tape.output(av.shape());
        int n = av.size();
        int columns = av.columns();
        float[] ad = av.data();
        float[] bd = bv.data();
        float[] od = out.data();
        for (int i = 0; i < n; i++) {
            od[i] = ad[i] / bd[mode.index(i, columns)];
        }
        return tape.record(out, g -> {
            float[] gd = g.data();
            if (a.requiresGrad()) { // dA += dC / b
                float[] ga = a.gradForAccumulation().data();
                for (int i = 0; i < n; i++) {
                    ga[i] += gd[i] / bd[mode.index(i, columns)];
                }
            }
            if (b.requiresGrad()) { // dB += reduce(-dC · a / b²) = reduce(-dC · out / b)
                float[] gb = b.gradForAccumulation().data();
                for (int i = 0; i < n; i++) {
                    int j = mode.index(i, columns);
                    gb[j] -= gd[i] * od[i] / bd[j];
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
                if (sign == 1f) {
                    K.sumColumnsAccumulate(g.rows(), g.columns(), gd, 0, td, 0);
                } else {
                    int columns = g.columns();
                    for (int r = 0; r < g.rows(); r++) {
                        K.axpy(columns, sign, gd, r * columns, td, 0);
                    }
                }
            }
            case SCALAR -> td[0] += sign * K.sum(g.size(), gd, 0);
        }
    }
}
