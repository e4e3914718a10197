package dev.descent.train;

import dev.descent.autodiff.Variable;
import dev.descent.data.Batch;
import java.util.List;

/**
 * Where a training step's gradient comes from and how its parts are combined: the seam
 * between the one {@link Trainer} and where the work runs. By default the trainer computes the
 * gradient itself, on the batch's rows, with a forward and a backward pass. A source set with
 * {@link Trainer#gradientsFrom} computes it elsewhere, for example summed over the partitions
 * of a cluster, and the trainer keeps everything else: the optimizer and its schedule, the
 * divergence checks, callbacks, checkpoints and evaluation.
 *
 * <p>A source only ever sees the batches the trainer's {@link dev.descent.data.BatchSource}
 * hands out, so the sequence of batches, and with it the run, is fixed by the seed as in a
 * local run; the batch's {@link Batch#exampleIndices()} say which rows to use.
 */
public interface GradientSource {

    /**
     * Computes the mean loss of {@code batch} at the model's current weights and writes its
     * gradient into every parameter's gradient buffer (through
     * {@link Variable#gradForOverwrite()}; the trainer has zeroed them). The weights are not
     * changed. Importance weights apply when {@code weighted}.
     *
     * @param parameters the model's parameters, in the order of {@code Layer.parameters()}
     * @return the batch's mean loss (NaN or infinite if it diverged: the trainer stops without
     *     applying the gradient)
     */
    float lossAndGradients(Batch batch, boolean weighted, List<Variable> parameters);

    /** Outputs per example of the model (classes, or regression targets), for the divergence bound. */
    int outputWidth();
}
