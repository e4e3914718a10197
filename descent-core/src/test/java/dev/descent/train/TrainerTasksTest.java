package dev.descent.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.descent.autodiff.Variable;
import dev.descent.data.Batch;
import dev.descent.data.BatchOptions;
import dev.descent.data.BuiltInDatasets;
import dev.descent.data.Dataset;
import dev.descent.data.Examples;
import dev.descent.data.InformativeSampler;
import dev.descent.data.MiniBatches;
import dev.descent.data.PrefetchingBatches;
import dev.descent.data.RegressionDataset;
import dev.descent.data.Sampler;
import dev.descent.data.Splits;
import dev.descent.data.SyntheticData;
import dev.descent.data.WeightedSampler;
import dev.descent.loss.MeanSquaredError;
import dev.descent.loss.SoftmaxCrossEntropy;
import dev.descent.nn.Activation;
import dev.descent.nn.Dropout;
import dev.descent.nn.Linear;
import dev.descent.nn.Models;
import dev.descent.nn.Layer;
import dev.descent.nn.Sequential;
import dev.descent.optim.Adam;
import dev.descent.optim.Optimizer;
import dev.descent.random.Rng;
import dev.descent.schedule.LearningRateSchedule;
import dev.descent.schedule.LinearDecay;
import dev.descent.schedule.ReduceOnPlateau;
import dev.descent.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One {@link Trainer} for both tasks: every behaviour of {@code fit} (convergence, budgets,
 * early stopping, evaluation cadence, prefetching, resuming, checkpoints, plateau feedback,
 * samplers, refusals, model mode) over a table of classification and regression problems.
 */
class TrainerTasksTest {

    /** The table: two classification problems and a regression problem, each cut in standardised parts. */
    enum Task {
        BLOBS(Splits.testThenValidation(SyntheticData.gaussianBlobs(300, 3, 4, 1.0, 11), 0.2, 0.2, 1)
                .standardized().parts(), 3, 0.95, "accuracy"),
        IRIS(Splits.testThenValidation(BuiltInDatasets.iris(), 0.2, 0.2, 2).standardized().parts(), 3, 0.85,
                "accuracy"),
        LINEAR(Splits.testThenValidation(SyntheticData.linearRegression(400, 5, 0.1, 7).data(), 0.2, 0.2, 3)
                .standardized().parts(), 1, 0.95, "R²");

        final Examples train;
        final Examples validation;
        final int outputs;
        final double floor;
        final String score;

        Task(Splits.Parts<? extends Examples> parts, int outputs, double floor, String score) {
            this.train = parts.train();
            this.validation = parts.validation();
            this.outputs = outputs;
            this.floor = floor;
            this.score = score;
        }

        boolean classification() {
            return train instanceof Dataset;
        }

        int features() {
            return train.featureCount();
        }

        Objective objective() {
            return classification() ? Objective.of(new SoftmaxCrossEntropy()) : Objective.of(new MeanSquaredError());
        }

        /** The score that must pass the floor: accuracy, or R² from the regression report. */
        double score(Evaluation evaluation) {
            return classification() ? evaluation.accuracy() : evaluation.regression().r2Score();
        }

        /**
         * The validation features with targets that get worse as the model learns the training
         * data: labels moved to the next class, or targets negated.
         */
        Examples adversarialValidation() {
            if (validation instanceof Dataset d) {
                int[] labels = d.labels();
                for (int i = 0; i < labels.length; i++) {
                    labels[i] = (labels[i] + 1) % d.classes();
                }
                return new Dataset("adversarial", d.features(), labels, d.classes());
            }
            RegressionDataset r = (RegressionDataset) validation;
            float[] negated = r.targets().data().clone();
            for (int i = 0; i < negated.length; i++) {
                negated[i] = -negated[i];
            }
            return new RegressionDataset("adversarial", r.features(), Tensor.wrap(negated, r.targets().shape()),
                    List.of());
        }
    }

    /** Everything a run is made of, built from a seed alone. */
    static final class Run {
        final Task task;
        final Sequential model;
        final LearningRateSchedule schedule;
        final Optimizer optimizer;
        final MiniBatches batches;
        final Trainer trainer;

        Run(Task task, long seed) {
            this(task, seed, new LinearDecay(0.01, 1e-3, 2000), false, data -> null);
        }

        /** @param sampler the sampler over the training set, or null to shuffle ({@code BatchOptions.shuffled}) */
        Run(Task task, long seed, LearningRateSchedule schedule, boolean dropout, Function<Examples, Sampler> sampler) {
            this.task = task;
            this.schedule = schedule;
            Rng rng = new Rng(seed);
            int d = task.features();
            model = dropout
                    ? new Sequential(new Linear(d, 16, rng.split()), Activation.relu(), new Dropout(0.1f, rng.split()),
                            new Linear(16, task.outputs, rng.split()))
                    : Models.mlp(rng.split(), d, 16, task.outputs);
            optimizer = new Adam().withLr(schedule.baseRate()).builder().schedule(schedule).build(model.namedParameters());
            Sampler custom = sampler.apply(task.train);
            batches = custom == null ? new MiniBatches(task.train, BatchOptions.shuffled(16, rng.nextLong()))
                    : new MiniBatches(task.train, custom, 16, false);
            trainer = new Trainer(model, task.objective(), optimizer);
        }

        List<EpochReport> fit(int epochs) {
            return trainer.fit(batches, epochs, task.validation, r -> { });
        }

        Evaluation evaluate() {
            return task.objective().evaluate(model, task.validation);
        }
    }

    private static List<float[]> weights(Layer model) {
        List<float[]> w = new ArrayList<>();
        for (Variable p : model.parameters()) {
            w.add(p.value().data().clone());
        }
        return w;
    }

    private static void assertSameWeights(Layer actual, List<float[]> expected) {
        List<float[]> w = weights(actual);
        assertThat(w).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(w.get(i)).as("parameter %d", i).containsExactly(expected.get(i));
        }
    }

    private static boolean sameWeights(List<float[]> a, List<float[]> b) {
        for (int i = 0; i < a.size(); i++) {
            if (!java.util.Arrays.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** Counts the steps a callback sees. */
    private static final class StepCounter implements TrainingCallback {
        int steps;
        int starts;

        @Override
        public void onTrainStart(TrainingContext context) {
            starts++;
        }

        @Override
        public void onStepEnd(TrainingContext context) {
            steps++;
        }
    }

    // ------------------------------------------------------------------ convergence

    @ParameterizedTest
    @EnumSource(Task.class)
    void fitConvergesOnTheValidationSet(Task task) {
        Run run = new Run(task, 1);
        double before = task.score(run.evaluate());

        List<EpochReport> reports = run.fit(30);

        assertThat(reports).hasSize(30);
        Evaluation last = reports.get(29).validation();
        assertThat(last).isNotNull();
        assertThat(last.examples()).isEqualTo(task.validation.size());
        assertThat(task.score(last)).as("validation %s of %s", task.score, task).isGreaterThanOrEqualTo(task.floor)
                .isGreaterThan(before);
        assertThat(reports.get(29).trainLoss()).isLessThan(reports.get(0).trainLoss());
        assertThat(reports.get(29).step()).isEqualTo(30L * run.batches.batchesPerEpoch());
        if (task.classification()) {
            assertThat(last.regression()).isNull();
            assertThat(last.accuracy()).isBetween(0.0, 1.0);
        } else {
            assertThat(last.accuracy()).isNaN();
            assertThat(last.regression()).isNotNull();
            assertThat(last.regression().count()).isEqualTo(task.validation.size());
            // the loss of a MeanSquaredError objective is the mean squared error
            assertThat(last.loss()).isCloseTo(last.regression().meanSquaredError(),
                    org.assertj.core.api.Assertions.within(1e-4 * last.loss() + 1e-6));
        }
        // the report is the same as a separate evaluation of the final model
        Evaluation again = run.evaluate();
        assertThat(again.loss()).isEqualTo(last.loss());
        assertThat(task.score(again)).isEqualTo(task.score(last));
    }

    // ------------------------------------------------------------------ step budget

    @ParameterizedTest
    @EnumSource(Task.class)
    void aStepBudgetOfOneStopsAfterExactlyOneUpdate(Task task) {
        Run budgeted = new Run(task, 3);
        StepCounter counter = new StepCounter();
        budgeted.trainer.addCallback(counter).addCallback(new StepBudget(1));

        List<EpochReport> reports = budgeted.fit(5);

        assertThat(reports).hasSize(1);
        assertThat(reports.get(0).step()).isEqualTo(1);
        assertThat(budgeted.trainer.stepsDone()).isEqualTo(1);
        assertThat(budgeted.optimizer.stepsDone()).isEqualTo(1);
        assertThat(counter.steps).isEqualTo(1);
        assertThat(budgeted.trainer.stopReason()).startsWith("step budget").contains("1 update");
        assertThat(reports.get(0).validation()).as("the epoch a stop ends is evaluated").isNotNull();

        // the same as one hand-made step on the first batch
        Run byHand = new Run(task, 3);
        Batch first = byHand.batches.nextEpoch().iterator().next();
        byHand.model.train();
        float loss = byHand.trainer.step(first, byHand.batches.sampler());
        assertSameWeights(budgeted.model, weights(byHand.model));
        assertThat(reports.get(0).trainLoss()).isEqualTo((double) loss);
        assertThat(sameWeights(weights(budgeted.model), weights(new Run(task, 3).model))).isFalse();
    }

    // ------------------------------------------------------------------ early stopping

    @ParameterizedTest
    @EnumSource(Task.class)
    void earlyStoppingOnValidationLossStopsAndRestoresTheBestWeights(Task task) {
        Run run = new Run(task, 4);
        EarlyStopping stopping = new EarlyStopping(EarlyStopping.Metric.VALIDATION_LOSS, 2, 0, true);
        List<List<float[]>> weightsAtEpoch = new ArrayList<>();
        List<Double> losses = new ArrayList<>();
        run.trainer.addCallback(new TrainingCallback() {
            @Override
            public void onEpochEnd(EpochReport report, TrainingContext context) {
                weightsAtEpoch.add(weights(context.model()));
                losses.add(report.validation().loss());
            }
        }).addCallback(stopping);

        List<EpochReport> reports = run.trainer.fit(run.batches, 40, task.adversarialValidation(), r -> { });

        int best = stopping.bestEpoch();
        assertThat(best).isGreaterThanOrEqualTo(1);
        assertThat(reports).hasSize(best + 3).hasSizeLessThan(40);
        assertThat(run.trainer.stopReason()).contains("early stopping").contains("validation loss")
                .contains("not improved for 3 epochs");
        double bestLoss = losses.get(best - 1);
        assertThat(losses).allSatisfy(l -> assertThat(l).isGreaterThanOrEqualTo(bestLoss));
        assertSameWeights(run.model, weightsAtEpoch.get(best - 1));
        assertThat(sameWeights(weights(run.model), weightsAtEpoch.get(weightsAtEpoch.size() - 1))).isFalse();
    }

    @Test
    void earlyStoppingOnValidationAccuracyIsRefusedForRegressionBeforeAnyStep() {
        Run run = new Run(Task.LINEAR, 5);
        List<float[]> before = weights(run.model);
        StepCounter counter = new StepCounter();
        List<EpochReport> seen = new ArrayList<>();
        run.trainer.addCallback(counter)
                .addCallback(new EarlyStopping(EarlyStopping.Metric.VALIDATION_ACCURACY, 2, 0, true));

        assertThatThrownBy(() -> run.trainer.fit(run.batches, 5, Task.LINEAR.validation, seen::add))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("accuracy").hasMessageContaining("regression");

        assertSameWeights(run.model, before);
        assertThat(run.trainer.stepsDone()).isZero();
        assertThat(run.trainer.epochsDone()).isZero();
        assertThat(run.optimizer.stepsDone()).isZero();
        assertThat(counter.steps).isZero();
        assertThat(seen).isEmpty();
        assertThat(run.batches.epochsStarted()).as("no epoch drawn").isZero();
    }

    @ParameterizedTest
    @EnumSource(value = Task.class, names = {"BLOBS", "IRIS"})
    void earlyStoppingOnValidationAccuracyIsAcceptedForClassification(Task task) {
        Run run = new Run(task, 5);
        run.trainer.addCallback(new EarlyStopping(EarlyStopping.Metric.VALIDATION_ACCURACY, 50, 0, true));
        assertThat(run.fit(2)).hasSize(2);
        assertThat(run.trainer.stepsDone()).isEqualTo(2L * run.batches.batchesPerEpoch());
    }

    // ------------------------------------------------------------------ evaluation cadence

    @ParameterizedTest
    @EnumSource(Task.class)
    void evaluateEveryTwoEpochsEvaluatesEvenEpochsAndTheLast(Task task) {
        Run run = new Run(task, 6);
        run.trainer.evaluateEvery(2);

        List<EpochReport> reports = run.fit(5);

        assertThat(reports).extracting(EpochReport::epoch).containsExactly(1, 2, 3, 4, 5);
        assertThat(reports).extracting(r -> r.validation() != null).containsExactly(false, true, false, true, true);
        assertThat(reports.get(0).gap()).isNaN();
        assertThat(reports.get(1).gap()).isFinite();
        for (EpochReport report : reports) {
            if (report.validation() != null) {
                assertThat(report.validation().regression() == null).isEqualTo(task.classification());
            }
        }
        assertThatThrownBy(() -> run.trainer.evaluateEvery(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @EnumSource(Task.class)
    void anEpochEndedByAStopIsEvaluatedWhateverTheCadence(Task task) {
        Run run = new Run(task, 6);
        run.trainer.evaluateEvery(3).addCallback(new StepBudget(run.batches.batchesPerEpoch() + 2L));

        List<EpochReport> reports = run.fit(9);

        assertThat(reports).hasSize(2);
        assertThat(reports.get(0).validation()).isNull();
        assertThat(reports.get(1).validation()).isNotNull();
    }

    // ------------------------------------------------------------------ prefetching

    @ParameterizedTest
    @EnumSource(Task.class)
    void prefetchingGivesBitIdenticalWeightsToPlainBatches(Task task) {
        Run plain = new Run(task, 7);
        List<EpochReport> plainReports = plain.fit(4);

        Run prefetched = new Run(task, 7);
        List<EpochReport> prefetchedReports = prefetched.trainer.fit(new PrefetchingBatches(prefetched.batches), 4,
                task.validation, r -> { });

        assertSameWeights(prefetched.model, weights(plain.model));
        assertThat(prefetchedReports).extracting(EpochReport::trainLoss)
                .containsExactlyElementsOf(plainReports.stream().map(EpochReport::trainLoss).toList());
        assertThat(prefetchedReports).extracting(r -> r.validation().loss())
                .containsExactlyElementsOf(plainReports.stream().map(r -> r.validation().loss()).toList());
    }

    @ParameterizedTest
    @EnumSource(Task.class)
    void prefetchingAnInformativeSamplerIsBitIdenticalToo(Task task) {
        Function<Examples, Sampler> informative = data -> new InformativeSampler(data.size(), 1.0, 0.3, data.size(),
                21);
        Run plain = new Run(task, 8, new LinearDecay(0.01, 1e-3, 2000), false, informative);
        plain.fit(3);
        Run prefetched = new Run(task, 8, new LinearDecay(0.01, 1e-3, 2000), false, informative);
        prefetched.trainer.fit(new PrefetchingBatches(prefetched.batches), 3, task.validation, r -> { });

        assertSameWeights(prefetched.model, weights(plain.model));
        assertThat(((InformativeSampler) prefetched.batches.sampler()).probabilities())
                .containsExactly(((InformativeSampler) plain.batches.sampler()).probabilities());
    }

    // ------------------------------------------------------------------ resuming

    @ParameterizedTest
    @EnumSource(Task.class)
    void capturingAndRestoringMidRunGivesTheWeightsOfAnUninterruptedRun(Task task) {
        Run through = new Run(task, 17, new LinearDecay(0.01, 1e-4, 500), true, data -> null);
        through.fit(5);

        Run first = new Run(task, 17, new LinearDecay(0.01, 1e-4, 500), true, data -> null);
        first.fit(2);
        TrainingState saved = TrainingState.capture(first.trainer, first.model, first.optimizer, first.batches,
                first.schedule);
        first.fit(3); // training on does not change the snapshot
        // different initial weights, dropout masks and orders: everything must come from the state
        Run resumed = new Run(task, 99, new LinearDecay(0.01, 1e-4, 500), true, data -> null);
        saved.restore(resumed.trainer, resumed.model, resumed.optimizer, resumed.batches, resumed.schedule);
        List<EpochReport> rest = resumed.fit(5);

        assertThat(rest).extracting(EpochReport::epoch).containsExactly(3, 4, 5);
        assertSameWeights(resumed.model, weights(through.model));
        assertThat(resumed.trainer.stepsDone()).isEqualTo(through.trainer.stepsDone());
        assertThat(resumed.optimizer.learningRate()).isEqualTo(through.optimizer.learningRate());
    }

    @ParameterizedTest
    @EnumSource(Task.class)
    void resumingWithAPlateauScheduleAndItsFeedbackIsBitIdenticalToo(Task task) {
        Function<Long, Run> build = seed -> {
            ReduceOnPlateau plateau = new ReduceOnPlateau(0.01,
                    ReduceOnPlateau.Settings.minimize().withPatience(0).withFactor(0.5));
            Run run = new Run(task, seed, plateau, false, data -> null);
            run.trainer.addCallback(new PlateauFeedback(plateau));
            return run;
        };
        Function<Run, List<EpochReport>> fitAdversarially = run -> run.trainer.fit(run.batches, 5,
                task.adversarialValidation(), r -> { });
        Run through = build.apply(23L);
        fitAdversarially.apply(through);
        assertThat(through.optimizer.learningRate()).as("the rate dropped").isLessThan(0.01);

        Run first = build.apply(23L);
        first.trainer.fit(first.batches, 2, task.adversarialValidation(), r -> { });
        TrainingState saved = TrainingState.capture(first.trainer, first.model, first.optimizer, first.batches,
                first.schedule);
        assertThat(saved.plateau()).isNotNull();
        Run resumed = build.apply(5L);
        saved.restore(resumed.trainer, resumed.model, resumed.optimizer, resumed.batches, resumed.schedule);
        fitAdversarially.apply(resumed);

        assertSameWeights(resumed.model, weights(through.model));
        assertThat(resumed.optimizer.learningRate()).isEqualTo(through.optimizer.learningRate());
    }

    /**
     * An informative sampler's probabilities come from the losses it has been told: a resumed
     * run must draw as an uninterrupted one does, so those losses belong to the state too.
     */
    @ParameterizedTest
    @EnumSource(value = Task.class, names = {"BLOBS", "LINEAR"})
    void resumingWithAnInformativeSamplerIsBitIdentical(Task task) {
        Function<Examples, Sampler> informative = data -> new InformativeSampler(data.size(), 1.0, 0.3, data.size(),
                31);
        Run through = new Run(task, 29, new LinearDecay(0.01, 1e-3, 2000), false, informative);
        through.fit(4);

        Run first = new Run(task, 29, new LinearDecay(0.01, 1e-3, 2000), false, informative);
        first.fit(2);
        TrainingState saved = TrainingState.capture(first.trainer, first.model, first.optimizer, first.batches,
                first.schedule);
        Run resumed = new Run(task, 29, new LinearDecay(0.01, 1e-3, 2000), false, informative);
        saved.restore(resumed.trainer, resumed.model, resumed.optimizer, resumed.batches, resumed.schedule);
        resumed.fit(4);

        assertSameWeights(resumed.model, weights(through.model));
    }

    /**
     * The control for the test above: with a uniform share ε = 1 the probabilities ignore the
     * reported losses, and the same resume is bit-identical, so only those losses are missing.
     */
    @ParameterizedTest
    @EnumSource(value = Task.class, names = {"BLOBS", "LINEAR"})
    void resumingWithAnInformativeSamplerThatIgnoresItsLossesIsBitIdentical(Task task) {
        Function<Examples, Sampler> uniform = data -> new InformativeSampler(data.size(), 1.0, 1.0, data.size(), 31);
        Run through = new Run(task, 29, new LinearDecay(0.01, 1e-3, 2000), false, uniform);
        through.fit(4);

        Run first = new Run(task, 29, new LinearDecay(0.01, 1e-3, 2000), false, uniform);
        first.fit(2);
        TrainingState saved = TrainingState.capture(first.trainer, first.model, first.optimizer, first.batches,
                first.schedule);
        Run resumed = new Run(task, 29, new LinearDecay(0.01, 1e-3, 2000), false, uniform);
        saved.restore(resumed.trainer, resumed.model, resumed.optimizer, resumed.batches, resumed.schedule);
        resumed.fit(4);

        assertSameWeights(resumed.model, weights(through.model));
    }

    // ------------------------------------------------------------------ checkpoints

    @ParameterizedTest
    @EnumSource(Task.class)
    void theCheckpointsCallbackWritesNumberedAndLastFiles(Task task, @TempDir Path dir) throws IOException {
        Run run = new Run(task, 9);
        run.trainer.addCallback(new Checkpoints(dir, 2, 3,
                () -> TrainingState.capture(run.trainer, run.model, run.optimizer, run.batches, run.schedule),
                Map.of("task", task.name())));

        run.fit(3);

        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("epoch-0002.safetensors", "epoch-0003.safetensors", "last.safetensors");
        }
        CheckpointFile.Contents last = CheckpointFile.read(dir.resolve("last.safetensors"));
        assertThat(last.metadata()).containsEntry("task", task.name()).containsEntry("epochs_done", "3");
        assertThat(last.state().epochsDone()).isEqualTo(3);
        assertThat(last.state().steps()).isEqualTo(run.trainer.stepsDone());
        CheckpointFile.Contents second = CheckpointFile.read(dir.resolve("epoch-0002.safetensors"));
        assertThat(second.state().epochsDone()).isEqualTo(2);
        assertThat(second.state().steps()).isEqualTo(2L * run.batches.batchesPerEpoch());

        // the last checkpoint holds the final weights
        Run restored = new Run(task, 77);
        last.state().restore(restored.trainer, restored.model, restored.optimizer, restored.batches,
                restored.schedule);
        assertSameWeights(restored.model, weights(run.model));
        assertThat(restored.trainer.epochsDone()).isEqualTo(3);
    }

    // ------------------------------------------------------------------ plateau feedback

    @ParameterizedTest
    @EnumSource(Task.class)
    void plateauFeedbackLowersTheRateWhenTheValidationLossStalls(Task task) {
        ReduceOnPlateau plateau = new ReduceOnPlateau(0.01,
                ReduceOnPlateau.Settings.minimize().withPatience(0).withFactor(0.5));
        Run run = new Run(task, 10, plateau, false, data -> null);
        List<Double> validationLosses = new ArrayList<>();
        run.trainer.addCallback(new PlateauFeedback(plateau));

        // a validation set whose loss gets worse as the model learns: every epoch after the first stalls
        List<EpochReport> reports = run.trainer.fit(run.batches, 4, task.adversarialValidation(),
                r -> validationLosses.add(r.validation().loss()));

        assertThat(reports.get(0).learningRate()).isEqualTo(0.01);
        assertThat(run.optimizer.learningRate()).isLessThan(0.01);
        // the rate follows a reduce-on-plateau schedule fed the same losses
        ReduceOnPlateau replay = new ReduceOnPlateau(0.01,
                ReduceOnPlateau.Settings.minimize().withPatience(0).withFactor(0.5));
        for (int i = 0; i < reports.size(); i++) {
            assertThat(reports.get(i).learningRate()).as("rate during epoch %d", i + 1)
                    .isEqualTo(replay.valueAt(0));
            replay.report(validationLosses.get(i));
        }
        assertThat(run.optimizer.learningRate()).isEqualTo(replay.valueAt(0));
        assertThat(plateau.state().rate()).isEqualTo(0.01 * 0.125);
    }

    @ParameterizedTest
    @EnumSource(Task.class)
    void plateauFeedbackOnAConstantDataSetLowersTheRate(Task task) {
        // every example has the same features and the targets cannot be told apart (labels
        // 0, 1, 2, 0, ... or targets 1, 2, 1, ...): the loss cannot go below its floor, so it stalls
        int n = 36;
        int d = task.features();
        float[] x = new float[n * d];
        java.util.Arrays.fill(x, 0.5f);
        int[] labels = new int[n];
        float[] targets = new float[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % task.outputs;
            targets[i] = 1 + i % 2;
        }
        Examples constant = task.classification()
                ? new Dataset("constant", Tensor.wrap(x, n, d), labels, task.outputs)
                : new RegressionDataset("constant", Tensor.wrap(x, n, d), Tensor.wrap(targets, n), List.of());
        ReduceOnPlateau plateau = new ReduceOnPlateau(0.05,
                ReduceOnPlateau.Settings.minimize().withPatience(0).withFactor(0.5));
        Sequential model = Models.logisticRegression(new Rng(11), d, task.outputs);
        Trainer trainer = new Trainer(model, task.objective(),
                new Adam().withLr(0.05).builder().schedule(plateau).build(model.namedParameters()))
                .addCallback(new PlateauFeedback(plateau));

        trainer.fit(new MiniBatches(constant, BatchOptions.shuffled(8, 1)), 60, constant, r -> { });

        assertThat(plateau.state().rate()).isLessThan(0.05);
    }

    // ------------------------------------------------------------------ samplers

    @ParameterizedTest
    @EnumSource(Task.class)
    void anInformativeSamplerIsToldTheLossesAndTrainingConverges(Task task) {
        InformativeSampler[] holder = new InformativeSampler[1];
        Run run = new Run(task, 12, new LinearDecay(0.01, 1e-3, 2000), false, data -> {
            holder[0] = new InformativeSampler(data.size(), 1.0, 0.3, data.size(), 41);
            return holder[0];
        });
        InformativeSampler sampler = holder[0];

        List<EpochReport> reports = run.fit(30);

        assertThat(reports).allSatisfy(r -> assertThat(r.trainLoss()).isFinite().isPositive());
        double[] p = sampler.probabilities();
        double uniform = 1.0 / p.length;
        assertThat(java.util.Arrays.stream(p).sum()).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(java.util.Arrays.stream(p).max().getAsDouble())
                .as("losses were reported, so the probabilities are no longer uniform").isGreaterThan(1.5 * uniform);
        assertThat(java.util.Arrays.stream(p).min().getAsDouble()).isGreaterThanOrEqualTo(0.3 * uniform * 0.999);
        assertThat(task.score(reports.get(29).validation())).as("validation %s", task.score)
                .isGreaterThanOrEqualTo(task.floor);
    }

    @ParameterizedTest
    @EnumSource(Task.class)
    void aWeightedSamplerTrainsToo(Task task) {
        Run run = new Run(task, 13, new LinearDecay(0.01, 1e-3, 2000), false, data -> {
            Rng rng = new Rng(3);
            double[] w = new double[data.size()];
            for (int i = 0; i < w.length; i++) {
                w[i] = 0.5 + 1.5 * rng.nextDouble();
            }
            return new WeightedSampler(w, data.size(), 51);
        });

        List<EpochReport> reports = run.fit(30);

        assertThat(reports).allSatisfy(r -> assertThat(r.trainLoss()).isFinite().isPositive());
        assertThat(task.score(reports.get(29).validation())).isGreaterThanOrEqualTo(task.floor);
    }

    @Test
    void anInformativeSamplerReceivesEachRegressionExamplesLossAtItsStep() {
        // one example per batch and plain SGD-like bookkeeping: the reported loss of an example
        // is its squared error before the update of its step
        Task task = Task.LINEAR;
        int n = task.train.size();
        InformativeSampler sampler = new InformativeSampler(n, 1.0, 0.5, n, 61);
        Sequential model = Models.mlp(new Rng(14), task.features(), 8, 1);
        Trainer trainer = new Trainer(model, task.objective(), new Adam().withLr(0.001)
                .build(model.namedParameters()));
        MiniBatches batches = new MiniBatches(task.train, sampler, 1, false);
        double[] lastLoss = new double[n];
        java.util.Arrays.fill(lastLoss, 1.0);
        int steps = 0;
        for (Batch batch : batches.nextEpoch()) {
            int example = batch.exampleIndices()[0];
            float prediction = model.forward(dev.descent.autodiff.Tape.noGrad().input(batch.features())).item();
            double residual = (double) prediction - batch.targets().get(0);
            lastLoss[example] = (float) (residual * residual);
            trainer.step(batch, sampler);
            if (++steps == 200) {
                break;
            }
        }
        batches.nextEpoch(); // recomputes the probabilities from the reported losses
        double total = 0;
        for (double l : lastLoss) {
            total += l;
        }
        double[] p = sampler.probabilities();
        for (int i = 0; i < n; i++) {
            double expected = 0.5 * lastLoss[i] / total + 0.5 / n;
            assertThat(p[i]).as("example %d", i).isCloseTo(expected,
                    org.assertj.core.api.Assertions.within(1e-5 * expected));
        }
    }

    // ------------------------------------------------------------------ refusals

    @Test
    void regressionBatchesForAClassificationObjectiveAreRefusedBeforeAnyStep() {
        Sequential model = Models.mlp(new Rng(15), Task.LINEAR.features(), 8, 3);
        Optimizer optimizer = new Adam().build(model.namedParameters());
        Trainer trainer = new Trainer(model, new SoftmaxCrossEntropy(), optimizer);
        List<float[]> before = weights(model);
        MiniBatches batches = new MiniBatches(Task.LINEAR.train, BatchOptions.shuffled(16, 1));

        for (var source : List.of(batches, new PrefetchingBatches(batches))) {
            assertThatThrownBy(() -> trainer.fit(source, 3, null, r -> { }))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("real-valued targets").hasMessageContaining("classification")
                    .hasMessageContaining("SoftmaxCrossEntropy");
        }
        assertSameWeights(model, before);
        assertThat(trainer.stepsDone()).isZero();
        assertThat(batches.epochsStarted()).isZero();
    }

    @Test
    void classificationBatchesForARegressionObjectiveAreRefusedBeforeAnyStep() {
        Sequential model = Models.mlp(new Rng(16), Task.BLOBS.features(), 8, 1);
        Optimizer optimizer = new Adam().build(model.namedParameters());
        Trainer trainer = new Trainer(model, new MeanSquaredError(), optimizer);
        List<float[]> before = weights(model);
        MiniBatches batches = new MiniBatches(Task.BLOBS.train, BatchOptions.shuffled(16, 1));

        for (var source : List.of(batches, new PrefetchingBatches(batches))) {
            assertThatThrownBy(() -> trainer.fit(source, 3, null, r -> { }))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("class labels").hasMessageContaining("regression")
                    .hasMessageContaining("MeanSquaredError");
        }
        assertSameWeights(model, before);
        assertThat(trainer.stepsDone()).isZero();
        assertThat(batches.epochsStarted()).isZero();
    }

    @Test
    void aSingleStepOnABatchOfTheOtherTaskIsRefusedWithoutAnUpdate() {
        // regression objective, batch of class labels
        Sequential regressor = Models.mlp(new Rng(17), Task.BLOBS.features(), 8, 1);
        Trainer regression = new Trainer(regressor, new MeanSquaredError(), new Adam().build(
                regressor.namedParameters()));
        MiniBatches labelled = new MiniBatches(Task.BLOBS.train, BatchOptions.shuffled(16, 1));
        Batch labels = labelled.nextEpoch().iterator().next();
        List<float[]> regressorBefore = weights(regressor);
        assertThatThrownBy(() -> regression.step(labels, labelled.sampler()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("class labels");
        assertSameWeights(regressor, regressorBefore);
        assertThat(regression.stepsDone()).isZero();

        // classification objective, batch of real-valued targets: labels() is all zeros there,
        // so a step would silently train every example towards class 0
        Sequential classifier = Models.mlp(new Rng(18), Task.LINEAR.features(), 8, 3);
        Trainer classification = new Trainer(classifier, new SoftmaxCrossEntropy(), new Adam().build(
                classifier.namedParameters()));
        MiniBatches real = new MiniBatches(Task.LINEAR.train, BatchOptions.shuffled(16, 1));
        Batch targets = real.nextEpoch().iterator().next();
        List<float[]> classifierBefore = weights(classifier);
        Throwable thrown = catchThrowable(() -> classification.step(targets, real.sampler()));
        assertThat(thrown).as("Trainer.step(batch of real-valued targets) on a classification objective")
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(thrown).hasMessageContaining("real-valued targets").hasMessageContaining("classification");
        assertSameWeights(classifier, classifierBefore);
    }

    @ParameterizedTest
    @EnumSource(Task.class)
    void validationDataOfTheWrongKindIsRefusedBeforeAnyStep(Task task) {
        Run run = new Run(task, 19);
        List<float[]> before = weights(run.model);
        Examples wrong = task.classification() ? Task.LINEAR.validation : Task.BLOBS.validation;
        StepCounter counter = new StepCounter();
        run.trainer.addCallback(counter);

        Throwable thrown = catchThrowable(() -> run.trainer.fit(run.batches, 3, wrong, r -> { }));

        assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(wrong.name())
                .hasMessageContaining(task.classification() ? "real-valued target" : "class labels")
                .hasMessageContaining(task.classification() ? "classification" : "regression");
        assertSameWeights(run.model, before);
        assertThat(run.trainer.stepsDone()).isZero();
        assertThat(counter.starts).as("refused before the callbacks start").isZero();
        assertThat(run.batches.epochsStarted()).isZero();
        // evaluating on it directly is refused the same way
        assertThatThrownBy(() -> task.objective().evaluate(run.model, wrong))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(wrong.name());
    }

    @Test
    void nonPositiveEpochsAreRefused() {
        Run run = new Run(Task.LINEAR, 20);
        assertThatThrownBy(() -> run.fit(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("epochs");
        assertThat(run.trainer.stepsDone()).isZero();
    }

    // ------------------------------------------------------------------ model mode

    /** Wraps a model and records the mode it is in at every forward pass. */
    private static final class ModeSpy implements Layer {
        private final Sequential inner;
        final List<Boolean> forwardModes = new ArrayList<>();

        ModeSpy(Sequential inner) {
            this.inner = inner;
        }

        @Override
        public Variable forward(Variable input) {
            forwardModes.add(inner.isTraining());
            return inner.forward(input);
        }

        @Override
        public Map<String, Variable> namedParameters() {
            return inner.namedParameters();
        }

        @Override
        public Map<String, Rng> generators() {
            return inner.generators();
        }

        @Override
        public void setTraining(boolean training) {
            inner.setTraining(training);
        }

        @Override
        public boolean isTraining() {
            return inner.isTraining();
        }
    }

    @ParameterizedTest
    @EnumSource(Task.class)
    void fitLeavesTheModelTrainingAndEvaluationRestoresTheModeItFound(Task task) {
        Rng rng = new Rng(21);
        ModeSpy model = new ModeSpy(new Sequential(new Linear(task.features(), 16, rng.split()), Activation.relu(),
                new Dropout(0.3f, rng.split()), new Linear(16, task.outputs, rng.split())));
        Trainer trainer = new Trainer(model, task.objective(), new Adam().build(model.namedParameters()));
        MiniBatches batches = new MiniBatches(task.train, BatchOptions.shuffled(32, 2));
        model.eval(); // as left by an earlier evaluation

        trainer.fit(batches, 2, task.validation, r -> { });

        assertThat(model.isTraining()).as("after fit").isTrue();
        // training steps ran in training mode, the two evaluations (one forward each) in evaluation mode
        int stepsPerEpoch = batches.batchesPerEpoch();
        assertThat(model.forwardModes).hasSize(2 * stepsPerEpoch + 2);
        assertThat(model.forwardModes.subList(0, stepsPerEpoch)).containsOnly(true);
        assertThat(model.forwardModes.get(stepsPerEpoch)).isFalse();
        assertThat(model.forwardModes.get(2 * stepsPerEpoch + 1)).isFalse();

        model.eval();
        Evaluation first = trainer.objective().evaluate(model, task.validation);
        assertThat(model.isTraining()).as("evaluated in eval mode, left in eval mode").isFalse();
        model.train();
        Evaluation second = trainer.objective().evaluate(model, task.validation);
        assertThat(model.isTraining()).as("evaluated in train mode, left in train mode").isTrue();
        assertThat(model.forwardModes.subList(model.forwardModes.size() - 2, model.forwardModes.size()))
                .containsOnly(false);
        // no dropout at evaluation: the same numbers whatever mode the model was in
        assertThat(second.loss()).isEqualTo(first.loss());
    }
}
