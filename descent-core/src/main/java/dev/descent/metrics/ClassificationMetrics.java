package dev.descent.metrics;

import dev.descent.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Accumulates a classifier's scores and the true labels batch by batch into counts (a
 * confusion matrix, top-k hits, a loss sum), so that evaluating any number of examples keeps
 * O(k²) numbers and {@link #add} allocates nothing. {@link #report} turns the counts into a
 * {@link ClassificationReport}.
 *
 * <pre>{@code
 * ClassificationMetrics metrics = new ClassificationMetrics(10).withTopK(5);
 * for (Batch batch : batches) {
 *     Tensor logits = model.forward(batch.features());
 *     metrics.add(logits, batch.labels(), batch.size(), lossSum);
 * }
 * System.out.println(metrics.report().toTable());
 * }</pre>
 *
 * <p>Scores are a {@code [batch, k]} tensor, one score per class (logits, probabilities: any
 * monotone scale). The prediction is the class with the highest score; <b>ties go to the lowest
 * class index</b>, for the prediction and for top-k alike: class c ranks ahead of the label y
 * when s_c &gt; s_y, or s_c = s_y and c &lt; y, and the example is a top-k hit when fewer than k
 * classes rank ahead of its label.
 *
 * <p>For two classes the scores may also be one logit z per example ({@code [batch, 1]} or
 * {@code [batch]}), as {@link dev.descent.loss.BinaryCrossEntropyWithLogits} takes them: the
 * prediction is 1 when z &gt; 0 and 0 otherwise, the same as scores (0, z) with the tie rule and
 * as scikit-learn's {@code decision_function > 0}.
 *
 * <p><b>NaN scores</b>: an example with a NaN anywhere among its scores predicts no class. It
 * counts as wrong in accuracy and every top-k accuracy, lowers its class's recall, lands in
 * {@link ConfusionMatrix#unscored(int)} rather than in a column, and never throws. Infinite
 * scores are ordered as usual.
 *
 * <p>Not thread-safe; use one accumulator per thread.
 */
public final class ClassificationMetrics {
    private static final int NO_PREDICTION = -1;

    private final int classes;
    private final int[] topK;
    /** [true class][predicted class], row-major. */
    private final long[] confusion;
    /** Examples whose scores held a NaN, by true class. */
    private final long[] unscored;
    private final long[] topKHits;
    private long examples;
    private long examplesWithLoss;
    private double lossSum;

    /** An empty accumulator for {@code classes} classes (at least 2), tracking no top-k accuracy. */
    public ClassificationMetrics(int classes) {
        this(classes, new int[0]);
    }

    private ClassificationMetrics(int classes, int[] topK) {
        if (classes < 2) {
            throw new IllegalArgumentException("classes must be ≥ 2, got " + classes);
        }
        if ((long) classes * classes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("classes = " + classes + " is too many for a k×k confusion matrix");
        }
        this.classes = classes;
        this.topK = topK;
        this.confusion = new long[classes * classes];
        this.unscored = new long[classes];
        this.topKHits = new long[topK.length];
    }

    /**
     * A new, empty accumulator for the same classes that also tracks the top-k accuracy for each
     * given k. Each k must be in 1..classes−1 (k = classes would always be 1), so two classes
     * allow only top-1; duplicates are rejected.
     */
    public ClassificationMetrics withTopK(int... k) {
        int[] sorted = k.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            if (sorted[i] < 1 || sorted[i] >= classes) {
                throw new IllegalArgumentException("top-k needs 1 ≤ k < classes = " + classes + ", got k = "
                        + sorted[i] + (classes == 2 ? " (two classes allow only top-1)" : ""));
            }
            if (i > 0 && sorted[i] == sorted[i - 1]) {
                throw new IllegalArgumentException("top-k: k = " + sorted[i] + " is given twice");
            }
        }
        return new ClassificationMetrics(classes, sorted);
    }

    public int classes() {
        return classes;
    }

    /** Examples added so far. */
    public long examples() {
        return examples;
    }

    /** The tracked k, ascending. */
    public int[] topK() {
        return topK.clone();
    }

    /**
     * Adds the first {@code count} rows of {@code scores} with their labels, without a loss.
     * The arrays may be longer than {@code count}, so that a last, partial batch can reuse full-size
     * buffers. A rejected batch changes nothing.
     *
     * @param scores {@code [rows ≥ count, k]}, or for two classes one logit per row ({@code [rows, 1]}
     *     or {@code [rows]})
     * @param labels true classes in 0..k−1, at least {@code count} of them
     * @throws IllegalArgumentException naming the row and the value of a label out of range, or the
     *     shapes when scores, labels and count do not fit together
     * @throws IllegalStateException if earlier batches supplied a loss
     */
    public void add(Tensor scores, int[] labels, int count) {
        check(scores, labels, count, false);
        accumulate(scores, labels, count);
    }

    /**
     * Adds a batch as {@link #add(Tensor, int[], int)} and the sum (not the mean) of its
     * per-example losses. Either every batch supplies a loss or none does; a NaN loss makes the
     * mean loss NaN.
     *
     * @throws IllegalStateException if earlier batches did not supply a loss
     */
    public void add(Tensor scores, int[] labels, int count, double batchLossSum) {
        check(scores, labels, count, true);
        accumulate(scores, labels, count);
        lossSum += batchLossSum;
        examplesWithLoss += count;
    }

    /** Forgets everything added, keeping the classes and the tracked k. Allocates nothing. */
    public void reset() {
        Arrays.fill(confusion, 0);
        Arrays.fill(unscored, 0);
        Arrays.fill(topKHits, 0);
        examples = 0;
        examplesWithLoss = 0;
        lossSum = 0;
    }

    /** The metrics so far, classes named by their index. */
    public ClassificationReport report() {
        return report(ClassificationReport.indexNames(classes));
    }

    /** The metrics so far with one name per class. */
    public ClassificationReport report(List<String> classNames) {
        SortedMap<Integer, Double> topKAccuracy = new TreeMap<>();
        for (int i = 0; i < topK.length; i++) {
            topKAccuracy.put(topK[i], PrecisionRecallF1.ratio(topKHits[i], examples));
        }
        OptionalDouble meanLoss = examplesWithLoss > 0 ? OptionalDouble.of(lossSum / examplesWithLoss)
                : OptionalDouble.empty();
        ConfusionMatrix matrix = ConfusionMatrix.ofOwned(classes, confusion.clone(), unscored.clone());
        return new ClassificationReport(classNames, matrix, topKAccuracy, meanLoss);
    }

    private void check(Tensor scores, int[] labels, int count, boolean withLoss) {
        Objects.requireNonNull(scores, "scores");
        Objects.requireNonNull(labels, "labels");
        if (count < 0) {
            throw new IllegalArgumentException("count must be ≥ 0, got " + count);
        }
        boolean shapeFits = scores.rank() == 2 && (scores.dim(1) == classes || (classes == 2 && scores.dim(1) == 1))
                || scores.rank() == 1 && classes == 2;
        if (!shapeFits) {
            throw new IllegalArgumentException("scores must be [batch, " + classes + "]"
                    + (classes == 2 ? " or one logit per row ([batch, 1] or [batch])" : "")
                    + ", got " + scores.shape());
        }
        if (scores.dim(0) < count) {
            throw new IllegalArgumentException("count " + count + " exceeds the " + scores.dim(0)
                    + " rows of scores " + scores.shape());
        }
        if (labels.length < count) {
            throw new IllegalArgumentException("count " + count + " exceeds the " + labels.length + " labels");
        }
        for (int r = 0; r < count; r++) {
            if (labels[r] < 0 || labels[r] >= classes) {
                throw new IllegalArgumentException("label " + labels[r] + " in row " + r + " is outside 0.."
                        + (classes - 1) + " (" + classes + " classes)");
            }
        }
        if (examples > 0 && withLoss != (examplesWithLoss == examples)) {
            throw new IllegalStateException(withLoss
                    ? "this batch has a loss but the " + examples + " examples before it had none; "
                            + "give a loss with every batch or with none"
                    : "this batch has no loss but the " + examples + " examples before it had one; "
                            + "give a loss with every batch or with none");
        }
    }

    private void accumulate(Tensor scores, int[] labels, int count) {
        float[] s = scores.data();
        examples += count;
        if (scores.rank() == 1 || scores.dim(1) == 1) {
            for (int r = 0; r < count; r++) {
                int predicted = predictFromLogit(s[r]);
                record(labels[r], predicted);
                if (topK.length > 0 && predicted == labels[r]) {
                    topKHits[0]++; // two classes allow only k = 1
                }
            }
            return;
        }
        int maxK = topK.length > 0 ? topK[topK.length - 1] : 0;
        for (int r = 0; r < count; r++) {
            int offset = r * classes;
            int label = labels[r];
            int predicted = argmax(s, offset, classes);
            record(label, predicted);
            if (predicted >= 0 && maxK > 0) {
                int ahead = classesAhead(s, offset, classes, label, maxK);
                for (int i = 0; i < topK.length; i++) {
                    if (ahead < topK[i]) {
                        topKHits[i]++;
                    }
                }
            }
        }
    }

    private void record(int label, int predicted) {
        if (predicted < 0) {
            unscored[label]++;
        } else {
            confusion[label * classes + predicted]++;
        }
    }

    /** 1 when z > 0, 0 otherwise (z = 0 is a tie, won by class 0), −1 for NaN. */
    static int predictFromLogit(float z) {
        if (z != z) {
            return NO_PREDICTION;
        }
        return z > 0 ? 1 : 0;
    }

    /**
     * The class with the highest score in {@code s[offset, offset + classes)}, the lowest index
     * among ties; −1 if any score is NaN.
     */
    static int argmax(float[] s, int offset, int classes) {
        int best = 0;
        float bestScore = s[offset];
        if (bestScore != bestScore) {
            return NO_PREDICTION;
        }
        for (int c = 1; c < classes; c++) {
            float v = s[offset + c];
            if (v != v) {
                return NO_PREDICTION;
            }
            if (v > bestScore) {
                best = c;
                bestScore = v;
            }
        }
        return best;
    }

    /**
     * How many classes rank ahead of {@code label} (a higher score, or an equal score and a lower
     * index), counting no further than {@code limit}. The scores hold no NaN.
     */
    static int classesAhead(float[] s, int offset, int classes, int label, int limit) {
        float own = s[offset + label];
        int ahead = 0;
        for (int c = 0; c < classes && ahead < limit; c++) {
            float v = s[offset + c];
            if (v > own || (v == own && c < label)) {
                ahead++;
            }
        }
        return ahead;
    }
}
