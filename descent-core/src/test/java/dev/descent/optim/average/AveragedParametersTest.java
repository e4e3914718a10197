package dev.descent.optim.average;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.descent.autodiff.Variable;
import dev.descent.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each averaging rule against values worked out by hand (in float64) on a parameter of three
 * elements, the start and frequency semantics, the refused settings and their messages, exact
 * swaps, and a state that saves and restores bit for bit.
 */
class AveragedParametersTest {
    /** θ_1, θ_2, θ_3: the iterates after updates 1, 2, 3. */
    private static final double[][] ITERATES = {{1, 2, 3}, {3, 0, -1}, {2, 4, 5}};

    private final Variable w = Variable.parameter(Tensor.of(new float[3], 3));

    private AveragedParameters average(AveragingRule rule) {
        return AveragedParameters.of(rule, Map.of("w", w));
    }

    /** Sets the parameter to θ_step and tells the average that update {@code step} is done. */
    private void iterate(AveragedParameters average, long step, double[] theta) {
        for (int j = 0; j < theta.length; j++) {
            w.value().data()[j] = (float) theta[j];
        }
        average.update(step);
    }

    private void runThree(AveragedParameters average) {
        for (int k = 0; k < ITERATES.length; k++) {
            iterate(average, k + 1, ITERATES[k]);
        }
    }

    private static void assertAverage(AveragedParameters average, double... expected) {
        float[] actual = average.values().get("w").data();
        for (int j = 0; j < expected.length; j++) {
            assertThat((double) actual[j]).as("element %d", j).isCloseTo(expected[j], within(1e-6));
        }
    }

    @Test
    void polyakIsTheMeanOfTheIterates() {
        AveragedParameters polyak = average(new PolyakAveraging());
        iterate(polyak, 1, ITERATES[0]);
        assertAverage(polyak, 1, 2, 3); // the first iterate is copied
        iterate(polyak, 2, ITERATES[1]);
        assertAverage(polyak, 2, 1, 1);
        iterate(polyak, 3, ITERATES[2]);
        assertAverage(polyak, 2, 2, 7.0 / 3);
        assertThat(polyak.count()).isEqualTo(3);
    }

    @Test
    void polyakStartSkipsTheFirstUpdates() {
        AveragedParameters polyak = average(new PolyakAveraging(1));
        runThree(polyak);
        assertAverage(polyak, 2.5, 2, 2); // (θ_2 + θ_3)/2
        assertThat(polyak.count()).isEqualTo(2);
        assertThat(new PolyakAveraging(1).averagedUpTo(3)).isEqualTo(2);
        assertThat(new PolyakAveraging(5).averagedUpTo(3)).isZero();
    }

    @Test
    void emaCopiesTheFirstIterateThenDecays() {
        AveragedParameters ema = average(new ExponentialMovingAverage(0.5));
        iterate(ema, 1, ITERATES[0]);
        assertAverage(ema, 1, 2, 3);
        iterate(ema, 2, ITERATES[1]);
        assertAverage(ema, 2, 1, 1); // ½·θ̄_1 + ½·θ_2
        iterate(ema, 3, ITERATES[2]);
        assertAverage(ema, 2, 2.5, 3); // ½·θ̄_2 + ½·θ_3
    }

    @Test
    void biasCorrectedEmaWeighsTheIteratesByBetaPowersSummingToOne() {
        AveragedParameters ema = average(new ExponentialMovingAverage(0.5).withBiasCorrection(true));
        runThree(ema);
        // m_3 = ½θ_3 + ¼θ_2 + ⅛θ_1, divided by 1 − ⅛: weights 4/7, 2/7, 1/7
        assertAverage(ema, 15.0 / 7, 18.0 / 7, 3);
    }

    @Test
    void emaWithAStartBeginsWithTheIterateAfterIt() {
        AveragedParameters ema = average(new ExponentialMovingAverage(0.5).withStart(1));
        runThree(ema);
        assertAverage(ema, 2.5, 2, 2); // θ̄ = θ_2, then ½θ_2 + ½θ_3
    }

    @Test
    void swaAveragesEveryFrequencyThIterateAfterTheStart() {
        StochasticWeightAveraging rule = new StochasticWeightAveraging(1, 2);
        assertThat(Stream.iterate(1L, s -> s + 1).limit(8).filter(rule::includes).toList())
                .containsExactly(2L, 4L, 6L, 8L);
        assertThat(rule.averagedUpTo(1)).isZero();
        assertThat(rule.averagedUpTo(2)).isEqualTo(1);
        assertThat(rule.averagedUpTo(5)).isEqualTo(2);
        assertThat(rule.averagedUpTo(6)).isEqualTo(3);
        AveragedParameters swa = average(rule);
        double[][] iterates = {{1, 2, 3}, {3, 0, -1}, {2, 4, 5}, {9, 9, 9}, {0, 2, -3}};
        for (int k = 0; k < iterates.length; k++) {
            iterate(swa, k + 1, iterates[k]);
        }
        assertAverage(swa, 6, 4.5, 4); // (θ_2 + θ_4)/2
        assertThat(swa.count()).isEqualTo(2);
    }

    @Test
    void swaAtEpochEndsAveragesTheLastIterateOfEachEpochFromTheStartEpoch() {
        StochasticWeightAveraging rule = StochasticWeightAveraging.atEpochEnds(3, 2, 10);
        assertThat(rule).isEqualTo(new StochasticWeightAveraging(29, 20));
        assertThat(Stream.iterate(1L, s -> s + 1).limit(100).filter(rule::includes).toList())
                .containsExactly(30L, 50L, 70L, 90L); // the ends of epochs 3, 5, 7, 9
        assertThat(StochasticWeightAveraging.atEpochEnds(1, 1, 7).includes(7)).isTrue();
    }

    @Test
    void nothingIsAveragedBeforeTheStartAndSwappingThenIsRefused() {
        AveragedParameters polyak = average(new PolyakAveraging(10));
        runThree(polyak);
        assertThat(polyak.count()).isZero();
        assertThatThrownBy(polyak::swap).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no iterate has been averaged yet (PolyakAveraging(start=10)");
    }

    static Stream<Arguments> badSettings() {
        return Stream.of(
                Arguments.of((Runnable) () -> new ExponentialMovingAverage(1.0),
                        "decay must be in (0, 1) (the fraction of the average kept per update, e.g. 0.999), got 1.0"),
                Arguments.of((Runnable) () -> new ExponentialMovingAverage(0.0),
                        "decay must be in (0, 1) (the fraction of the average kept per update, e.g. 0.999), got 0.0"),
                Arguments.of((Runnable) () -> new ExponentialMovingAverage(-0.5), "decay must be in (0, 1)"),
                Arguments.of((Runnable) () -> new ExponentialMovingAverage(Double.NaN),
                        "decay must be in (0, 1) (the fraction of the average kept per update, e.g. 0.999), got NaN"),
                Arguments.of((Runnable) () -> new ExponentialMovingAverage(0.9).withStart(-1),
                        "start must be an integer ≥ 0 (the updates before averaging begins), got -1"),
                Arguments.of((Runnable) () -> new PolyakAveraging(-3),
                        "start must be an integer ≥ 0 (the updates before averaging begins), got -3"),
                Arguments.of((Runnable) () -> new StochasticWeightAveraging(-1, 5),
                        "start must be an integer ≥ 0 (the updates before averaging begins), got -1"),
                Arguments.of((Runnable) () -> new StochasticWeightAveraging(0, 0),
                        "frequency must be an integer ≥ 1 (the updates between two averaged iterates), got 0"),
                Arguments.of((Runnable) () -> StochasticWeightAveraging.atEpochEnds(0, 1, 10),
                        "startEpoch must be an integer ≥ 1 (the first epoch whose last iterate is averaged), got 0"),
                Arguments.of((Runnable) () -> StochasticWeightAveraging.atEpochEnds(1, 0, 10),
                        "everyEpochs must be an integer ≥ 1, got 0"),
                Arguments.of((Runnable) () -> AveragedParameters.of(null, Map.of()), "rule must not be null"));
    }

    @ParameterizedTest
    @MethodSource("badSettings")
    void badSettingsAreRefusedNamingTheFieldAndTheValue(Runnable construction, String message) {
        assertThatThrownBy(construction::run).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void swappingTwiceGivesTheIterateBackBitForBit() {
        AveragedParameters ema = average(new ExponentialMovingAverage(0.3));
        runThree(ema);
        float[] iterate = w.value().data().clone();
        float[] averaged = ema.values().get("w").data();
        ema.swap();
        assertThat(ema.swapped()).isTrue();
        assertThat(w.value().data()).containsExactly(averaged);
        assertThat(ema.values().get("w").data()).containsExactly(averaged);
        assertThatThrownBy(() -> ema.update(4)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("swap() them back first");
        ema.swap();
        assertThat(w.value().data()).containsExactly(iterate);
    }

    @Test
    void withAveragedWeightsRunsOnTheAverageAndPutsTheIterateBackEvenAfterAnError() {
        AveragedParameters polyak = average(new PolyakAveraging(1));
        iterate(polyak, 1, ITERATES[0]);
        assertThat(polyak.withAveragedWeights(() -> w.value().data().clone())).as("nothing averaged: the iterate")
                .containsExactly(1, 2, 3);
        iterate(polyak, 2, ITERATES[1]);
        iterate(polyak, 3, ITERATES[2]);
        assertThat(polyak.withAveragedWeights(() -> w.value().data().clone())).containsExactly(2.5f, 2, 2);
        assertThat(w.value().data()).containsExactly(2, 4, 5);
        assertThatThrownBy(() -> polyak.withAveragedWeights(() -> {
            throw new IllegalStateException("evaluation failed");
        })).hasMessage("evaluation failed");
        assertThat(polyak.swapped()).isFalse();
        assertThat(w.value().data()).containsExactly(2, 4, 5);
    }

    @Test
    void theStateRestoresIntoAFreshAverageAndContinuesBitForBit() {
        AveragingRule rule = new ExponentialMovingAverage(0.9).withBiasCorrection(true);
        AveragedParameters through = average(rule);
        float[][] iterates = randomIterates(40, 3, 5);
        AveragedParameters.State saved = null;
        for (int k = 0; k < iterates.length; k++) {
            w.value().copyFrom(Tensor.of(iterates[k], 3));
            through.update(k + 1);
            if (k == 19) {
                saved = through.state();
            }
        }
        Variable other = Variable.parameter(Tensor.of(new float[3], 3));
        AveragedParameters resumed = AveragedParameters.of(rule, Map.of("w", other));
        resumed.loadState(saved);
        assertThat(resumed.count()).isEqualTo(20);
        for (int k = 20; k < iterates.length; k++) {
            other.value().copyFrom(Tensor.of(iterates[k], 3));
            resumed.update(k + 1);
        }
        assertThat(resumed.values().get("w").data()).containsExactly(through.values().get("w").data());
        assertThat(resumed.state().residuals().get("w").data()).containsExactly(
                through.state().residuals().get("w").data());
    }

    @Test
    void aStateOfAnotherRuleOrShapeIsRefusedAndChangesNothing() {
        AveragedParameters ema = average(new ExponentialMovingAverage(0.9));
        runThree(ema);
        AveragedParameters.State state = ema.state();
        AveragedParameters other = average(new ExponentialMovingAverage(0.99));
        assertThatThrownBy(() -> other.loadState(state)).hasMessage("the saved average was kept under"
                + " ExponentialMovingAverage(decay=0.9, start=0, bias_correction=false), but this one under"
                + " ExponentialMovingAverage(decay=0.99, start=0, bias_correction=false); resume with the same rule");
        assertThat(other.count()).isZero();
        AveragedParameters wide = AveragedParameters.of(new ExponentialMovingAverage(0.9),
                Map.of("w", Variable.parameter(Tensor.of(new float[4], 4))));
        assertThatThrownBy(() -> wide.loadState(state)).hasMessage("the saved average's averaged value of parameter"
                + " 'w' has shape [3], but the parameter has [4]");
        AveragedParameters renamed = AveragedParameters.of(new ExponentialMovingAverage(0.9),
                Map.of("v", Variable.parameter(Tensor.of(new float[3], 3))));
        assertThatThrownBy(() -> renamed.loadState(state)).hasMessage("the saved average has no averaged value for"
                + " parameter 'v'; it holds [w]");
    }

    /** A float32 running mean stalls when (θ − θ̄)/n drops below half an ulp of θ̄; this one does not. */
    @Test
    void aLongRunningMeanKeepsFloat64Accuracy() {
        AveragedParameters polyak = AveragedParameters.of(new PolyakAveraging(), Map.of("w", w));
        int n = 200_000;
        double exact = 0;
        float naive = 0;
        for (int k = 1; k <= n; k++) {
            float theta = 1f + (k % 2 == 0 ? 1e-3f : 3e-3f) + (float) k / n * 1e-2f; // drifts slowly upwards
            w.value().fill(theta);
            polyak.update(k);
            exact += (theta - exact) / k;
            naive += (theta - naive) / k;
        }
        float kept = polyak.values().get("w").get(0);
        assertThat((double) kept).isCloseTo(exact, within(Math.ulp((float) exact) * 1.0));
        assertThat(Math.abs(naive - exact)).as("a float32 running mean drifts off (this is why the error is kept)")
                .isGreaterThan(10 * Math.ulp((float) exact));
    }

    @Test
    void equalRunsGiveIdenticalAveragesAndTiedWeightsAreAveragedOnce() {
        float[][] iterates = randomIterates(30, 3, 9);
        List<float[]> results = new java.util.ArrayList<>();
        for (int run = 0; run < 2; run++) {
            AveragedParameters swa = average(new StochasticWeightAveraging(3, 4));
            for (int k = 0; k < iterates.length; k++) {
                w.value().copyFrom(Tensor.of(iterates[k], 3));
                swa.update(k + 1);
            }
            results.add(swa.values().get("w").data());
        }
        assertThat(results.get(1)).containsExactly(results.get(0));

        Map<String, Variable> tied = new LinkedHashMap<>();
        tied.put("encoder.weight", w);
        tied.put("decoder.weight", w);
        AveragedParameters once = AveragedParameters.of(new PolyakAveraging(), tied);
        runThree(once);
        assertThat(once.values().keySet()).containsExactly("encoder.weight");
        once.swap();
        once.swap();
        assertThat(w.value().data()).containsExactly(2, 4, 5); // a double swap would have lost θ_3
    }

    /** Updates and swaps allocate nothing: the buffers are made once, by {@code of}. */
    @Test
    void updatesAndSwapsAllocateNothing() {
        Map<String, Variable> parameters = new LinkedHashMap<>();
        parameters.put("0.weight", Variable.parameter(Tensor.zeros(64, 32)));
        parameters.put("0.bias", Variable.parameter(Tensor.zeros(32)));
        AveragingRule[] rules = {new PolyakAveraging(), new ExponentialMovingAverage(0.99).withBiasCorrection(true),
            new StochasticWeightAveraging(0, 3)};
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        for (AveragingRule rule : rules) {
            AveragedParameters average = AveragedParameters.of(rule, parameters);
            long step = 0;
            long fewest = Long.MAX_VALUE;
            for (int round = 0; round < 30 && fewest >= 1_000; round++) { // the quietest round: the JIT settles
                long before = threads.getThreadAllocatedBytes(thread);
                for (int k = 0; k < 500; k++) {
                    average.update(++step);
                    if (k % 100 == 0) {
                        average.swap();
                        average.swap();
                    }
                }
                fewest = Math.min(fewest, threads.getThreadAllocatedBytes(thread) - before);
            }
            assertThat(fewest).as("bytes allocated by 500 updates under %s", rule).isLessThan(1_000);
        }
    }

    private static float[][] randomIterates(int count, int size, long seed) {
        java.util.Random random = new java.util.Random(seed);
        float[][] iterates = new float[count][size];
        for (float[] theta : iterates) {
            for (int j = 0; j < size; j++) {
                theta[j] = (float) random.nextGaussian();
            }
        }
        return iterates;
    }
}
