package dev.descent.optim;

import static dev.descent.optim.ParameterFixtures.named;
import static dev.descent.optim.ParameterFixtures.parameter;
import static dev.descent.optim.ParameterFixtures.setGrad;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.descent.autodiff.Variable;
import dev.descent.schedule.LearningRateSchedule;
import dev.descent.schedule.LinearDecay;
import org.junit.jupiter.api.Test;

/**
 * The lectures' momentum ({@link Momentum}: v ← λv − α_t∇f, w ← w + v) and PyTorch's
 * ({@link Sgd#withMomentum}: b ← λb + ∇f, w ← w − α_t·b) are the same method while α is
 * constant (v = −α·b) and different ones when α changes: the lectures' velocity keeps the
 * steps taken at the old rates, PyTorch's buffer is rescaled by the new rate at once.
 */
class MomentumFormsTest {
    private static final double LAMBDA = 0.9;
    private static final int STEPS = 40;

    /** ∇f of f(w) = ½(w₀ − 1)² + 5(w₁ + 2)², evaluated in double at the float weights. */
    private static float[] gradient(float[] w) {
        return new float[] {(float) (w[0] - 1.0), (float) (10.0 * (w[1] + 2.0))};
    }

    /** Runs both forms side by side with the same schedule; returns their final weights. */
    private static float[][] runBoth(LearningRateSchedule schedule, Checker afterEachStep) {
        Variable lectures = parameter(3f, 1f);
        Variable pytorch = parameter(3f, 1f);
        Optimizer lectureForm = new Momentum(schedule.valueAt(0), LAMBDA).builder().schedule(schedule)
                .build(named(lectures));
        Optimizer pytorchForm = new Sgd(schedule.valueAt(0)).withMomentum(LAMBDA).builder().schedule(schedule)
                .build(named(pytorch));
        for (int t = 0; t < STEPS; t++) {
            setGrad(lectures, gradient(lectures.value().data()));
            setGrad(pytorch, gradient(pytorch.value().data()));
            lectureForm.step();
            pytorchForm.step();
            afterEachStep.check(t, lectureForm, pytorchForm, lectures, pytorch);
        }
        return new float[][] {lectures.value().data().clone(), pytorch.value().data().clone()};
    }

    private interface Checker {
        void check(int t, Optimizer lectureForm, Optimizer pytorchForm, Variable lectures, Variable pytorch);
    }

    @Test
    void withAConstantRateBothFormsFollowTheSameTrajectoryAndVelocityIsMinusRateTimesBuffer() {
        double lr = 0.02;
        runBoth(LearningRateSchedule.constant(lr), (t, lectureForm, pytorchForm, lectures, pytorch) -> {
            for (int i = 0; i < 2; i++) {
                assertThat(lectures.value().get(i)).as("w[%d] after step %d", i, t + 1)
                        .isCloseTo(pytorch.value().get(i), within(1e-5f));
                float velocity = lectureForm.state().buffers().get("p0/velocity").get(i);
                float buffer = pytorchForm.state().buffers().get("p0/momentum_buffer").get(i);
                assertThat((double) velocity).as("v[%d] = −α·b[%d] after step %d", i, i, t + 1)
                        .isCloseTo(-lr * buffer, within(1e-6 * Math.max(1, Math.abs(lr * buffer))));
            }
        });
    }

    @Test
    void underADecayingRateTheFormsDiffer() {
        // α falls from 0.02 to 0.002 over the first 10 updates; the lectures' velocity still
        // carries steps taken at the larger rates, so it moves farther than PyTorch's form.
        LearningRateSchedule decay = new LinearDecay(0.02, 0.002, 10);
        double[][] reference = naiveReference(decay);
        float[][] actual = runBoth(decay, (t, lectureForm, pytorchForm, lectures, pytorch) -> { });
        for (int i = 0; i < 2; i++) {
            assertThat((double) actual[0][i]).as("lectures' form, w[%d]", i).isCloseTo(reference[0][i], within(1e-5));
            assertThat((double) actual[1][i]).as("PyTorch's form, w[%d]", i).isCloseTo(reference[1][i], within(1e-5));
        }
        double gap = Math.max(Math.abs(reference[0][0] - reference[1][0]), Math.abs(reference[0][1] - reference[1][1]));
        assertThat(gap).as("the two forms end this far apart").isGreaterThan(1e-2);
        assertThat(Math.max(Math.abs(actual[0][0] - actual[1][0]), Math.abs(actual[0][1] - actual[1][1])))
                .as("measurably apart, not by rounding").isGreaterThan(1e-2f);
    }

    /** Both forms in double precision, written out from their equations. */
    private static double[][] naiveReference(LearningRateSchedule schedule) {
        double[] lectures = {3, 1};
        double[] pytorch = {3, 1};
        double[] v = new double[2];
        double[] b = new double[2];
        for (int t = 0; t < STEPS; t++) {
            double lr = schedule.valueAt(t);
            double[] gl = {lectures[0] - 1, 10 * (lectures[1] + 2)};
            double[] gp = {pytorch[0] - 1, 10 * (pytorch[1] + 2)};
            for (int i = 0; i < 2; i++) {
                v[i] = LAMBDA * v[i] - lr * gl[i];
                lectures[i] += v[i];
                b[i] = t == 0 ? gp[i] : LAMBDA * b[i] + gp[i];
                pytorch[i] -= lr * b[i];
            }
        }
        return new double[][] {lectures, pytorch};
    }
}
