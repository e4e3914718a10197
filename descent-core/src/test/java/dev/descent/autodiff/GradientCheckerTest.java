package dev.descent.autodiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.random.Rng;
import dev.descent.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The checker must catch wrong backward steps, wrong forwards and writes into inputs, and say where. */
class GradientCheckerTest {
    private static final GradientChecker CHECKER = GradientChecker.standard();
    private final Tensor x = RandomTensors.uniform(new Rng(7), -2, 2, 3, 4);

    /** x² with a backward of {@code factor · g · x}: correct for factor 2. */
    private static Variable square(Variable x, float factor) {
        Tape tape = Tape.of("square", x);
        float[] xd = x.value().data();
        Tensor y = tape.output(x.shape());
        for (int i = 0; i < xd.length; i++) {
            y.set(i, xd[i] * xd[i]);
        }
        return tape.record(y, g -> {
            float[] gx = x.gradForAccumulation().data();
            for (int i = 0; i < gx.length; i++) {
                gx[i] += factor * g.get(i) * xd[i];
            }
        }, x);
    }

    private static double[] squareReference(double[][] in) {
        double[] y = new double[in[0].length];
        for (int i = 0; i < y.length; i++) {
            y[i] = in[0][i] * in[0][i];
        }
        return y;
    }

    /** Sigmoid whose backward uses y instead of y(1 − y): a classic slip. */
    private static Variable sigmoidWithWrongDerivative(Variable x) {
        Tape tape = Tape.of("badSigmoid", x);
        float[] xd = x.value().data();
        Tensor y = tape.output(x.shape());
        float[] yd = y.data();
        for (int i = 0; i < xd.length; i++) {
            yd[i] = (float) (1 / (1 + Math.exp(-xd[i])));
        }
        return tape.record(y, g -> {
            float[] gx = x.gradForAccumulation().data();
            for (int i = 0; i < gx.length; i++) {
                gx[i] += g.get(i) * yd[i];
            }
        }, x);
    }

    private static double[] sigmoidReference(double[][] in) {
        double[] y = new double[in[0].length];
        for (int i = 0; i < y.length; i++) {
            y[i] = 1 / (1 + Math.exp(-in[0][i]));
        }
        return y;
    }

    @Test
    void passesACorrectOperation() {
        GradientChecker.Report report = CHECKER.check("square", in -> square(in[0], 2f),
                GradientCheckerTest::squareReference, x);

        assertThat(report.passed()).as(report.toString()).isTrue();
        // 1 size + 12 forward + 12 gradient + 12 unmodified-input comparisons
        assertThat(report.comparisons()).isEqualTo(37);
    }

    @Test
    void reportsABackwardThatUsesTheOutputInsteadOfItsDerivative() {
        GradientChecker.Report report = CHECKER.check("badSigmoid", in -> sigmoidWithWrongDerivative(in[0]),
                GradientCheckerTest::sigmoidReference, x);

        assertThat(report.passed()).isFalse();
        assertThat(report.mismatches()).allMatch(m -> m.kind() == GradientChecker.Kind.GRADIENT);
        assertThat(report.mismatches()).hasSize(x.size());
        assertThatThrownBy(report::assertPassed)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("badSigmoid: 12 of")
                .hasMessageContaining("input 0 element 0 [0, 0] gradient")
                .hasMessageContaining("analytic")
                .hasMessageContaining("numeric");
    }

    @Test
    void reportsADroppedFactorOfTwoWithBothValues() {
        GradientChecker.Report report = CHECKER.check("square", in -> square(in[0], 1f),
                GradientCheckerTest::squareReference, x);

        assertThat(report.mismatches()).hasSize(x.size());
        GradientChecker.Mismatch first = report.mismatches().get(0);
        assertThat(first.input()).isZero();
        assertThat(first.element()).isZero();
        // the analytic value is half the numeric one; the seed r weights both alike
        assertThat(first.actual()).isCloseTo(first.expected() / 2, org.assertj.core.api.Assertions.within(1e-5));
        assertThat(report.toString()).contains(String.format(java.util.Locale.ROOT, "%.9g", first.actual()));
    }

    @Test
    void catchesAGradientOnePercentOff() {
        assertThat(CHECKER.check("square", in -> square(in[0], 2.02f), GradientCheckerTest::squareReference, x)
                .hasGradientMismatch()).isTrue();
        // …but not float32 round-off: a factor wrong by one unit in the last place passes
        assertThat(CHECKER.check("square", in -> square(in[0], Math.nextUp(2f)),
                GradientCheckerTest::squareReference, x).passed()).isTrue();
    }

    @Test
    void reportsAMissingGradient() {
        GradientChecker.Report report = CHECKER.check("noBackward", in -> {
            Variable v = in[0];
            Tensor y = v.tape().output(v.shape()).copyFrom(v.value());
            return v.tape().record(y, g -> { }, v);
        }, in -> in[0].clone(), x);

        assertThat(report.mismatches()).hasSize(x.size());
        assertThat(report.toString()).contains("no gradient");
    }

    @Test
    void reportsAWrongForwardValue() {
        GradientChecker.Report report = CHECKER.check("square", in -> square(in[0], 2f), in -> {
            double[] y = squareReference(in);
            y[5] += 0.01;
            return y;
        }, x);

        assertThat(report.mismatches()).extracting(GradientChecker.Mismatch::kind)
                .contains(GradientChecker.Kind.FORWARD);
        assertThat(report.mismatches()).filteredOn(m -> m.kind() == GradientChecker.Kind.FORWARD)
                .singleElement().satisfies(m -> assertThat(m.element()).isEqualTo(5));
    }

    @Test
    void reportsAnOutputOfTheWrongSize() {
        GradientChecker.Report report = CHECKER.check("square", in -> square(in[0], 2f),
                in -> new double[3], x);

        assertThat(report.mismatches()).singleElement()
                .satisfies(m -> assertThat(m.kind()).isEqualTo(GradientChecker.Kind.OUTPUT_SIZE));
    }

    @Test
    void reportsAnOperationThatWritesIntoItsInput() {
        GradientChecker.Report report = CHECKER.check("inPlace", in -> {
            Variable v = in[0];
            Variable y = square(v, 2f);
            v.value().set(3, 99f);
            return y;
        }, GradientCheckerTest::squareReference, x);

        assertThat(report.mismatches()).extracting(GradientChecker.Mismatch::kind)
                .contains(GradientChecker.Kind.INPUT_MODIFIED);
    }

    @Test
    void checksScalarOutputsWithTheDefaultSeedAndAScaledOne() {
        // A backward that ignores the incoming gradient is right for backward() but not for backward(r).
        GradientChecker.Report report = CHECKER.check("sumIgnoringSeed", in -> {
            Variable v = in[0];
            Tensor y = v.tape().output(dev.descent.tensor.Shape.of());
            float s = 0;
            for (float f : v.value().data()) {
                s += f;
            }
            y.set(0, s);
            return v.tape().record(y, g -> {
                float[] gx = v.gradForAccumulation().data();
                for (int i = 0; i < gx.length; i++) {
                    gx[i] += 1f;
                }
            }, v);
        }, in -> new double[] {java.util.Arrays.stream(in[0]).sum()}, x);

        assertThat(report.mismatches()).isNotEmpty()
                .allMatch(m -> m.pass().equals("backward(r)"));
    }
}
