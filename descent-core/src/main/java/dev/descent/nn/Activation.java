package dev.descent.nn;

import dev.descent.autodiff.ElementwiseOps;
import dev.descent.autodiff.Variable;
import java.util.function.UnaryOperator;

/** A parameter-free elementwise layer: ReLU, LeakyReLU, sigmoid, tanh or GELU. */
public final class Activation extends AbstractLayer {
    private final String name;
    private final UnaryOperator<Variable> function;

    private Activation(String name, UnaryOperator<Variable> function) {
        this.name = name;
        this.function = function;
    }

    public static Activation relu() {
        return new Activation("ReLU()", ElementwiseOps::relu);
    }

    public static Activation leakyRelu(float negativeSlope) {
        if (!Float.isFinite(negativeSlope)) {
            throw new IllegalArgumentException("LeakyReLU: negative slope must be finite, got " + negativeSlope);
        }
        return new Activation("LeakyReLU(negative_slope=" + negativeSlope + ")",
                x -> ElementwiseOps.leakyRelu(x, negativeSlope));
    }

    public static Activation sigmoid() {
        return new Activation("Sigmoid()", ElementwiseOps::sigmoid);
    }

    public static Activation tanh() {
        return new Activation("Tanh()", ElementwiseOps::tanh);
    }

    public static Activation gelu() {
        return new Activation("GELU()", ElementwiseOps::gelu);
    }

    /** GELU with PyTorch's {@code approximate="tanh"} form. */
    public static Activation geluTanh() {
        return new Activation("GELU(approximate='tanh')", x -> ElementwiseOps.gelu(x, true));
    }

    @Override
    public Variable forward(Variable input) {
        return function.apply(input);
    }

    @Override
    public String toString() {
        return name;
    }
}
