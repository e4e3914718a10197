package dev.descent.loss;

import dev.descent.autodiff.Backward;
import dev.descent.autodiff.SoftmaxOps;
import dev.descent.autodiff.Tape;
import dev.descent.autodiff.Variable;
import dev.descent.kernel.KernelProvider;
import dev.descent.kernel.Kernels;
import dev.descent.tensor.Shape;
import dev.descent.tensor.Tensor;
import java.util.Arrays;

/**
 * Softmax cross-entropy from logits and integer labels, averaged over the batch, with the
 * semantics of PyTorch's {@code CrossEntropyLoss(weight, label_smoothing)}:
 *
 * <pre>
 *   log p_ic = z_ic − log Σ_k e^(z_ik)
 *   loss = [ (1−ε) Σ_i w_(y_i) (−log p_(i,y_i)) + (ε/C) Σ_i Σ_c w_c (−log p_ic) ] / Σ_i w_(y_i)
 * </pre>
 *
 * with class weights w (all 1 by default) and label smoothing ε (0 by default). Softmax and
 * logarithm are fused so the loss is finite for any finite logits, and the gradient is the
 * closed form (p − target)·weight / Σ w.
 */
public final class SoftmaxCrossEntropy implements ClassificationLoss {
    private static final Shape SCALAR = Shape.of();
    private static final Kernels K = KernelProvider.kernels();
    private final float[] classWeights;
    private final float labelSmoothing;

    /** Unweighted, no label smoothing. */
    public SoftmaxCrossEntropy() {
        this(null, 0f);
    }

    /**
     * @param classWeights one positive weight per class, or null for all 1
     * @param labelSmoothing ε in [0, 1]
     */
    public SoftmaxCrossEntropy(float[] classWeights, float labelSmoothing) {
        if (!(labelSmoothing >= 0f && labelSmoothing <= 1f)) {
            throw new IllegalArgumentException("label_smoothing must be in [0, 1], got " + labelSmoothing);
        }
        if (classWeights != null) {
            for (int c = 0; c < classWeights.length; c++) {
                if (!(classWeights[c] >= 0f) || Float.isInfinite(classWeights[c])) {
                    throw new IllegalArgumentException("class weight " + c + " must be finite and ≥ 0, got "
                            + classWeights[c]);
                }
            }
        }
        this.classWeights = classWeights == null ? null : classWeights.clone();
        this.labelSmoothing = labelSmoothing;
    }

    @Override
    public Variable compute(Variable logits, int[] labels) {
        return compute(logits, labels, null);
    }

    @Override
    public Variable compute(Variable logits, int[] labels, float[] exampleWeights) {
        String name = "SoftmaxCrossEntropy";
        LossChecks.requireWeights(name, labels, exampleWeights);
        Tensor z = logits.value();
        int classes = z.rank() == 2 ? z.dim(1) : -1;
        LossChecks.requireLabels(name, logits, labels, classes);
        if (classWeights != null && classWeights.length != classes) {
            throw new IllegalArgumentException(name + ": " + classWeights.length + " class weights for "
                    + classes + " classes");
        }
        int rows = z.dim(0);
        Tape tape = Tape.of(name, logits);
        Tensor probabilities = tape.output(z.shape());
        float[] zd = z.data();
        float[] p = probabilities.data();
        float eps = labelSmoothing;
        double weightOfAllClasses = classWeights == null ? classes : sum(classWeights);
        double normalizer = 0;
        double total = 0;
        for (int i = 0; i < rows; i++) {
            int o = i * classes;
            // −log p_c = log Σ e^(z − max) − (z_c − max), exact for large logits
            float max = K.max(classes, zd, o);
            double sumExp = SoftmaxOps.sumOfShiftedExp(zd, o, classes, max);
            double logSum = Math.log(sumExp);
            double wy = weight(labels[i]);
            normalizer += wy;
            total += LossChecks.weight(exampleWeights, i) * exampleLoss(zd, o, classes, labels[i], max, logSum);
            double inverseSum = 1.0 / sumExp;
            for (int c = 0; c < classes; c++) {
                p[o + c] = (float) (Math.exp(zd[o + c] - max) * inverseSum);
            }
        }
        if (normalizer == 0) {
            throw new IllegalArgumentException(name + ": the labels of this batch all have class weight 0");
        }
        Tensor loss = tape.output(SCALAR);
        loss.data()[0] = (float) (total / normalizer);
        double inverseNormalizer = 1.0 / normalizer;
        CrossEntropyBackward step = tape.step(CrossEntropyBackward.class, CrossEntropyBackward::new);
        step.loss = this;
        step.logits = logits;
        step.labels = labels;
        step.exampleWeights = exampleWeights;
        step.probabilities = probabilities;
        step.inverseNormalizer = inverseNormalizer;
        step.weightOfAllClasses = weightOfAllClasses;
        return tape.record(loss, step, logits);
    }

    /** The closed form (p − target)·weight / Σw, with label smoothing. */
    private static final class CrossEntropyBackward implements Backward {
        SoftmaxCrossEntropy loss;
        Variable logits;
        int[] labels;
        float[] exampleWeights;
        Tensor probabilities;
        double inverseNormalizer;
        double weightOfAllClasses;

        @Override
        public void propagate(Tensor g) {
            float[] gz = logits.gradForAccumulation().data();
            float[] p = probabilities.data();
            int rows = labels.length;
            int classes = probabilities.dim(1);
            float eps = loss.labelSmoothing;
            for (int i = 0; i < rows; i++) {
                float scale = (float) (g.data()[0] * inverseNormalizer * LossChecks.weight(exampleWeights, i));
                int o = i * classes;
                int y = labels[i];
                float wy = loss.weight(y);
                for (int c = 0; c < classes; c++) {
                    // (1−ε)·w_y·(p_c − [c = y]) + (ε/C)·(Σw · p_c − w_c)
                    double d = (1 - eps) * wy * (p[o + c] - (c == y ? 1f : 0f));
                    if (eps > 0f) {
                        d += eps / classes * (weightOfAllClasses * p[o + c] - loss.weight(c));
                    }
                    gz[o + c] += (float) (scale * d);
                }
            }
        }
    }

    /** (1−ε)·w_y·(−log p_y) + (ε/C)·Σ_c w_c·(−log p_c) for one row. */
    private double exampleLoss(float[] z, int o, int classes, int label, float max, double logSum) {
        double loss = (1 - labelSmoothing) * weight(label) * (logSum - (z[o + label] - max));
        if (labelSmoothing > 0f) {
            double smooth = 0;
            for (int c = 0; c < classes; c++) {
                smooth += weight(c) * (logSum - (z[o + c] - max));
            }
            loss += labelSmoothing / classes * smooth;
        }
        return loss;
    }

    @Override
    public void perExample(Tensor logits, int[] labels, float[] out) {
        int classes = logits.dim(1);
        float[] z = logits.data();
        for (int i = 0; i < labels.length; i++) {
            int o = i * classes;
            float max = K.max(classes, z, o);
            double logSum = Math.log(SoftmaxOps.sumOfShiftedExp(z, o, classes, max));
            out[i] = (float) exampleLoss(z, o, classes, labels[i], max, logSum);
        }
    }

    private float weight(int c) {
        return classWeights == null ? 1f : classWeights[c];
    }

    private static double sum(float[] values) {
        double s = 0;
        for (float v : values) {
            s += v;
        }
        return s;
    }

    @Override
    public String toString() {
        return "SoftmaxCrossEntropy(weight=" + (classWeights == null ? "none" : Arrays.toString(classWeights))
                + ", label_smoothing=" + labelSmoothing + ")";
    }
}
