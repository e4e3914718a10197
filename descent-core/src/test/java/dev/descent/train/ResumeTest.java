package dev.descent.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.autodiff.Variable;
import dev.descent.data.AugmentedBatches;
import dev.descent.data.BatchOptions;
import dev.descent.data.BatchSource;
import dev.descent.data.BuiltInDatasets;
import dev.descent.data.HoldOutSplit;
import dev.descent.data.ImageAugmentation;
import dev.descent.data.MiniBatches;
import dev.descent.data.Splits;
import dev.descent.loss.SoftmaxCrossEntropy;
import dev.descent.nn.Activation;
import dev.descent.nn.Dropout;
import dev.descent.nn.Linear;
import dev.descent.nn.Models;
import dev.descent.nn.Sequential;
import dev.descent.optim.Adam;
import dev.descent.optim.Optimizer;
import dev.descent.random.Rng;
import dev.descent.schedule.LearningRateSchedule;
import dev.descent.schedule.LinearDecay;
import dev.descent.io.SafeTensors;
import dev.descent.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Train 6 epochs ≡ train 3, stop, restore into fresh objects, train 3 more: bit-identical weights,
 * with image augmentation too.
 */
class ResumeTest {
    private static final HoldOutSplit SPLIT = Splits.holdOut(BuiltInDatasets.digits(), 0.2, 3);

    /** Everything a run is made of, built from the seed alone (dropout included, to exercise its generator). */
    private static final class Run {
        final Sequential model;
        final LearningRateSchedule schedule = new LinearDecay(0.01, 1e-4, 6L * 45);
        final Optimizer optimizer;
        final MiniBatches batches;
        /** What the trainer takes: {@link #batches}, augmented when the run augments. */
        final BatchSource training;
        final Trainer trainer;

        Run(long seed) {
            this(seed, null);
        }

        /** A run whose 8×8 digit images are augmented with {@code augmentation} (null: none). */
        Run(long seed, ImageAugmentation augmentation) {
            Rng rng = new Rng(seed);
            model = new Sequential(new Linear(64, 48, rng.split()), Activation.relu(), new Dropout(0.2f, rng.split()),
                    new Linear(48, 10, rng.split()));
            optimizer = new Adam().withLr(0.01).builder().schedule(schedule).build(model.namedParameters());
            batches = new MiniBatches(SPLIT.train(), BatchOptions.shuffled(32, rng.nextLong()));
            training = augmentation == null ? batches : new AugmentedBatches(batches, augmentation, rng.split());
            trainer = new Trainer(model, new SoftmaxCrossEntropy(), optimizer);
        }

        void trainUntil(int epochs) {
            trainer.fit(training, epochs, SPLIT.heldOut(), r -> { });
        }

        TrainingState capture() {
            return TrainingState.capture(trainer, model, optimizer, training, schedule);
        }

        void restore(TrainingState state) {
            state.restore(trainer, model, optimizer, training, schedule);
        }

        List<float[]> weights() {
            List<float[]> w = new ArrayList<>();
            for (Variable p : model.parameters()) {
                w.add(p.value().data().clone());
            }
            return w;
        }
    }

    @Test
    void stoppingAndResumingGivesTheSameWeightsAsTrainingThrough() {
        Run through = new Run(17);
        through.trainUntil(6);

        Run first = new Run(17);
        first.trainUntil(3);
        TrainingState saved = TrainingState.capture(first.trainer, first.model, first.optimizer, first.batches,
                first.schedule);
        Run resumed = new Run(99); // different initial weights and orders: everything must come from the state
        saved.restore(resumed.trainer, resumed.model, resumed.optimizer, resumed.batches, resumed.schedule);
        resumed.trainUntil(6);

        List<float[]> expected = through.weights();
        List<float[]> actual = resumed.weights();
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i)).as("parameter %d", i).containsExactly(expected.get(i));
        }
        assertThat(resumed.trainer.stepsDone()).isEqualTo(through.trainer.stepsDone());
    }

    @Test
    void resumingFromACheckpointFileIsBitIdenticalToo(@TempDir Path dir) throws IOException {
        Run through = new Run(21);
        through.trainUntil(6);

        Run first = new Run(21);
        first.trainUntil(3);
        Path file = dir.resolve("checkpoint.safetensors");
        CheckpointFile.write(file, TrainingState.capture(first.trainer, first.model, first.optimizer, first.batches,
                first.schedule), Map.of("config", "epochs: 6\n"));
        CheckpointFile.Contents contents = CheckpointFile.read(file);
        assertThat(contents.metadata()).containsEntry("config", "epochs: 6\n").containsEntry("epochs_done", "3");
        Run resumed = new Run(5);
        contents.state().restore(resumed.trainer, resumed.model, resumed.optimizer, resumed.batches, resumed.schedule);
        resumed.trainUntil(6);
        List<float[]> expected = through.weights();
        for (int i = 0; i < expected.size(); i++) {
            assertThat(resumed.weights().get(i)).as("parameter %d", i).containsExactly(expected.get(i));
        }
    }

    @Test
    void anAugmentedRunResumedFromACheckpointFileDrawsTheSameCropsAndFlips(@TempDir Path dir) throws IOException {
        ImageAugmentation augmentation = ImageAugmentation.none(1, 8, 8).withRandomCrop(1).withHorizontalFlip(true);
        Run through = new Run(23, augmentation);
        through.trainUntil(6);

        Run first = new Run(23, augmentation);
        first.trainUntil(3);
        Path file = dir.resolve("augmented.safetensors");
        CheckpointFile.write(file, first.capture(), Map.of());
        CheckpointFile.Contents contents = CheckpointFile.read(file);
        assertThat(contents.metadata()).containsEntry("augmentation_rng",
                Long.toString(((AugmentedBatches) first.training).generator().state()));
        Run resumed = new Run(99, augmentation); // another augmentation seed too: it must come from the file
        resumed.restore(contents.state());
        resumed.trainUntil(6);

        List<float[]> expected = through.weights();
        for (int i = 0; i < expected.size(); i++) {
            assertThat(resumed.weights().get(i)).as("parameter %d", i).containsExactly(expected.get(i));
        }

        // the generator's state is what makes it so: without it the crops differ, and so do the weights
        TrainingState saved = contents.state();
        TrainingState withoutAugmentation = new TrainingState(saved.epochsDone(), saved.steps(), saved.weights(),
                saved.generators(), saved.optimizer(), saved.batches(), saved.plateau());
        Run unrestored = new Run(99, augmentation);
        unrestored.restore(withoutAugmentation);
        unrestored.trainUntil(6);
        assertThat(unrestored.weights().get(0)).isNotEqualTo(expected.get(0));
        Run plain = new Run(23);
        plain.trainUntil(6);
        assertThat(plain.weights().get(0)).as("trained without augmentation").isNotEqualTo(expected.get(0));
    }

    @Test
    void aCheckpointOfARunWithoutAugmentationHasNoAugmentationState(@TempDir Path dir) throws IOException {
        Run run = new Run(3);
        run.trainUntil(1);
        Path file = dir.resolve("plain.safetensors");
        CheckpointFile.write(file, run.capture(), Map.of());
        CheckpointFile.Contents contents = CheckpointFile.read(file);
        assertThat(contents.metadata()).doesNotContainKey("augmentation_rng");
        assertThat(contents.state().augmentationRng()).isNull();
    }

    @Test
    void damagedNewerAndForeignCheckpointsAreRefusedClearly(@TempDir Path dir) throws IOException {
        Run run = new Run(1);
        run.trainUntil(1);
        Path file = dir.resolve("c.safetensors");
        CheckpointFile.write(file, TrainingState.capture(run.trainer, run.model, run.optimizer, run.batches,
                run.schedule), Map.of());
        byte[] bytes = Files.readAllBytes(file);
        Path truncated = dir.resolve("truncated.safetensors");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> CheckpointFile.read(truncated)).isInstanceOf(IOException.class)
                .hasMessageContaining("truncated.safetensors");
        Path newer = dir.resolve("newer.safetensors");
        SafeTensors.write(newer, Map.of("model/x", Tensor.zeros(1)), Map.of("format", "descent-checkpoint",
                "format_version", "99"));
        assertThatThrownBy(() -> CheckpointFile.read(newer)).hasMessageContaining("newer Descent")
                .hasMessageContaining("format 99");
        Path weightsOnly = dir.resolve("weights.safetensors");
        SafeTensors.write(weightsOnly, Map.of("0.weight", Tensor.zeros(2, 2)), Map.of());
        assertThatThrownBy(() -> CheckpointFile.read(weightsOnly)).hasMessageContaining("not a Descent checkpoint");
    }

    @Test
    void aStateFromAnotherModelIsRefusedWithoutChangingAnything() {
        Run run = new Run(1);
        run.trainUntil(1);
        TrainingState state = TrainingState.capture(run.trainer, run.model, run.optimizer, run.batches, run.schedule);
        Sequential other = Models.mlp(new Rng(2), 64, 20, 10);
        Optimizer otherOptimizer = new Adam().build(other.namedParameters());
        float[] before = other.parameters().get(0).value().data().clone();
        Trainer otherTrainer = new Trainer(other, new SoftmaxCrossEntropy(), otherOptimizer);
        assertThatThrownBy(() -> state.restore(otherTrainer, other, otherOptimizer, run.batches, run.schedule))
                .hasMessageContaining("'0.weight'").hasMessageContaining("[48, 64]").hasMessageContaining("[20, 64]");
        assertThat(other.parameters().get(0).value().data()).containsExactly(before);
    }
}
