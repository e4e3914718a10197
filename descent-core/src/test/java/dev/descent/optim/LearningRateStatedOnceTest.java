package dev.descent.optim;

import static dev.descent.optim.ParameterFixtures.named;
import static dev.descent.optim.ParameterFixtures.parameter;
import static dev.descent.optim.ParameterFixtures.setGrad;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.descent.autodiff.Variable;
import dev.descent.schedule.CosineAnnealing;
import dev.descent.schedule.LearningRateSchedule;
import dev.descent.schedule.LinearDecay;
import dev.descent.schedule.LinearWarmup;
import dev.descent.schedule.OneCycle;
import dev.descent.schedule.ReduceOnPlateau;
import dev.descent.schedule.ScheduleShape;
import dev.descent.schedule.Schedules;
import java.lang.management.ManagementFactory;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The learning rate is stated once: a schedule from {@link Schedules} scales the optimizer's
 * lr (and each group's), and a schedule with rates of its own must be stated for the
 * optimizer's lr, or it is refused instead of silently winning.
 */
class LearningRateStatedOnceTest {

    /** SGD with gradient 1 moves w by −α_t: the rates the optimizer applied, step by step. */
    private static double[] appliedRates(Optimizer sgd, Variable w, int steps) {
        double[] rates = new double[steps];
        for (int t = 0; t < steps; t++) {
            float before = w.value().get(0);
            setGrad(w, 1f);
            sgd.step();
            rates[t] = before - w.value().get(0);
        }
        return rates;
    }

    @Test
    void aShapeScalesTheOptimizersLr() {
        // Adam lr 0.5 with CosineAnnealingLR(T_max=10): 0.5·½(1 + cos(π·t/10)), 0.25 at t = 5
        Variable w = parameter(1f);
        Optimizer adam = new Adam().withLr(0.5).builder().schedule(Schedules.cosineAnnealingLR(10)).build(named(w));
        assertThat(adam.learningRate()).isEqualTo(0.5);
        assertThat(adam.toString()).contains("cosine(0.5 → 0.0 over 10 steps)");
        for (int t = 0; t < 5; t++) {
            setGrad(w, 1f);
            adam.step();
        }
        assertThat(adam.learningRate()).isCloseTo(0.25, within(1e-15));
    }

    @Test
    void anExplicitScheduleStatedForAnotherLrIsRefusedNamingBothRatesAndTheFix() {
        assertThatThrownBy(() -> new Adam().withLr(0.5).builder().schedule(new CosineAnnealing(1e-3, 0, 10_000)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is stated for lr 0.001 but the optimizer's lr is 0.5")
                .hasMessageContaining("withLr(0.001)")
                .hasMessageContaining("Schedules.cosineAnnealingLR");
    }

    @Test
    void theDefaultLrOfAConfigCountsToo() {
        // new Adam() has lr 1e-3: a plateau schedule from 0.05 would have overridden it silently
        ReduceOnPlateau plateau = new ReduceOnPlateau(0.05, ReduceOnPlateau.Settings.minimize());
        assertThatThrownBy(() -> new Adam().builder().schedule(plateau))
                .hasMessageContaining("is stated for lr 0.05 but the optimizer's lr is 0.001");
        assertThat(new Adam().withLr(0.05).builder().schedule(plateau)).isNotNull();
    }

    @Test
    void anExplicitScheduleStatedForTheLrRunsAsBefore() {
        Variable w = parameter(0f);
        LinearDecay decay = new LinearDecay(0.1, 0.05, 2);
        Optimizer sgd = new Sgd(0.1).builder().schedule(decay).build(named(w));
        double[] rates = appliedRates(sgd, w, 3);
        assertThat(rates[0]).isCloseTo(0.1, within(1e-7));
        assertThat(rates[1]).isCloseTo(0.075, within(1e-7));
        assertThat(rates[2]).isCloseTo(0.05, within(1e-7));
    }

    @Test
    void schedulesThatStartBelowTheirRateOnPurposeAreComparedByTheRateTheyAreStatedFor() {
        // OneCycle is stated for its peak, a warm-up for the rate it reaches, a plateau for its first rate
        OneCycle oneCycle = OneCycle.of(0.1, 100);
        assertThat(oneCycle.valueAt(0)).isCloseTo(0.004, within(1e-15));
        assertThat(new Sgd(0.1).builder().schedule(oneCycle)).isNotNull();
        assertThatThrownBy(() -> new Sgd(0.004).builder().schedule(oneCycle))
                .hasMessageContaining("is stated for lr 0.1 but the optimizer's lr is 0.004");

        LearningRateSchedule warmup = new LinearWarmup(0.1, 10, new CosineAnnealing(0.1, 0, 90));
        assertThat(new Sgd(0.1).builder().schedule(warmup)).isNotNull();
        assertThatThrownBy(() -> new Sgd(0.01).builder().schedule(warmup)).hasMessageContaining("stated for lr 0.1");

        ReduceOnPlateau plateau = new ReduceOnPlateau(0.1, ReduceOnPlateau.Settings.minimize().withPatience(0));
        plateau.report(1.0);
        plateau.report(1.0); // dropped to 0.01: still stated for 0.1
        assertThat(plateau.valueAt(0)).isCloseTo(0.01, within(1e-15));
        assertThat(new Sgd(0.1).builder().schedule(plateau)).isNotNull();
    }

    @Test
    void ratesThatDifferOnlyByRoundingAreTheSameRate() {
        double lr = 0.1 * 3 / 3 * 7 / 7; // 0.1 up to the last bit or so
        assertThat(new Sgd(lr).builder().schedule(new LinearDecay(0.1, 0.001, 10))).isNotNull();
    }

    @Test
    void aGroupWithItsOwnLrGetsTheShapeAnchoredAtThatLrAsInPyTorch() {
        // SGD lr 0.1, bias group lr 0.05, CosineAnnealingLR(T_max=4, eta_min=0.01): PyTorch anneals each
        // group from its own lr to the same eta_min: η + ½(α − η)(1 + cos(πt/4)), t = 0…4
        //   weights (α = 0.1):  0.1, 0.08682, 0.055, 0.02318, 0.01
        //   biases (α = 0.05):  0.05, 0.04414, 0.03, 0.01586, 0.01
        Variable weight = parameter(0f);
        Variable bias = parameter(0f);
        Map<String, Variable> p = named("0.weight", weight, "0.bias", bias);
        Optimizer sgd = new Sgd(0.1).builder().schedule(Schedules.cosineAnnealingLR(4, 0.01))
                .group(ParameterGroup.matching("*.bias").lr(0.05)).build(p);
        double[] weightRates = new double[5];
        double[] biasRates = new double[5];
        for (int t = 0; t < 5; t++) {
            float w0 = weight.value().get(0);
            float b0 = bias.value().get(0);
            setGrad(weight, 1f);
            setGrad(bias, 1f);
            sgd.step();
            weightRates[t] = w0 - weight.value().get(0);
            biasRates[t] = b0 - bias.value().get(0);
        }
        double[] expectedWeights = {0.1, 0.0868198052, 0.055, 0.0231801948, 0.01};
        double[] expectedBiases = {0.05, 0.0441421356, 0.03, 0.0158578644, 0.01};
        for (int t = 0; t < 5; t++) {
            assertThat(weightRates[t]).as("weight rate at %d", t).isCloseTo(expectedWeights[t], within(1e-6));
            assertThat(biasRates[t]).as("bias rate at %d", t).isCloseTo(expectedBiases[t], within(1e-6));
        }
    }

    @Test
    void aGroupLrBelowTheShapesFloorIsRefusedAtBuildNamingTheShapeAndTheLr() {
        assertThatThrownBy(() -> new Sgd(0.1).builder().schedule(Schedules.cosineAnnealingLR(4, 0.01))
                .group(ParameterGroup.matching("p0").lr(0.001)).build(named(parameter(0f))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cosineAnnealingLR(tMax=4, etaMin=0.01) at lr 0.001");
    }

    @Test
    void aShapeRefusingTheOptimizersLrIsRefusedWhenGiven() {
        assertThatThrownBy(() -> new Adam().builder().schedule(Schedules.cosineAnnealingLR(100, 0.01)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cosineAnnealingLR(tMax=100, etaMin=0.01) at lr 0.001: CosineAnnealing: floor");
    }

    @Test
    void stepsUnderAShapeWithGroupsAllocateNothing() {
        Variable weight = parameter(new float[64]);
        Variable bias = parameter(new float[8]);
        Map<String, Variable> p = named("0.weight", weight, "0.bias", bias);
        ScheduleShape warmupCosine = Schedules.sequentialLR(Schedules.linearLR(0.1, 1, 100), 100,
                Schedules.cosineAnnealingLR(10_000, 1e-5));
        Optimizer[] optimizers = {
            new Sgd(0.1).withMomentum(0.9).builder().schedule(warmupCosine)
                    .group(ParameterGroup.matching("*.bias").lr(0.01)).build(p),
            new Adam().builder().schedule(Schedules.multiStepLR(java.util.List.of(300, 600)))
                    .group(ParameterGroup.matching("*.bias").lr(1e-4)).build(p)};
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        for (Optimizer optimizer : optimizers) {
            // The quietest round: the JIT settles while they run. On a busy 2-core machine C2 can
            // take more than six rounds to compile the Vector-API loops (which box until then), so
            // rounds go on, up to 60, until one allocates less than the bound.
            long fewest = Long.MAX_VALUE;
            for (int round = 0; round < 60 && fewest >= 1_000; round++) {
                steps(optimizer, weight, bias, 3_000);
                long before = threads.getThreadAllocatedBytes(thread);
                steps(optimizer, weight, bias, 1_000);
                fewest = Math.min(fewest, threads.getThreadAllocatedBytes(thread) - before);
            }
            assertThat(fewest).as("bytes allocated by 1 000 steps of %s", optimizer).isLessThan(1_000);
        }
    }

    private static void steps(Optimizer optimizer, Variable weight, Variable bias, int count) {
        for (int t = 0; t < count; t++) {
            weight.gradForAccumulation().data()[0] = 1e-3f;
            bias.gradForAccumulation().data()[0] = 1e-3f;
            optimizer.step();
        }
    }

    @Test
    void aShapeAndTheScheduleItMakesGiveTheSameSteps() {
        Variable a = parameter(0f);
        Variable b = parameter(0f);
        Optimizer shaped = new Sgd(0.2).withMomentum(0.9).builder().schedule(Schedules.stepLR(2, 0.5)).build(named(a));
        Optimizer explicit = new Sgd(0.2).withMomentum(0.9).builder()
                .schedule(Schedules.stepLR(2, 0.5).of(0.2)).build(named(b));
        assertThat(appliedRates(shaped, a, 6)).containsExactly(appliedRates(explicit, b, 6));
    }
}
