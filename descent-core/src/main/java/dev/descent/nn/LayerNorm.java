package dev.descent.nn;

import dev.descent.autodiff.NormOps;
import dev.descent.autodiff.Variable;
import dev.descent.tensor.Shape;
import dev.descent.tensor.Tensor;
import java.util.Arrays;

/**
 * {@code nn.LayerNorm(normalized_shape)}: normalises each example over its trailing dimensions
 * (those of {@code normalized_shape}) with the slice's own mean and biased variance, in
 * training and evaluation alike, then scales and shifts elementwise by {@code weight}
 * (initially 1) and {@code bias} (initially 0), both of shape {@code normalized_shape}.
 */
public final class LayerNorm extends CompositeLayer {
    private final int[] normalizedShape;
    private final int size;
    private final float eps;
    private final Variable weight;
    private final Variable bias;

    /** PyTorch's defaults: eps 1e-5, elementwise affine. */
    public LayerNorm(int... normalizedShape) {
        this(normalizedShape, 1e-5f, true);
    }

    public LayerNorm(int[] normalizedShape, float eps, boolean elementwiseAffine) {
        if (normalizedShape.length == 0 || Arrays.stream(normalizedShape).anyMatch(d -> d <= 0)) {
            throw new IllegalArgumentException("LayerNorm: normalized_shape must be one or more positive sizes, got "
                    + Arrays.toString(normalizedShape));
        }
        if (!(eps > 0) || Float.isInfinite(eps)) {
            throw new IllegalArgumentException("LayerNorm: eps must be a finite number > 0, got " + eps);
        }
        this.normalizedShape = normalizedShape.clone();
        this.size = Arrays.stream(normalizedShape).reduce(1, (a, b) -> a * b);
        this.eps = eps;
        Shape shape = Shape.of(normalizedShape);
        this.weight = elementwiseAffine ? registerParameter("weight", Variable.parameter(Tensor.filled(1f, normalizedShape)))
                : null;
        this.bias = elementwiseAffine ? registerParameter("bias", Variable.parameter(Tensor.zeros(shape))) : null;
    }

    @Override
    public Variable forward(Variable input) {
        Tensor x = input.value();
        int rank = normalizedShape.length;
        boolean matches = x.rank() > rank;
        for (int i = 0; matches && i < rank; i++) {
            matches = x.dim(x.rank() - rank + i) == normalizedShape[i];
        }
        if (!matches) {
            throw new IllegalArgumentException("LayerNorm: the input of shape " + x.shape() + " does not end with the"
                    + " normalized shape " + Arrays.toString(normalizedShape));
        }
        return NormOps.layerNorm(input, size, weight, bias, eps);
    }

    @Override
    public String toString() {
        return "LayerNorm(" + Arrays.toString(normalizedShape).replace('[', '(').replace(']', ')') + ", eps=" + eps
                + ", elementwise_affine=" + (weight != null) + ")";
    }
}
