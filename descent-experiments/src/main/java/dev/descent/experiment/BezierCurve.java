package dev.descent.experiment;

import dev.descent.autodiff.Variable;
import dev.descent.nn.Layer;
import dev.descent.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A quadratic Bézier curve in weight space between two networks of the same architecture
 * (Garipov et al., "Loss Surfaces, Mode Connectivity, and Fast Ensembling of DNNs", NeurIPS 2018):
 *
 * <pre>  φ(t) = (1 − t)²·θ_A + 2t(1 − t)·θ_C + t²·θ_B,   t ∈ [0, 1]</pre>
 *
 * The ends θ_A and θ_B are fixed (copied when the curve is made). The control point θ_C is
 * trainable: one parameter {@link Variable} per parameter of the model, under the same names,
 * starting at the midpoint (θ_A + θ_B)/2, where the curve is the straight line
 * (1 − t)θ_A + tθ_B. {@link #moveTo} writes φ(t) into a carrier model; after a backward pass
 * through the carrier, {@link #passGradientToControl} gives θ_C the gradient of that loss by the
 * chain rule, ∂φ(t)/∂θ_C = 2t(1 − t)·I, so that an optimizer built on {@link #control()}
 * minimises E_t L(φ(t)) when t is drawn afresh for each step.
 */
final class BezierCurve {
    private final List<Variable> carrier;
    private final float[][] start;
    private final float[][] end;
    private final Map<String, Variable> control;
    private final List<Variable> controlPoints;

    /** The curve from {@code a}'s weights to {@code b}'s, written into {@code carrier}'s parameters. */
    BezierCurve(Layer carrier, Layer a, Layer b) {
        Map<String, Variable> target = carrier.namedParameters();
        Map<String, Variable> fromA = a.namedParameters();
        Map<String, Variable> fromB = b.namedParameters();
        if (!target.keySet().equals(fromA.keySet()) || !target.keySet().equals(fromB.keySet())) {
            throw new IllegalArgumentException("a curve needs three models with the same parameters, got "
                    + target.keySet() + ", " + fromA.keySet() + " and " + fromB.keySet());
        }
        this.carrier = new ArrayList<>(target.values());
        this.start = new float[target.size()][];
        this.end = new float[target.size()][];
        Map<String, Variable> points = new LinkedHashMap<>();
        int i = 0;
        for (Map.Entry<String, Variable> e : target.entrySet()) {
            Tensor shape = e.getValue().value();
            Tensor va = fromA.get(e.getKey()).value();
            Tensor vb = fromB.get(e.getKey()).value();
            if (!va.shape().equals(shape.shape()) || !vb.shape().equals(shape.shape())) {
                throw new IllegalArgumentException("parameter '" + e.getKey() + "': shapes " + shape.shape() + ", "
                        + va.shape() + " and " + vb.shape() + " differ");
            }
            start[i] = va.data().clone();
            end[i] = vb.data().clone();
            Tensor middle = Tensor.zeros(shape.shape());
            float[] m = middle.data();
            for (int j = 0; j < m.length; j++) {
                m[j] = (float) (0.5 * start[i][j] + 0.5 * end[i][j]);
            }
            points.put(e.getKey(), Variable.parameter(middle));
            i++;
        }
        this.control = Collections.unmodifiableMap(points);
        this.controlPoints = new ArrayList<>(points.values());
    }

    /** θ_C by parameter name, for an optimizer. */
    Map<String, Variable> control() {
        return control;
    }

    /** Writes φ(t) into the carrier. At t = 0 and t = 1 the weights are exactly θ_A and θ_B. */
    void moveTo(double t) {
        double a = (1 - t) * (1 - t);
        double c = 2 * t * (1 - t);
        double b = t * t;
        for (int i = 0; i < start.length; i++) {
            float[] w = carrier.get(i).value().data();
            float[] pa = start[i];
            float[] pc = controlPoints.get(i).value().data();
            float[] pb = end[i];
            for (int j = 0; j < w.length; j++) {
                w[j] = (float) (a * pa[j] + c * pc[j] + b * pb[j]);
            }
        }
    }

    /** Writes the straight line's point (1 − t)θ_A + tθ_B into the carrier, for comparison. */
    void moveAlongLine(double t) {
        for (int i = 0; i < start.length; i++) {
            float[] w = carrier.get(i).value().data();
            float[] pa = start[i];
            float[] pb = end[i];
            for (int j = 0; j < w.length; j++) {
                w[j] = (float) ((1 - t) * pa[j] + t * pb[j]);
            }
        }
    }

    /**
     * Sets θ_C's gradient to 2t(1 − t) times the carrier's: the carrier must hold φ(t) and the
     * gradient of a loss there (after {@code loss.backward()}). Overwrites, does not accumulate.
     */
    void passGradientToControl(double t) {
        float factor = (float) (2 * t * (1 - t));
        for (int i = 0; i < start.length; i++) {
            Tensor modelGrad = carrier.get(i).grad();
            float[] g = controlPoints.get(i).gradForOverwrite().data();
            if (modelGrad == null) {
                Arrays.fill(g, 0f);
                continue;
            }
            float[] source = modelGrad.data();
            for (int j = 0; j < g.length; j++) {
                g[j] = factor * source[j];
            }
        }
    }

    /**
     * ‖θ_C − (θ_A + θ_B)/2‖: how far the control point has moved from the midpoint. The curve
     * strays from the line by 2t(1 − t) times this vector, so at t = ½ by half its length.
     */
    double controlOffset() {
        double s = 0;
        for (int i = 0; i < start.length; i++) {
            float[] pc = controlPoints.get(i).value().data();
            for (int j = 0; j < pc.length; j++) {
                double d = pc[j] - (0.5 * start[i][j] + 0.5 * end[i][j]);
                s += d * d;
            }
        }
        return Math.sqrt(s);
    }

    /** ‖θ_B − θ_A‖, the length of the straight line. */
    double lineLength() {
        double s = 0;
        for (int i = 0; i < start.length; i++) {
            for (int j = 0; j < start[i].length; j++) {
                double d = (double) end[i][j] - start[i][j];
                s += d * d;
            }
        }
        return Math.sqrt(s);
    }
}
