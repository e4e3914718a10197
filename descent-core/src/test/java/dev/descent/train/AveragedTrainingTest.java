package dev.descent.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.descent.autodiff.Variable;
import dev.descent.data.BatchOptions;
import dev.descent.data.BuiltInDatasets;
import dev.descent.data.HoldOutSplit;
import dev.descent.data.MiniBatches;
import dev.descent.data.Splits;
import dev.descent.loss.SoftmaxCrossEntropy;
import dev.descent.nn.Activation;
import dev.descent.nn.Dropout;
import dev.descent.nn.Linear;
import dev.descent.nn.Sequential;
import dev.descent.optim.Optimizer;
import dev.descent.optim.Sgd;
import dev.descent.optim.average.AveragedParameters;
import dev.descent.optim.average.AveragingRule;
import dev.descent.optim.average.ExponentialMovingAverage;
import dev.descent.optim.average.PolyakAveraging;
import dev.descent.optim.average.StochasticWeightAveraging;
import dev.descent.random.Rng;
import dev.descent.schedule.LearningRateSchedule;
import dev.descent.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The trainer's iterate averaging: updated after every update (by {@code step} as by {@code fit}),
 * validated with the averaged weights, saved in checkpoints, and resumed bit for bit: 4 epochs
 * straight ≡ 2 epochs, a checkpoint file, 2 more in fresh objects, for each kind of average.
 */
class AveragedTrainingTest {
    private static final HoldOutSplit SPLIT = Splits.holdOut(BuiltInDatasets.digits(), 0.2, 3);
    /** Batches of 32 from the digits' training split: updates per epoch. */
    private static final long PER_EPOCH = new MiniBatches(SPLIT.train(), BatchOptions.shuffled(32, 1))
            .batchesPerEpoch();

    /** A run built from its seed alone: SGD at a constant rate (the lectures' setting for averaging), with dropout. */
    private static final class Run {
        final Sequential model;
        final LearningRateSchedule schedule = LearningRateSchedule.constant(0.05);
        final Optimizer optimizer;
        final MiniBatches batches;
        final Trainer trainer;

        Run(long seed, AveragingRule rule) {
            Rng rng = new Rng(seed);
            model = new Sequential(new Linear(64, 32, rng.split()), Activation.relu(), new Dropout(0.1f, rng.split()),
                    new Linear(32, 10, rng.split()));
            optimizer = new Sgd(0.05).withMomentum(0.5).builder().schedule(schedule).build(model.namedParameters());
            batches = new MiniBatches(SPLIT.train(), BatchOptions.shuffled(32, rng.nextLong()));
            trainer = new Trainer(model, new SoftmaxCrossEntropy(), optimizer).averageParameters(rule);
        }

        List<EpochReport> trainUntil(int epochs) {
            return trainer.fit(batches, epochs, SPLIT.heldOut(), r -> { });
        }

        TrainingState capture() {
            return TrainingState.capture(trainer, model, optimizer, batches, schedule);
        }

        void restore(TrainingState state) {
            state.restore(trainer, model, optimizer, batches, schedule);
        }

        AveragedParameters average() {
            return trainer.averagedParameters();
        }
    }

    @Test
    void eachStepFoldsTheNewIterateIntoTheAverage() {
        Rng rng = new Rng(4);
        Sequential model = new Sequential(new Linear(64, 10, rng.split()));
        Trainer trainer = new Trainer(model, new SoftmaxCrossEntropy(), new Sgd(0.1).build(model.namedParameters()))
                .averageParameters(new PolyakAveraging(2));
        Variable weight = model.namedParameters().get("0.weight");
        double[] sum = new double[weight.value().size()];
        int[] labels = java.util.Arrays.copyOf(SPLIT.train().labels(), 16);
        Tensor features = Tensor.of(java.util.Arrays.copyOf(SPLIT.train().features().toArray2d(), 16));
        for (int step = 1; step <= 7; step++) {
            trainer.step(features, labels);
            if (step > 2) { // the mean of θ_3 … θ_7, in float64
                float[] theta = weight.value().data();
                for (int j = 0; j < sum.length; j++) {
                    sum[j] += theta[j];
                }
            }
        }
        AveragedParameters average = trainer.averagedParameters();
        assertThat(average.count()).isEqualTo(5);
        float[] averaged = average.values().get("0.weight").data();
        for (int j = 0; j < sum.length; j++) {
            assertThat((double) averaged[j]).as("element %d", j).isCloseTo(sum[j] / 5, within(1e-6));
        }

        average.swap();
        assertThatThrownBy(() -> trainer.step(features, labels)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("swap() them back before training on");
        average.swap();
        trainer.step(features, labels);
        assertThat(average.count()).isEqualTo(6);
    }

    @Test
    void withAccumulatedGradientsOnlyTheUpdatesAreAveraged() {
        Rng rng = new Rng(4);
        Sequential model = new Sequential(new Linear(64, 10, rng.split()));
        Trainer trainer = new Trainer(model, new SoftmaxCrossEntropy(), new Sgd(0.1).builder().accumulateGradients(2)
                .build(model.namedParameters())).averageParameters(new PolyakAveraging());
        int[] labels = java.util.Arrays.copyOf(SPLIT.train().labels(), 8);
        Tensor features = Tensor.of(java.util.Arrays.copyOf(SPLIT.train().features().toArray2d(), 8));
        List<float[]> updated = new java.util.ArrayList<>();
        for (int step = 1; step <= 6; step++) {
            trainer.step(features, labels);
            if (step % 2 == 0) {
                updated.add(model.namedParameters().get("0.bias").value().data().clone());
            }
        }
        assertThat(trainer.averagedParameters().count()).isEqualTo(3); // 6 steps, 3 updates
        float[] averaged = trainer.averagedParameters().values().get("0.bias").data();
        for (int j = 0; j < averaged.length; j++) {
            double mean = (updated.get(0)[j] + (double) updated.get(1)[j] + updated.get(2)[j]) / 3;
            assertThat((double) averaged[j]).isCloseTo(mean, within(1e-6));
        }
    }

    @Test
    void fitValidatesTheAveragedWeightsAndLeavesTheIterateInTheModel() {
        Run run = new Run(8, new ExponentialMovingAverage(0.9));
        List<EpochReport> reports = run.trainUntil(3);
        Objective objective = run.trainer.objective();
        Evaluation iterate = objective.evaluate(run.model, SPLIT.heldOut());
        run.average().swap();
        Evaluation averaged = objective.evaluate(run.model, SPLIT.heldOut());
        run.average().swap();
        EpochReport last = reports.get(reports.size() - 1);
        assertThat(last.validation().loss()).isEqualTo(averaged.loss());
        assertThat(last.validation().accuracy()).isEqualTo(averaged.accuracy());
        assertThat(iterate.loss()).isNotEqualTo(averaged.loss());
        assertThat(run.average().count()).isEqualTo(3 * PER_EPOCH);
    }

    @Test
    void beforeTheFirstAveragedIterateTheIterateIsValidated() {
        Run averaging = new Run(9, StochasticWeightAveraging.atEpochEnds(2, 1, PER_EPOCH));
        Run plain = new Run(9, null);
        List<EpochReport> withAverage = averaging.trainUntil(3);
        List<EpochReport> without = plain.trainUntil(3);
        assertThat(withAverage.get(0).validation()).isEqualTo(without.get(0).validation()); // nothing averaged yet
        // epoch 2's last iterate is the first averaged, copied: the same weights
        assertThat(withAverage.get(1).validation()).isEqualTo(without.get(1).validation());
        assertThat(withAverage.get(2).validation().loss()).isNotEqualTo(without.get(2).validation().loss());
        assertThat(averaging.average().count()).isEqualTo(2);
        // averaging changes nothing about the training itself
        assertThat(averaging.model.parameters().get(0).value().data())
                .containsExactly(plain.model.parameters().get(0).value().data());
    }

    static Stream<Arguments> rules() {
        return Stream.of(
                Arguments.of("polyak", (LongFunction<AveragingRule>) perEpoch -> new PolyakAveraging(perEpoch / 2)),
                Arguments.of("ema", (LongFunction<AveragingRule>) perEpoch -> new ExponentialMovingAverage(0.95)),
                Arguments.of("ema, bias-corrected", (LongFunction<AveragingRule>) perEpoch ->
                        new ExponentialMovingAverage(0.99).withBiasCorrection(true)),
                Arguments.of("swa", (LongFunction<AveragingRule>) perEpoch ->
                        StochasticWeightAveraging.atEpochEnds(2, 1, perEpoch)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void resumingFromACheckpointFileGivesTheSameAverageBitForBit(String kind, LongFunction<AveragingRule> rule,
                                                                  @TempDir Path dir) throws IOException {
        Run through = new Run(31, rule.apply(PER_EPOCH));
        through.trainUntil(4);

        Run first = new Run(31, rule.apply(PER_EPOCH));
        first.trainUntil(2);
        Path file = dir.resolve("epoch-0002.safetensors");
        CheckpointFile.write(file, first.capture(), Map.of());
        CheckpointFile.Contents contents = CheckpointFile.read(file);
        assertThat(contents.metadata()).containsEntry("format_version", "2")
                .containsEntry("average_rule", rule.apply(PER_EPOCH).toString())
                .containsEntry("average_count", Long.toString(first.average().count()));
        Run resumed = new Run(77, rule.apply(PER_EPOCH)); // other weights and orders: all must come from the file
        resumed.restore(contents.state());
        resumed.trainUntil(4);

        assertThat(resumed.average().count()).isEqualTo(through.average().count()).isPositive();
        AveragedParameters.State expected = through.average().state();
        AveragedParameters.State actual = resumed.average().state();
        for (String name : through.model.namedParameters().keySet()) {
            assertThat(actual.values().get(name).data()).as("%s average", name)
                    .containsExactly(expected.values().get(name).data());
            assertThat(actual.residuals().get(name).data()).as("%s rounding error", name)
                    .containsExactly(expected.residuals().get(name).data());
            assertThat(resumed.model.namedParameters().get(name).value().data()).as("%s iterate", name)
                    .containsExactly(through.model.namedParameters().get(name).value().data());
        }
    }

    @Test
    void equalRunsGiveIdenticalAveragesAndACheckpointWithoutOneStaysVersion1(@TempDir Path dir) throws IOException {
        Run a = new Run(5, new ExponentialMovingAverage(0.9).withBiasCorrection(true));
        Run b = new Run(5, new ExponentialMovingAverage(0.9).withBiasCorrection(true));
        a.trainUntil(2);
        b.trainUntil(2);
        a.average().values().forEach((name, t) -> assertThat(b.average().values().get(name).data()).as(name)
                .containsExactly(t.data()));

        Run plain = new Run(5, null);
        plain.trainUntil(1);
        Path file = dir.resolve("plain.safetensors");
        CheckpointFile.write(file, plain.capture(), Map.of());
        CheckpointFile.Contents contents = CheckpointFile.read(file);
        assertThat(contents.metadata()).containsEntry("format_version", "1").doesNotContainKey("average_rule");
        assertThat(contents.state().averaged()).isNull();
    }

    @Test
    void aCheckpointIsResumedOnlyUnderTheSameAveraging() {
        Run ema = new Run(6, new ExponentialMovingAverage(0.9));
        ema.trainUntil(1);
        TrainingState saved = ema.capture();

        Run other = new Run(6, new ExponentialMovingAverage(0.99));
        float[] before = other.model.parameters().get(0).value().data().clone();
        assertThatThrownBy(() -> other.restore(saved)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("checkpoint: the saved average was kept under ExponentialMovingAverage(decay=0.9, start=0,"
                        + " bias_correction=false), but this one under ExponentialMovingAverage(decay=0.99, start=0,"
                        + " bias_correction=false); resume with the same rule");
        assertThat(other.model.parameters().get(0).value().data()).containsExactly(before);
        assertThat(other.trainer.stepsDone()).isZero();

        Run none = new Run(6, null);
        assertThatThrownBy(() -> none.restore(saved)).hasMessageStartingWith("checkpoint: it holds an average of the"
                + " parameters (ExponentialMovingAverage(decay=0.9, start=0, bias_correction=false), " + PER_EPOCH
                + " iterates) but this run keeps none; resume with the same averaging");

        // a run that did not average may be resumed with averaging only if it would not have averaged yet
        Run plain = new Run(6, null);
        plain.trainUntil(1);
        TrainingState withoutAverage = plain.capture();
        Run late = new Run(6, StochasticWeightAveraging.atEpochEnds(2, 1, PER_EPOCH));
        late.restore(withoutAverage);
        late.trainUntil(2);
        assertThat(late.average().count()).isEqualTo(1);
        Run early = new Run(6, new PolyakAveraging(10));
        assertThatThrownBy(() -> early.restore(withoutAverage)).hasMessage("checkpoint: it holds no average of the"
                + " parameters, but this run's PolyakAveraging(start=10) would have averaged " + (PER_EPOCH - 10)
                + " iterates by update " + PER_EPOCH + "; resume without averaging, or start the run again with it");
    }

    @Test
    void earlyStoppingThatRestoresTheBestWeightsIsRefusedBeforeTheFirstStep() {
        Run run = new Run(2, new PolyakAveraging());
        run.trainer.addCallback(new EarlyStopping(EarlyStopping.Metric.VALIDATION_LOSS, 2, 0, true));
        assertThatThrownBy(() -> run.trainUntil(3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("early stopping would restore the best epoch's weights, but the validation scores are"
                        + " those of the averaged weights (PolyakAveraging(start=0)), whose best epoch is not kept;"
                        + " stop early without restoring the best weights, or do not average");
        assertThat(run.trainer.stepsDone()).isZero();

        Run kept = new Run(2, new PolyakAveraging());
        kept.trainer.addCallback(new EarlyStopping(EarlyStopping.Metric.VALIDATION_LOSS, 2, 0, false));
        assertThat(kept.trainUntil(1)).hasSize(1);
    }
}
