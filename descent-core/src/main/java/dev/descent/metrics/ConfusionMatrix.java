package dev.descent.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Counts of examples by true class (rows) and predicted class (columns), as scikit-learn's
 * {@code confusion_matrix}: {@code count(i, j)} is the number of examples of class i predicted
 * as class j, so the diagonal holds the correct predictions.
 *
 * <p>Examples whose scores held a NaN predict no class. They are not in any column; they are
 * counted by true class in {@link #unscored(int)}, belong to their class's {@link #support}, and
 * are wrong. Immutable.
 */
public final class ConfusionMatrix {
    private final int classes;
    private final long[] counts;
    private final long[] unscored;

    private ConfusionMatrix(int classes, long[] counts, long[] unscored) {
        this.classes = classes;
        this.counts = counts;
        this.unscored = unscored;
    }

    /** A confusion matrix with every example predicted: {@code counts[true][predicted]}. */
    public static ConfusionMatrix of(long[][] counts) {
        return of(counts, new long[counts.length]);
    }

    /**
     * A confusion matrix from {@code counts[true][predicted]} and, by true class, the examples
     * that predicted nothing because their scores held a NaN.
     */
    public static ConfusionMatrix of(long[][] counts, long[] unscored) {
        int k = counts.length;
        if (k == 0) {
            throw new IllegalArgumentException("a confusion matrix needs at least one class");
        }
        if (unscored.length != k) {
            throw new IllegalArgumentException("unscored needs one count per class (" + k + "), got "
                    + unscored.length);
        }
        long[] flat = new long[k * k];
        for (int i = 0; i < k; i++) {
            if (counts[i].length != k) {
                throw new IllegalArgumentException("a confusion matrix is square: row " + i + " has "
                        + counts[i].length + " columns, not " + k);
            }
            for (int j = 0; j < k; j++) {
                requireCount("count[" + i + "][" + j + "]", counts[i][j]);
                flat[i * k + j] = counts[i][j];
            }
            requireCount("unscored[" + i + "]", unscored[i]);
        }
        return new ConfusionMatrix(k, flat, unscored.clone());
    }

    /** Takes ownership of the arrays: the accumulator passes copies. */
    static ConfusionMatrix ofOwned(int classes, long[] counts, long[] unscored) {
        return new ConfusionMatrix(classes, counts, unscored);
    }

    public int classes() {
        return classes;
    }

    /** Examples of class {@code trueClass} predicted as {@code predictedClass}. */
    public long count(int trueClass, int predictedClass) {
        return counts[checkClass(trueClass) * classes + checkClass(predictedClass)];
    }

    /** Examples of class {@code trueClass} whose scores held a NaN, so that nothing was predicted. */
    public long unscored(int trueClass) {
        return unscored[checkClass(trueClass)];
    }

    /** Examples of class c predicted as c. */
    public long truePositives(int c) {
        return count(c, c);
    }

    /** Examples predicted as class c (TP + FP): the column sum. */
    public long predicted(int c) {
        checkClass(c);
        long sum = 0;
        for (int i = 0; i < classes; i++) {
            sum += counts[i * classes + c];
        }
        return sum;
    }

    /** Examples of class c (TP + FN): the row sum plus the unscored examples of c. */
    public long support(int c) {
        checkClass(c);
        long sum = unscored[c];
        for (int j = 0; j < classes; j++) {
            sum += counts[c * classes + j];
        }
        return sum;
    }

    /** All examples counted, unscored ones included. */
    public long total() {
        long sum = 0;
        for (long v : counts) {
            sum += v;
        }
        for (long v : unscored) {
            sum += v;
        }
        return sum;
    }

    /** Examples predicted correctly: the trace. */
    public long correct() {
        long sum = 0;
        for (int c = 0; c < classes; c++) {
            sum += counts[c * classes + c];
        }
        return sum;
    }

    /** correct / total, with 0/0 defined as 0. */
    public double accuracy() {
        return PrecisionRecallF1.ratio(correct(), total());
    }

    /** Precision, recall, F1 and support of class c. */
    public PrecisionRecallF1 scores(int c) {
        return PrecisionRecallF1.of(truePositives(c), predicted(c), support(c));
    }

    /** {@link #scores(int)} of every class, in class order. */
    public List<PrecisionRecallF1> scoresPerClass() {
        List<PrecisionRecallF1> scores = new ArrayList<>(classes);
        for (int c = 0; c < classes; c++) {
            scores.add(scores(c));
        }
        return List.copyOf(scores);
    }

    /** A copy of the counts, {@code [true][predicted]}. */
    public long[][] toArray() {
        long[][] rows = new long[classes][];
        for (int i = 0; i < classes; i++) {
            rows[i] = Arrays.copyOfRange(counts, i * classes, (i + 1) * classes);
        }
        return rows;
    }

    /** {@link #toTable(List)} with the class indices as names. */
    public String toTable() {
        return toTable(ClassificationReport.indexNames(classes));
    }

    /**
     * The matrix as right-aligned text, true classes down and predicted classes across; a
     * {@code NaN} column of unscored examples is added when there are any. For example:
     *
     * <pre>
     * true\pred  cat  dog  bird
     *       cat    2    1     1
     *       dog    1    2     0
     *      bird    1    1     3
     * </pre>
     */
    public String toTable(List<String> classNames) {
        ClassificationReport.requireNames(classNames, classes);
        boolean anyUnscored = Arrays.stream(unscored).anyMatch(v -> v > 0);
        int columns = classes + (anyUnscored ? 1 : 0);
        String corner = "true\\pred";
        int nameWidth = corner.length();
        for (String name : classNames) {
            nameWidth = Math.max(nameWidth, name.length());
        }
        int[] widths = new int[columns];
        for (int j = 0; j < columns; j++) {
            widths[j] = j < classes ? classNames.get(j).length() : "NaN".length();
            for (int i = 0; i < classes; i++) {
                widths[j] = Math.max(widths[j], Long.toString(cell(i, j)).length());
            }
        }
        StringBuilder s = new StringBuilder();
        pad(s, corner, nameWidth);
        for (int j = 0; j < columns; j++) {
            s.append("  ");
            pad(s, j < classes ? classNames.get(j) : "NaN", widths[j]);
        }
        s.append('\n');
        for (int i = 0; i < classes; i++) {
            pad(s, classNames.get(i), nameWidth);
            for (int j = 0; j < columns; j++) {
                s.append("  ");
                pad(s, Long.toString(cell(i, j)), widths[j]);
            }
            s.append('\n');
        }
        return s.toString();
    }

    private long cell(int trueClass, int column) {
        return column < classes ? counts[trueClass * classes + column] : unscored[trueClass];
    }

    private static void pad(StringBuilder s, String text, int width) {
        s.append(" ".repeat(Math.max(0, width - text.length()))).append(text);
    }

    private int checkClass(int c) {
        if (c < 0 || c >= classes) {
            throw new IndexOutOfBoundsException("class " + c + " is outside 0.." + (classes - 1));
        }
        return c;
    }

    private static void requireCount(String name, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be ≥ 0, got " + value);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ConfusionMatrix m && classes == m.classes && Arrays.equals(counts, m.counts)
                && Arrays.equals(unscored, m.unscored);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(counts) + Arrays.hashCode(unscored);
    }

    @Override
    public String toString() {
        return "ConfusionMatrix" + Arrays.deepToString(toArray())
                + (Arrays.stream(unscored).anyMatch(v -> v > 0) ? " unscored " + Arrays.toString(unscored) : "");
    }
}
