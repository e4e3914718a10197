package dev.descent.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The text rendering, character for character against scikit-learn 1.2.1's classification_report. */
class ClassificationReportTest {

    @Test
    void tableMatchesScikitLearnWithClassNames() {
        ClassificationMetrics metrics = new ClassificationMetrics(3);
        metrics.add(Tensor.of(ClassificationMetricsTest.SCORES, 12, 3), ClassificationMetricsTest.LABELS, 12);

        // classification_report(y_true, y_pred, labels=[0,1,2], target_names=["cat","dog","bird"],
        //                       zero_division=0)
        assertThat(metrics.report(List.of("cat", "dog", "bird")).toTable()).isEqualTo(""
                + "              precision    recall  f1-score   support\n"
                + "\n"
                + "         cat       0.50      0.50      0.50         4\n"
                + "         dog       0.50      0.67      0.57         3\n"
                + "        bird       0.75      0.60      0.67         5\n"
                + "\n"
                + "    accuracy                           0.58        12\n"
                + "   macro avg       0.58      0.59      0.58        12\n"
                + "weighted avg       0.60      0.58      0.59        12\n");
    }

    @Test
    void tableMatchesScikitLearnWithFourDigits() {
        ClassificationMetrics metrics = new ClassificationMetrics(3);
        metrics.add(Tensor.of(ClassificationMetricsTest.SCORES, 12, 3), ClassificationMetricsTest.LABELS, 12);

        // classification_report(y_true, y_pred, labels=[0,1,2], zero_division=0, digits=4)
        assertThat(metrics.report().toTable(4)).isEqualTo(""
                + "              precision    recall  f1-score   support\n"
                + "\n"
                + "           0     0.5000    0.5000    0.5000         4\n"
                + "           1     0.5000    0.6667    0.5714         3\n"
                + "           2     0.7500    0.6000    0.6667         5\n"
                + "\n"
                + "    accuracy                         0.5833        12\n"
                + "   macro avg     0.5833    0.5889    0.5794        12\n"
                + "weighted avg     0.6042    0.5833    0.5873        12\n");
    }

    @Test
    void exactTiesRoundHalfToEvenAsPythonDoes() {
        ClassificationMetrics metrics = new ClassificationMetrics(2);
        float[] logits = {2.5f, -0.3f, 0.0f, 1.2f, -4.0f, 0.7f, -0.1f, -3.0f};
        metrics.add(Tensor.of(logits, 8, 1), new int[] {1, 0, 0, 0, 0, 1, 1, 1}, 8);

        // classification_report(y_true, z > 0, target_names=["negative","positive"], zero_division=0):
        // accuracy 0.625 prints as 0.62, where Java's %.2f would print 0.63.
        assertThat(metrics.report(List.of("negative", "positive")).toTable()).isEqualTo(""
                + "              precision    recall  f1-score   support\n"
                + "\n"
                + "    negative       0.60      0.75      0.67         4\n"
                + "    positive       0.67      0.50      0.57         4\n"
                + "\n"
                + "    accuracy                           0.62         8\n"
                + "   macro avg       0.63      0.62      0.62         8\n"
                + "weighted avg       0.63      0.62      0.62         8\n");
    }

    @Test
    void topKAndLossFollowTheAverages() {
        ClassificationMetrics metrics = new ClassificationMetrics(3).withTopK(2);
        metrics.add(Tensor.of(ClassificationMetricsTest.SCORES, 12, 3), ClassificationMetricsTest.LABELS, 12, 12 * 0.693147);

        assertThat(metrics.report(List.of("cat", "dog", "bird")).toTable()).isEqualTo(""
                + "                precision    recall  f1-score   support\n"
                + "\n"
                + "           cat       0.50      0.50      0.50         4\n"
                + "           dog       0.50      0.67      0.57         3\n"
                + "          bird       0.75      0.60      0.67         5\n"
                + "\n"
                + "      accuracy                           0.58        12\n"
                + "     macro avg       0.58      0.59      0.58        12\n"
                + "  weighted avg       0.60      0.58      0.59        12\n"
                + "\n"
                + "top-2 accuracy                           0.92        12\n"
                + "     mean loss                         0.6931        12\n");
    }

    @Test
    void longClassNamesWidenTheFirstColumn() {
        ClassificationMetrics metrics = new ClassificationMetrics(2);
        metrics.add(Tensor.of(new float[] {1, 0, 0, 1}, 2, 2), new int[] {0, 1}, 2);
        String table = metrics.report(List.of("a rather long name", "b")).toTable();

        assertThat(table.lines().toList()).contains(
                "a rather long name       1.00      1.00      1.00         1",
                "                 b       1.00      1.00      1.00         1",
                "      weighted avg       1.00      1.00      1.00         2");
    }

    @Test
    void confusionMatrixTableUsesTheClassNames() {
        ClassificationReport report = ClassificationMetricsTest.threeClassReport();

        assertThat(report.confusionMatrixTable()).isEqualTo(""
                + "true\\pred  cat  dog  bird\n"
                + "      cat    2    1     1\n"
                + "      dog    1    2     0\n"
                + "     bird    1    1     3\n");
    }

    @Test
    void numbersFormatLikePython() {
        assertThat(ClassificationReport.fixed(0.125, 2)).isEqualTo("0.12");  // exact tie: to even
        assertThat(ClassificationReport.fixed(0.375, 2)).isEqualTo("0.38");
        assertThat(ClassificationReport.fixed(0.145, 2)).isEqualTo("0.14");  // 0.14499999… in binary
        assertThat(ClassificationReport.fixed(2.0 / 3, 4)).isEqualTo("0.6667");
        assertThat(ClassificationReport.fixed(1, 0)).isEqualTo("1");
        assertThat(ClassificationReport.fixed(-0.001, 2)).isEqualTo("-0.00");
        assertThat(ClassificationReport.fixed(Double.NaN, 2)).isEqualTo("nan");
    }

    @Test
    void theRecordCopiesAndChecksItsParts() {
        TreeMap<Integer, Double> topK = new TreeMap<>(Map.of(2, 0.5));
        ConfusionMatrix matrix = ConfusionMatrix.of(new long[][] {{1, 0}, {1, 0}});
        ClassificationReport report = new ClassificationReport(List.of("a", "b"), matrix, topK, OptionalDouble.empty());
        topK.put(3, 1.0);

        assertThat(report.topKAccuracy()).containsOnlyKeys(2);
        assertThat(report.withClassNames(List.of("x", "y")).classNames()).containsExactly("x", "y");
        assertThatThrownBy(() -> new ClassificationReport(List.of("a", "b"), matrix, new TreeMap<>(Map.of(2, 1.5)),
                OptionalDouble.empty())).hasMessage("top-2 accuracy must be in [0, 1], got 1.5");
        assertThatThrownBy(() -> report.toTable(-1)).hasMessage("digits must be in 0..17, got -1");
    }
}
