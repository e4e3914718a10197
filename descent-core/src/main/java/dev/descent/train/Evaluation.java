package dev.descent.train;

/** Loss and accuracy of a classifier on a data set. */
public record Evaluation(double loss, double accuracy, int examples) {
}
