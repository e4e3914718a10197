package dev.descent.train;

import dev.descent.metrics.RegressionReport;

/**
 * A model's loss on a data set, with its accuracy (classification; NaN for regression) and,
 * for regression, RMSE, MAE and R².
 *
 * @param regression the regression scores, or null for a classifier
 */
public record Evaluation(double loss, double accuracy, int examples, RegressionReport regression) {

    /** A classifier's loss and accuracy. */
    public Evaluation(double loss, double accuracy, int examples) {
        this(loss, accuracy, examples, null);
    }
}
