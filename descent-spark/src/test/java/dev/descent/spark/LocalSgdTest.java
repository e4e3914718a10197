package dev.descent.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.data.BuiltInDatasets;
import dev.descent.data.Dataset;
import dev.descent.data.HoldOutSplit;
import dev.descent.data.Splits;
import dev.descent.nn.ModelSpec;
import dev.descent.nn.ModelSpec.ActivationSpec;
import dev.descent.nn.ModelSpec.LinearSpec;
import dev.descent.nn.Sequential;
import dev.descent.optim.Sgd;
import dev.descent.random.Rng;
import dev.descent.tensor.Tensor;
import dev.descent.train.EpochReport;
import dev.descent.train.TrainingDivergedException;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LocalSgdTest {
    private static final ModelSpec SPEC = new ModelSpec(64, List.of(new LinearSpec(32, true),
            ActivationSpec.of("relu"), new LinearSpec(10, true)));
    private static final OptimizerFactory MOMENTUM = parameters -> new Sgd(0.01).withMomentum(0.9).build(parameters);
    private static JavaSparkContext spark;
    private static Dataset digits;

    @BeforeAll
    static void start() {
        spark = SparkTestContext.start("local-sgd");
        digits = BuiltInDatasets.load(BuiltInDatasets.DIGITS);
    }

    @AfterAll
    static void stop() {
        spark.close();
    }

    private static Map<String, Tensor> rounds(SparkExamples data, int rounds, int localSteps) {
        Sequential model = SPEC.build(new Rng(5));
        LocalSgd sgd = new LocalSgd(spark, data, ModelFactory.of(SPEC), ObjectiveFactory.softmaxCrossEntropy(),
                MOMENTUM, 32, localSteps, 11);
        for (int r = 0; r < rounds; r++) {
            sgd.round(model);
        }
        return model.stateDict();
    }

    @Test
    void onOnePartitionTwoRoundsOfFiveStepsEqualOneRoundOfTenWithTheMomentumCarriedOver() {
        try (SparkExamples one = SparkExamples.of(spark, digits, 1)) {
            Map<String, Tensor> twoRounds = rounds(one, 2, 5);
            Map<String, Tensor> oneRound = rounds(one, 1, 10);
            Map<String, Tensor> withoutMomentumState = rounds(one, 1, 5);
            oneRound.forEach((name, w) -> assertThat(twoRounds.get(name).data()).as(name).containsExactly(w.data()));
            assertThat(withoutMomentumState.get("0.weight").data()).isNotEqualTo(oneRound.get("0.weight").data());
        }
    }

    @Test
    void averagingOverFourPartitionsLearnsDigitsAndIsBitReproducible() {
        HoldOutSplit split = Splits.holdOut(digits, 0.2, 3);
        try (SparkExamples data = SparkExamples.of(spark, split.train(), 4)) {
            Sequential model = SPEC.build(new Rng(5));
            LocalSgd sgd = new LocalSgd(spark, data, ModelFactory.of(SPEC), ObjectiveFactory.softmaxCrossEntropy(),
                    parameters -> new Sgd(0.05).withMomentum(0.9).build(parameters), 16, 4, 11);
            List<EpochReport> reports = sgd.fit(model, 8, split.heldOut(), r -> { });
            EpochReport last = reports.get(reports.size() - 1);
            assertThat(last.validation().accuracy()).isGreaterThan(0.93);
            assertThat(last.trainLoss()).isLessThan(reports.get(0).trainLoss());
            assertThat(last.learningRate()).isEqualTo(0.05);
            assertThat(last.step()).isEqualTo(8L * sgd.roundsPerEpoch() * 4);
            Map<String, Tensor> again = rounds(data, 3, 4);
            Map<String, Tensor> once = rounds(data, 3, 4);
            once.forEach((name, w) -> assertThat(again.get(name).data()).as(name).containsExactly(w.data()));
        }
    }

    @Test
    void aRunStoppedAfterACheckpointResumesBitForBitAndCallbacksApply(@org.junit.jupiter.api.io.TempDir
                                                                     java.nio.file.Path dir) throws Exception {
        try (SparkExamples data = SparkExamples.of(spark, digits, 2)) {
            OptimizerFactory optimizer = parameters -> new Sgd(0.02).withMomentum(0.9).build(parameters);
            Sequential whole = SPEC.build(new Rng(5));
            new LocalSgd(spark, data, ModelFactory.of(SPEC), ObjectiveFactory.softmaxCrossEntropy(), optimizer, 32, 4,
                    11).fit(whole, 3, null, r -> { });

            Sequential first = SPEC.build(new Rng(5));
            LocalSgd stopped = new LocalSgd(spark, data, ModelFactory.of(SPEC),
                    ObjectiveFactory.softmaxCrossEntropy(), optimizer, 32, 4, 11);
            stopped.addCallback(new dev.descent.train.Checkpoints(dir, 1, 2, () -> stopped.state(first), Map.of()));
            stopped.fit(first, 2, null, r -> { });

            Sequential resumed = SPEC.build(new Rng(77)); // other initial weights: the checkpoint's must win
            LocalSgd again = new LocalSgd(spark, data, ModelFactory.of(SPEC), ObjectiveFactory.softmaxCrossEntropy(),
                    optimizer, 32, 4, 11);
            again.restore(dev.descent.train.CheckpointFile.read(dir.resolve("last.safetensors")).state(), resumed);
            assertThat(again.epochsDone()).isEqualTo(2);
            List<EpochReport> rest = again.fit(resumed, 3, null, r -> { });
            assertThat(rest).hasSize(1);
            whole.stateDict().forEach((name, w) -> assertThat(resumed.stateDict().get(name).data()).as(name)
                    .containsExactly(w.data()));

            Sequential budget = SPEC.build(new Rng(5));
            LocalSgd limited = new LocalSgd(spark, data, ModelFactory.of(SPEC),
                    ObjectiveFactory.softmaxCrossEntropy(), optimizer, 32, 4, 11)
                    .addCallback(new dev.descent.train.StepBudget(12));
            limited.fit(budget, 5, null, r -> { });
            assertThat(limited.rounds()).isEqualTo(3); // 3 rounds of 4 local steps
        }
    }

    @Test
    void aDivergingRoundStopsAndKeepsTheLastGoodWeights() {
        try (SparkExamples data = SparkExamples.of(spark, digits, 2)) {
            Sequential model = SPEC.build(new Rng(5));
            LocalSgd sgd = new LocalSgd(spark, data, ModelFactory.of(SPEC), ObjectiveFactory.softmaxCrossEntropy(),
                    parameters -> new Sgd(1e6).build(parameters), 32, 20, 11);
            float[] before = model.stateDict().get("0.weight").data().clone();
            assertThatThrownBy(() -> {
                for (int r = 0; r < 5; r++) {
                    sgd.round(model);
                    System.arraycopy(model.stateDict().get("0.weight").data(), 0, before, 0, before.length);
                }
            }).isInstanceOf(TrainingDivergedException.class).hasMessageContaining("smaller learning rate");
            assertThat(model.stateDict().get("0.weight").data()).containsExactly(before);
        }
    }
}
