package dev.descent.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.autodiff.Variable;
import dev.descent.data.BatchOptions;
import dev.descent.data.BuiltInDatasets;
import dev.descent.data.Dataset;
import dev.descent.data.HoldOutSplit;
import dev.descent.data.MiniBatches;
import dev.descent.data.Splits;
import dev.descent.loss.SoftmaxCrossEntropy;
import dev.descent.nn.Models;
import dev.descent.nn.Sequential;
import dev.descent.optim.Sgd;
import dev.descent.random.Rng;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingCallbacksTest {
    private final HoldOutSplit split = Splits.holdOut(BuiltInDatasets.digits(), 0.2, 1);

    private Trainer trainer(Sequential model, double lr) {
        return new Trainer(model, new SoftmaxCrossEntropy(),
                new Sgd(lr).withMomentum(0.9).build(model.namedParameters()));
    }

    private MiniBatches batches(long seed) {
        return new MiniBatches(split.train(), BatchOptions.shuffled(32, seed));
    }

    @Test
    void earlyStoppingStopsAfterPatienceAndRestoresTheBestWeights() {
        Sequential model = Models.mlp(new Rng(1), 64, 32, 10);
        // a validation set whose labels are shuffled: its loss gets worse as the model learns
        Dataset noise = new Dataset("noise", split.heldOut().features(), new Rng(9).permutation(split.heldOut().size()),
                split.heldOut().size());
        int[] labels = new int[noise.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = noise.label(i) % 10;
        }
        Dataset validation = new Dataset("noise", split.heldOut().features(), labels, 10);
        EarlyStopping stopping = new EarlyStopping(EarlyStopping.Metric.VALIDATION_LOSS, 2, 0, true);
        List<float[]> weightsAtEpoch = new ArrayList<>();
        Trainer trainer = trainer(model, 0.05).addCallback(new TrainingCallback() {
            @Override
            public void onEpochEnd(EpochReport report, TrainingContext context) {
                weightsAtEpoch.add(context.model().parameters().get(0).value().data().clone());
            }
        }).addCallback(stopping);
        List<EpochReport> reports = trainer.fit(batches(1), 50, validation, r -> { });
        assertThat(reports.size()).isLessThan(50);
        assertThat(trainer.stopReason()).contains("early stopping").contains("not improved for 3 epochs");
        int best = stopping.bestEpoch();
        assertThat(reports.size()).isEqualTo(best + 3);
        assertThat(model.parameters().get(0).value().data()).containsExactly(weightsAtEpoch.get(best - 1));
    }

    @Test
    void aTimeLimitStopsMidEpoch() {
        Sequential model = Models.mlp(new Rng(2), 64, 32, 10);
        Trainer trainer = trainer(model, 0.05).addCallback(new TimeLimit(Duration.ofMillis(1)));
        List<EpochReport> reports = trainer.fit(batches(2), 100, split.heldOut(), r -> { });
        assertThat(reports).hasSizeLessThan(100);
        assertThat(trainer.stopReason()).startsWith("time limit");
    }

    @Test
    void theLearningRateOfEveryStepIsLogged() {
        Sequential model = Models.mlp(new Rng(3), 64, 32, 10);
        LearningRateLog log = new LearningRateLog();
        trainer(model, 0.05).addCallback(log).fit(batches(3), 2, null, r -> { });
        assertThat(log.steps()).hasSize(2 * 45).startsWith(1L, 2L);
        assertThat(log.rates()).containsOnly(0.05);
    }

    @Test
    void callbacksSeeTheBatchLossAndTheEpochsRunningLoss() {
        Sequential model = Models.mlp(new Rng(3), 64, 32, 10);
        List<double[]> seen = new ArrayList<>(); // {epoch, batch loss, running loss}
        List<EpochReport> reports = trainer(model, 0.05).addCallback(new TrainingCallback() {
            @Override
            public void onStepEnd(TrainingContext context) {
                seen.add(new double[] {context.epoch(), context.batchLoss(), context.epochLoss()});
            }
        }).fit(batches(3), 2, null, r -> { });
        assertThat(seen).hasSize(2 * 45);
        // the first step's running loss is its batch's loss; the last one of an epoch is the epoch's training loss
        assertThat(seen.get(0)[2]).isEqualTo(seen.get(0)[1]);
        assertThat(seen.get(44)[2]).isCloseTo(reports.get(0).trainLoss(), org.assertj.core.api.Assertions.within(1e-12));
        assertThat(seen.get(45)[2]).isEqualTo(seen.get(45)[1]); // a new epoch starts a new mean
        assertThat(seen.get(89)[2]).isCloseTo(reports.get(1).trainLoss(), org.assertj.core.api.Assertions.within(1e-12));
        assertThat(seen).allSatisfy(step -> assertThat(step[1]).isFinite().isPositive());
    }

    @Test
    void callbacksSeeTheExamplesOfTheEpochSoFar() {
        Sequential model = Models.mlp(new Rng(3), 64, 32, 10);
        List<Long> seen = new ArrayList<>();
        trainer(model, 0.05).addCallback(new TrainingCallback() {
            @Override
            public void onStepEnd(TrainingContext context) {
                seen.add(context.epochExamples());
            }
        }).fit(batches(3), 2, null, r -> { });
        int n = split.train().size();
        assertThat(seen).hasSize(2 * 45);
        assertThat(seen.get(0)).isEqualTo(32L);
        assertThat(seen.get(43)).isEqualTo(44 * 32L);
        assertThat(seen.get(44)).isEqualTo((long) n); // the last, smaller batch completes the epoch
        assertThat(seen.get(45)).isEqualTo(32L); // a new epoch counts afresh
        assertThat(seen.get(89)).isEqualTo((long) n);
        assertThat(TrainingContext.forLoop(model, null, null).epochExamples()).isEqualTo(-1);
    }

    @Test
    void divergenceStopsBeforeTheUpdateThatWouldSpoilTheWeights() {
        Sequential model = Models.mlp(new Rng(4), 64, 32, 10);
        Trainer trainer = trainer(model, 1e12);
        List<float[]> before = new ArrayList<>();
        assertThatThrownBy(() -> trainer.addCallback(new TrainingCallback() {
            @Override
            public void onStepEnd(TrainingContext context) {
                before.clear();
                for (Variable p : context.model().parameters()) {
                    before.add(p.value().data().clone());
                }
            }
        }).fit(batches(4), 3, split.heldOut(), r -> { }))
                .isInstanceOf(TrainingDivergedException.class)
                .hasMessageContaining("step").hasMessageContaining("smaller learning rate")
                .hasMessageContaining("last good step");
        for (int i = 0; i < before.size(); i++) {
            assertThat(model.parameters().get(i).value().data()).as("parameter %d", i).containsExactly(before.get(i));
            for (float w : model.parameters().get(i).value().data()) {
                assertThat(Float.isFinite(w)).isTrue();
            }
        }
    }

    @Test
    void progressRestoredContinuesTheEpochCount() {
        Sequential model = Models.mlp(new Rng(5), 64, 32, 10);
        Trainer trainer = trainer(model, 0.05);
        trainer.restoreProgress(2, 90);
        List<EpochReport> reports = trainer.fit(batches(5), 3, null, r -> { });
        assertThat(reports).hasSize(1);
        assertThat(reports.get(0).epoch()).isEqualTo(3);
        assertThat(reports.get(0).step()).isEqualTo(135);
    }
}
