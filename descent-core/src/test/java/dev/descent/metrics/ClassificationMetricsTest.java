package dev.descent.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.descent.tensor.Tensor;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * Accuracy, top-k, confusion matrix and per-class scores against numbers recorded from
 * scikit-learn 1.2.1 (Debian python3-sklearn), plus the tie, NaN, binary-logit and argument rules.
 */
class ClassificationMetricsTest {
    private static final Offset<Double> EXACT = within(1e-15);

    /** Twelve examples of three classes; the argmax of each row is {@link #PREDICTED}. */
    static final float[] SCORES = {
        2.0f, 0.5f, -1.0f,
        1.5f, 1.0f, 0.0f,
        0.2f, 0.9f, 0.1f,
        -1.0f, -0.5f, 0.3f,
        0.1f, 1.2f, -0.3f,
        -1.0f, 0.4f, 0.2f,
        0.7f, 0.6f, -2.0f,
        0.0f, 0.1f, 0.8f,
        -0.5f, -0.4f, 1.5f,
        0.3f, 0.2f, 0.9f,
        0.1f, 0.5f, 0.4f,
        1.1f, -0.2f, 1.0f,
    };
    static final int[] LABELS = {0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 2, 2};
    static final int[] PREDICTED = {0, 0, 1, 2, 1, 1, 0, 2, 2, 2, 1, 0};

    static ClassificationReport threeClassReport() {
        ClassificationMetrics metrics = new ClassificationMetrics(3).withTopK(1, 2);
        metrics.add(Tensor.of(SCORES, 12, 3), LABELS, 12);
        return metrics.report(List.of("cat", "dog", "bird"));
    }

    @Test
    void threeClassesMatchScikitLearn() {
        ClassificationReport report = threeClassReport();

        // confusion_matrix(y_true, y_pred) → [[2 1 1] [1 2 0] [1 1 3]]
        assertThat(report.confusionMatrix().toArray()).isEqualTo(new long[][] {{2, 1, 1}, {1, 2, 0}, {1, 1, 3}});
        // accuracy_score → 0.5833333333333334; top_k_accuracy_score k=1 → 0.5833…, k=2 → 0.9166666666666666
        assertThat(report.accuracy()).isCloseTo(0.5833333333333334, EXACT);
        assertThat(report.examples()).isEqualTo(12);
        assertThat(report.topKAccuracy(1)).isCloseTo(0.5833333333333334, EXACT);
        assertThat(report.topKAccuracy(2)).isCloseTo(0.9166666666666666, EXACT);
        // precision_recall_fscore_support(..., labels=[0,1,2], zero_division=0):
        //   precision [0.5, 0.5, 0.75], recall [0.5, 0.66666667, 0.6],
        //   f1 [0.5, 0.57142857, 0.66666667], support [4, 3, 5]
        List<PrecisionRecallF1> perClass = report.perClass();
        assertScores(perClass.get(0), 0.5, 0.5, 0.5, 4);
        assertScores(perClass.get(1), 0.5, 2.0 / 3, 4.0 / 7, 3);
        assertScores(perClass.get(2), 0.75, 0.6, 2.0 / 3, 5);
        // average="macro"    → (0.5833333333333334, 0.5888888888888889, 0.5793650793650794)
        // average="weighted" → (0.6041666666666666, 0.5833333333333334, 0.5873015873015873)
        assertScores(report.macroAverage(), 0.5833333333333334, 0.5888888888888889, 0.5793650793650794, 12);
        assertScores(report.weightedAverage(), 0.6041666666666666, 0.5833333333333334, 0.5873015873015873, 12);
        assertThat(report.meanLoss()).isEmpty();
    }

    @Test
    void topKCountsTheClassesRankedAheadOfTheLabel() {
        // Label 3 has two scores above it (rank 3); label 0 is the best; label 1 ties with class 0
        // and loses the tie, so it ranks second.
        float[] scores = {
            0.9f, 0.8f, 0.1f, 0.5f, 0.0f,
            0.9f, 0.1f, 0.2f, 0.3f, 0.4f,
            0.7f, 0.7f, 0.1f, 0.2f, 0.3f,
        };
        ClassificationMetrics metrics = new ClassificationMetrics(5).withTopK(4, 2, 3);
        metrics.add(Tensor.of(scores, 3, 5), new int[] {3, 0, 1}, 3);
        ClassificationReport report = metrics.report();

        assertThat(report.topKAccuracy()).containsOnlyKeys(2, 3, 4);
        assertThat(report.accuracy()).isCloseTo(1.0 / 3, EXACT);
        assertThat(report.topKAccuracy(2)).isCloseTo(2.0 / 3, EXACT);
        assertThat(report.topKAccuracy(3)).isCloseTo(1.0, EXACT);
        assertThat(report.topKAccuracy(4)).isCloseTo(1.0, EXACT);
        assertThatThrownBy(() -> report.topKAccuracy(1)).hasMessageContaining("top-1 accuracy was not tracked");
    }

    @Test
    void tiesGoToTheLowestClassIndex() {
        float[] scores = {
            1f, 1f, 1f,
            0f, 2f, 2f,
            -0f, 0f, -1f,
            Float.POSITIVE_INFINITY, Float.POSITIVE_INFINITY, 0f,
        };
        ClassificationMetrics metrics = new ClassificationMetrics(3).withTopK(1, 2);
        metrics.add(Tensor.of(scores, 4, 3), new int[] {2, 2, 1, 1}, 4);
        ClassificationReport report = metrics.report();

        long[][] m = report.confusionMatrix().toArray();
        assertThat(m[2][0]).as("all equal → class 0").isEqualTo(1);
        assertThat(m[2][1]).as("1 and 2 tie → class 1").isEqualTo(1);
        assertThat(m[1][0]).as("-0 equals 0 → class 0; +∞ tie → class 0").isEqualTo(2);
        // Labels: 2 (third of three equal), 2 (second of two), 1 (second), 1 (second)
        assertThat(report.topKAccuracy(1)).isZero();
        assertThat(report.topKAccuracy(2)).isCloseTo(0.75, EXACT);
    }

    @Test
    void binaryLogitsMatchScikitLearn() {
        float[] logits = {2.5f, -0.3f, 0.0f, 1.2f, -4.0f, 0.7f, -0.1f, -3.0f};
        int[] labels = {1, 0, 0, 0, 0, 1, 1, 1};
        ClassificationMetrics metrics = new ClassificationMetrics(2).withTopK(1);
        metrics.add(Tensor.of(logits, 8, 1), labels, 8);
        ClassificationReport report = metrics.report();

        // y_pred = z > 0 → [1 0 0 1 0 1 0 0]; confusion_matrix → [[3 1] [2 2]]
        assertThat(report.confusionMatrix().toArray()).isEqualTo(new long[][] {{3, 1}, {2, 2}});
        // accuracy_score 0.625 = top_k_accuracy_score(y, z, k=1)
        assertThat(report.accuracy()).isCloseTo(0.625, EXACT);
        assertThat(report.topKAccuracy(1)).isCloseTo(0.625, EXACT);
        // precision [0.6, 0.66666667], recall [0.75, 0.5], f1 [0.66666667, 0.57142857], support [4, 4]
        assertScores(report.perClass().get(0), 0.6, 0.75, 2.0 / 3, 4);
        assertScores(report.perClass().get(1), 2.0 / 3, 0.5, 4.0 / 7, 4);
        // macro = weighted (equal support) = (0.6333333333333333, 0.625, 0.6190476190476191)
        assertScores(report.macroAverage(), 0.6333333333333333, 0.625, 0.6190476190476191, 8);
        assertScores(report.weightedAverage(), 0.6333333333333333, 0.625, 0.6190476190476191, 8);
    }

    @Test
    void oneLogitAsAVectorOrAsTwoScoresGivesTheSameCounts() {
        float[] logits = {2.5f, -0.3f, 0.0f, 1.2f, -4.0f, 0.7f, -0.1f, -3.0f};
        int[] labels = {1, 0, 0, 0, 0, 1, 1, 1};
        float[] pairs = new float[16];
        for (int i = 0; i < logits.length; i++) {
            pairs[2 * i + 1] = logits[i]; // scores (0, z): the same decision with the tie rule
        }
        ClassificationMetrics vector = new ClassificationMetrics(2);
        vector.add(Tensor.of(logits, 8), labels, 8);
        ClassificationMetrics twoScores = new ClassificationMetrics(2);
        twoScores.add(Tensor.of(pairs, 8, 2), labels, 8);

        assertThat(vector.report()).isEqualTo(twoScores.report());
    }

    @Test
    void nanScoresCountAsWrongAndPredictNothing() {
        float[] scores = SCORES.clone();
        scores[2 * 3 + 1] = Float.NaN; // row 2: true 0, was predicted 1
        scores[8 * 3] = Float.NaN;     // row 8: true 2, was predicted 2 (correct)
        ClassificationMetrics metrics = new ClassificationMetrics(3).withTopK(2);
        metrics.add(Tensor.of(scores, 12, 3), LABELS, 12);
        ClassificationReport report = metrics.report();

        ConfusionMatrix m = report.confusionMatrix();
        assertThat(m.toArray()).isEqualTo(new long[][] {{2, 0, 1}, {1, 2, 0}, {1, 1, 2}});
        assertThat(new long[] {m.unscored(0), m.unscored(1), m.unscored(2)}).containsExactly(1, 0, 1);
        assertThat(report.examples()).isEqualTo(12);
        assertThat(report.accuracy()).isCloseTo(0.5, EXACT);
        assertThat(report.topKAccuracy(2)).isCloseTo(9.0 / 12, EXACT); // 11 hits before, both NaN rows were hits
        // scikit-learn with the NaN rows predicted as -1 (a label outside labels=[0,1,2]):
        //   precision [0.5, 0.6667, 0.6667], recall [0.5, 0.6667, 0.4], f1 [0.5, 0.6667, 0.5], support [4, 3, 5]
        //   macro (0.611111111111111, 0.5222222222222221, 0.5555555555555555)
        //   weighted (0.611111111111111, 0.5, 0.5416666666666666)
        assertScores(report.perClass().get(0), 0.5, 0.5, 0.5, 4);
        assertScores(report.perClass().get(1), 2.0 / 3, 2.0 / 3, 2.0 / 3, 3);
        assertScores(report.perClass().get(2), 2.0 / 3, 0.4, 0.5, 5);
        assertScores(report.macroAverage(), 0.611111111111111, 0.5222222222222221, 0.5555555555555555, 12);
        assertScores(report.weightedAverage(), 0.611111111111111, 0.5, 0.5416666666666666, 12);
        assertThat(report.confusionMatrixTable()).contains("NaN");
    }

    @Test
    void aNanLogitPredictsNothing() {
        ClassificationMetrics metrics = new ClassificationMetrics(2).withTopK(1);
        metrics.add(Tensor.of(new float[] {Float.NaN, 1f, Float.NaN}, 3, 1), new int[] {0, 1, 1}, 3);
        ClassificationReport report = metrics.report();

        assertThat(report.accuracy()).isCloseTo(1.0 / 3, EXACT);
        assertThat(report.topKAccuracy(1)).isCloseTo(1.0 / 3, EXACT);
        assertThat(report.confusionMatrix().unscored(0)).isEqualTo(1);
        assertThat(report.confusionMatrix().unscored(1)).isEqualTo(1);
    }

    @Test
    void onlyTheFirstCountRowsAreAdded() {
        ClassificationMetrics full = new ClassificationMetrics(3).withTopK(2);
        full.add(Tensor.of(SCORES, 12, 3), LABELS, 12);
        ClassificationMetrics buffered = new ClassificationMetrics(3).withTopK(2);
        float[] buffer = new float[5 * 3];
        int[] labels = new int[5];
        for (int start = 0; start < 12; start += 5) {
            int count = Math.min(5, 12 - start);
            java.util.Arrays.fill(buffer, Float.NaN); // stale rows past count must be ignored
            System.arraycopy(SCORES, start * 3, buffer, 0, count * 3);
            java.util.Arrays.fill(labels, 99);
            System.arraycopy(LABELS, start, labels, 0, count);
            buffered.add(Tensor.wrap(buffer, 5, 3), labels, count);
        }

        assertThat(buffered.examples()).isEqualTo(12);
        assertThat(buffered.report()).isEqualTo(full.report());
    }

    @Test
    void meanLossIsTheSumOverExamplesDividedByTheirNumber() {
        ClassificationMetrics metrics = new ClassificationMetrics(3);
        metrics.add(Tensor.of(SCORES, 12, 3), LABELS, 5, 5 * 0.8);
        metrics.add(Tensor.of(SCORES, 12, 3), LABELS, 3, 3 * 0.4);

        assertThat(metrics.report().meanLoss()).hasValueCloseTo((4.0 + 1.2) / 8, within(1e-15));
    }

    @Test
    void lossMustBeGivenWithEveryBatchOrWithNone() {
        Tensor scores = Tensor.of(SCORES, 12, 3);
        ClassificationMetrics withLoss = new ClassificationMetrics(3);
        withLoss.add(scores, LABELS, 4, 1.0);
        assertThatThrownBy(() -> withLoss.add(scores, LABELS, 4))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("this batch has no loss but the 4 examples before it had one");

        ClassificationMetrics withoutLoss = new ClassificationMetrics(3);
        withoutLoss.add(scores, LABELS, 4);
        assertThatThrownBy(() -> withoutLoss.add(scores, LABELS, 4, 1.0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("this batch has a loss but the 4 examples before it had none");
        assertThat(withoutLoss.examples()).isEqualTo(4);
    }

    @Test
    void resetForgetsEverything() {
        ClassificationMetrics metrics = new ClassificationMetrics(3).withTopK(2);
        metrics.add(Tensor.of(SCORES, 12, 3), LABELS, 12, 3.0);
        metrics.reset();
        ClassificationReport empty = metrics.report();

        assertThat(empty.examples()).isZero();
        assertThat(empty.accuracy()).isZero();
        assertThat(empty.topKAccuracy(2)).isZero();
        assertThat(empty.meanLoss()).isEmpty();
        assertThat(empty.macroAverage()).isEqualTo(new PrecisionRecallF1(0, 0, 0, 0));
        assertThat(empty.weightedAverage()).isEqualTo(new PrecisionRecallF1(0, 0, 0, 0));
        metrics.add(Tensor.of(SCORES, 12, 3), LABELS, 12);
        assertThat(metrics.report().accuracy()).isCloseTo(0.5833333333333334, EXACT);
    }

    @Test
    void aClassNeverSeenNorPredictedScoresZero() {
        ClassificationMetrics metrics = new ClassificationMetrics(4);
        metrics.add(Tensor.of(new float[] {1, 0, 0, 0, 0, 1, 0, 0}, 2, 4), new int[] {0, 1}, 2);
        ClassificationReport report = metrics.report();

        assertScores(report.perClass().get(3), 0, 0, 0, 0);
        // labels=[0,1,2,3], zero_division=0: macro counts the two empty classes → 0.5 each
        assertScores(report.macroAverage(), 0.5, 0.5, 0.5, 2);
        assertScores(report.weightedAverage(), 1, 1, 1, 2);
    }

    @Test
    void addingABatchAllocatesNothing() {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean,
                "this JVM cannot measure per-thread allocation");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled(),
                "per-thread allocation measurement is off");
        int rows = 100;
        int classes = 10;
        Tensor scores = Tensor.generate(i -> Math.sin(i * 0.37), rows, classes);
        int[] labels = new int[rows];
        for (int r = 0; r < rows; r++) {
            labels[r] = (r * 7) % classes;
        }
        Tensor logits = Tensor.generate(i -> Math.cos(i), rows, 1);
        int[] binaryLabels = new int[rows];
        ClassificationMetrics metrics = new ClassificationMetrics(classes).withTopK(1, 5);
        ClassificationMetrics binary = new ClassificationMetrics(2).withTopK(1);
        for (int warmUp = 0; warmUp < 2_000; warmUp++) {
            metrics.add(scores, labels, rows, 1.0);
            binary.add(logits, binaryLabels, rows);
        }

        long thread = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(thread);
        for (int batch = 0; batch < 600; batch++) { // 60 000 examples
            metrics.add(scores, labels, rows, 1.0);
            binary.add(logits, binaryLabels, rows);
        }
        long allocated = threads.getThreadAllocatedBytes(thread) - before;

        assertThat(metrics.examples()).isEqualTo(2_600L * rows);
        assertThat(allocated).as("bytes allocated by 1 200 batches").isLessThan(1_000);
    }

    @Test
    void invalidArgumentsNameTheRowAndTheValue() {
        ClassificationMetrics metrics = new ClassificationMetrics(3);
        Tensor scores = Tensor.of(SCORES, 12, 3);
        int[] labels = LABELS.clone();
        labels[7] = 3;

        assertThatThrownBy(() -> metrics.add(scores, labels, 12))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("label 3 in row 7 is outside 0..2 (3 classes)");
        labels[7] = -1;
        assertThatThrownBy(() -> metrics.add(scores, labels, 12))
                .hasMessage("label -1 in row 7 is outside 0..2 (3 classes)");
        assertThat(metrics.examples()).as("a rejected batch changes nothing").isZero();
        metrics.add(scores, labels, 7); // the bad label lies past count
        assertThat(metrics.examples()).isEqualTo(7);
    }

    @Test
    void invalidShapesAndCountsAreRejected() {
        ClassificationMetrics metrics = new ClassificationMetrics(3);
        assertThatThrownBy(() -> metrics.add(Tensor.zeros(4, 2), new int[4], 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("scores must be [batch, 3], got [4, 2]");
        assertThatThrownBy(() -> metrics.add(Tensor.zeros(4, 1), new int[4], 4))
                .hasMessage("scores must be [batch, 3], got [4, 1]");
        assertThatThrownBy(() -> metrics.add(Tensor.zeros(12), new int[4], 4))
                .hasMessage("scores must be [batch, 3], got [12]");
        assertThatThrownBy(() -> new ClassificationMetrics(2).add(Tensor.zeros(4, 3), new int[4], 4))
                .hasMessage("scores must be [batch, 2] or one logit per row ([batch, 1] or [batch]), got [4, 3]");
        assertThatThrownBy(() -> metrics.add(Tensor.zeros(4, 3), new int[5], 5))
                .hasMessage("count 5 exceeds the 4 rows of scores [4, 3]");
        assertThatThrownBy(() -> metrics.add(Tensor.zeros(4, 3), new int[3], 4))
                .hasMessage("count 4 exceeds the 3 labels");
        assertThatThrownBy(() -> metrics.add(Tensor.zeros(4, 3), new int[4], -1))
                .hasMessage("count must be ≥ 0, got -1");
        assertThatThrownBy(() -> metrics.add(null, new int[4], 4)).isInstanceOf(NullPointerException.class)
                .hasMessage("scores");
    }

    @Test
    void invalidConfigurationsAreRejected() {
        assertThatThrownBy(() -> new ClassificationMetrics(1)).hasMessage("classes must be ≥ 2, got 1");
        assertThatThrownBy(() -> new ClassificationMetrics(2).withTopK(2))
                .hasMessage("top-k needs 1 ≤ k < classes = 2, got k = 2 (two classes allow only top-1)");
        assertThatThrownBy(() -> new ClassificationMetrics(10).withTopK(0))
                .hasMessage("top-k needs 1 ≤ k < classes = 10, got k = 0");
        assertThatThrownBy(() -> new ClassificationMetrics(10).withTopK(5, 3, 5))
                .hasMessage("top-k: k = 5 is given twice");
        assertThat(new ClassificationMetrics(10).withTopK(5, 1, 3).topK()).containsExactly(1, 3, 5);
    }

    @Test
    void classNamesMustMatchTheClasses() {
        ClassificationMetrics metrics = new ClassificationMetrics(3);
        assertThatThrownBy(() -> metrics.report(List.of("a", "b")))
                .hasMessage("need one name per class (3), got 2: [a, b]");
    }

    static void assertScores(PrecisionRecallF1 actual, double precision, double recall, double f1, long support) {
        assertThat(actual.precision()).as("precision").isCloseTo(precision, within(1e-12));
        assertThat(actual.recall()).as("recall").isCloseTo(recall, within(1e-12));
        assertThat(actual.f1()).as("f1").isCloseTo(f1, within(1e-12));
        assertThat(actual.support()).as("support").isEqualTo(support);
    }
}
