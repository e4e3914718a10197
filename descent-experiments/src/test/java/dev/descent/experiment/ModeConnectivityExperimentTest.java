package dev.descent.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.descent.autodiff.Tape;
import dev.descent.autodiff.Variable;
import dev.descent.data.BuiltInDatasets;
import dev.descent.data.Dataset;
import dev.descent.loss.SoftmaxCrossEntropy;
import dev.descent.nn.Models;
import dev.descent.nn.Sequential;
import dev.descent.random.Rng;
import dev.descent.tensor.Tensor;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mode-connectivity experiment on tiny sizes, and its Bézier curve against the formula and finite differences. */
class ModeConnectivityExperimentTest {
    @TempDir
    Path dir;

    @Test
    void quickRunMeasuresBothPathsAndWritesItsFiles() throws Exception {
        Dataset digits = BuiltInDatasets.load(BuiltInDatasets.DIGITS);
        StringWriter log = new StringWriter();
        ExperimentContext context = new ExperimentContext(dir, 1, true, digits, "digits", new PrintWriter(log));
        Results results = Experiments.named("mode-connectivity").run(context);
        ResultsWriter.write(results, context, 1.0);

        for (Finding f : results.findings()) {
            assertThat(f.value()).as(f.name()).isFinite();
        }
        assertThat(results.value("line: barrier height")).isGreaterThanOrEqualTo(0);
        assertThat(results.value("curve: barrier height")).isGreaterThanOrEqualTo(0);
        assertThat(results.value("θ_A: held-out accuracy")).isGreaterThan(0.8);
        assertThat(results.value("‖θ_B − θ_A‖ (length of the line)")).isPositive();
        // Training θ_C lowers the expected loss along the curve, and moves the curve off the line.
        assertThat(results.value("curve training: mean mini-batch loss at random t, last epoch"))
                .isLessThan(results.value("curve training: mean mini-batch loss at random t, first epoch"));
        assertThat(results.value("distance of the curve's middle φ(½) from the line's")).isPositive();

        List<String> rows = Files.readAllLines(dir.resolve("mode-connectivity.csv"));
        assertThat(rows).hasSize(1 + 21).first().isEqualTo("t,line_train_loss,line_heldout_loss,line_heldout_accuracy,"
                + "curve_train_loss,curve_heldout_loss,curve_heldout_accuracy");
        // Both paths start at θ_A and end at θ_B exactly: the same numbers at t = 0 and t = 1.
        for (String row : List.of(rows.get(1), rows.get(21))) {
            String[] cells = row.split(",");
            assertThat(cells[4]).isEqualTo(cells[1]);
            assertThat(cells[6]).isEqualTo(cells[3]);
        }
        for (String f : List.of("mode-connectivity-curve-training.csv", "mode-connectivity-loss.png",
                "mode-connectivity-loss.svg", "mode-connectivity-accuracy.png", "mode-connectivity-accuracy.svg",
                "results.json", "report.html")) {
            assertThat(dir.resolve(f)).isNotEmptyFile();
        }
        JsonNode json = new ObjectMapper().readTree(dir.resolve("results.json").toFile());
        assertThat(json.get("experiment").asText()).isEqualTo("mode-connectivity");
        assertThat(Files.readString(dir.resolve("report.html"))).contains("data:image/png;base64,")
                .contains("href=\"mode-connectivity.csv\"");
    }

    @Test
    void curveStartsAtTheLineAndPassesThroughItsEndsAndControlPoint() {
        Sequential a = Models.mlp(new Rng(1), 5, 4, 3);
        Sequential b = Models.mlp(new Rng(2), 5, 4, 3);
        Sequential carrier = Models.mlp(new Rng(3), 5, 4, 3);
        BezierCurve curve = new BezierCurve(carrier, a, b);
        float[] pa = flat(a);
        float[] pb = flat(b);

        // At the midpoint control point the curve is the line, up to float rounding.
        for (double t : new double[] {0.1, 0.37, 0.5, 0.9}) {
            curve.moveTo(t);
            float[] onCurve = flat(carrier);
            curve.moveAlongLine(t);
            float[] onLine = flat(carrier);
            for (int j = 0; j < onLine.length; j++) {
                assertThat(onCurve[j]).isCloseTo(onLine[j], within(1e-6f));
            }
        }
        assertThat(curve.controlOffset()).isLessThan(1e-6);

        // Move θ_C off the midpoint: the ends stay exact, the middle is ¼θ_A + ½θ_C + ¼θ_B.
        Rng rng = new Rng(4);
        for (Variable p : curve.control().values()) {
            float[] w = p.value().data();
            for (int j = 0; j < w.length; j++) {
                w[j] += (float) rng.nextGaussian();
            }
        }
        float[] pc = flat(curve.control().values());
        curve.moveTo(0);
        assertThat(flat(carrier)).containsExactly(pa);
        curve.moveTo(1);
        assertThat(flat(carrier)).containsExactly(pb);
        curve.moveTo(0.5);
        float[] middle = flat(carrier);
        for (int j = 0; j < middle.length; j++) {
            assertThat(middle[j]).isCloseTo((float) (0.25 * pa[j] + 0.5 * pc[j] + 0.25 * pb[j]), within(1e-6f));
        }
        curve.moveAlongLine(0);
        assertThat(flat(carrier)).containsExactly(pa);
        curve.moveAlongLine(1);
        assertThat(flat(carrier)).containsExactly(pb);
    }

    /**
     * The gradient handed to θ_C, 2t(1 − t)·∇L(φ(t)), against central differences of L(φ(t)) in
     * θ_C's coordinates (the model computes in float: h = 10⁻², tolerance 2·10⁻³ + 1 %).
     */
    @Test
    void controlPointGradientMatchesFiniteDifferences() {
        Sequential a = Models.mlp(new Rng(1), 3, 4, 2);
        Sequential b = Models.mlp(new Rng(2), 3, 4, 2);
        Sequential carrier = Models.mlp(new Rng(3), 3, 4, 2);
        BezierCurve curve = new BezierCurve(carrier, a, b);
        Rng rng = new Rng(5);
        for (Variable p : curve.control().values()) { // away from the midpoint, so the curve is bent
            float[] w = p.value().data();
            for (int j = 0; j < w.length; j++) {
                w[j] += (float) (0.5 * rng.nextGaussian());
            }
        }
        Tensor x = Tensor.generate(i -> rng.nextGaussian(), 8, 3);
        int[] y = {0, 1, 1, 0, 1, 0, 0, 1};
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
        Tape tape = Tape.recycling();
        List<Variable> control = new ArrayList<>(curve.control().values());
        double largest = 0;
        for (double t : new double[] {0.2, 0.5, 0.85}) {
            curve.moveTo(t);
            tape.reset();
            Variable value = loss.compute(carrier.forward(tape.input(x)), y);
            carrier.zeroGrad();
            value.backward();
            curve.passGradientToControl(t);
            for (Variable p : control) {
                float[] w = p.value().data();
                float[] g = p.grad().data().clone();
                for (int j = 0; j < w.length; j++) {
                    float saved = w[j];
                    double h = 1e-2;
                    w[j] = (float) (saved + h);
                    double up = lossAt(curve, carrier, loss, tape, x, y, t);
                    w[j] = (float) (saved - h);
                    double down = lossAt(curve, carrier, loss, tape, x, y, t);
                    w[j] = saved;
                    double numeric = (up - down) / ((double) (float) (saved + h) - (float) (saved - h));
                    assertThat((double) g[j]).as("t = %s, element %d", t, j)
                            .isCloseTo(numeric, within(2e-3 + 0.01 * Math.abs(numeric)));
                    largest = Math.max(largest, Math.abs(numeric));
                }
            }
        }
        assertThat(largest).as("the check needs gradients well above its tolerance").isGreaterThan(0.05);
    }

    private static double lossAt(BezierCurve curve, Sequential carrier, SoftmaxCrossEntropy loss, Tape tape, Tensor x,
                                 int[] y, double t) {
        curve.moveTo(t);
        tape.reset();
        return loss.compute(carrier.forward(tape.input(x)), y).item();
    }

    private static float[] flat(Sequential model) {
        return flat(model.namedParameters().values());
    }

    private static float[] flat(Iterable<Variable> parameters) {
        List<float[]> parts = new ArrayList<>();
        int n = 0;
        for (Variable p : parameters) {
            parts.add(p.value().data());
            n += p.value().size();
        }
        float[] all = new float[n];
        int o = 0;
        for (float[] part : parts) {
            System.arraycopy(part, 0, all, o, part.length);
            o += part.length;
        }
        return all;
    }
}
