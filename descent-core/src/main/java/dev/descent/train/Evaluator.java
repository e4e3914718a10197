package dev.descent.train;

import dev.descent.autodiff.Tape;
import dev.descent.autodiff.Variable;
import dev.descent.data.Batch;
import dev.descent.data.BatchOptions;
import dev.descent.data.Dataset;
import dev.descent.data.MiniBatches;
import dev.descent.loss.ClassificationLoss;
import dev.descent.nn.Module;
import dev.descent.tensor.Tensor;

/** Evaluates a classifier without recording gradients, in evaluation mode (no dropout). */
public final class Evaluator {
    private final int batchSize;
    private final Tape tape = Tape.noGrad();

    public Evaluator(int batchSize) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("evaluation batch size must be positive, got " + batchSize);
        }
        this.batchSize = batchSize;
    }

    public Evaluation evaluate(Module model, ClassificationLoss loss, Dataset data) {
        model.eval();
        try {
            double totalLoss = 0;
            long correct = 0;
            MiniBatches batches = new MiniBatches(data, BatchOptions.inOrder(batchSize));
            for (Batch batch : batches.nextEpoch()) {
                tape.reset();
                Variable logits = model.forward(tape.input(batch.features()));
                int rows = batch.size();
                totalLoss += (double) loss.compute(logits, batch.labels()).item() * rows;
                correct += countCorrect(logits.value(), batch.labels());
            }
            tape.reset();
            int n = data.size();
            return new Evaluation(totalLoss / n, (double) correct / n, n);
        } finally {
            model.train();
        }
    }

    /** Rows whose highest logit is at the label (a single logit column means p ≥ ½ ⇔ class 1). */
    static long countCorrect(Tensor logits, int[] labels) {
        int rows = logits.dim(0);
        int columns = logits.size() / Math.max(1, rows);
        float[] z = logits.data();
        long correct = 0;
        for (int r = 0; r < rows; r++) {
            int predicted;
            if (columns == 1) {
                predicted = z[r] >= 0f ? 1 : 0;
            } else {
                predicted = 0;
                int o = r * columns;
                for (int c = 1; c < columns; c++) {
                    if (z[o + c] > z[o + predicted]) {
                        predicted = c;
                    }
                }
            }
            if (predicted == labels[r]) {
                correct++;
            }
        }
        return correct;
    }
}
