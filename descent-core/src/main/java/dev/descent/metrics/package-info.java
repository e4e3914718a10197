/**
 * Evaluation metrics accumulated batch by batch, so that a pass over a large data set keeps
 * counts and sums rather than every prediction, and allocates nothing per batch.
 *
 * <ul>
 *   <li>{@link dev.descent.metrics.ClassificationMetrics} accumulates class scores and labels
 *       into a {@link dev.descent.metrics.ClassificationReport}: accuracy, top-k accuracy, the
 *       {@link dev.descent.metrics.ConfusionMatrix}, per-class
 *       {@link dev.descent.metrics.PrecisionRecallF1} with macro and weighted averages, and the
 *       mean loss, rendered like scikit-learn's {@code classification_report}.</li>
 *   <li>{@link dev.descent.metrics.RegressionMetrics} accumulates predictions and targets into a
 *       {@link dev.descent.metrics.RegressionReport}: RMSE, MAE, R² and the maximum error.</li>
 * </ul>
 *
 * <p>Conventions shared by the package: the highest score wins and ties go to the lowest class
 * index; a row of scores holding a NaN predicts nothing and counts as wrong; a ratio 0/0 is
 * defined as 0 (scikit-learn's {@code zero_division=0}).
 */
package dev.descent.metrics;
