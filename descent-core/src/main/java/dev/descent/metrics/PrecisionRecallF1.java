package dev.descent.metrics;

import java.util.List;

/**
 * Precision, recall, F1 score and support of one class, or an average of them over classes
 * (one row of scikit-learn's {@code classification_report}).
 *
 * <p>For a class c with TP true positives (examples of c predicted as c), FP false positives
 * (other examples predicted as c) and FN false negatives (examples of c predicted as anything
 * else, or as nothing because their scores held a NaN):
 *
 * <pre>
 *   precision = TP / (TP + FP)
 *   recall    = TP / (TP + FN)          support = TP + FN
 *   F1        = 2·precision·recall / (precision + recall) = 2·TP / (2·TP + FP + FN)
 * </pre>
 *
 * Each ratio whose denominator is 0 is defined as 0, like scikit-learn's
 * {@code zero_division=0}: a class never predicted has precision 0, a class absent from the
 * labels has recall 0.
 *
 * @param precision TP / (TP + FP), in [0, 1]
 * @param recall TP / (TP + FN), in [0, 1]
 * @param f1 the harmonic mean of precision and recall, in [0, 1]
 * @param support the number of examples the row describes (TP + FN for one class, the sum over
 *     classes for an average)
 */
public record PrecisionRecallF1(double precision, double recall, double f1, long support) {

    public PrecisionRecallF1 {
        requireUnit("precision", precision);
        requireUnit("recall", recall);
        requireUnit("f1", f1);
        if (support < 0) {
            throw new IllegalArgumentException("support must be ≥ 0, got " + support);
        }
    }

    /**
     * The scores of one class from its counts.
     *
     * @param truePositives examples of the class predicted as the class
     * @param predicted examples predicted as the class (TP + FP)
     * @param support examples of the class (TP + FN)
     */
    public static PrecisionRecallF1 of(long truePositives, long predicted, long support) {
        if (truePositives < 0 || truePositives > predicted || truePositives > support) {
            throw new IllegalArgumentException("need 0 ≤ true positives ≤ predicted and ≤ support, got "
                    + truePositives + " true positives, " + predicted + " predicted, " + support + " support");
        }
        long falsePositives = predicted - truePositives;
        long falseNegatives = support - truePositives;
        return new PrecisionRecallF1(
                ratio(truePositives, predicted),
                ratio(truePositives, support),
                ratio(2 * truePositives, 2 * truePositives + falsePositives + falseNegatives),
                support);
    }

    /**
     * The unweighted mean of each score over the classes (scikit-learn's {@code average="macro"}),
     * every class counting once whatever its support; the support is the total.
     */
    public static PrecisionRecallF1 macroAverage(List<PrecisionRecallF1> classes) {
        double precision = 0;
        double recall = 0;
        double f1 = 0;
        long support = 0;
        for (PrecisionRecallF1 c : classes) {
            precision += c.precision;
            recall += c.recall;
            f1 += c.f1;
            support += c.support;
        }
        int n = classes.size();
        return n == 0 ? new PrecisionRecallF1(0, 0, 0, 0)
                : new PrecisionRecallF1(clamp(precision / n), clamp(recall / n), clamp(f1 / n), support);
    }

    /**
     * The mean of each score over the classes weighted by support (scikit-learn's
     * {@code average="weighted"}): Σ_c support_c·score_c / Σ_c support_c, and 0 when no class has
     * support. The weighted recall equals the accuracy over the examples counted.
     */
    public static PrecisionRecallF1 weightedAverage(List<PrecisionRecallF1> classes) {
        double precision = 0;
        double recall = 0;
        double f1 = 0;
        long support = 0;
        for (PrecisionRecallF1 c : classes) {
            precision += c.support * c.precision;
            recall += c.support * c.recall;
            f1 += c.support * c.f1;
            support += c.support;
        }
        return support == 0 ? new PrecisionRecallF1(0, 0, 0, 0)
                : new PrecisionRecallF1(clamp(precision / support), clamp(recall / support),
                        clamp(f1 / support), support);
    }

    /** numerator / denominator, with 0/0 defined as 0. */
    static double ratio(long numerator, long denominator) {
        return denominator == 0 ? 0 : (double) numerator / denominator;
    }

    /** Rounding in a mean of values ≤ 1 can land one ulp above 1. */
    private static double clamp(double v) {
        return Math.min(1.0, v);
    }

    private static void requireUnit(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1], got " + value);
        }
    }
}
