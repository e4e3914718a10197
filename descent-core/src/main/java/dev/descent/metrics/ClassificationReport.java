package dev.descent.metrics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.OptionalDouble;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The classification metrics of a set of examples, as scikit-learn's
 * {@code classification_report(y_true, y_pred, labels=range(k), zero_division=0)} with
 * {@code top_k_accuracy_score} and the mean loss added.
 *
 * <pre>
 *   accuracy        = (1/n) Σ_i [ŷ_i = y_i]                  ŷ_i = argmax_c s_ic
 *   top-k accuracy  = (1/n) Σ_i [y_i is among the k best-scored classes of example i]
 *   mean loss       = (1/n) Σ_i ℓ_i
 * </pre>
 *
 * Per-class precision, recall, F1 and support come from the {@link ConfusionMatrix} (see
 * {@link PrecisionRecallF1}); every one of the k classes is reported, including classes absent
 * from both labels and predictions (scores 0). Ties go to the lowest class index; an example
 * whose scores held a NaN is wrong in every accuracy and counts against its class's recall.
 *
 * @param classNames one name per class, in class order
 * @param confusionMatrix the counts everything but the top-k accuracies and the loss derives from
 * @param topKAccuracy the fraction of examples whose label is among the k best-scored classes,
 *     by k, for each k the accumulator tracked (0 when there are no examples)
 * @param meanLoss the mean of the per-example losses, when every batch supplied their sum
 */
public record ClassificationReport(List<String> classNames, ConfusionMatrix confusionMatrix,
        SortedMap<Integer, Double> topKAccuracy, OptionalDouble meanLoss) {

    private static final String LONGEST_AVERAGE_HEADING = "weighted avg";

    public ClassificationReport {
        requireNames(classNames, confusionMatrix.classes());
        classNames = List.copyOf(classNames);
        for (Map.Entry<Integer, Double> e : topKAccuracy.entrySet()) {
            if (e.getKey() < 1) {
                throw new IllegalArgumentException("top-k accuracy needs k ≥ 1, got k = " + e.getKey());
            }
            double a = e.getValue();
            if (!(a >= 0 && a <= 1)) {
                throw new IllegalArgumentException("top-" + e.getKey() + " accuracy must be in [0, 1], got " + a);
            }
        }
        topKAccuracy = Collections.unmodifiableSortedMap(new TreeMap<>(topKAccuracy));
    }

    /** Examples counted, unscored ones (NaN scores) included. */
    public long examples() {
        return confusionMatrix.total();
    }

    /** Correct predictions over all examples (0 when there are none). */
    public double accuracy() {
        return confusionMatrix.accuracy();
    }

    /** The top-k accuracy for one of the tracked k. */
    public double topKAccuracy(int k) {
        Double a = topKAccuracy.get(k);
        if (a == null) {
            throw new NoSuchElementException("top-" + k + " accuracy was not tracked; tracked k: "
                    + topKAccuracy.keySet());
        }
        return a;
    }

    /** Precision, recall, F1 and support of every class, in class order. */
    public List<PrecisionRecallF1> perClass() {
        return confusionMatrix.scoresPerClass();
    }

    /** The unweighted mean over classes ({@code macro avg}). */
    public PrecisionRecallF1 macroAverage() {
        return PrecisionRecallF1.macroAverage(perClass());
    }

    /** The mean over classes weighted by support ({@code weighted avg}). */
    public PrecisionRecallF1 weightedAverage() {
        return PrecisionRecallF1.weightedAverage(perClass());
    }

    /** This report with other class names. */
    public ClassificationReport withClassNames(List<String> names) {
        return new ClassificationReport(names, confusionMatrix, topKAccuracy, meanLoss);
    }

    /** {@link #toTable(int)} with two decimals, scikit-learn's default. */
    public String toTable() {
        return toTable(2);
    }

    /**
     * The report as text laid out like scikit-learn's {@code classification_report}: one row per
     * class, then accuracy, macro and weighted averages; then, when present, a row per top-k
     * accuracy and the mean loss (with two more decimals). Without top-k and loss the text is
     * character for character what scikit-learn prints, rounding included (half to even on the
     * exact binary value).
     */
    public String toTable(int digits) {
        if (digits < 0 || digits > 17) {
            throw new IllegalArgumentException("digits must be in 0..17, got " + digits);
        }
        List<String> extraHeadings = new ArrayList<>();
        for (int k : topKAccuracy.keySet()) {
            extraHeadings.add(topKHeading(k));
        }
        if (meanLoss.isPresent()) {
            extraHeadings.add("mean loss");
        }
        int width = Math.max(LONGEST_AVERAGE_HEADING.length(), digits);
        for (String name : classNames) {
            width = Math.max(width, name.length());
        }
        for (String heading : extraHeadings) {
            width = Math.max(width, heading.length());
        }

        StringBuilder s = new StringBuilder();
        right(s, "", width).append(' ');
        for (String header : List.of("precision", "recall", "f1-score", "support")) {
            right(s.append(' '), header, 9);
        }
        s.append("\n\n");
        List<PrecisionRecallF1> rows = perClass();
        for (int c = 0; c < rows.size(); c++) {
            scoreRow(s, classNames.get(c), rows.get(c), width, digits);
        }
        s.append('\n');
        long n = examples();
        singleValueRow(s, "accuracy", fixed(accuracy(), digits), n, width);
        scoreRow(s, "macro avg", PrecisionRecallF1.macroAverage(rows), width, digits);
        scoreRow(s, LONGEST_AVERAGE_HEADING, PrecisionRecallF1.weightedAverage(rows), width, digits);
        if (!extraHeadings.isEmpty()) {
            s.append('\n');
            for (Map.Entry<Integer, Double> e : topKAccuracy.entrySet()) {
                singleValueRow(s, topKHeading(e.getKey()), fixed(e.getValue(), digits), n, width);
            }
            if (meanLoss.isPresent()) {
                singleValueRow(s, "mean loss", fixed(meanLoss.getAsDouble(), digits + 2), n, width);
            }
        }
        return s.toString();
    }

    /** The confusion matrix with the class names; see {@link ConfusionMatrix#toTable(List)}. */
    public String confusionMatrixTable() {
        return confusionMatrix.toTable(classNames);
    }

    private static String topKHeading(int k) {
        return "top-" + k + " accuracy";
    }

    private static void scoreRow(StringBuilder s, String heading, PrecisionRecallF1 row, int width, int digits) {
        right(s, heading, width).append(' ');
        right(s.append(' '), fixed(row.precision(), digits), 9);
        right(s.append(' '), fixed(row.recall(), digits), 9);
        right(s.append(' '), fixed(row.f1(), digits), 9);
        right(s.append(' '), Long.toString(row.support()), 9).append('\n');
    }

    /** A row with one value, in the f1-score column, as scikit-learn prints accuracy. */
    private static void singleValueRow(StringBuilder s, String heading, String value, long support, int width) {
        right(s, heading, width).append(' ');
        right(s.append(' '), "", 9);
        right(s.append(' '), "", 9);
        right(s.append(' '), value, 9);
        right(s.append(' '), Long.toString(support), 9).append('\n');
    }

    private static StringBuilder right(StringBuilder s, String text, int width) {
        return s.append(" ".repeat(Math.max(0, width - text.length()))).append(text);
    }

    /** Python's {@code format(v, ".{digits}f")}: the exact binary value rounded half to even. */
    static String fixed(double v, int digits) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        String text = new BigDecimal(v).setScale(digits, RoundingMode.HALF_EVEN).toPlainString();
        return (v < 0 || (v == 0 && 1 / v < 0)) && !text.startsWith("-") ? "-" + text : text;
    }

    static List<String> indexNames(int classes) {
        List<String> names = new ArrayList<>(classes);
        for (int c = 0; c < classes; c++) {
            names.add(Integer.toString(c));
        }
        return names;
    }

    static void requireNames(List<String> names, int classes) {
        if (names.size() != classes) {
            throw new IllegalArgumentException("need one name per class (" + classes + "), got " + names.size()
                    + ": " + names);
        }
        for (int c = 0; c < classes; c++) {
            if (names.get(c) == null) {
                throw new IllegalArgumentException("the name of class " + c + " is null");
            }
        }
    }
}
