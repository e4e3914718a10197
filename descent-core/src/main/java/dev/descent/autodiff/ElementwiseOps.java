package dev.descent.autodiff;

import dev.descent.kernel.KernelProvider;
import dev.descent.kernel.Kernels;
import dev.descent.tensor.Tensor;

/**
 * Elementwise functions and activations: exp, log, ReLU, LeakyReLU, sigmoid, tanh and GELU.
 * Each backward uses whichever of input or output gives the cheapest exact derivative.
 */
public final class ElementwiseOps {
    private static final Kernels K = KernelProvider.kernels();
    private static final double SQRT_2_OVER_PI = Math.sqrt(2.0 / Math.PI);
    private static final double INV_SQRT_2 = 1.0 / Math.sqrt(2.0);
    private static final double INV_SQRT_2PI = 1.0 / Math.sqrt(2.0 * Math.PI);
    private static final double GELU_CUBIC = 0.044715;

    private ElementwiseOps() {
    }

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

    private enum Function { EXP, LOG, RELU, LEAKY_RELU, SIGMOID, TANH, GELU, GELU_TANH }

    private static Variable record(Tape tape, Function function, Variable x, Tensor y, float slope) {
        ElementwiseBackward step = tape.step(ElementwiseBackward.class, ElementwiseBackward::new);
        step.function = function;
        step.x = x;
        step.y = y;
        step.slope = slope;
        return tape.record(y, step, x);
    }

    /** dx += g · f'(x), with f' from whichever of x and y = f(x) gives it exactly and cheaply. */
    private static final class ElementwiseBackward implements Backward {
        Function function;
        Variable x;
        Tensor y;
        float slope;

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
