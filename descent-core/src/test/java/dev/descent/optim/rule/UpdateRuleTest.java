package dev.descent.optim.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each update rule against a naive double-precision reference over three steps, its state
 * included. The rules compute in float32; on numbers of order 1, three steps of a few
 * operations stay within {@link #TOLERANCE} (relative, absolute below 1) of the reference.
 */
class UpdateRuleTest {
    private static final double TOLERANCE = 1e-6;

    /** Three steps of gradients with both signs and a zero. */
    private static final double[][] GRADIENTS = {{0.5, -1.0, 0.0}, {2.0, 0.25, -3.0}, {-1.5, 1.0, 0.5}};

    /** One rule applied to one parameter, with the state buffers the optimizer would give it. */
    private static final class Harness {
        final UpdateRule rule;
        final float[] update;
        final float[] weights;
        final float[][] state;
        final ParameterSlot slot;
        final StepContext context = new StepContext();
        long count;

        Harness(UpdateRule rule, float... weights) {
            this.rule = rule;
            this.weights = weights;
            this.update = new float[weights.length];
            List<StateSpec> specs = rule.state();
            this.state = new float[specs.size()][];
            for (int s = 0; s < specs.size(); s++) {
                state[s] = new float[specs.get(s).perElement() ? weights.length : 1];
                Arrays.fill(state[s], specs.get(s).initialValue());
            }
            this.slot = new ParameterSlot("w", update, weights, state);
        }

        Harness(UpdateRule rule) {
            this(rule, new float[GRADIENTS[0].length]);
        }

        /** The rule's output for this input, at the next step, with learning rate {@code lr}. */
        float[] applyAt(double lr, double... input) {
            for (int i = 0; i < input.length; i++) {
                update[i] = (float) input[i];
            }
            context.set(++count, lr);
            rule.apply(slot, context);
            return update.clone();
        }

        float[] apply(double... input) {
            return applyAt(0.1, input);
        }
    }

    private static void assertClose(String what, float[] actual, double... expected) {
        assertThat(actual).as(what).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            double tolerance = TOLERANCE * Math.max(1, Math.abs(expected[i]));
            assertThat((double) actual[i]).as("%s, element %d", what, i).isCloseTo(expected[i],
                    within(tolerance));
        }
    }

    private static double[] zeros() {
        return new double[GRADIENTS[0].length];
    }

    // ---- momentum -----------------------------------------------------------------------------

    @Test
    void heavyBallMomentumCopiesTheFirstGradientThenDampens() {
        // PyTorch: b ← g at the first step (no dampening), then b ← μb + (1 − d)g; u ← b.
        double mu = 0.9;
        double dampening = 0.25;
        Harness h = new Harness(new HeavyBallMomentum(mu, dampening));
        double[] b = zeros();
        for (int t = 0; t < 3; t++) {
            double[] g = GRADIENTS[t];
            for (int i = 0; i < b.length; i++) {
                b[i] = t == 0 ? g[i] : mu * b[i] + (1 - dampening) * g[i];
            }
            assertClose("u at step " + (t + 1), h.apply(g), b);
            assertClose("momentum_buffer at step " + (t + 1), h.state[0], b);
        }
        // The first step is a copy even with dampening: b₁ = g₁ = 0.5, not 0.75·0.5.
        assertThat(new Harness(new HeavyBallMomentum(0.9, 0.25)).apply(0.5)[0]).isEqualTo(0.5f);
    }

    @Test
    void nesterovMomentumLooksAheadAlongTheBuffer() {
        // b as heavy ball; u ← g + μb.
        double mu = 0.9;
        Harness h = new Harness(new NesterovMomentum(mu, 0));
        double[] b = zeros();
        for (int t = 0; t < 3; t++) {
            double[] g = GRADIENTS[t];
            double[] u = new double[g.length];
            for (int i = 0; i < b.length; i++) {
                b[i] = t == 0 ? g[i] : mu * b[i] + g[i];
                u[i] = g[i] + mu * b[i];
            }
            assertClose("u at step " + (t + 1), h.apply(g), u);
            assertClose("momentum_buffer at step " + (t + 1), h.state[0], b);
        }
    }

    @Test
    void velocityMomentumAccumulatesStepsAlreadyScaledByTheRate() {
        // Input u = −α·g (it follows ScaleByLearningRate); v ← λv + u; u ← v.
        double lambda = 0.8;
        Harness h = new Harness(new VelocityMomentum(lambda));
        double[] v = zeros();
        for (int t = 0; t < 3; t++) {
            double[] step = new double[3];
            for (int i = 0; i < 3; i++) {
                step[i] = -0.1 * GRADIENTS[t][i];
                v[i] = lambda * v[i] + step[i];
            }
            assertClose("u at step " + (t + 1), h.apply(step), v);
            assertClose("velocity at step " + (t + 1), h.state[0], v);
        }
    }

    // ---- adaptive scalings ----------------------------------------------------------------------

    @Test
    void adaGradDividesByTheRootOfTheSummedSquaresStartingAtTheInitialAccumulator() {
        double eps = 0.01; // large enough to be seen
        double initial = 0.1;
        Harness h = new Harness(new ScaleByAdaGrad(eps, initial));
        assertClose("sum before the first step", h.state[0], initial, initial, initial);
        double[] s = {initial, initial, initial};
        for (int t = 0; t < 3; t++) {
            double[] g = GRADIENTS[t];
            double[] u = new double[3];
            for (int i = 0; i < 3; i++) {
                s[i] += g[i] * g[i];
                u[i] = g[i] / (Math.sqrt(s[i]) + eps);
            }
            assertClose("u at step " + (t + 1), h.apply(g), u);
            assertClose("sum at step " + (t + 1), h.state[0], s);
        }
    }

    @Test
    void inverseTimeLeavesTheFirstStepAndThenDividesByOnePlusTMinusOneTimesTheDecay() {
        Harness h = new Harness(new ScaleByInverseTime(0.5));
        assertClose("t = 1", h.apply(GRADIENTS[0]), GRADIENTS[0]);
        assertClose("t = 2: ÷ 1.5", h.apply(3.0, -1.5, 0.0), 2.0, -1.0, 0.0);
        assertClose("t = 3: ÷ 2", h.apply(3.0, -1.5, 0.0), 1.5, -0.75, 0.0);
    }

    @Test
    void rmsDividesByTheRootOfAMovingAverageOfSquares() {
        double alpha = 0.9;
        double eps = 1e-3;
        Harness h = new Harness(new ScaleByRms(alpha, eps));
        double[] s = zeros();
        for (int t = 0; t < 3; t++) {
            double[] g = GRADIENTS[t];
            double[] u = new double[3];
            for (int i = 0; i < 3; i++) {
                s[i] = alpha * s[i] + (1 - alpha) * g[i] * g[i];
                u[i] = g[i] / (Math.sqrt(s[i]) + eps);
            }
            assertClose("u at step " + (t + 1), h.apply(g), u);
            assertClose("square_avg at step " + (t + 1), h.state[0], s);
        }
    }

    @Test
    void centeredRmsDividesByTheMovingStandardDeviation() {
        double alpha = 0.9;
        double eps = 1e-3;
        Harness h = new Harness(new ScaleByCenteredRms(alpha, eps));
        double[] s = zeros();
        double[] m = zeros();
        for (int t = 0; t < 3; t++) {
            double[] g = GRADIENTS[t];
            double[] u = new double[3];
            for (int i = 0; i < 3; i++) {
                s[i] = alpha * s[i] + (1 - alpha) * g[i] * g[i];
                m[i] = alpha * m[i] + (1 - alpha) * g[i];
                u[i] = g[i] / (Math.sqrt(s[i] - m[i] * m[i]) + eps);
            }
            assertClose("u at step " + (t + 1), h.apply(g), u);
            assertClose("square_avg at step " + (t + 1), h.state[0], s);
            assertClose("grad_avg at step " + (t + 1), h.state[1], m);
        }
    }

    /** Adam's step in double; {@code epsInside} puts ε before the bias correction (wrong). */
    private static double adamStep(double m, double v, int t, double beta1, double beta2, double eps,
                                   boolean epsInside) {
        double c1 = 1 - Math.pow(beta1, t);
        double c2 = 1 - Math.pow(beta2, t);
        return epsInside
                ? (m / c1) / ((Math.sqrt(v) + eps) / Math.sqrt(c2))
                : (m / c1) / (Math.sqrt(v) / Math.sqrt(c2) + eps);
    }

    @Test
    void adamCorrectsBothMomentsAndAddsEpsAfterTheCorrection() {
        double beta1 = 0.9;
        double beta2 = 0.999;
        double eps = 0.1; // large, so that where it is added matters
        Harness h = new Harness(new ScaleByAdam(beta1, beta2, eps));
        double[] m = zeros();
        double[] v = zeros();
        for (int t = 1; t <= 3; t++) {
            double[] g = GRADIENTS[t - 1];
            double[] u = new double[3];
            double[] epsInside = new double[3];
            for (int i = 0; i < 3; i++) {
                m[i] = beta1 * m[i] + (1 - beta1) * g[i];
                v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
                u[i] = adamStep(m[i], v[i], t, beta1, beta2, eps, false);
                epsInside[i] = adamStep(m[i], v[i], t, beta1, beta2, eps, true);
            }
            float[] actual = h.apply(g);
            assertClose("u at step " + t, actual, u);
            assertClose("exp_avg at step " + t, h.state[0], m);
            assertClose("exp_avg_sq at step " + t, h.state[1], v);
            assertThat(Math.abs(actual[1] - epsInside[1])).as("ε before the correction would differ")
                    .isGreaterThan(0.1);
        }
    }

    @Test
    void amsGradDividesByTheLargestSecondMomentSoFar() {
        double beta1 = 0.9;
        double beta2 = 0.5; // short memory, so v falls after a large gradient and the max matters
        double eps = 1e-8;
        Harness h = new Harness(new ScaleByAmsGrad(beta1, beta2, eps));
        double[][] gradients = {{3.0, -1.0, 0.0}, {0.1, -1.0, 2.0}, {0.1, -1.0, 0.1}};
        double[] m = zeros();
        double[] v = zeros();
        double[] vMax = zeros();
        for (int t = 1; t <= 3; t++) {
            double[] g = gradients[t - 1];
            double[] u = new double[3];
            for (int i = 0; i < 3; i++) {
                m[i] = beta1 * m[i] + (1 - beta1) * g[i];
                v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
                vMax[i] = Math.max(vMax[i], v[i]);
                u[i] = adamStep(m[i], vMax[i], t, beta1, beta2, eps, false);
            }
            assertClose("u at step " + t, h.apply(g), u);
            assertClose("exp_avg at step " + t, h.state[0], m);
            assertClose("exp_avg_sq at step " + t, h.state[1], v);
            assertClose("max_exp_avg_sq at step " + t, h.state[2], vMax);
        }
        assertThat(h.state[2][0]).as("the maximum outlives the average").isGreaterThan(h.state[1][0] * 1.5f);
    }

    @Test
    void adamaxDividesByTheDecayedInfinityNorm() {
        double beta1 = 0.9;
        double beta2 = 0.5; // decays fast enough that both branches of the max are taken
        double eps = 0.01;
        Harness h = new Harness(new ScaleByAdamax(beta1, beta2, eps));
        double[] m = zeros();
        double[] n = zeros();
        for (int t = 1; t <= 3; t++) {
            double[] g = GRADIENTS[t - 1];
            double[] u = new double[3];
            for (int i = 0; i < 3; i++) {
                m[i] = beta1 * m[i] + (1 - beta1) * g[i];
                n[i] = Math.max(beta2 * n[i], Math.abs(g[i]) + eps);
                u[i] = m[i] / n[i] / (1 - Math.pow(beta1, t));
            }
            assertClose("u at step " + t, h.apply(g), u);
            assertClose("exp_avg at step " + t, h.state[0], m);
            assertClose("exp_inf at step " + t, h.state[1], n);
        }
    }

    static Stream<Arguments> nadamMomentumDecays() {
        return Stream.of(Arguments.of(4e-3), Arguments.of(0.5));
    }

    @ParameterizedTest(name = "momentum_decay = {0}")
    @MethodSource("nadamMomentumDecays")
    void nadamUsesTheMomentumScheduleAndTheProductUpToTheNextStep(double psi) {
        // PyTorch ≥ 2.0: Π_t = Π_{t−1}·μ_t; the momentum term's denominator is 1 − Π_t·μ_{t+1}.
        // PyTorch 1.13 used 1 − Π_t·μ_t·μ_{t+1} (μ_t twice); the test tells the two apart.
        double beta1 = 0.9;
        double beta2 = 0.999;
        double eps = 1e-8;
        Harness h = new Harness(new ScaleByNadam(beta1, beta2, eps, psi));
        assertThat(h.state[2]).as("mu_product starts at 1").containsExactly(1f);
        double[] m = zeros();
        double[] v = zeros();
        double product = 1;
        for (int t = 1; t <= 3; t++) {
            double mu = beta1 * (1 - 0.5 * Math.pow(0.96, t * psi));
            double muNext = beta1 * (1 - 0.5 * Math.pow(0.96, (t + 1) * psi));
            product *= mu;
            double[] g = GRADIENTS[t - 1];
            double[] u = new double[3];
            double[] old = new double[3];
            for (int i = 0; i < 3; i++) {
                m[i] = beta1 * m[i] + (1 - beta1) * g[i];
                v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
                double d = Math.sqrt(v[i] / (1 - Math.pow(beta2, t))) + eps;
                u[i] = (1 - mu) / (1 - product) * g[i] / d + muNext / (1 - product * muNext) * m[i] / d;
                old[i] = (1 - mu) / (1 - product) * g[i] / d + muNext / (1 - product * mu * muNext) * m[i] / d;
            }
            float[] actual = h.apply(g);
            assertClose("u at step " + t, actual, u);
            assertClose("exp_avg at step " + t, h.state[0], m);
            assertClose("exp_avg_sq at step " + t, h.state[1], v);
            assertClose("mu_product at step " + t, h.state[2], product);
            assertThat(Math.abs(actual[1] - old[1])).as("PyTorch 1.13's μ-product would differ")
                    .isGreaterThan(100 * TOLERANCE);
        }
    }

    // ---- sign, decay, regularisation, clipping -------------------------------------------------

    @Test
    void learningRateNegatesAndScalesByTheRateOfEachStep() {
        Harness h = new Harness(new ScaleByLearningRate());
        assertClose("α = 0.1", h.applyAt(0.1, GRADIENTS[0]), -0.05, 0.1, 0.0);
        assertClose("α = 0.5", h.applyAt(0.5, GRADIENTS[1]), -1.0, -0.125, 1.5);
    }

    @Test
    void shrinkWeightsScalesTheWeightsByOneMinusRateTimesDecayAndLeavesTheUpdate() {
        // PyTorch's AdamW: w ← w·(1 − α·λ) before the step; α·λ = 0.1·0.5 at the first step, 0.4·0.5 next.
        Harness h = new Harness(new ShrinkWeights(0.5), 2f, -1f, 0f);
        assertClose("the update is untouched", h.applyAt(0.1, GRADIENTS[0]), GRADIENTS[0]);
        assertClose("w·0.95", h.weights, 1.9, -0.95, 0.0);
        h.applyAt(0.4, GRADIENTS[1]);
        assertClose("then w·0.8", h.weights, 1.52, -0.76, 0.0);
    }

    @Test
    void decayedWeightsAddLambdaTimesTheWeights() {
        Harness h = new Harness(new AddDecayedWeights(0.1), 2f, -1f, 0f);
        assertClose("u + 0.1·w", h.apply(GRADIENTS[0]), 0.7, -1.1, 0.0);
        assertThat(h.weights).as("the rule leaves the weights alone").containsExactly(2f, -1f, 0f);
    }

    @Test
    void l1SubgradientAddsLambdaTimesTheSignAndNothingAtZero() {
        Harness h = new Harness(new AddL1Subgradient(0.1), 2f, -1f, 0f);
        assertClose("u + 0.1·sign(w)", h.apply(GRADIENTS[1]), 2.1, 0.15, -3.0);
    }

    @Test
    void softThresholdShrinksTheSteppedWeightsByRateTimesStrengthToExactZeros() {
        // threshold α·λ = 0.2·0.5 = 0.1; z = w + u; w + u_out = sign(z)·max(|z| − 0.1, 0)
        float[] w = {1f, -1f, 0.05f, -0.05f, 0.3f, 0f};
        Harness h = new Harness(new SoftThreshold(0.5), w.clone());
        float[] u = h.applyAt(0.2, -0.5, 0.5, 0.0, 0.0, -0.25, 0.0);
        double[] expected = {0.4, -0.4, 0.0, 0.0, 0.0, 0.0};
        for (int i = 0; i < w.length; i++) {
            float next = w[i] + u[i];
            if (expected[i] == 0) {
                assertThat(Math.abs(next)).as("element %d is exactly zero", i).isEqualTo(0f);
            } else {
                assertThat((double) next).as("element %d", i)
                        .isCloseTo(expected[i], within(TOLERANCE));
            }
        }
    }

    @Test
    void clipByValueClampsEveryElement() {
        Harness h = new Harness(new ClipByValue(1));
        assertClose("clamped to [−1, 1]", h.apply(2.0, -3.0, 0.5), 1.0, -1.0, 0.5);
    }

    // ---- state names ---------------------------------------------------------------------------

    static Stream<Arguments> stateNames() {
        return Stream.of(
                Arguments.of(new HeavyBallMomentum(0.9, 0), List.of("momentum_buffer")),
                Arguments.of(new NesterovMomentum(0.9, 0), List.of("momentum_buffer")),
                Arguments.of(new VelocityMomentum(0.9), List.of("velocity")),
                Arguments.of(new ScaleByAdaGrad(1e-10, 0), List.of("sum")),
                Arguments.of(new ScaleByRms(0.99, 1e-8), List.of("square_avg")),
                Arguments.of(new ScaleByCenteredRms(0.99, 1e-8), List.of("square_avg", "grad_avg")),
                Arguments.of(new ScaleByAdam(0.9, 0.999, 1e-8), List.of("exp_avg", "exp_avg_sq")),
                Arguments.of(new ScaleByAmsGrad(0.9, 0.999, 1e-8),
                        List.of("exp_avg", "exp_avg_sq", "max_exp_avg_sq")),
                Arguments.of(new ScaleByAdamax(0.9, 0.999, 1e-8), List.of("exp_avg", "exp_inf")),
                Arguments.of(new ScaleByNadam(0.9, 0.999, 1e-8, 4e-3),
                        List.of("exp_avg", "exp_avg_sq", "mu_product")),
                Arguments.of(new ScaleByInverseTime(0.1), List.of()),
                Arguments.of(new ScaleByLearningRate(), List.of()),
                Arguments.of(new AddDecayedWeights(0.1), List.of()),
                Arguments.of(new ShrinkWeights(0.1), List.of()),
                Arguments.of(new AddL1Subgradient(0.1), List.of()),
                Arguments.of(new SoftThreshold(0.1), List.of()),
                Arguments.of(new ClipByValue(1), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stateNames")
    void stateBuffersCarryPyTorchsNames(UpdateRule rule, List<String> names) {
        assertThat(rule.state()).extracting(StateSpec::name).containsExactlyElementsOf(names);
    }
}
