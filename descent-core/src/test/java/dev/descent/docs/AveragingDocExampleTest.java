package dev.descent.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.data.Batch;
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
import dev.descent.optim.average.AveragedParameters;
import dev.descent.optim.average.PolyakAveraging;
import dev.descent.random.Rng;
import dev.descent.train.Evaluation;
import dev.descent.train.Evaluator;
import dev.descent.train.Trainer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/averaging.md: its Java block runs on the 8×8 digits, and the average it evaluates is not the iterate. */
class AveragingDocExampleTest {
    private static final Path DOC = DocBlocks.ROOT.resolve("docs/averaging.md");

    @Test
    void theJavaExampleEvaluatesTheAverageAndKeepsTheIterate() {
        HoldOutSplit split = Splits.holdOut(BuiltInDatasets.digits(), 0.2, 1);
        Dataset validation = split.heldOut();
        Rng rng = new Rng(11);
        Sequential model = Models.mlp(rng.split(), 64, 32, 10);
        MiniBatches batches = new MiniBatches(split.train(), BatchOptions.shuffled(32, rng.nextLong()));
        Evaluator evaluator = new Evaluator(256);
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
        // --- docs/averaging.md example start
        Trainer trainer = new Trainer(model, new SoftmaxCrossEntropy(), new Sgd(0.05).build(model.namedParameters()))
                .averageParameters(new PolyakAveraging(batches.batchesPerEpoch()));   // skip the first epoch's iterates
        for (int epoch = 0; epoch < 5; epoch++) {
            for (Batch b : batches.nextEpoch()) {
                trainer.step(b.features(), b.labels());                            // each update folds θ into θ̄
            }
        }
        AveragedParameters average = trainer.averagedParameters();
        Evaluation averaged = average.withAveragedWeights(() -> evaluator.evaluate(model, loss, validation));
        Evaluation last = evaluator.evaluate(model, loss, validation);              // the iterate, unchanged
        // --- docs/averaging.md example end
        assertThat(average.count()).isEqualTo(4L * batches.batchesPerEpoch());
        assertThat(averaged.loss()).isNotEqualTo(last.loss());
        assertThat(averaged.accuracy()).isGreaterThan(0.5);
        assertThat(evaluator.evaluate(model, loss, validation)).isEqualTo(last);
    }

    @Test
    void theJavaBlockOfThePageIsCodeHere() throws IOException {
        DocBlocks.assertJavaBlocksAreTestedCode(DOC, List.of(DocBlocks.ROOT.resolve(
                "descent-core/src/test/java/dev/descent/docs/AveragingDocExampleTest.java")));
    }
}
