package dev.descent.train;

import dev.descent.autodiff.Tape;
import dev.descent.autodiff.Variable;
import dev.descent.data.Batch;
import dev.descent.data.BatchOptions;
import dev.descent.data.Dataset;
import dev.descent.data.MiniBatches;
import dev.descent.loss.ClassificationLoss;
import dev.descent.metrics.ClassificationMetrics;
import dev.descent.metrics.ClassificationReport;
import dev.descent.nn.Layer;
import dev.descent.nn.Sequential;

/**
 * Evaluates a classifier without recording gradients, in evaluation mode (no dropout): the
 * mean loss, the accuracy and, on request, the full report (top-k, per-class precision,
 * recall and F1, confusion matrix).
 */
public final class Evaluator {
    private final int batchSize;
    private final Tape tape = Tape.noGradRecycling();
    private float[] exampleLosses = new float[0];

    /**
     * Activation values an evaluation batch may hold (16 MiB of floats). An MLP's examples
     * produce a few hundred values each, so its batches stay at the largest size; the
     * Fashion-MNIST CNN's produce about 126 000, so a batch of 1 024 would hold 500 MiB.
     */
    static final long ACTIVATION_BUDGET = 4L << 20;

    /**
     * The batch size to evaluate or predict with: {@code largest}, or fewer rows when the
     * model's examples produce many activations (a {@link Sequential} built from a
     * {@link dev.descent.nn.ModelSpec} knows how many), so that evaluating never needs much more
     * memory than training; at least 16.
     */
    public static int batchFor(Layer model, int largest) {
        if (model instanceof Sequential sequential && sequential.activationsPerExample() > 0) {
            long fits = ACTIVATION_BUDGET / sequential.activationsPerExample();
            return (int) Math.max(Math.min(16, largest), Math.min(largest, fits));
        }
        return largest;
    }

    public Evaluator(int batchSize) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("evaluation batch size must be positive, got " + batchSize);
        }
        this.batchSize = batchSize;
    }

    /**
     * The mean loss and accuracy on {@code data}, in evaluation mode; restores the model's
     * mode afterwards.
     */
    public Evaluation evaluate(Layer model, ClassificationLoss loss, Dataset data) {
        ClassificationReport report = report(model, loss, data, new int[0]);
        return new Evaluation(report.meanLoss().orElse(Double.NaN), report.accuracy(), (int) report.examples());
    }

    /**
     * The classification report on {@code data}: loss, accuracy, the given top-k accuracies
     * (those below the number of classes), per-class scores and the confusion matrix. The
     * data set's class names label the rows when it has them. Runs in evaluation mode and
     * restores the model's mode afterwards, so a model put in eval() for inference stays there.
     */
    public ClassificationReport report(Layer model, ClassificationLoss loss, Dataset data, int... topK) {
        int classes = Math.max(2, data.classes());
        int[] usableTopK = java.util.Arrays.stream(topK).filter(k -> k >= 1 && k < classes).toArray();
        ClassificationMetrics metrics = new ClassificationMetrics(classes).withTopK(usableTopK);
        boolean wasTraining = model.isTraining();
        model.eval();
        try {
            MiniBatches batches = new MiniBatches(data, BatchOptions.inOrder(batchSize));
            for (Batch batch : batches.nextEpoch()) {
                tape.reset();
                Variable logits = model.forward(tape.input(batch.features()));
                int rows = batch.size();
                if (exampleLosses.length < rows) {
                    exampleLosses = new float[rows];
                }
                loss.perExample(logits.value(), batch.labels(), exampleLosses);
                double lossSum = 0;
                for (int i = 0; i < rows; i++) {
                    lossSum += exampleLosses[i];
                }
                metrics.add(logits.value(), batch.labels(), rows, lossSum);
            }
            tape.reset();
        } finally {
            model.setTraining(wasTraining);
        }
        return data.classNames().isEmpty() ? metrics.report() : metrics.report(data.classNames());
    }
}
