package dev.descent.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.data.AugmentedBatches;
import dev.descent.data.BatchOptions;
import dev.descent.data.BatchSource;
import dev.descent.data.BuiltInDatasets;
import dev.descent.data.Dataset;
import dev.descent.data.HoldOutSplit;
import dev.descent.data.ImageAugmentation;
import dev.descent.data.MiniBatches;
import dev.descent.data.Splits;
import dev.descent.loss.SoftmaxCrossEntropy;
import dev.descent.nn.Models;
import dev.descent.nn.Sequential;
import dev.descent.optim.Sgd;
import dev.descent.random.Rng;
import dev.descent.train.Trainer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/augmentation.md: its Java block runs and learns on the 8×8 digits. */
class AugmentationDocExampleTest {
    private static final Path DOC = DocBlocks.ROOT.resolve("docs/augmentation.md");

    @Test
    void theJavaExampleTrainsOnAugmentedDigits() {
        HoldOutSplit split = Splits.holdOut(BuiltInDatasets.digits(), 0.2, 1);
        Dataset train = split.train();
        Dataset validation = split.heldOut();
        long seed = 7;
        // --- docs/augmentation.md example start
        Rng rng = new Rng(seed);
        Sequential model = Models.mlp(rng.split(), 64, 32, 10);
        ImageAugmentation augmentation = ImageAugmentation.none(1, 8, 8).withRandomCrop(1).withHorizontalFlip(true);
        BatchSource batches = new AugmentedBatches(new MiniBatches(train, BatchOptions.shuffled(32, rng.nextLong())),
                augmentation, rng.split());
        Trainer trainer = new Trainer(model, new SoftmaxCrossEntropy(), new Sgd(0.05).build(model.namedParameters()));
        trainer.fit(batches, 5, validation, report -> { });   // validation is never augmented
        // --- docs/augmentation.md example end
        assertThat(trainer.objective().evaluate(model, validation).accuracy()).isGreaterThan(0.5);
    }

    @Test
    void theJavaBlockOfThePageIsCodeHere() throws IOException {
        DocBlocks.assertJavaBlocksAreTestedCode(DOC, List.of(DocBlocks.ROOT.resolve(
                "descent-core/src/test/java/dev/descent/docs/AugmentationDocExampleTest.java")));
    }
}
