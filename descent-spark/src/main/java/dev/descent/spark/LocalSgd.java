package dev.descent.spark;

import dev.descent.autodiff.Variable;
import dev.descent.data.Batch;
import dev.descent.data.Examples;
import dev.descent.io.ModelWeights;
import dev.descent.nn.Layer;
import dev.descent.optim.Optimizer;
import dev.descent.random.Rng;
import dev.descent.tensor.Tensor;
import dev.descent.train.EpochReport;
import dev.descent.train.Evaluation;
import dev.descent.train.Objective;
import dev.descent.train.TrainingCallback;
import dev.descent.train.TrainingContext;
import dev.descent.train.TrainingDivergedException;
import dev.descent.train.TrainingState;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * Local SGD with periodic model averaging: each round, every partition starts from the
 * driver's weights and optimizer state, makes {@code localSteps} mini-batch steps on its own
 * rows, and the driver averages the partitions' weights and optimizer states. One Spark job per
 * round instead of one per step, so many small steps cost little: the strategy for small
 * batches, where synchronous SGD ({@link SparkGradients}) would pay a job per step.
 *
 * <p><b>Optimizer state is averaged</b>, like the weights (momentum and Adam's moments are
 * means over partitions; step counters are the same on every partition), and shipped with the
 * weights. So each round depends only on its broadcast: a retried task recomputes exactly the
 * same result, and a run is bit-identical from run to run. A learning-rate schedule counts
 * local steps: after r rounds every partition has made r·K updates.
 *
 * <p>Each partition visits its own rows in a fresh shuffled order per pass, drawn from the
 * seed, the pass and the partition. An epoch is the number of rounds after which the largest
 * partition has seen each of its rows once.
 */
public final class LocalSgd {
    private final JavaSparkContext spark;
    private final SparkExamples data;
    private final ModelFactory models;
    private final ObjectiveFactory objectives;
    private final OptimizerFactory optimizers;
    private final int batchSize;
    private final int localSteps;
    private final long seed;
    private final String runId = UUID.randomUUID().toString();
    private ShippedOptimizerState optimizerState;
    /** The driver's copy of the optimizer, loaded with the averaged state: it tells the learning rate. */
    private Optimizer driverOptimizer;
    private long rounds;
    private int epochsDone;
    private final List<TrainingCallback> callbacks = new ArrayList<>();
    private double jobSeconds;
    /** The largest first-step loss of the first round: the scale a diverging loss is measured against. */
    private double referenceLoss = Double.NaN;
    private double divergenceFactor = dev.descent.train.Trainer.DEFAULT_DIVERGENCE_FACTOR;

    /**
     * @param batchSize  rows per local step on each partition
     * @param localSteps K, the steps each partition makes between two averagings
     */
    public LocalSgd(JavaSparkContext spark, SparkExamples data, ModelFactory models, ObjectiveFactory objectives,
                    OptimizerFactory optimizers, int batchSize, int localSteps, long seed) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be ≥ 1, got " + batchSize);
        }
        if (localSteps < 1) {
            throw new IllegalArgumentException("local steps must be ≥ 1, got " + localSteps);
        }
        SparkGradients.requireNoBatchStatistics(models.create());
        this.spark = spark;
        this.data = data;
        this.models = models;
        this.objectives = objectives;
        this.optimizers = optimizers;
        this.batchSize = batchSize;
        this.localSteps = localSteps;
        this.seed = seed;
    }

    /**
     * Stops training when a partition's mean loss in a round exceeds {@code factor} times the
     * first step's loss (and, for a classifier, 10·ln K), as {@link dev.descent.train.Trainer}
     * does; the default is {@value dev.descent.train.Trainer#DEFAULT_DIVERGENCE_FACTOR}.
     */
    public LocalSgd divergenceFactor(double factor) {
        if (!(factor > 1)) {
            throw new IllegalArgumentException("the divergence factor must be > 1, got " + factor);
        }
        this.divergenceFactor = factor;
        return this;
    }

    /** What one round measured: the mean training loss over the partitions' local steps. */
    public record Round(long round, double trainLoss) {
    }

    /** Rounds that make one epoch: the largest partition sees each of its rows once. */
    public int roundsPerEpoch() {
        int largest = 0;
        for (int p = 0; p < data.partitions(); p++) {
            largest = Math.max(largest, data.offset(p + 1) - data.offset(p));
        }
        return Math.max(1, (int) Math.ceil((double) largest / ((long) batchSize * localSteps)));
    }

    /**
     * One round: broadcast {@code model}'s weights and the optimizer state, K local steps on
     * every partition, then {@code model} takes the average weights. A non-finite loss on any
     * partition stops with {@link TrainingDivergedException}, the model's weights unchanged.
     */
    public Round round(Layer model) {
        long start = System.nanoTime();
        List<Variable> parameters = model.parameters();
        float[] weights = new float[Worker.parameterCount(parameters)];
        Worker.flatten(parameters, weights);
        if (optimizerState == null) {
            optimizerState = ShippedOptimizerState.of(driverOptimizer(model).state());
        }
        Broadcast<RoundInput> shared = spark.broadcast(new RoundInput(weights, optimizerState, rounds, seed,
                batchSize, localSteps));
        List<Share> shares;
        try {
            shares = data.blocks().mapPartitions(new RoundTask(runId, models, objectives, optimizers, shared))
                    .collect();
        } finally {
            shared.destroy();
        }
        double[] sum = new double[weights.length];
        double lossSum = 0;
        List<ShippedOptimizerState> states = new ArrayList<>(shares.size());
        if (Double.isNaN(referenceLoss)) {
            for (Share share : shares) {
                referenceLoss = Double.isNaN(referenceLoss) ? share.firstLoss : Math.max(referenceLoss, share.firstLoss);
            }
        }
        double bound = divergenceFactor * referenceLoss;
        if (data.classification() && data.classes() >= 2) {
            bound = Math.max(bound, 10 * Math.log(data.classes()));
        }
        for (Share share : shares) { // partition order
            double mean = share.lossSum / localSteps;
            if (!Double.isFinite(mean) || mean > bound) {
                throw new TrainingDivergedException(String.format(java.util.Locale.ROOT, "local SGD diverged in round"
                        + " %d on partition %d: its mean loss is %.4g, above %.4g (%s × %.4g, the first loss); the"
                        + " weights are those after round %d. Try a smaller learning rate or fewer local steps",
                        rounds + 1, share.partition, mean, bound, divergenceFactor, referenceLoss, rounds));
            }
            lossSum += share.lossSum;
            for (int i = 0; i < sum.length; i++) {
                sum[i] += share.weights[i];
            }
            states.add(share.optimizer);
        }
        int o = 0;
        for (Variable p : parameters) {
            float[] w = p.value().data();
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) (sum[o + i] / shares.size());
            }
            o += w.length;
        }
        optimizerState = ShippedOptimizerState.average(states);
        driverOptimizer.loadState(optimizerState.toState());
        rounds++;
        jobSeconds += (System.nanoTime() - start) / 1e9;
        return new Round(rounds, lossSum / ((double) localSteps * shares.size()));
    }

    /**
     * Trains {@code model} for {@code epochs} epochs of {@link #roundsPerEpoch()} rounds,
     * evaluating on {@code validation} (on the driver; null for none) after each.
     */
    public List<EpochReport> fit(Layer model, int epochs, Examples validation, Consumer<EpochReport> onEpoch) {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be positive, got " + epochs);
        }
        Objective objective = objectives.create();
        driverOptimizer(model);
        TrainingContext context = TrainingContext.forLoop(model, driverOptimizer, objective);
        for (TrainingCallback callback : callbacks) {
            callback.onTrainStart(context);
        }
        List<EpochReport> reports = new ArrayList<>();
        int perEpoch = roundsPerEpoch();
        while (epochsDone < epochs && context.stopReason() == null) {
            int epoch = epochsDone + 1;
            long start = System.nanoTime();
            double loss = 0;
            int done = 0;
            while (done < perEpoch && context.stopReason() == null) {
                double roundLoss = round(model).trainLoss();
                loss += roundLoss;
                done++;
                context.advance(epoch, rounds * localSteps, roundLoss, loss / done);
                for (TrainingCallback callback : callbacks) {
                    callback.onStepEnd(context);
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Evaluation evaluation = validation == null ? null : objective.evaluate(model, validation);
            long examples = (long) done * localSteps * batchSize * data.partitions();
            epochsDone = epoch;
            EpochReport report = new EpochReport(epoch, rounds * localSteps, driverOptimizer.learningRate(),
                    loss / done, evaluation, examples / seconds, seconds);
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

    /**
     * Adds a callback for {@link #fit}, as to a {@link dev.descent.train.Trainer}: early stopping,
     * time and step budgets ({@code step} counts local steps: rounds × K), checkpoints of
     * {@link #state}. A step here is a round, so step callbacks run once per round.
     */
    public LocalSgd addCallback(TrainingCallback callback) {
        callbacks.add(callback);
        return this;
    }

    /** Epochs finished so far (restored ones included). */
    public int epochsDone() {
        return epochsDone;
    }

    /**
     * The run's state between epochs, in the local checkpoint format ({@code CheckpointFile}):
     * the weights, the averaged optimizer state, the epochs and the local steps (rounds × K).
     * The data order needs no state of its own: it follows from the seed and the round.
     */
    public TrainingState state(Layer model) {
        Map<String, Tensor> weights = new LinkedHashMap<>();
        ModelWeights.stateDict(model).forEach((name, value) -> weights.put(name, value.copy()));
        Map<String, Long> generators = new LinkedHashMap<>();
        model.generators().forEach((name, rng) -> generators.put(name, rng.state()));
        return new TrainingState(epochsDone, rounds * localSteps, weights, generators,
                driverOptimizer(model).state(), null, null);
    }

    /**
     * Continues a run from {@link #state}: built with the same settings, it then trains on bit
     * for bit as the run that saved the state would have.
     *
     * @throws IllegalArgumentException when the state's weights do not fit the model, or its step
     *     count is not a whole number of rounds of this run's K
     */
    public void restore(TrainingState state, Layer model) {
        if (state.steps() % localSteps != 0) {
            throw new IllegalArgumentException("the state holds " + state.steps() + " local steps, not a whole number"
                    + " of rounds of " + localSteps + " steps; was it saved with other local steps?");
        }
        model.loadStateDict(state.weights());
        driverOptimizer(model).loadState(state.optimizer());
        optimizerState = ShippedOptimizerState.of(state.optimizer());
        rounds = state.steps() / localSteps;
        epochsDone = state.epochsDone();
    }

    private Optimizer driverOptimizer(Layer model) {
        if (driverOptimizer == null) {
            driverOptimizer = optimizers.create(model.namedParameters());
        }
        return driverOptimizer;
    }

    /** Rounds done so far. */
    public long rounds() {
        return rounds;
    }

    /** Wall time in this strategy's Spark jobs (broadcast, local steps, averaging), in seconds. */
    public double jobSeconds() {
        return jobSeconds;
    }

    record RoundInput(float[] weights, ShippedOptimizerState optimizer, long round, long seed, int batchSize,
                      int localSteps) implements Serializable {
    }

    record Share(int partition, float[] weights, ShippedOptimizerState optimizer, double lossSum, double firstLoss)
            implements Serializable {
    }

    static final class RoundTask extends WorkerTask<RoundInput, Share> {
        private static final long serialVersionUID = 1L;
        private final OptimizerFactory optimizers;

        RoundTask(String runId, ModelFactory models, ObjectiveFactory objectives, OptimizerFactory optimizers,
                  Broadcast<RoundInput> input) {
            super(runId, models, objectives, input);
            this.optimizers = optimizers;
        }

        @Override
        Share apply(ExampleBlock block, RoundInput in) {
            Worker worker = worker();
            worker.setWeights(in.weights());
            worker.model.train();
            Optimizer optimizer = optimizers.create(worker.model.namedParameters());
            optimizer.loadState(in.optimizer().toState());
            int b = Math.min(in.batchSize(), block.rows);
            int[] local = new int[b];
            float[] ones = new float[b];
            java.util.Arrays.fill(ones, 1f);
            long position = in.round() * in.localSteps() * b; // where this round starts in the partition's passes
            int[] order = null;
            long orderPass = -1;
            double lossSum = 0;
            double firstLoss = Double.NaN;
            for (int step = 0; step < in.localSteps(); step++) {
                for (int i = 0; i < b; i++, position++) {
                    long pass = position / block.rows;
                    if (pass != orderPass) {
                        order = new Rng(Worker.mix(in.seed(), pass, block.partition)).permutation(block.rows);
                        orderPass = pass;
                    }
                    local[i] = order[(int) (position % block.rows)];
                }
                worker.seedGenerators(in.seed(), in.round() * in.localSteps() + step, block.partition);
                Batch batch = block.gather(local, b, local, ones); // indices within the partition
                worker.tape.reset();
                optimizer.zeroGrad();
                Variable loss = worker.objective.loss(worker.model.forward(worker.tape.input(batch.features())),
                        batch, false);
                float value = loss.item();
                lossSum += value;
                if (step == 0) {
                    firstLoss = value;
                }
                if (!Float.isFinite(value)) {
                    break;
                }
                loss.backward();
                optimizer.step();
            }
            worker.tape.reset();
            float[] weights = new float[in.weights().length];
            Worker.flatten(worker.parameters, weights);
            return new Share(block.partition, weights, ShippedOptimizerState.of(optimizer.state()), lossSum,
                    firstLoss);
        }
    }
}
