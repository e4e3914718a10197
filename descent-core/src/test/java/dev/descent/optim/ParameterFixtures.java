package dev.descent.optim;

import dev.descent.autodiff.Variable;
import dev.descent.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/** Parameters with exactly set gradients, for optimizer tests that need no model. */
final class ParameterFixtures {
    private ParameterFixtures() {
    }

    /** A parameter of shape [n] holding {@code values}. */
    static Variable parameter(float... values) {
        return Variable.parameter(Tensor.of(values.clone(), values.length));
    }

    /** Sets the gradient exactly, as if one backward pass had produced it. */
    static void setGrad(Variable p, float... g) {
        p.zeroGrad();
        p.gradForAccumulation().copyFrom(Tensor.of(g.clone(), g.length));
    }

    /** Adds to the gradient, as a further backward pass does. */
    static void addGrad(Variable p, float... g) {
        float[] grad = p.gradForAccumulation().data();
        for (int i = 0; i < g.length; i++) {
            grad[i] += g[i];
        }
    }

    /** The parameters named p0, p1, … in order. */
    static Map<String, Variable> named(Variable... parameters) {
        Map<String, Variable> named = new LinkedHashMap<>();
        for (int i = 0; i < parameters.length; i++) {
            named.put("p" + i, parameters[i]);
        }
        return named;
    }

    /** The parameters under the given names: {@code named("0.weight", w, "0.bias", b)}. */
    static Map<String, Variable> named(String name, Variable p, Object... more) {
        Map<String, Variable> named = new LinkedHashMap<>();
        named.put(name, p);
        for (int i = 0; i < more.length; i += 2) {
            named.put((String) more[i], (Variable) more[i + 1]);
        }
        return named;
    }

    /** A copy of the parameter's values. */
    static float[] values(Variable p) {
        return p.value().data().clone();
    }
}
