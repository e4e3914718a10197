package dev.descent.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.descent.random.Rng;
import dev.descent.tensor.Tensor;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Batch-by-batch accumulation equals one pass over all examples, and both equal a naive
 * reference that sorts each row (stably, so ties keep the lower index first).
 */
class ClassificationMetricsPropertyTest {

    @Property(tries = 200)
    void batchesGiveTheSameReportAsOnePass(@ForAll long seed, @ForAll @IntRange(min = 2, max = 12) int classes,
            @ForAll @IntRange(min = 0, max = 300) int examples, @ForAll @IntRange(min = 1, max = 64) int batchSize) {
        Rng rng = new Rng(seed);
        float[] scores = randomScores(rng, examples, classes);
        int[] labels = randomLabels(rng, examples, classes);
        float[] losses = new float[examples];
        for (int i = 0; i < examples; i++) {
            losses[i] = (float) rng.nextDouble();
        }
        int[] topK = IntStream.rangeClosed(1, classes - 1).filter(k -> k <= 3 || k == classes - 1).toArray();

        ClassificationMetrics onePass = new ClassificationMetrics(classes).withTopK(topK);
        onePass.add(Tensor.wrap(scores, examples, classes), labels, examples, sum(losses, 0, examples));

        ClassificationMetrics batched = new ClassificationMetrics(classes).withTopK(topK);
        float[] buffer = new float[batchSize * classes];
        int[] labelBuffer = new int[batchSize];
        for (int start = 0; start < examples; start += batchSize) {
            int count = Math.min(batchSize, examples - start);
            System.arraycopy(scores, start * classes, buffer, 0, count * classes);
            System.arraycopy(labels, start, labelBuffer, 0, count);
            batched.add(Tensor.wrap(buffer, batchSize, classes), labelBuffer, count, sum(losses, start, count));
        }

        ClassificationReport a = onePass.report();
        ClassificationReport b = batched.report();
        assertThat(b.confusionMatrix()).isEqualTo(a.confusionMatrix());
        assertThat(b.topKAccuracy()).isEqualTo(a.topKAccuracy());
        assertThat(b.perClass()).isEqualTo(a.perClass());
        if (examples > 0) {
            // The loss sums are added in another grouping: equal up to rounding.
            assertThat(b.meanLoss().getAsDouble()).isCloseTo(a.meanLoss().getAsDouble(), within(1e-12));
        }
        checkAgainstReference(a, scores, labels, classes, topK);
    }

    @Property(tries = 100)
    void binaryLogitsAgreeWithTheNaiveRule(@ForAll long seed, @ForAll @IntRange(min = 0, max = 200) int examples) {
        Rng rng = new Rng(seed);
        float[] logits = new float[examples];
        int[] labels = randomLabels(rng, examples, 2);
        long correct = 0;
        long[][] counts = new long[2][2];
        long[] unscored = new long[2];
        for (int i = 0; i < examples; i++) {
            double u = rng.nextDouble();
            logits[i] = u < 0.05 ? Float.NaN : u < 0.15 ? 0f : (float) (4 * rng.nextDouble() - 2);
            if (Float.isNaN(logits[i])) {
                unscored[labels[i]]++;
                continue;
            }
            int predicted = logits[i] > 0 ? 1 : 0;
            counts[labels[i]][predicted]++;
            correct += predicted == labels[i] ? 1 : 0;
        }
        ClassificationMetrics metrics = new ClassificationMetrics(2).withTopK(1);
        metrics.add(Tensor.wrap(logits, examples, 1), labels, examples);
        ClassificationReport report = metrics.report();

        assertThat(report.confusionMatrix()).isEqualTo(ConfusionMatrix.of(counts, unscored));
        assertThat(report.topKAccuracy(1)).isEqualTo(report.accuracy());
        assertThat(report.accuracy()).isEqualTo(examples == 0 ? 0 : (double) correct / examples);
    }

    private static void checkAgainstReference(ClassificationReport report, float[] scores, int[] labels,
            int classes, int[] topK) {
        int examples = labels.length;
        long[][] counts = new long[classes][classes];
        long[] unscored = new long[classes];
        long[] hits = new long[topK.length];
        for (int r = 0; r < examples; r++) {
            float[] row = Arrays.copyOfRange(scores, r * classes, (r + 1) * classes);
            boolean nan = false;
            for (float v : row) {
                nan |= Float.isNaN(v);
            }
            if (nan) {
                unscored[labels[r]]++;
                continue;
            }
            // Stable sort by descending score: equal scores keep ascending class order.
            Integer[] order = IntStream.range(0, classes).boxed().toArray(Integer[]::new);
            Arrays.sort(order, Comparator.comparingDouble((Integer c) -> row[c]).reversed());
            counts[labels[r]][order[0]]++;
            int position = Arrays.asList(order).indexOf(labels[r]);
            for (int i = 0; i < topK.length; i++) {
                hits[i] += position < topK[i] ? 1 : 0;
            }
        }
        assertThat(report.confusionMatrix()).isEqualTo(ConfusionMatrix.of(counts, unscored));
        for (int i = 0; i < topK.length; i++) {
            double expected = examples == 0 ? 0 : (double) hits[i] / examples;
            assertThat(report.topKAccuracy(topK[i])).as("top-%d", topK[i]).isEqualTo(expected);
        }
    }

    /** Scores from a handful of levels, so that ties are common, with an occasional NaN or ±∞. */
    private static float[] randomScores(Rng rng, int examples, int classes) {
        float[] scores = new float[examples * classes];
        for (int i = 0; i < scores.length; i++) {
            double u = rng.nextDouble();
            scores[i] = u < 0.01 ? Float.NaN
                    : u < 0.02 ? Float.POSITIVE_INFINITY
                    : u < 0.03 ? Float.NEGATIVE_INFINITY
                    : (float) Math.floor(5 * rng.nextDouble()) - 2;
        }
        return scores;
    }

    private static int[] randomLabels(Rng rng, int examples, int classes) {
        int[] labels = new int[examples];
        for (int i = 0; i < examples; i++) {
            labels[i] = rng.nextInt(classes);
        }
        return labels;
    }

    private static double sum(float[] values, int start, int count) {
        double total = 0;
        for (int i = start; i < start + count; i++) {
            total += values[i];
        }
        return total;
    }
}
