package dev.descent.train;

import dev.descent.autodiff.Tape;
import dev.descent.autodiff.Variable;
import dev.descent.data.Batch;
import dev.descent.data.BatchSource;
import dev.descent.data.Dataset;
import dev.descent.data.InformativeSampler;
import dev.descent.data.MiniBatches;
import dev.descent.data.PrefetchingBatches;
import dev.descent.data.Sampler;
import dev.descent.loss.ClassificationLoss;
import dev.descent.nn.Module;
import dev.descent.optim.Optimizer;
import dev.descent.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Mini-batch training of a classifier: for each batch, forward, loss, backward, update;
 * after each epoch, evaluation on the validation set.
 *
 * <p>One tape is reused for every step, so after the first step its buffers are recycled
 * rather than allocated. A NaN or infinite loss stops training with
 * {@link TrainingDivergedException}.
 */
public final class ClassifierTrainer {
    private final Module model;
    private final ClassificationLoss loss;
    private final Optimizer optimizer;
    private final Tape tape = new Tape();
    private float[] exampleLosses = new float[0];
    private Tensor lastLogits;
    private long step;

    public ClassifierTrainer(Module model, ClassificationLoss loss, Optimizer optimizer) {
        this.model = model;
        this.loss = loss;
        this.optimizer = optimizer;
    }

    /** One update on one batch; returns the batch's loss before the update. */
    public float step(Tensor features, int[] labels) {
        return step(features, labels, null);
    }

    /**
     * One update on one batch of a sampler: applies its importance weights when it has them
     * and tells an {@link InformativeSampler} each example's latest loss.
     */
    public float step(Batch batch, Sampler sampler) {
        float value = step(batch.features(), batch.labels(), sampler.importanceWeighted() ? batch.weights() : null);
        if (sampler instanceof InformativeSampler informative) {
            if (exampleLosses.length != batch.size()) {
                exampleLosses = new float[batch.size()];
            }
            loss.perExample(lastLogits, batch.labels(), exampleLosses);
            informative.reportLosses(batch.exampleIndices(), exampleLosses, batch.size());
        }
        return value;
    }

    private float step(Tensor features, int[] labels, float[] weights) {
        tape.reset();
        Variable logits = model.forward(tape.input(features));
        lastLogits = logits.value();
        Variable batchLoss = weights == null ? loss.compute(logits, labels) : loss.compute(logits, labels, weights);
        float value = batchLoss.item();
        optimizer.zeroGrad();
        batchLoss.backward();
        optimizer.step();
        step++;
        return value;
    }

    /** The sampler behind an in-memory source (possibly prefetched), or null for a stream. */
    private static Sampler samplerOf(BatchSource batches) {
        if (batches instanceof PrefetchingBatches prefetching) {
            return samplerOf(prefetching.source());
        }
        return batches instanceof MiniBatches miniBatches ? miniBatches.sampler() : null;
    }

    /** Updates done so far. */
    public long stepsDone() {
        return step;
    }

    /**
     * Trains for {@code epochs} passes over {@code batches}, evaluating on {@code validation} (if not null)
     * after each and handing the report to {@code onEpoch} as soon as it is known.
     */
    public List<EpochReport> fit(BatchSource batches, int epochs, Dataset validation, Evaluator evaluator,
                                 Consumer<EpochReport> onEpoch) {
        Sampler sampler = samplerOf(batches);
        if (epochs <= 0) {
            throw new IllegalArgumentException("epochs must be positive, got " + epochs);
        }
        model.train();
        List<EpochReport> reports = new ArrayList<>();
        for (int epoch = 1; epoch <= epochs; epoch++) {
            double lossSum = 0;
            long examples = 0;
            long start = System.nanoTime();
            for (Batch batch : batches.nextEpoch()) {
                float batchLoss = sampler == null ? step(batch.features(), batch.labels()) : step(batch, sampler);
                if (!Float.isFinite(batchLoss)) {
                    throw new TrainingDivergedException("training diverged: the loss is " + batchLoss
                            + " at epoch " + epoch + ", step " + step + " (learning rate "
                            + optimizer.learningRate() + "); try a smaller learning rate, e.g. "
                            + optimizer.learningRate() / 10);
                }
                lossSum += (double) batchLoss * batch.size();
                examples += batch.size();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Evaluation validationResult = validation == null ? null : evaluator.evaluate(model, loss, validation);
            EpochReport report = new EpochReport(epoch, step, optimizer.learningRate(), lossSum / examples,
                    validationResult, examples / seconds, seconds);
            reports.add(report);
            onEpoch.accept(report);
        }
        return reports;
    }
}
