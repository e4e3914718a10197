package dev.descent.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.descent.autodiff.GradientChecker;
import dev.descent.autodiff.RandomTensors;
import dev.descent.autodiff.Tape;
import dev.descent.autodiff.Variable;
import dev.descent.random.Rng;
import dev.descent.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Softmax cross-entropy with PyTorch's semantics for class weights and label smoothing. */
class SoftmaxCrossEntropyTest {
    private static final int[] LABELS = {2, 0, 3, 1, 3};
    private static final float[] WEIGHTS = {0.5f, 2f, 1f, 3f};

    /**
     * PyTorch's {@code CrossEntropyLoss(weight=w, label_smoothing=ε)} with mean reduction,
     * written out: with log p_ic the log-softmax of row i,
     * <pre>
     *   loss = [ (1−ε) Σ_i w_(y_i)(−log p_(i,y_i)) + (ε/C) Σ_i Σ_c w_c(−log p_ic) ] / Σ_i w_(y_i)
     * </pre>
     */
    static double reference(double[] z, int[] labels, float[] weights, double eps, int classes) {
        double numerator = 0;
        double denominator = 0;
        for (int i = 0; i < labels.length; i++) {
            int o = i * classes;
            double total = 0;
            for (int c = 0; c < classes; c++) {
                total += Math.exp(z[o + c]); // no shift: fine for the moderate logits this is used with
            }
            double logTotal = Math.log(total);
            double wy = weights == null ? 1 : weights[labels[i]];
            denominator += wy;
            numerator += (1 - eps) * wy * (logTotal - z[o + labels[i]]);
            for (int c = 0; c < classes; c++) {
                numerator += eps / classes * (weights == null ? 1 : weights[c]) * (logTotal - z[o + c]);
            }
        }
        return numerator / denominator;
    }

    private static Tensor logits() {
        return RandomTensors.uniform(new Rng(81), -3, 3, LABELS.length, 4);
    }

    @ParameterizedTest(name = "weights={0}, smoothing={1}")
    @CsvSource({"false,0", "true,0", "false,0.1", "true,0.1", "true,1"})
    void valueAndGradientMatchPyTorchsFormula(boolean weighted, float smoothing) {
        float[] weights = weighted ? WEIGHTS : null;
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy(weights, smoothing);
        GradientChecker.standard().verify(loss.toString(), in -> loss.compute(in[0], LABELS),
                z -> new double[] {reference(z[0], LABELS, weights, smoothing, 4)}, logits());
    }

    @Test
    void handComputedValues() {
        // one row z = [0, ln 3]: p = [1/4, 3/4]
        float ln3 = (float) Math.log(3);
        Tensor z = Tensor.of(new float[] {0, ln3, 0, ln3}, 2, 2);
        assertThat(compute(new SoftmaxCrossEntropy(), z, 1, 1)).isCloseTo(Math.log(4.0 / 3), within(1e-6));
        // labels 0 and 1: mean of ln 4 and ln 4/3
        assertThat(compute(new SoftmaxCrossEntropy(), z, 0, 1))
                .isCloseTo((Math.log(4) + Math.log(4.0 / 3)) / 2, within(1e-6));
        // weights [2, 1], ε = 0.2, C = 2: per row Σ_c w_c(−log p_c) = 2 ln 4 + ln 4/3, so
        // numerator = 0.8(2 ln 4 + ln 4/3) + 0.1·2(2 ln 4 + ln 4/3) = 2 ln 4 + ln 4/3, over Σ w_y = 3
        assertThat(compute(new SoftmaxCrossEntropy(new float[] {2, 1}, 0.2f), z, 0, 1))
                .isCloseTo((2 * Math.log(4) + Math.log(4.0 / 3)) / 3, within(1e-6));
        // uniform logits: ln C whatever the label or smoothing
        assertThat(compute(new SoftmaxCrossEntropy(null, 0.3f), Tensor.zeros(1, 5), 3)).isCloseTo(Math.log(5), within(1e-6));
    }

    private static double compute(SoftmaxCrossEntropy loss, Tensor logits, int... labels) {
        return loss.compute(Tape.noGrad().input(logits), labels).item();
    }

    @Test
    void logitsOfPlusMinusAThousandGiveAFiniteLossAndGradient() {
        Tensor z = Tensor.of(new float[] {1000, -1000, 0, -1000, 1000, 0, 500, 500, -1000}, 3, 3);
        int[] labels = {1, 1, 0};
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy(null, 0.1f);
        Variable p = Variable.parameter(z.copy());
        Variable value = loss.compute(p.add(new Tape().input(Tensor.zeros(3))), labels);
        // row 0: 0.9·2000 + 0.1/3·(2000 + 0 + 1000); row 1: 0.1/3·(2000 + 1000); row 2: ln 2 + 0.1/3·(1500)
        double expected = (0.9 * 2000 + 0.1 / 3 * 3000 + 0.1 / 3 * 3000 + 0.9 * Math.log(2)
                + 0.1 / 3 * (2 * Math.log(2) + 1500 + Math.log(2))) / 3;
        assertThat((double) value.item()).isFinite().isCloseTo(expected, within(1e-3));
        value.backward();
        for (float g : p.grad().data()) {
            assertThat(g).isFinite();
        }
        // the stable reference (shifted by the row maximum) agrees elementwise with the gradient
        GradientChecker.standard().verify("CE(±1000)", in -> loss.compute(in[0], labels), v -> {
            double[] shifted = v[0].clone();
            for (int o = 0; o < shifted.length; o += 3) {
                double max = Math.max(shifted[o], Math.max(shifted[o + 1], shifted[o + 2]));
                for (int c = 0; c < 3; c++) {
                    shifted[o + c] -= max;
                }
            }
            return new double[] {reference(shifted, labels, null, 0.1, 3)};
        }, z);
    }

    @ParameterizedTest(name = "label {0}")
    @ValueSource(ints = {-1, 4, 100})
    void anOutOfRangeLabelIsNamedWithItsExample(int bad) {
        int[] labels = {0, 1, bad, 2};
        assertThatThrownBy(() -> new SoftmaxCrossEntropy().compute(new Tape().input(Tensor.zeros(4, 4)), labels))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("label " + bad + " of example 2")
                .hasMessageContaining("0..3");
    }

    @Test
    void labelCountAndLogitShapeMustMatch() {
        Tape tape = new Tape();
        assertThatThrownBy(() -> new SoftmaxCrossEntropy().compute(tape.input(Tensor.zeros(3, 4)), new int[] {0, 1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 labels for 3 rows").hasMessageContaining("[3, 4]");
        assertThatThrownBy(() -> new SoftmaxCrossEntropy().compute(tape.input(Tensor.zeros(4)), new int[] {0}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[batch, classes]").hasMessageContaining("[4]");
        assertThatThrownBy(() -> new SoftmaxCrossEntropy(new float[] {1, 1}, 0f)
                .compute(tape.input(Tensor.zeros(2, 3)), new int[] {0, 1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 class weights for 3 classes");
    }

    @Test
    void invalidConfigurationsAreRejected() {
        assertThatThrownBy(() -> new SoftmaxCrossEntropy(null, -0.1f))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("label_smoothing").hasMessageContaining("-0.1");
        assertThatThrownBy(() -> new SoftmaxCrossEntropy(null, 1.5f))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[0, 1]");
        assertThatThrownBy(() -> new SoftmaxCrossEntropy(null, Float.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
        assertThatThrownBy(() -> new SoftmaxCrossEntropy(new float[] {1, -2}, 0f))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("class weight 1").hasMessageContaining("-2");
        assertThatThrownBy(() -> new SoftmaxCrossEntropy(new float[] {Float.NaN}, 0f))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("class weight 0");
        assertThatThrownBy(() -> new SoftmaxCrossEntropy(new float[] {0, 1}, 0f)
                .compute(new Tape().input(Tensor.zeros(2, 2)), new int[] {0, 0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("class weight 0");
    }

    @Test
    void classWeightsAreCopied() {
        float[] weights = {1, 1};
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy(weights, 0f);
        weights[0] = 100;
        float ln3 = (float) Math.log(3);
        Tensor z = Tensor.of(new float[] {0, ln3, 0, ln3}, 2, 2);
        assertThat(compute(loss, z, 0, 1)).isCloseTo((Math.log(4) + Math.log(4.0 / 3)) / 2, within(1e-6));
    }
}
