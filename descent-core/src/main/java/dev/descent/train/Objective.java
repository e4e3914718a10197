package dev.descent.train;

import dev.descent.autodiff.Variable;
import dev.descent.data.Batch;
import dev.descent.data.Examples;
import dev.descent.loss.ClassificationLoss;
import dev.descent.loss.RegressionLoss;
import dev.descent.nn.Layer;
import dev.descent.tensor.Tensor;

/**
 * What training minimises and how a model is scored, for one kind of target: the seam between
 * the one {@link Trainer} and the task. {@link #of(ClassificationLoss)} takes class labels and
 * scores loss and accuracy; {@link #of(RegressionLoss)} takes real-valued targets and scores
 * loss, RMSE, MAE and R².
 */
public sealed interface Objective permits ClassificationObjective, RegressionObjective {

    /** An objective on class labels, e.g. {@code Objective.of(new SoftmaxCrossEntropy())}. */
    static Objective of(ClassificationLoss loss) {
        return new ClassificationObjective(loss);
    }

    /** An objective on real-valued targets, e.g. {@code Objective.of(new MeanSquaredError())}. */
    static Objective of(RegressionLoss loss) {
        return new RegressionObjective(loss);
    }

    /** {@code classification} or {@code regression}: names the task in messages. */
    String task();

    /** Whether the batches must carry class labels (otherwise regression targets). */
    boolean classification();

    /** The batch's mean loss, importance-weighted by the batch's weights when {@code weighted}. */
    Variable loss(Variable predictions, Batch batch, boolean weighted);

    /** Whether {@link #perExample} and weighted losses exist (importance-weighted and informative samplers need them). */
    boolean hasPerExampleForm();

    /** Each example's loss, from the predictions' values, into {@code out}. */
    void perExample(Tensor predictions, Batch batch, float[] out);

    /**
     * The model's loss (and accuracy, or regression scores) on {@code data}, without recording
     * gradients, in evaluation mode; the model's mode is restored afterwards.
     *
     * @throws IllegalArgumentException when {@code data}'s targets are not this task's
     */
    Evaluation evaluate(Layer model, Examples data);

    /** The loss, for reports: {@code SoftmaxCrossEntropy(...)}, {@code MeanSquaredError()}. */
    Object lossFunction();

    /** Checks that {@code data} holds this task's targets, naming both. */
    default void requireTargets(Examples data) {
        boolean labels = data.targetCount() == 0;
        if (labels != classification()) {
            throw new IllegalArgumentException("dataset '" + data.name() + "' holds " + (labels ? "class labels"
                    : data.targetCount() + " real-valued target" + (data.targetCount() == 1 ? "" : "s")) + ", but the"
                    + " objective is " + task() + " (" + lossFunction() + ")");
        }
    }
}
