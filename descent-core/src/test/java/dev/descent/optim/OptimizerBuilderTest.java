package dev.descent.optim;

import static dev.descent.optim.ParameterFixtures.addGrad;
import static dev.descent.optim.ParameterFixtures.named;
import static dev.descent.optim.ParameterFixtures.parameter;
import static dev.descent.optim.ParameterFixtures.setGrad;
import static dev.descent.optim.ParameterFixtures.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.descent.autodiff.Tape;
import dev.descent.autodiff.Variable;
import dev.descent.schedule.LearningRateSchedule;
import dev.descent.tensor.Tensor;
import java.util.Arrays;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * What the builder puts around a named optimizer: parameter groups, regularisers, gradient
 * clipping, gradient accumulation and the learning-rate schedule, each against hand-computed
 * steps or against the named optimizer it should be equivalent to.
 */
class OptimizerBuilderTest {
    private static final Offset<Float> FLOAT = within(1e-6f);

    /** A two-layer model's parameter names, each parameter [w] = 2 with gradient 0 or 1. */
    private static Map<String, Variable> twoLayers() {
        return named("0.weight", parameter(2f, 2f), "0.bias", parameter(2f), "1.weight", parameter(2f, 2f),
                "1.bias", parameter(2f));
    }

    private static void setAllGrads(Map<String, Variable> parameters, float g) {
        parameters.values().forEach(p -> {
            float[] grad = new float[p.value().size()];
            Arrays.fill(grad, g);
            setGrad(p, grad);
        });
    }

    private static float first(Map<String, Variable> parameters, String name) {
        return parameters.get(name).value().get(0);
    }

    // ---- parameter groups ----------------------------------------------------------------------

    @Test
    void aGroupCanTurnWeightDecayOffForBiases() {
        // SGD, lr 0.1, weight_decay 0.5, gradient 0: w ← w − 0.1·0.5·w = 0.95·w, biases stay.
        Map<String, Variable> p = twoLayers();
        Optimizer sgd = new Sgd(0.1).withWeightDecay(0.5).builder()
                .group(ParameterGroup.matching("*.bias").weightDecay(0)).build(p);
        setAllGrads(p, 0f);
        sgd.step();
        assertThat(first(p, "0.weight")).isCloseTo(1.9f, FLOAT);
        assertThat(first(p, "1.weight")).isCloseTo(1.9f, FLOAT);
        assertThat(first(p, "0.bias")).isEqualTo(2f);
        assertThat(first(p, "1.bias")).isEqualTo(2f);
    }

    @Test
    void aGroupWithItsOwnRateScalesItsStepAndOnlyItsStep() {
        // Adam's first step is lr·sign(g) (up to ε): 0.1 for the base rate, 0.02 for the group.
        Map<String, Variable> p = twoLayers();
        Optimizer adam = new Adam().withLr(0.1).builder().group(ParameterGroup.matching("1.*").lr(0.02)).build(p);
        setAllGrads(p, 1f);
        adam.step();
        assertThat(first(p, "0.weight")).isCloseTo(1.9f, FLOAT);
        assertThat(first(p, "0.bias")).isCloseTo(1.9f, FLOAT);
        assertThat(first(p, "1.weight")).isCloseTo(1.98f, FLOAT);
        assertThat(first(p, "1.bias")).isCloseTo(1.98f, FLOAT);
    }

    @Test
    void theFirstMatchingGroupWins() {
        Map<String, Variable> p = twoLayers();
        Optimizer sgd = new Sgd(0.1).builder()
                .group(ParameterGroup.matching("0.*").lr(0.01))
                .group(ParameterGroup.matching("*.bias").lr(0.5))
                .build(p);
        setAllGrads(p, 1f);
        sgd.step();
        assertThat(first(p, "0.weight")).isCloseTo(1.99f, FLOAT);
        assertThat(first(p, "0.bias")).as("0.* comes first").isCloseTo(1.99f, FLOAT);
        assertThat(first(p, "1.bias")).isCloseTo(1.5f, FLOAT);
        assertThat(first(p, "1.weight")).as("no group: base rate").isCloseTo(1.9f, FLOAT);
    }

    @Test
    void aGroupPatternMatchingNothingIsAnErrorNamingItAndListingTheParameters() {
        assertThatThrownBy(() -> new Sgd(0.1).builder().group(ParameterGroup.matching("2.*").lr(0.01))
                .build(twoLayers()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'2.*'")
                .hasMessageContaining("matches no parameter")
                .hasMessageContaining("[0.weight, 0.bias, 1.weight, 1.bias]");
    }

    @Test
    void globsMatchWholeNamesWithStarAndQuestionMark() {
        assertThat(ParameterGroup.matching("*.bias").matches("0.bias")).isTrue();
        assertThat(ParameterGroup.matching("*.bias").matches("0.bias_extra")).isFalse();
        assertThat(ParameterGroup.matching("?.weight").matches("1.weight")).isTrue();
        assertThat(ParameterGroup.matching("?.weight").matches("12.weight")).isFalse();
        assertThat(ParameterGroup.matching("0.weight").matches("0xweight")).as("a dot is literal").isFalse();
    }

    // ---- regularisers --------------------------------------------------------------------------

    /** Five steps of gradients that depend on the weights, so a difference would compound. */
    private static float[] runFiveSteps(OptimizerBuilder builder) {
        Variable w = parameter(1f, -2f, 0.5f);
        Optimizer optimizer = builder.build(named(w));
        for (int t = 0; t < 5; t++) {
            float[] x = w.value().data();
            setGrad(w, x[0] - 0.3f, 3f * x[1], -x[2] + 0.1f * t);
            optimizer.step();
        }
        return values(w);
    }

    @Test
    void anL2RegulariserIsAdamsCoupledWeightDecay() {
        float[] regularised = runFiveSteps(new Adam().withLr(0.1).builder().regularize(Regularizer.l2(0.3)));
        float[] weightDecay = runFiveSteps(new Adam().withLr(0.1).withWeightDecay(0.3).builder());
        float[] plain = runFiveSteps(new Adam().withLr(0.1).builder());
        assertThat(regularised).containsExactly(weightDecay);
        assertThat(regularised).as("the penalty changes the trajectory").isNotEqualTo(plain);
    }

    @Test
    void decoupledWeightDecayOnAdamIsAdamW() {
        float[] regularised = runFiveSteps(new Adam().withLr(0.1).builder()
                .regularize(Regularizer.decoupledWeightDecay(0.3)));
        float[] adamW = runFiveSteps(new AdamW().withLr(0.1).withWeightDecay(0.3).builder());
        float[] coupled = runFiveSteps(new Adam().withLr(0.1).withWeightDecay(0.3).builder());
        assertThat(regularised).containsExactly(adamW);
        assertThat(regularised).as("decoupled differs from coupled").isNotEqualTo(coupled);
    }

    @Test
    void l1ProximalSetsSmallWeightsToExactlyZero() {
        // SGD lr 0.1, λ 1: w ← soft(w − 0.1·g, 0.1)
        Variable w = parameter(0.05f, -0.03f, 1f, -1f, 0.12f);
        Optimizer sgd = new Sgd(0.1).builder().regularize(Regularizer.l1Proximal(1.0)).build(named(w));
        setGrad(w, 0f, 0f, 0f, 0f, 0.3f);
        sgd.step();
        float[] next = values(w);
        assertThat(Math.abs(next[0])).isEqualTo(0f);
        assertThat(Math.abs(next[1])).isEqualTo(0f);
        assertThat(next[2]).isCloseTo(0.9f, FLOAT);
        assertThat(next[3]).isCloseTo(-0.9f, FLOAT);
        assertThat(Math.abs(next[4])).as("0.12 − 0.03 = 0.09 ≤ 0.1").isEqualTo(0f);
        sgd.step(); // zeros stay exactly zero under a zero gradient
        assertThat(Math.abs(values(w)[0])).isEqualTo(0f);
    }

    @Test
    void anL1SubgradientMovesAgainstTheSign() {
        Variable w = parameter(0.5f, -0.5f, 0f);
        Optimizer sgd = new Sgd(0.1).builder().regularize(Regularizer.l1Subgradient(1.0)).build(named(w));
        setGrad(w, 0f, 0f, 0f);
        sgd.step();
        assertThat(values(w)).containsExactly(new float[] {0.4f, -0.4f, 0f}, FLOAT);
    }

    @Test
    void elasticNetIsCoupledL2ThenTheL1ProximalStep() {
        // SGD lr 0.1, l1 0.5, l2 1: z = w − 0.1·(g + w); w ← sign(z)·max(|z| − 0.05, 0)
        Variable w = parameter(1f, -2f, 0.05f);
        Optimizer sgd = new Sgd(0.1).builder().regularize(Regularizer.elasticNet(0.5, 1.0)).build(named(w));
        setGrad(w, 1f, 0f, 0f);
        sgd.step();
        // z = [1 − 0.2, −2 + 0.2, 0.045] → [0.75, −1.75, 0]
        float[] next = values(w);
        assertThat(next[0]).isCloseTo(0.75f, FLOAT);
        assertThat(next[1]).isCloseTo(-1.75f, FLOAT);
        assertThat(Math.abs(next[2])).isEqualTo(0f);
    }

    @Test
    void aRegulariserCanBeScopedToAPattern() {
        Map<String, Variable> p = twoLayers();
        Optimizer sgd = new Sgd(0.1).builder().regularize(Regularizer.l2(0.5), "*.weight").build(p);
        setAllGrads(p, 0f);
        sgd.step();
        assertThat(first(p, "0.weight")).isCloseTo(1.9f, FLOAT);
        assertThat(first(p, "1.weight")).isCloseTo(1.9f, FLOAT);
        assertThat(first(p, "0.bias")).isEqualTo(2f);
        assertThat(first(p, "1.bias")).isEqualTo(2f);
    }

    @Test
    void aRegulariserPatternMatchingNothingIsAnError() {
        assertThatThrownBy(() -> new Sgd(0.1).builder().regularize(Regularizer.l2(0.5), "*.gamma").build(twoLayers()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'*.gamma'")
                .hasMessageContaining("matches no parameter")
                .hasMessageContaining("[0.weight, 0.bias, 1.weight, 1.bias]");
    }

    // ---- gradient clipping ---------------------------------------------------------------------

    @Test
    void clipGradNormUsesTheGlobalNormOverAllParameters() {
        // ‖(3, 4)‖ = 5 over both parameters; max 1: g ← g·1/(5 + 1e-6). Clipping each parameter
        // on its own would give (1, 1).
        Variable a = parameter(0f);
        Variable b = parameter(0f);
        Optimizer sgd = new Sgd(1.0).builder().clipGradNorm(1.0).build(named(a, b));
        setGrad(a, 3f);
        setGrad(b, 4f);
        sgd.step();
        assertThat(values(a)[0]).isCloseTo(-0.6f, FLOAT);
        assertThat(values(b)[0]).isCloseTo(-0.8f, FLOAT);
    }

    @Test
    void clipGradNormAddsPyTorchsEpsilonToTheNorm() {
        // Norm 5e-6, max 1e-6: the factor is 1e-6/(5e-6 + 1e-6) = 1/6, not 1/5.
        Variable a = parameter(0f);
        Variable b = parameter(0f);
        Optimizer sgd = new Sgd(1.0).builder().clipGradNorm(1e-6).build(named(a, b));
        setGrad(a, 3e-6f);
        setGrad(b, 4e-6f);
        sgd.step();
        assertThat((double) values(a)[0]).isCloseTo(-3e-6 / 6, within(1e-12));
        assertThat((double) values(b)[0]).isCloseTo(-4e-6 / 6, within(1e-12));
    }

    @Test
    void clipGradNormLeavesGradientsBelowTheMaximumUnchanged() {
        Variable a = parameter(1f);
        Variable b = parameter(1f);
        Optimizer sgd = new Sgd(0.1).builder().clipGradNorm(5.5).build(named(a, b));
        setGrad(a, 3f);
        setGrad(b, 4f);
        sgd.step();
        assertThat(values(a)[0]).isEqualTo(1f - 0.1f * 3f);
        assertThat(values(b)[0]).isEqualTo(1f - 0.1f * 4f);
    }

    @Test
    void clipGradValueClampsEachGradientElementBeforeWeightDecay() {
        // clamp(g, ±0.5) then + λw (PyTorch clips p.grad; the optimizer adds the decay after).
        Variable w = parameter(1f, 1f, 1f, 10f);
        Optimizer sgd = new Sgd(1.0).withWeightDecay(0.1).builder().clipGradValue(0.5).build(named(w));
        setGrad(w, 2f, -0.1f, -3f, 2f);
        sgd.step();
        assertThat(values(w)).containsExactly(new float[] {1f - 0.5f - 0.1f, 1f + 0.1f - 0.1f, 1f + 0.5f - 0.1f,
                10f - 0.5f - 1f}, FLOAT);
    }

    // ---- gradient accumulation -----------------------------------------------------------------

    @Test
    void accumulatingOverKMicroStepsIsOneStepOnTheMeanGradient() {
        // Each micro-step is a real backward pass of Σ cᵢ·w (gradient cᵢ); zeroGrad between them
        // must not clear what has been accumulated.
        float[][] c = {{1f, -2f}, {3f, 0.5f}, {-1f, 4f}};
        Variable w = parameter(1f, 1f);
        Optimizer sgd = new Sgd(0.3).builder().accumulateGradients(3).build(named(w));
        for (int micro = 0; micro < 3; micro++) {
            sgd.zeroGrad();
            new Tape().input(Tensor.of(c[micro], 2)).mul(w).sum().backward();
            if (micro < 2) {
                sgd.step();
                assertThat(values(w)).as("no update after micro-step %d", micro + 1).containsExactly(1f, 1f);
                assertThat(sgd.stepsDone()).isZero();
            }
        }
        assertThat(w.grad().data()).as("zeroGrad kept the sum").containsExactly(3f, 2.5f);
        sgd.step();
        assertThat(sgd.stepsDone()).isEqualTo(1);
        // mean gradient (1, 2.5/3): w = 1 − 0.3·mean
        assertThat(values(w)).containsExactly(new float[] {0.7f, 0.75f}, FLOAT);
        sgd.zeroGrad();
        assertThat(w.grad().data()).as("after the update zeroGrad clears").containsOnly(0f);
    }

    @Test
    void accumulatedAdamMatchesAdamOnTheMeanGradients() {
        float[][] micro = {{1f, -2f}, {3f, 0.5f}, {-1f, 4f}, {0.5f, 0.5f}, {2f, -1f}, {-0.5f, 3f}};
        Variable accumulated = parameter(1f, 1f);
        Variable direct = parameter(1f, 1f);
        Optimizer withAccumulation = new Adam().withLr(0.1).builder().accumulateGradients(3).build(named(accumulated));
        Optimizer onMeans = new Adam().withLr(0.1).build(named(direct));
        for (int update = 0; update < 2; update++) {
            float[] mean = new float[2];
            for (int k = 0; k < 3; k++) {
                float[] g = micro[3 * update + k];
                withAccumulation.zeroGrad();
                addGrad(accumulated, g);
                withAccumulation.step();
                mean[0] += g[0] / 3;
                mean[1] += g[1] / 3;
            }
            setGrad(direct, mean);
            onMeans.step();
            assertThat(values(accumulated)).as("after update %d", update + 1).containsExactly(values(direct), FLOAT);
        }
        assertThat(withAccumulation.stepsDone()).isEqualTo(2);
        assertThat(withAccumulation.state().microSteps()).isEqualTo(6);
        assertThat(withAccumulation.state().parameterSteps()).containsEntry("p0", 2L);
    }

    @Test
    void clipGradNormUnderAccumulationClipsTheMeanGradient() {
        // two micro-steps of (6, 8): mean (6, 8), norm 10, max 1 → (0.6, 0.8)
        Variable w = parameter(0f, 0f);
        Optimizer sgd = new Sgd(1.0).builder().accumulateGradients(2).clipGradNorm(1.0).build(named(w));
        for (int k = 0; k < 2; k++) {
            sgd.zeroGrad();
            addGrad(w, 6f, 8f);
            sgd.step();
        }
        assertThat(values(w)).containsExactly(new float[] {-0.6f, -0.8f}, FLOAT);
    }

    // ---- schedules -----------------------------------------------------------------------------

    @Test
    void eachUpdateUsesTheScheduleAtTheNumberOfUpdatesSoFar() {
        LearningRateSchedule growing = t -> 0.1 * (t + 1);
        Variable w = parameter(0f);
        Optimizer sgd = new Sgd(0.1).builder().schedule(growing).build(named(w));
        float expected = 0f;
        for (int t = 0; t < 4; t++) {
            assertThat(sgd.learningRate()).isEqualTo(growing.valueAt(t));
            setGrad(w, 1f);
            sgd.step();
            expected -= (float) growing.valueAt(t);
            assertThat(values(w)[0]).as("after update %d", t + 1).isCloseTo(expected, FLOAT);
        }
    }

    @Test
    void underAccumulationTheScheduleCountsUpdatesNotMicroSteps() {
        LearningRateSchedule growing = t -> 0.1 * (t + 1);
        Variable w = parameter(0f);
        Optimizer sgd = new Sgd(0.1).builder().schedule(growing).accumulateGradients(2).build(named(w));
        for (int micro = 0; micro < 4; micro++) {
            sgd.zeroGrad();
            addGrad(w, 1f);
            sgd.step();
        }
        assertThat(sgd.stepsDone()).isEqualTo(2);
        assertThat(values(w)[0]).as("−0.1 − 0.2").isCloseTo(-0.3f, FLOAT);
    }

    @Test
    void aGroupsRateScalesTheSchedule() {
        // base lr 0.1, group lr 0.05: the group runs at half the schedule at every step.
        LearningRateSchedule growing = t -> 0.1 * (t + 1);
        Map<String, Variable> p = named("0.weight", parameter(0f), "0.bias", parameter(0f));
        Optimizer sgd = new Sgd(0.1).builder().schedule(growing)
                .group(ParameterGroup.matching("*.bias").lr(0.05)).build(p);
        for (int t = 0; t < 3; t++) {
            setAllGrads(p, 1f);
            sgd.step();
        }
        assertThat(first(p, "0.weight")).isCloseTo(-0.6f, FLOAT); // 0.1 + 0.2 + 0.3
        assertThat(first(p, "0.bias")).isCloseTo(-0.3f, FLOAT);
    }

    @Test
    void aScheduleGivingAnInvalidRateStopsTheStep() {
        Variable w = parameter(1f);
        Optimizer sgd = new Sgd(0.1).builder().schedule(t -> t == 0 ? 0.1 : -0.1).build(named(w));
        setGrad(w, 1f);
        sgd.step();
        assertThatThrownBy(sgd::step).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("gave -0.1 at step 1");
        assertThat(values(w)[0]).as("nothing applied").isCloseTo(0.9f, FLOAT);
    }
}
