package dev.descent.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.autodiff.Tape;
import dev.descent.data.BatchOptions;
import dev.descent.data.BuiltInDatasets;
import dev.descent.data.Dataset;
import dev.descent.data.HoldOutSplit;
import dev.descent.data.MiniBatches;
import dev.descent.data.Splits;
import dev.descent.loss.SoftmaxCrossEntropy;
import dev.descent.nn.*;
import dev.descent.optim.Adam;
import dev.descent.random.Rng;
import dev.descent.tensor.Tensor;
import dev.descent.train.Evaluator;
import dev.descent.train.Trainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The examples of docs/layers.md, run: {@link ResidualBlock} is the doc's custom layer, and this
 * class holds the doc's other Java blocks. {@link #everyJavaBlockOfTheDocIsCodeHere} checks that
 * each block of the page appears here line for line, so the page cannot drift from code that
 * compiles and runs: change both together.
 */
class LayersDocExampleTest {
    private static final Path DOC = Path.of("..", "docs", "layers.md");
    private static final List<Path> SOURCES = List.of(
            Path.of("src", "test", "java", "dev", "descent", "docs", "ResidualBlock.java"),
            Path.of("src", "test", "java", "dev", "descent", "docs", "LayersDocExampleTest.java"));

    @Test
    void theCustomLayerTrainsSavesAndLoads() {
        // --- docs/layers.md "Using it" start
        Rng rng = new Rng(42);
        Sequential model = new Sequential(
                new Linear(64, 32, rng), new ResidualBlock(32, rng), Activation.relu(), new Linear(32, 10, rng));
        System.out.println(model.stateDict().keySet());
        // [0.weight, 0.bias, 1.scale, 1.body.0.weight, 1.body.0.bias, 1.body.2.weight, 1.body.2.bias, 3.weight, 3.bias]
        System.out.println(model);                       // PyTorch's print(model), children indented

        Dataset digits = BuiltInDatasets.digits();       // 1 797 images of 8 × 8, 10 classes
        HoldOutSplit split = Splits.holdOut(digits, 0.2, 42);
        Trainer trainer = new Trainer(model, new SoftmaxCrossEntropy(),
                new Adam().withLr(0.01).build(model.namedParameters()));
        trainer.fit(new MiniBatches(split.train(), BatchOptions.shuffled(32, 42)), 10, split.heldOut(), report -> { });
        Map<String, Tensor> trained = model.stateDict(); // copies: further training leaves them as they are

        // The same architecture elsewhere: its weights are loaded next, so it needs no generator.
        Sequential restored = new Sequential(
                new Linear(64, 32), new ResidualBlock(32), Activation.relu(), new Linear(32, 10));
        restored.loadStateDict(trained);                 // strict: every name and shape must match
        // --- docs/layers.md "Using it" end
        assertThat(List.copyOf(trained.keySet())).containsExactly("0.weight", "0.bias", "1.scale", "1.body.0.weight",
                "1.body.0.bias", "1.body.2.weight", "1.body.2.bias", "3.weight", "3.bias");
        assertThat(new Evaluator(256).evaluate(model, new SoftmaxCrossEntropy(), split.heldOut()).accuracy())
                .isGreaterThan(0.9);
        Tensor images = split.heldOut().features();
        assertThat(restored.forward(Tape.noGrad().input(images)).value().data())
                .containsExactly(model.forward(Tape.noGrad().input(images)).value().data());

        // --- docs/layers.md "Fine-tuning" start
        Map<String, Tensor> body = model.stateDict();
        body.remove("3.weight");                         // the 10-class head does not fit
        body.remove("3.bias");
        Sequential fiveClasses = new Sequential(
                new Linear(64, 32), new ResidualBlock(32), Activation.relu(), new Linear(32, 5, new Rng(7)));
        IncompatibleKeys skipped = fiveClasses.loadStateDict(body, false);
        System.out.println(skipped);   // IncompatibleKeys(missingKeys=[3.weight, 3.bias], unexpectedKeys=[])
        // --- docs/layers.md "Fine-tuning" end
        assertThat(skipped.missingKeys()).containsExactly("3.weight", "3.bias");
        assertThat(skipped.unexpectedKeys()).isEmpty();
        assertThat(fiveClasses.namedParameters().get("1.scale").value().data())
                .containsExactly(model.namedParameters().get("1.scale").value().data());
    }

    @Test
    void aSmallCnn() {
        // --- docs/layers.md "A small CNN" start
        Rng rng = new Rng(1);
        Sequential cnn = new Sequential(new Unflatten(1, 8, 8),
                new Conv2d(1, 8, 3, 1, 1, rng), Activation.relu(), new MaxPool2d(2),
                new Flatten(), new Linear(8 * 4 * 4, 10, rng));
        // --- docs/layers.md "A small CNN" end
        Tape tape = Tape.noGrad();
        Tensor logits = cnn.forward(tape.input(Tensor.zeros(5, 64))).value();
        assertThat(logits.shape().dims()).containsExactly(5, 10);
        assertThat(cnn.stateDict().keySet()).containsExactly("1.weight", "1.bias", "5.weight", "5.bias");
    }

    @Test
    void everyJavaBlockOfTheDocIsCodeHere() throws IOException {
        assertThat(DocBlocks.blocks(DOC, "java")).as("Java blocks in " + DOC).hasSize(4);
        DocBlocks.assertJavaBlocksAreTestedCode(DOC, SOURCES);
    }
}
