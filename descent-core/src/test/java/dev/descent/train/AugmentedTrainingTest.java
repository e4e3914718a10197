package dev.descent.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.data.AugmentedBatches;
import dev.descent.data.BatchOptions;
import dev.descent.data.BuiltInDatasets;
import dev.descent.data.Dataset;
import dev.descent.data.HoldOutSplit;
import dev.descent.data.ImageAugmentation;
import dev.descent.data.InformativeSampler;
import dev.descent.data.MiniBatches;
import dev.descent.data.Splits;
import dev.descent.loss.SoftmaxCrossEntropy;
import dev.descent.nn.Models;
import dev.descent.nn.Sequential;
import dev.descent.optim.Sgd;
import dev.descent.random.Rng;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Training on augmented batches: only the training batches change; validation data and the data sets do not. */
class AugmentedTrainingTest {
    private static final HoldOutSplit SPLIT = Splits.holdOut(BuiltInDatasets.digits(), 0.2, 3);
    private static final ImageAugmentation CROP_AND_FLIP = ImageAugmentation.none(1, 8, 8).withRandomCrop(2)
            .withHorizontalFlip(true);

    @Test
    void validationScoresAreThoseOfTheUnchangedValidationData() {
        Dataset train = SPLIT.train();
        Dataset validation = SPLIT.heldOut();
        float[] trainBefore = train.features().data().clone();
        float[] validationBefore = validation.features().data().clone();
        Rng rng = new Rng(4);
        Sequential model = Models.mlp(rng.split(), 64, 32, 10);
        Trainer trainer = new Trainer(model, new SoftmaxCrossEntropy(), new Sgd(0.05).build(model.namedParameters()));
        AugmentedBatches batches = new AugmentedBatches(new MiniBatches(train, BatchOptions.shuffled(32, rng.nextLong())),
                CROP_AND_FLIP, rng.split());
        List<EpochReport> reports = new ArrayList<>();

        trainer.fit(batches, 2, validation, reports::add);

        model.eval();
        Evaluation unaugmented = trainer.objective().evaluate(model, validation);
        EpochReport last = reports.get(reports.size() - 1);
        assertThat(last.validation().loss()).isEqualTo(unaugmented.loss());
        assertThat(last.validation().accuracy()).isEqualTo(unaugmented.accuracy());
        assertThat(validation.features().data()).as("validation data").containsExactly(validationBefore);
        assertThat(train.features().data()).as("training data").containsExactly(trainBefore);
        assertThat(batches.generator().state()).as("the augmentation drew").isNotEqualTo(new Rng(4).split().state());
    }

    @Test
    void aSamplerBehindTheAugmentationStillHearsTheLosses() {
        Dataset train = SPLIT.train();
        InformativeSampler sampler = new InformativeSampler(train.size(), 1.0, 0.2, train.size(), 5);
        Sequential model = Models.mlp(new Rng(5), 64, 16, 10);
        Trainer trainer = new Trainer(model, new SoftmaxCrossEntropy(), new Sgd(0.05).build(model.namedParameters()));

        trainer.fit(new AugmentedBatches(new MiniBatches(train, sampler, 32, false), CROP_AND_FLIP, new Rng(6)), 1,
                null, report -> { });

        float[] losses = sampler.learnedState();
        long reported = 0;
        for (float loss : losses) {
            reported += loss != 1f ? 1 : 0; // every loss starts at 1
        }
        assertThat(reported).as("examples whose loss the trainer reported through the augmentation").isPositive();
    }
}
