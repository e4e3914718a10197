package dev.descent.train;

import dev.descent.autodiff.Tape;
import dev.descent.autodiff.Variable;
import dev.descent.data.Batch;
import dev.descent.data.BatchSource;
import dev.descent.data.Examples;
import dev.descent.data.InformativeSampler;
import dev.descent.data.MiniBatches;
import dev.descent.data.Sampler;
import dev.descent.kernel.KernelProvider;
import dev.descent.kernel.Kernels;
import dev.descent.loss.ClassificationLoss;
import dev.descent.loss.RegressionLoss;
import dev.descent.nn.Layer;
import dev.descent.optim.Optimizer;
import dev.descent.optim.average.AveragedParameters;
import dev.descent.optim.average.AveragingRule;
import dev.descent.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Mini-batch training of any supervised model: for each batch, forward, loss, backward,
 * update; after each epoch, evaluation on the validation set. The {@link Objective} says what
 * the targets are (class labels, or real values) and how the model is scored; everything else
 * (callbacks, budgets, checkpoints, samplers, prefetching) is the same for every task.
 *
 * <pre>{@code
 * Trainer trainer = new Trainer(model, Objective.of(new SoftmaxCrossEntropy()), optimizer)
 *         .addCallback(new EarlyStopping(EarlyStopping.Metric.VALIDATION_LOSS, 3, 0, true));
 * trainer.fit(new MiniBatches(train, BatchOptions.shuffled(64, seed)), 20, validation, report -> { });
 * }</pre>
 *
 * <p>One tape is reused for every step, so after the first step its buffers are recycled
 * rather than allocated. A NaN or infinite loss or gradient stops training with
 * {@link TrainingDivergedException} before the update that would spoil the weights, so they
 * stay those of the last good step. {@link TrainingCallback}s add early stopping, time limits,
 * checkpoints and logs; {@link #restoreProgress} continues a run from a checkpoint. Settings a
 * task cannot use (validation accuracy for regression, importance weights for a loss without
 * a per-example form, batches of the other task's targets) are refused before the first step.
 */
public final class Trainer {
    private final Layer model;
    private final Objective objective;
    private final Optimizer optimizer;
    private final Tape tape = Tape.recycling();
    private float[] exampleLosses = new float[0];
    private Tensor lastPredictions;
    private final List<TrainingCallback> callbacks = new ArrayList<>();
    private final TrainingContext context;
    private final List<Variable> parameters;
    private static final Kernels K = KernelProvider.kernels();
    private long step;
    private int epochsDone;
    private int evaluateEvery = 1;
    private double divergenceFactor = DEFAULT_DIVERGENCE_FACTOR;
    /** The largest of this fit's first {@value #REFERENCE_STEPS} loss(es): the scale a diverging loss is measured against. */
    private double referenceLoss = Double.NaN;
    private int referenceSteps;
    private int outputWidth;
    /** The bound applies inside {@link #fit} only: a caller stepping by hand sees every finite loss. */
    private boolean boundingLoss;
    /** Null: the gradient is computed here, on the tape; otherwise it comes from this source. */
    private GradientSource gradientSource;
    /** Null: no iterate averaging; otherwise updated after every update and used for validation. */
    private AveragedParameters average;

    /** A loss this many times the first steps' is taken as divergence unless told otherwise. */
    public static final double DEFAULT_DIVERGENCE_FACTOR = 100;
    private static final int REFERENCE_STEPS = 1;

    public Trainer(Layer model, Objective objective, Optimizer optimizer) {
        this.model = model;
        this.objective = objective;
        this.optimizer = optimizer;
        this.context = new TrainingContext(model, optimizer, objective);
        this.parameters = model.parameters();
    }

    /** A classifier's trainer: {@code new Trainer(model, Objective.of(loss), optimizer)}. */
    public Trainer(Layer model, ClassificationLoss loss, Optimizer optimizer) {
        this(model, Objective.of(loss), optimizer);
    }

    /** A regression model's trainer: {@code new Trainer(model, Objective.of(loss), optimizer)}. */
    public Trainer(Layer model, RegressionLoss loss, Optimizer optimizer) {
        this(model, Objective.of(loss), optimizer);
    }

    public Objective objective() {
        return objective;
    }

    /** Adds a callback; callbacks run in the order added. */
    public Trainer addCallback(TrainingCallback callback) {
        callbacks.add(callback);
        return this;
    }

    /**
     * Evaluates on the validation set only every {@code epochs} epochs (and after the last);
     * the other epochs' reports have no validation.
     */
    public Trainer evaluateEvery(int epochs) {
        if (epochs < 1) {
            throw new IllegalArgumentException("evaluate every must be ≥ 1 epoch, got " + epochs);
        }
        this.evaluateEvery = epochs;
        return this;
    }

    /**
     * In {@link #fit}, stops training with {@link TrainingDivergedException} when a batch loss exceeds
     * {@code factor} times the fit's first loss, taken before any update (for a classifier with K ≥ 2
     * outputs, and at least 10·ln K, ten times the loss of a uniform guess): a loss that explodes
     * without reaching infinity, as a far too large learning rate makes it, is caught too. The
     * default is {@value #DEFAULT_DIVERGENCE_FACTOR}; {@code Double.POSITIVE_INFINITY} keeps only
     * the NaN and infinity checks.
     */
    public Trainer divergenceFactor(double factor) {
        if (!(factor > 1)) {
            throw new IllegalArgumentException("the divergence factor must be > 1 (a multiple of the first losses),"
                    + " got " + factor);
        }
        this.divergenceFactor = factor;
        return this;
    }

    /**
     * Takes each step's gradient from {@code source} (for example, summed over a cluster's
     * partitions) instead of computing it here; null computes it here again. Everything else
     * about a step is unchanged: the loss checks, the optimizer and its schedule, callbacks.
     * Samplers that learn from each example's loss ({@link InformativeSampler}) need the
     * predictions here and are refused by {@link #fit}.
     */
    public Trainer gradientsFrom(GradientSource source) {
        this.gradientSource = source;
        return this;
    }

    /**
     * Keeps an average of the model's parameters under {@code rule} (Polyak–Ruppert, EMA, SWA:
     * {@link dev.descent.optim.average}), updated after every update of the optimizer (every
     * k-th step when it accumulates gradients over k), in {@link #step} as in {@link #fit}; the
     * rule counts the optimizer's updates. Null stops averaging. Once it holds an iterate,
     * {@link #fit} validates the averaged weights (swapped in for the evaluation, then out again:
     * training goes on from the iterate); {@link TrainingState} saves it and restores it. The model itself keeps the
     * iterate: to test or save the average, use {@link AveragedParameters#withAveragedWeights} or
     * {@link AveragedParameters#swap} on {@link #averagedParameters()}. Early stopping that restores
     * the best weights is refused by {@link #fit}, as the best epoch's average is not kept.
     *
     * <pre>{@code
     * Trainer trainer = new Trainer(model, new SoftmaxCrossEntropy(), new Sgd(0.05).build(model.namedParameters()))
     *         .averageParameters(new PolyakAveraging(1_000));
     * for (Batch b : batches.nextEpoch()) trainer.step(b.features(), b.labels());
     * Evaluation averaged = trainer.averagedParameters()
     *         .withAveragedWeights(() -> evaluator.evaluate(model, new SoftmaxCrossEntropy(), validation));
     * }</pre>
     */
    public Trainer averageParameters(AveragingRule rule) {
        this.average = rule == null ? null : AveragedParameters.of(rule, model.namedParameters());
        return this;
    }

    /** The average kept under {@link #averageParameters}, or null. */
    public AveragedParameters averagedParameters() {
        return average;
    }

    /** Epochs finished so far (including those restored from a checkpoint). */
    public int epochsDone() {
        return epochsDone;
    }

    /** Continues a run: the next epoch is {@code epochsDone + 1}; the optimizer and data restore their own state. */
    public void restoreProgress(int doneEpochs, long doneSteps) {
        if (doneEpochs < 0 || doneSteps < 0) {
            throw new IllegalArgumentException("progress must be ≥ 0, got " + doneEpochs + " epochs and " + doneSteps
                    + " steps");
        }
        this.epochsDone = doneEpochs;
        this.step = doneSteps;
    }

    /** Why the last {@link #fit} stopped before its last epoch, or null. */
    public String stopReason() {
        return context.stopReason();
    }

    /** One update on one batch of class labels; returns the batch's loss before the update. */
    public float step(Tensor features, int[] labels) {
        if (!objective.classification()) {
            throw new IllegalStateException("step(features, labels) takes class labels, but this trainer's objective"
                    + " is " + objective.task() + "; use step(batch, sampler)");
        }
        tape.reset();
        Variable logits = model.forward(tape.input(features));
        lastPredictions = logits.value();
        outputWidth = lastPredictions.rank() == 2 ? lastPredictions.dim(1) : 1;
        return update(((ClassificationObjective) objective).lossFunction().compute(logits, labels));
    }

    /**
     * One update on one batch of a sampler: applies its importance weights when it has them
     * and tells an {@link InformativeSampler} each example's latest loss. {@code sampler} may be
     * null for batches from a stream.
     */
    public float step(Batch batch, Sampler sampler) {
        boolean weighted = sampler != null && sampler.importanceWeighted();
        if (gradientSource != null) {
            optimizer.zeroGrad();
            float value = gradientSource.lossAndGradients(batch, weighted, parameters);
            outputWidth = gradientSource.outputWidth();
            lastPredictions = null;
            requireUsableLoss(value);
            return apply(value);
        }
        tape.reset();
        Variable predictions = model.forward(tape.input(batch.features()));
        lastPredictions = predictions.value();
        outputWidth = lastPredictions.rank() == 2 ? lastPredictions.dim(1) : 1;
        float value = update(objective.loss(predictions, batch, weighted));
        if (sampler instanceof InformativeSampler informative) {
            if (exampleLosses.length != batch.size()) {
                exampleLosses = new float[batch.size()];
            }
            objective.perExample(lastPredictions, batch, exampleLosses);
            informative.reportLosses(batch.exampleIndices(), exampleLosses, batch.size());
        }
        return value;
    }

    private float update(Variable batchLoss) {
        float value = batchLoss.item();
        requireUsableLoss(value);
        optimizer.zeroGrad();
        batchLoss.backward();
        return apply(value);
    }

    private void requireUsableLoss(float value) {
        if (!Float.isFinite(value)) {
            throw diverged("the loss is " + value);
        }
        requireBoundedLoss(value);
    }

    /** Checks the gradients in the parameters' buffers and updates the weights with them. */
    private float apply(float value) {
        requireFiniteGradients();
        if (average != null && average.swapped()) {
            throw new IllegalStateException("the averaged weights are in the model: swap() them back before training"
                    + " on (averagedParameters().swap())");
        }
        long updates = optimizer.stepsDone();
        optimizer.step();
        step++;
        if (average != null && optimizer.stepsDone() != updates) { // accumulating gradients: not every step updates
            average.update(optimizer.stepsDone());
        }
        return value;
    }

    /** The divergence guard's second half: a finite loss far above the fit's first losses. */
    private void requireBoundedLoss(float value) {
        if (!boundingLoss) {
            return;
        }
        if (referenceSteps < REFERENCE_STEPS) {
            referenceLoss = referenceSteps == 0 ? value : Math.max(referenceLoss, value);
            referenceSteps++;
            return;
        }
        double bound = divergenceFactor * referenceLoss;
        if (objective.classification() && outputWidth >= 2) {
            bound = Math.max(bound, 10 * Math.log(outputWidth));
        }
        if (value > bound) {
            throw diverged(String.format(java.util.Locale.ROOT, "the loss is %.4g, more than %.4g (%s × %.4g, the"
                    + " first loss of this run; training.divergence_factor sets the multiple)", value, bound,
                    divergenceFactor, referenceLoss));
        }
    }

    /** A vectorised scan that allocates nothing: a small fraction of a step. */
    private void requireFiniteGradients() {
        for (Variable p : parameters) {
            Tensor grad = p.grad();
            if (grad != null && !K.allFinite(grad.size(), grad.data(), 0)) {
                throw diverged("a gradient is NaN or infinite");
            }
        }
    }

    private TrainingDivergedException diverged(String what) {
        double lr = optimizer.learningRate();
        return new TrainingDivergedException("training diverged: " + what + " at epoch " + (epochsDone + 1)
                + ", step " + (step + 1) + " (learning rate " + lr + "); the weights are those of the last good step."
                + " Try a smaller learning rate, e.g. " + lr / 10);
    }

    /** The sampler behind an in-memory source (possibly prefetched or augmented), or null for a stream. */
    private static Sampler samplerOf(BatchSource batches) {
        MiniBatches inMemory = BatchSource.find(batches, MiniBatches.class);
        return inMemory == null ? null : inMemory.sampler();
    }

    /** Updates done so far. */
    public long stepsDone() {
        return step;
    }

    /**
     * Trains until {@code epochs} epochs are done in all (continuing after
     * {@link #restoreProgress}), evaluating on {@code validation} (if not null) after each and
     * handing the report to {@code onEpoch}, then to the callbacks. Stops early when a callback
     * asks to ({@link #stopReason()} says why).
     *
     * @throws IllegalArgumentException before the first step, naming the setting, when the data
     *     or a callback does not fit the objective's task
     */
    public List<EpochReport> fit(BatchSource batches, int epochs, Examples validation, Consumer<EpochReport> onEpoch) {
        Sampler sampler = samplerOf(batches);
        if (epochs <= 0) {
            throw new IllegalArgumentException("epochs must be positive, got " + epochs);
        }
        requireFits(batches, sampler, validation);
        for (TrainingCallback callback : callbacks) {
            callback.onTrainStart(context);
        }
        model.train();
        referenceSteps = 0;
        boundingLoss = true;
        try {
            return epochs(batches, sampler, epochs, validation, onEpoch);
        } finally {
            boundingLoss = false;
        }
    }

    private List<EpochReport> epochs(BatchSource batches, Sampler sampler, int epochs, Examples validation,
                                     Consumer<EpochReport> onEpoch) {
        List<EpochReport> reports = new ArrayList<>();
        while (epochsDone < epochs && context.stopReason() == null) {
            int epoch = epochsDone + 1;
            double lossSum = 0;
            long examples = 0;
            long start = System.nanoTime();
            for (Batch batch : batches.nextEpoch()) {
                float batchLoss = step(batch, sampler);
                lossSum += (double) batchLoss * batch.size();
                examples += batch.size();
                context.advance(epoch, step, batchLoss, lossSum / examples, examples);
                for (TrainingCallback callback : callbacks) {
                    callback.onStepEnd(context);
                }
                if (context.stopReason() != null) {
                    break;
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            boolean last = epoch == epochs || context.stopReason() != null;
            Evaluation validationResult = validation == null || (epoch % evaluateEvery != 0 && !last) ? null
                    : validate(validation);
            epochsDone = epoch;
            EpochReport report = new EpochReport(epoch, step, optimizer.learningRate(), lossSum / Math.max(1, examples),
                    validationResult, examples / seconds, seconds);
            reports.add(report);
            onEpoch.accept(report);
            for (TrainingCallback callback : callbacks) {
                callback.onEpochEnd(report, context);
            }
        }
        for (TrainingCallback callback : callbacks) {
            callback.onTrainEnd(context);
        }
        return reports;
    }

    /** The validation figures of the averaged weights once there are any, otherwise of the iterate. */
    private Evaluation validate(Examples validation) {
        return average == null ? objective.evaluate(model, validation)
                : average.withAveragedWeights(() -> objective.evaluate(model, validation));
    }

    private void requireFits(BatchSource batches, Sampler sampler, Examples validation) {
        boolean labels = batches.targetCount() == 0;
        if (labels != objective.classification()) {
            throw new IllegalArgumentException("the training batches hold " + (labels ? "class labels"
                    : "real-valued targets") + ", but the objective is " + objective.task() + " ("
                    + objective.lossFunction() + ")");
        }
        if (validation != null) {
            objective.requireTargets(validation);
        }
        for (TrainingCallback callback : callbacks) {
            if (average != null && callback instanceof EarlyStopping early && early.restoresBest()) {
                throw new IllegalArgumentException("early stopping would restore the best epoch's weights, but the"
                        + " validation scores are those of the averaged weights (" + average.rule() + "), whose best"
                        + " epoch is not kept; stop early without restoring the best weights, or do not average");
            }
        }
        if (gradientSource != null && sampler instanceof InformativeSampler) {
            throw new IllegalArgumentException("the sampler " + sampler + " learns from each example's loss, which"
                    + " stays where the gradient is computed (" + gradientSource + "); sample uniformly or by class");
        }
        if (sampler != null && (sampler.importanceWeighted() || sampler instanceof InformativeSampler)
                && !objective.hasPerExampleForm()) {
            throw new IllegalArgumentException("the sampler " + sampler + " weights examples by their losses, but "
                    + objective.lossFunction() + " has no per-example form; sample uniformly or use another loss");
        }
    }
}
