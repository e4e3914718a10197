package dev.descent.autodiff;

import dev.descent.kernel.KernelProvider;
import dev.descent.kernel.Kernels;
import dev.descent.tensor.Tensor;

/**
 * Elementwise functions and activations: exp, log, abs, sqrt, pow, clamp, ReLU, LeakyReLU,
 * sigmoid, tanh and GELU. Each backward uses whichever of input or output gives the cheapest
 * exact derivative; where the derivative is undefined (a kink, a bound) it takes PyTorch's choice.
 */
public final class ElementwiseOps {
    private static final Kernels K = KernelProvider.kernels();
    private static final double SQRT_2_OVER_PI = Math.sqrt(2.0 / Math.PI);
    private static final double INV_SQRT_2 = 1.0 / Math.sqrt(2.0);
    private static final double INV_SQRT_2PI = 1.0 / Math.sqrt(2.0 * Math.PI);
    private static final double GELU_CUBIC = 0.044715;

    private ElementwiseOps() {
    }

    /** e^x. */
    public static Variable exp(Variable x) {
        Tape tape = Tape.of("exp", x);
        float[] xd = x.value().data();
        Tensor y = tape.output(x.shape());
        float[] yd = y.data();
        for (int i = 0; i < xd.length; i++) {
            yd[i] = (float) Math.exp(xd[i]);
        }
        return record(tape, Function.EXP, x, y, 0f);
    }

    /** Natural logarithm; non-positive inputs give -Infinity or NaN as in IEEE arithmetic. */
    public static Variable log(Variable x) {
        Tape tape = Tape.of("log", x);
        float[] xd = x.value().data();
        Tensor y = tape.output(x.shape());
        float[] yd = y.data();
        for (int i = 0; i < xd.length; i++) {
            yd[i] = (float) Math.log(xd[i]);
        }
        return record(tape, Function.LOG, x, y, 0f);
    }

    /** |x|; the derivative at 0 (and at NaN) is taken as 0, as PyTorch's sign(x) gives. */
    public static Variable abs(Variable x) {
        Tape tape = Tape.of("abs", x);
        float[] xd = x.value().data();
        Tensor y = tape.output(x.shape());
        float[] yd = y.data();
        for (int i = 0; i < xd.length; i++) {
            yd[i] = Math.abs(xd[i]);
        }
        return record(tape, Function.ABS, x, y, 0f);
    }

    /**
     * √x; negative inputs give NaN. The derivative 1/(2√x) is infinite at 0, as in PyTorch: put
     * a small constant under the root (or clamp) when x can be 0.
     */
    public static Variable sqrt(Variable x) {
        Tape tape = Tape.of("sqrt", x);
        float[] xd = x.value().data();
        Tensor y = tape.output(x.shape());
        float[] yd = y.data();
        for (int i = 0; i < xd.length; i++) {
            yd[i] = (float) Math.sqrt(xd[i]);
        }
        return record(tape, Function.SQRT, x, y, 0f);
    }

    /**
     * x^exponent elementwise, as PyTorch's {@code pow(x, exponent)} for a number exponent:
     * negative x with a non-integer exponent gives NaN, and the derivative is
     * {@code exponent · x^(exponent − 1)}, except that exponent 0 has derivative 0 everywhere
     * (even at x = 0, where the formula would give NaN).
     */
    public static Variable pow(Variable x, double exponent) {
        Tape tape = Tape.of("pow", x);
        float[] xd = x.value().data();
        Tensor y = tape.output(x.shape());
        float[] yd = y.data();
        for (int i = 0; i < xd.length; i++) {
            yd[i] = (float) Math.pow(xd[i], exponent);
        }
        ElementwiseBackward step = step(tape, Function.POW, x, y);
        step.exponent = exponent;
        return tape.record(y, step, x);
    }

    /**
     * Each element limited to [min, max], as PyTorch's {@code clamp(x, min, max)}: pass
     * {@code Float.NEGATIVE_INFINITY} or {@code Float.POSITIVE_INFINITY} for a one-sided limit.
     * The gradient passes where {@code min ≤ x ≤ max} (bounds included) and is 0 elsewhere; NaN
     * stays NaN with gradient 0. As in PyTorch, {@code min > max} sets every element to max.
     */
    public static Variable clamp(Variable x, float min, float max) {
        if (Float.isNaN(min) || Float.isNaN(max)) {
            throw new IllegalArgumentException("clamp: " + (Float.isNaN(min) ? "min" : "max")
                    + " is NaN; pass a number, or ∓Infinity for no bound on that side");
        }
        Tape tape = Tape.of("clamp", x);
        float[] xd = x.value().data();
        Tensor y = tape.output(x.shape());
        float[] yd = y.data();
        for (int i = 0; i < xd.length; i++) {
            // min(max(x, lo), hi) keeps NaN (Math.max/min propagate it) and gives hi when lo > hi
            yd[i] = Math.min(Math.max(xd[i], min), max);
        }
        ElementwiseBackward step = step(tape, Function.CLAMP, x, y);
        step.min = min;
        step.max = max;
        return tape.record(y, step, x);
    }

    /** max(x, 0); the derivative at 0 is taken as 0, as in PyTorch. */
    public static Variable relu(Variable x) {
        Tape tape = Tape.of("relu", x);
        float[] xd = x.value().data();
        Tensor y = tape.output(x.shape());
        float[] yd = y.data();
        K.relu(xd.length, xd, 0, yd, 0);
        return record(tape, Function.RELU, x, y, 0f);
    }

    /** x for x &gt; 0, else {@code slope · x}. */
    public static Variable leakyRelu(Variable x, float slope) {
        Tape tape = Tape.of("leakyRelu", x);
        float[] xd = x.value().data();
        Tensor y = tape.output(x.shape());
        float[] yd = y.data();
        for (int i = 0; i < xd.length; i++) {
            yd[i] = xd[i] > 0f ? xd[i] : slope * xd[i];
        }
        return record(tape, Function.LEAKY_RELU, x, y, slope);
    }

    /** The logistic function 1 / (1 + e^-x), computed without overflow for large |x|. */
    public static Variable sigmoid(Variable x) {
        Tape tape = Tape.of("sigmoid", x);
        float[] xd = x.value().data();
        Tensor y = tape.output(x.shape());
        float[] yd = y.data();
        for (int i = 0; i < xd.length; i++) {
            yd[i] = (float) sigmoid((double) xd[i]);
        }
        return record(tape, Function.SIGMOID, x, y, 0f);
    }

    /** The hyperbolic tangent. */
    public static Variable tanh(Variable x) {
        Tape tape = Tape.of("tanh", x);
        float[] xd = x.value().data();
        Tensor y = tape.output(x.shape());
        float[] yd = y.data();
        for (int i = 0; i < xd.length; i++) {
            yd[i] = (float) Math.tanh(xd[i]);
        }
        return record(tape, Function.TANH, x, y, 0f);
    }

    /** GELU with the exact Gaussian CDF, {@code x · Φ(x)} (PyTorch's default). */
    public static Variable gelu(Variable x) {
        return gelu(x, false);
    }

    /**
     * GELU (Hendrycks and Gimpel 2016): {@code x · Φ(x)}, or with {@code tanhApproximation} the
     * form {@code 0.5x(1 + tanh(√(2/π)(x + 0.044715x³)))} (PyTorch's {@code approximate="tanh"}).
     */
    public static Variable gelu(Variable x, boolean tanhApproximation) {
        Tape tape = Tape.of("gelu", x);
        float[] xd = x.value().data();
        Tensor y = tape.output(x.shape());
        float[] yd = y.data();
        for (int i = 0; i < xd.length; i++) {
            double v = xd[i];
            yd[i] = (float) (tanhApproximation
                    ? 0.5 * v * (1.0 + Math.tanh(SQRT_2_OVER_PI * (v + GELU_CUBIC * v * v * v)))
                    : v * normalCdf(v));
        }
        return record(tape, tanhApproximation ? Function.GELU_TANH : Function.GELU, x, y, 0f);
    }

    private enum Function { EXP, LOG, ABS, SQRT, POW, CLAMP, RELU, LEAKY_RELU, SIGMOID, TANH, GELU, GELU_TANH }

    private static Variable record(Tape tape, Function function, Variable x, Tensor y, float slope) {
        ElementwiseBackward step = step(tape, function, x, y);
        step.slope = slope;
        return tape.record(y, step, x);
    }

    private static ElementwiseBackward step(Tape tape, Function function, Variable x, Tensor y) {
        ElementwiseBackward step = tape.step(ElementwiseBackward.class, ElementwiseBackward::new);
        step.function = function;
        step.x = x;
        step.y = y;
        return step;
    }

    /** dx += g · f'(x), with f' from whichever of x and y = f(x) gives it exactly and cheaply. */
    private static final class ElementwiseBackward implements Backward {
        Function function;
        Variable x;
        Tensor y;
        /** LeakyReLU's slope for negative inputs. */
        float slope;
        /** pow's exponent. */
        double exponent;
        /** clamp's bounds. */
        float min;
        float max;

        @Override
        public void propagate(Tensor g) {
            float[] gd = g.data();
            float[] xd = x.value().data();
            float[] yd = y.data();
            float[] gx = x.gradForAccumulation().data();
            int n = gd.length;
            switch (function) {
                case EXP -> K.multiplyAccumulate(n, gd, 0, yd, 0, gx, 0);
                case LOG -> {
                    for (int i = 0; i < n; i++) {
                        gx[i] += gd[i] / xd[i];
                    }
                }
                case ABS -> {
                    for (int i = 0; i < n; i++) {
                        float v = xd[i];
                        gx[i] += v > 0f ? gd[i] : v < 0f ? -gd[i] : 0f;
                    }
                }
                case SQRT -> { // d√x = 1 / (2√x), from the output as PyTorch does
                    for (int i = 0; i < n; i++) {
                        gx[i] += gd[i] / (2f * yd[i]);
                    }
                }
                case POW -> {
                    if (exponent != 0.0) { // PyTorch: exponent 0 has gradient 0, never 0 · 0^−1 = NaN
                        double lower = exponent - 1.0;
                        for (int i = 0; i < n; i++) {
                            gx[i] += (float) (gd[i] * exponent * Math.pow(xd[i], lower));
                        }
                    }
                }
                case CLAMP -> {
                    for (int i = 0; i < n; i++) {
                        float v = xd[i];
                        gx[i] += v >= min && v <= max ? gd[i] : 0f;
                    }
                }
                case RELU -> K.reluBackwardAccumulate(n, yd, 0, gd, 0, gx, 0);
                case LEAKY_RELU -> {
                    for (int i = 0; i < n; i++) {
                        gx[i] += xd[i] > 0f ? gd[i] : slope * gd[i];
                    }
                }
                case SIGMOID -> {
                    for (int i = 0; i < n; i++) {
                        gx[i] += gd[i] * yd[i] * (1f - yd[i]);
                    }
                }
                case TANH -> {
                    for (int i = 0; i < n; i++) {
                        gx[i] += gd[i] * (1f - yd[i] * yd[i]);
                    }
                }
                case GELU, GELU_TANH -> {
                    boolean tanhApproximation = function == Function.GELU_TANH;
                    for (int i = 0; i < n; i++) {
                        double v = xd[i];
                        double derivative;
                        if (tanhApproximation) {
                            double t = Math.tanh(SQRT_2_OVER_PI * (v + GELU_CUBIC * v * v * v));
                            derivative = 0.5 * (1.0 + t)
                                    + 0.5 * v * (1.0 - t * t) * SQRT_2_OVER_PI * (1.0 + 3.0 * GELU_CUBIC * v * v);
                        } else {
                            derivative = normalCdf(v) + v * INV_SQRT_2PI * Math.exp(-0.5 * v * v);
                        }
                        gx[i] += (float) (gd[i] * derivative);
                    }
                }
            }
        }
    }

    static double sigmoid(double v) {
        if (v >= 0) {
            return 1.0 / (1.0 + Math.exp(-v));
        }
        double e = Math.exp(v);
        return e / (1.0 + e);
    }

    /** Φ(x), the standard normal CDF. */
    static double normalCdf(double v) {
        return 0.5 * (1.0 + SpecialFunctions.erf(v * INV_SQRT_2));
    }
}
