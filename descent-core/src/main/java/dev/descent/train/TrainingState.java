package dev.descent.train;

import dev.descent.data.AugmentedBatches;
import dev.descent.data.BatchSource;
import dev.descent.data.MiniBatches;
import dev.descent.io.ModelWeights;
import dev.descent.nn.Layer;
import dev.descent.optim.Optimizer;
import dev.descent.optim.OptimizerState;
import dev.descent.optim.average.AveragedParameters;
import dev.descent.random.Rng;
import dev.descent.schedule.LearningRateSchedule;
import dev.descent.schedule.ReduceOnPlateau;
import dev.descent.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything a run needs to continue exactly where it stopped: the trainer's counters, the
 * model's weights and random generators, the optimizer's state, the data order's position, the
 * image augmentation's generator, a validation-driven schedule's state and the trainer's average
 * of the parameters ({@link Trainer#averageParameters}). Restored into
 * freshly built objects of the same configuration, training continues bit for bit as if it had
 * never stopped.
 *
 * @param batches the in-memory batch source's position, or null for a stream (which restarts
 *     its epoch)
 * @param plateau the reduce-on-plateau schedule's state, or null for a pure schedule
 * @param augmentationRng the state of the generator of the batches' image augmentation
 *     ({@link AugmentedBatches#generator()}), or null when the batches are not augmented
 * @param averaged the trainer's average of the parameters, or null when it keeps none
 */
public record TrainingState(int epochsDone, long steps, Map<String, Tensor> weights, Map<String, Long> generators,
                            OptimizerState optimizer, MiniBatches.Checkpoint batches, ReduceOnPlateau.State plateau,
                            Long augmentationRng, AveragedParameters.State averaged) {

    public TrainingState {
        weights = Map.copyOf(weights);
        generators = Map.copyOf(generators);
    }

    /** A state of a run that keeps no average of the parameters. */
    public TrainingState(int epochsDone, long steps, Map<String, Tensor> weights, Map<String, Long> generators,
                         OptimizerState optimizer, MiniBatches.Checkpoint batches, ReduceOnPlateau.State plateau,
                         Long augmentationRng) {
        this(epochsDone, steps, weights, generators, optimizer, batches, plateau, augmentationRng, null);
    }

    /** A state of a run whose batches are not augmented. */
    public TrainingState(int epochsDone, long steps, Map<String, Tensor> weights, Map<String, Long> generators,
                         OptimizerState optimizer, MiniBatches.Checkpoint batches, ReduceOnPlateau.State plateau) {
        this(epochsDone, steps, weights, generators, optimizer, batches, plateau, null, null);
    }

    /** A snapshot of a run between epochs (copies: later training does not change it). */
    public static TrainingState capture(Trainer trainer, Layer model, Optimizer optimizer,
                                        BatchSource batches, LearningRateSchedule schedule) {
        Map<String, Tensor> weights = new LinkedHashMap<>();
        ModelWeights.stateDict(model).forEach((name, value) -> weights.put(name, value.copy())); // with buffers
        Map<String, Long> generators = new LinkedHashMap<>();
        model.generators().forEach((name, rng) -> generators.put(name, rng.state()));
        MiniBatches inMemory = inMemory(batches);
        AugmentedBatches augmented = augmented(batches);
        AveragedParameters average = trainer.averagedParameters();
        return new TrainingState(trainer.epochsDone(), trainer.stepsDone(), weights, generators, optimizer.state(),
                inMemory == null ? null : inMemory.checkpoint(),
                schedule instanceof ReduceOnPlateau plateau ? plateau.state() : null,
                augmented == null ? null : augmented.generator().state(),
                average == null ? null : average.state());
    }

    /**
     * Puts this state into a freshly built run of the same configuration. Weights are matched
     * by name and shape; a mismatch is an error naming the parameter and both shapes, and
     * nothing is changed. The trainer must average as the saved run did (the same rule), or,
     * when the state holds no average, not yet have reached the rule's first averaged update.
     */
    public void restore(Trainer trainer, Layer model, Optimizer optimizer, BatchSource batches,
                        LearningRateSchedule schedule) {
        Map<String, Tensor> parameters = ModelWeights.stateDict(model);
        for (Map.Entry<String, Tensor> e : parameters.entrySet()) {
            Tensor saved = weights.get(e.getKey());
            if (saved == null) {
                throw new IllegalArgumentException("checkpoint: no weights for parameter '" + e.getKey() + "'; it holds "
                        + weights.keySet() + " (was it saved from another model?)");
            }
            if (!saved.shape().equals(e.getValue().shape())) {
                throw new IllegalArgumentException("checkpoint: parameter '" + e.getKey() + "' has shape "
                        + saved.shape() + " in the checkpoint but " + e.getValue().shape() + " in the model");
            }
        }
        for (String name : weights.keySet()) {
            if (!parameters.containsKey(name)) {
                throw new IllegalArgumentException("checkpoint: it holds weights for '" + name + "', which the model"
                        + " does not have; the model's parameters are " + parameters.keySet());
            }
        }
        AveragedParameters average = trainer.averagedParameters();
        requireAverageFits(average);
        optimizer.loadState(this.optimizer); // checks its own shapes before changing anything
        if (average != null && averaged != null) {
            average.loadState(averaged); // checked above
        } else if (average != null) {
            average.reset();
        }
        parameters.forEach((name, value) -> value.copyFrom(weights.get(name)));
        Map<String, Rng> modelGenerators = model.generators();
        modelGenerators.forEach((name, rng) -> {
            Long state = generators.get(name);
            if (state != null) {
                rng.setState(state);
            }
        });
        MiniBatches inMemory = inMemory(batches);
        if (inMemory != null && this.batches != null) {
            inMemory.restore(this.batches);
        }
        AugmentedBatches augmented = augmented(batches);
        if (augmented != null && augmentationRng != null) { // as for the model's generators: a state not saved stays
            augmented.generator().setState(augmentationRng);
        }
        if (schedule instanceof ReduceOnPlateau reduce && plateau != null) {
            reduce.restore(plateau);
        }
        trainer.restoreProgress(epochsDone, steps);
    }

    /** Refuses to restore a run whose averaging differs from the saved one's, before anything changes. */
    private void requireAverageFits(AveragedParameters average) {
        if (averaged != null && average == null) {
            throw new IllegalArgumentException("checkpoint: it holds an average of the parameters (" + averaged.rule()
                    + ", " + averaged.count() + " iterates) but this run keeps none; resume with the same averaging"
                    + " (training.average, Trainer.averageParameters)");
        }
        if (average == null) {
            return;
        }
        if (averaged == null) {
            long updates = optimizer.updates(); // what a rule counts: with accumulated gradients, fewer than steps
            long due = average.rule().averagedUpTo(updates);
            if (due > 0) {
                throw new IllegalArgumentException("checkpoint: it holds no average of the parameters, but this run's "
                        + average.rule() + " would have averaged " + due + " iterate" + (due == 1 ? "" : "s")
                        + " by update " + updates + "; resume without averaging, or start the run again with it");
            }
            return;
        }
        try {
            average.requireLoadable(averaged); // the same rule, every parameter with its shape
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("checkpoint: " + e.getMessage(), e);
        }
    }

    private static MiniBatches inMemory(BatchSource batches) {
        return BatchSource.find(batches, MiniBatches.class);
    }

    /** The augmentation among the wrappers of {@code batches}, or null. */
    private static AugmentedBatches augmented(BatchSource batches) {
        return BatchSource.find(batches, AugmentedBatches.class);
    }
}
