package dev.descent.train;

import dev.descent.autodiff.Variable;
import dev.descent.data.Batch;
import dev.descent.data.Dataset;
import dev.descent.data.Examples;
import dev.descent.loss.ClassificationLoss;
import dev.descent.nn.Layer;
import dev.descent.tensor.Tensor;

/** Class labels, a {@link ClassificationLoss} on the logits, scored by loss and accuracy. */
record ClassificationObjective(ClassificationLoss lossFunction) implements Objective {
    private static final int EVALUATION_BATCH = 1024;

    @Override
    public String task() {
        return "classification";
    }

    @Override
    public boolean classification() {
        return true;
    }

    @Override
    public Variable loss(Variable predictions, Batch batch, boolean weighted) {
        if (batch.targets() != null) {
            throw new IllegalArgumentException("a classification objective needs batches of class labels; these hold"
                    + " real-valued targets");
        }
        return weighted ? lossFunction.compute(predictions, batch.labels(), batch.weights())
                : lossFunction.compute(predictions, batch.labels());
    }

    @Override
    public boolean hasPerExampleForm() {
        return true;
    }

    @Override
    public void perExample(Tensor predictions, Batch batch, float[] out) {
        lossFunction.perExample(predictions, batch.labels(), out);
    }

    @Override
    public Evaluation evaluate(Layer model, Examples data) {
        requireTargets(data);
        return new Evaluator(Evaluator.batchFor(model, EVALUATION_BATCH)).evaluate(model, lossFunction, (Dataset) data);
    }
}
