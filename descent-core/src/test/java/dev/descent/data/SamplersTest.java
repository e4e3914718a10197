package dev.descent.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.descent.random.Rng;
import dev.descent.tensor.Tensor;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Each sampler's statistical property, its determinism for a seed, and its argument checks. */
class SamplersTest {

    private static int[] counts(int[] order, int n) {
        int[] c = new int[n];
        for (int i : order) {
            c[i]++;
        }
        return c;
    }

    /** Pearson's χ² statistic of observed counts against expected probabilities. */
    private static double chiSquare(long[] observed, double[] probability) {
        long total = Arrays.stream(observed).sum();
        double chi = 0;
        for (int i = 0; i < observed.length; i++) {
            double expected = total * probability[i];
            chi += (observed[i] - expected) * (observed[i] - expected) / expected;
        }
        return chi;
    }

    private static Dataset labelled(int[] labels, int classes) {
        return new Dataset("labelled", Tensor.zeros(labels.length, 1), labels, classes);
    }

    @Test
    void sequentialVisitsEveryExampleInOrder() {
        SequentialSampler sampler = new SequentialSampler(5);
        int[] order = new int[5];
        float[] weights = new float[5];
        sampler.nextEpoch(order, weights);
        assertThat(order).containsExactly(0, 1, 2, 3, 4);
        assertThat(weights).containsOnly(1f);
    }

    @Test
    void shuffledIsAFreshPermutationEachEpochReproducibleAndUniformInPosition() {
        int n = 10;
        ShuffledSampler sampler = new ShuffledSampler(n, 7);
        int[] order = new int[n];
        float[] weights = new float[n];
        long[][] positionCounts = new long[n][n];
        int[] previous = null;
        for (int epoch = 0; epoch < 20_000; epoch++) {
            sampler.nextEpoch(order, weights);
            assertThat(counts(order, n)).containsOnly(1);
            if (epoch < 5 && previous != null) {
                assertThat(order).isNotEqualTo(previous);
            }
            previous = order.clone();
            for (int position = 0; position < n; position++) {
                positionCounts[0][order[position]] += position == 0 ? 1 : 0;
            }
        }
        // which example comes first: uniform over the 10 (χ², 9 degrees of freedom, p ≈ 0.001 at 27.9)
        double[] uniform = new double[n];
        Arrays.fill(uniform, 1.0 / n);
        assertThat(chiSquare(positionCounts[0], uniform)).isLessThan(27.9);
        ShuffledSampler again = new ShuffledSampler(n, 7);
        int[] first = new int[n];
        again.nextEpoch(first, weights);
        ShuffledSampler same = new ShuffledSampler(n, 7);
        int[] firstAgain = new int[n];
        same.nextEpoch(firstAgain, weights);
        assertThat(firstAgain).containsExactly(first);
    }

    @Test
    void withReplacementDrawsUniformlyAndRepeats() {
        int n = 8;
        ReplacementSampler sampler = new ReplacementSampler(n, 80_000, 3);
        int[] order = new int[80_000];
        sampler.nextEpoch(order, new float[80_000]);
        long[] observed = Arrays.stream(counts(order, n)).asLongStream().toArray();
        double[] uniform = new double[n];
        Arrays.fill(uniform, 1.0 / n);
        assertThat(chiSquare(observed, uniform)).isLessThan(24.3); // 7 d.o.f., p ≈ 0.001
        int[] small = new int[20];
        new ReplacementSampler(20, 20, 4).nextEpoch(small, new float[20]);
        assertThat(Arrays.stream(small).distinct().count()).as("repeats occur").isLessThan(20);
    }

    @Test
    void classBalancedBatchesHoldExactQuotasOnImbalancedData() {
        int[] labels = new int[1000];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i < 900 ? 0 : (i < 980 ? 1 : 2); // 900 / 80 / 20
        }
        Dataset data = labelled(labels, 3);
        ClassBalancedSampler sampler = new ClassBalancedSampler(data, 30, 5);
        int[] order = new int[sampler.epochSize()];
        sampler.nextEpoch(order, new float[order.length]);
        assertThat(order.length).isEqualTo(990);
        for (int b = 0; b < order.length / 30; b++) {
            int[] perClass = new int[3];
            for (int i = b * 30; i < (b + 1) * 30; i++) {
                perClass[labels[order[i]]]++;
            }
            assertThat(perClass).as("batch %d", b).containsExactly(10, 10, 10);
        }
        // within a class, draws cycle through every member before repeating
        int[] rare = Arrays.stream(order).filter(i -> labels[i] == 2).limit(20).toArray();
        assertThat(Arrays.stream(rare).distinct().count()).isEqualTo(20);
        // quotas with a remainder rotate: 4 classes in batches of 6 → 2,2,1,1 then 1,1,2,2
        int[] four = new int[400];
        for (int i = 0; i < 400; i++) {
            four[i] = i % 4;
        }
        ClassBalancedSampler rotating = new ClassBalancedSampler(labelled(four, 4), 6, 1);
        int[] o = new int[rotating.epochSize()];
        rotating.nextEpoch(o, new float[o.length]);
        int[] firstBatch = new int[4];
        int[] secondBatch = new int[4];
        for (int i = 0; i < 6; i++) {
            firstBatch[four[o[i]]]++;
            secondBatch[four[o[6 + i]]]++;
        }
        assertThat(firstBatch).containsExactly(2, 2, 1, 1);
        assertThat(secondBatch).containsExactly(1, 1, 2, 2);
    }

    @Test
    void weightedDrawsInProportionToTheWeights() {
        double[] weights = {1, 2, 3, 4, 0};
        WeightedSampler sampler = new WeightedSampler(weights, 100_000, 9);
        int[] order = new int[100_000];
        sampler.nextEpoch(order, new float[100_000]);
        int[] c = counts(order, 5);
        assertThat(c[4]).as("weight 0 is never drawn").isZero();
        long[] observed = {c[0], c[1], c[2], c[3]};
        assertThat(chiSquare(observed, new double[] {0.1, 0.2, 0.3, 0.4})).isLessThan(16.3); // 3 d.o.f.
    }

    @Test
    void informativeSamplingWithImportanceWeightsIsAnUnbiasedGradientEstimate() {
        int n = 50;
        Rng rng = new Rng(11);
        double[] gradients = new double[n]; // one scalar "gradient" per example
        float[] losses = new float[n];
        int[] all = new int[n];
        double fullMean = 0;
        for (int i = 0; i < n; i++) {
            gradients[i] = rng.nextGaussian() * 3 + (i % 5);
            losses[i] = (float) (0.01 + Math.abs(rng.nextGaussian()));
            all[i] = i;
            fullMean += gradients[i] / n;
        }
        InformativeSampler sampler = new InformativeSampler(n, 1.0, 0.2, 8, 13);
        sampler.reportLosses(all, losses, n);
        int[] order = new int[8];
        float[] weights = new float[8];
        double sum = 0;
        double sumOfSquares = 0;
        int rounds = 40_000;
        for (int r = 0; r < rounds; r++) {
            sampler.nextEpoch(order, weights);
            double estimate = 0;
            for (int i = 0; i < 8; i++) {
                estimate += weights[i] * gradients[order[i]] / 8;
            }
            sum += estimate;
            sumOfSquares += estimate * estimate;
        }
        double mean = sum / rounds;
        double standardError = Math.sqrt((sumOfSquares / rounds - mean * mean) / rounds);
        assertThat(mean).isCloseTo(fullMean, within(4 * standardError));
        // the preferred examples are drawn more often: p ∝ (1 − ε)·ℓ/Σℓ + ε/n
        double[] p = sampler.probabilities();
        double total = 0;
        for (float l : losses) {
            total += l;
        }
        for (int i = 0; i < n; i++) {
            assertThat(p[i]).isCloseTo(0.8 * losses[i] / total + 0.2 / n, within(1e-12));
        }
    }

    @Test
    void miniBatchesCarryTheSamplersWeightsAndKeepOrDropTheLastBatch() {
        Dataset data = labelled(new int[] {0, 1, 0, 1, 0, 1, 0}, 2);
        MiniBatches online = new MiniBatches(data, new ShuffledSampler(7, 1), 1, false);
        assertThat(online.batchesPerEpoch()).isEqualTo(7);
        MiniBatches keep = new MiniBatches(data, new SequentialSampler(7), 3, false);
        MiniBatches drop = new MiniBatches(data, new SequentialSampler(7), 3, true);
        assertThat(keep.batchesPerEpoch()).isEqualTo(3);
        assertThat(drop.batchesPerEpoch()).isEqualTo(2);
        InformativeSampler informative = new InformativeSampler(7, 1, 0.5, 7, 2);
        MiniBatches weighted = new MiniBatches(data, informative, 7, false);
        Batch batch = weighted.nextEpoch().iterator().next();
        for (int i = 0; i < 7; i++) {
            assertThat(batch.weights()[i]).isCloseTo((float) (1 / (7 * informative.probabilities()[batch.exampleIndices()[i]])),
                    within(1e-6f));
        }
    }

    @Test
    void invalidArgumentsAreNamed() {
        assertThatThrownBy(() -> new ReplacementSampler(5, 0, 1)).hasMessageContaining("draws must be ≥ 1, got 0");
        assertThatThrownBy(() -> new WeightedSampler(new double[] {1, -1}, 5, 1)).hasMessageContaining("example 1");
        assertThatThrownBy(() -> new WeightedSampler(new double[] {0, 0}, 5, 1)).hasMessageContaining("every weight is 0");
        assertThatThrownBy(() -> new InformativeSampler(5, 1, 0, 5, 1)).hasMessageContaining("uniform share ε");
        assertThatThrownBy(() -> new InformativeSampler(5, -1, 0.1, 5, 1)).hasMessageContaining("exponent a");
        assertThatThrownBy(() -> new ClassBalancedSampler(labelled(new int[] {0, 1, 2}, 3), 2, 1))
                .hasMessageContaining("batch size 2 is smaller than the 3 classes");
        assertThatThrownBy(() -> new ClassBalancedSampler(labelled(new int[] {0, 0, 2}, 3), 3, 1))
                .hasMessageContaining("class 1");
    }
}
