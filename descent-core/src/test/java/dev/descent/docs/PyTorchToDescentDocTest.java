package dev.descent.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.autodiff.Tape;
import dev.descent.autodiff.Variable;
import dev.descent.data.Batch;
import dev.descent.data.BatchOptions;
import dev.descent.data.Dataset;
import dev.descent.data.MiniBatches;
import dev.descent.loss.SoftmaxCrossEntropy;
import dev.descent.nn.Models;
import dev.descent.nn.Sequential;
import dev.descent.optim.Adam;
import dev.descent.optim.Optimizer;
import dev.descent.random.Rng;
import dev.descent.schedule.Schedules;
import dev.descent.tensor.Tensor;
import dev.descent.train.Evaluator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/pytorch-to-descent.md: its training loop runs and learns, and its line count holds. */
class PyTorchToDescentDocTest {
    private static final Path DOC = DocBlocks.ROOT.resolve("docs/pytorch-to-descent.md");

    @Test
    void theSideBySideLoopTrains() {
        Dataset train = clusters(1_280, 784, 10, 7);
        int epochs = 3;
        // --- docs/pytorch-to-descent.md loop start
        Sequential model = Models.mlp(784, 256, 10);
        MiniBatches loader = new MiniBatches(train, BatchOptions.shuffled(64, 42));
        Optimizer opt = new Adam().withLr(1e-3).builder()
                .schedule(Schedules.cosineAnnealingLR(epochs * loader.batchesPerEpoch()))
                .build(model.namedParameters());
        SoftmaxCrossEntropy lossFn = new SoftmaxCrossEntropy();
        Tape tape = new Tape();
        for (int epoch = 0; epoch < epochs; epoch++) {
            for (Batch batch : loader.nextEpoch()) {
                tape.reset();
                opt.zeroGrad();
                Variable loss = lossFn.compute(model.forward(tape.input(batch.features())), batch.labels());
                loss.backward();
                opt.step();
            }
        }
        // --- docs/pytorch-to-descent.md loop end
        assertThat(opt.learningRate()).as("cosine annealed to eta_min = 0").isLessThan(1e-6);
        assertThat(new Evaluator(256).evaluate(model, lossFn, train).accuracy()).isGreaterThan(0.9);
    }

    @Test
    void theJavaLoopIsAtMostOneAndAHalfTimesThePythonOne() throws IOException {
        int python = DocBlocks.blocks(DOC, "python").get(0).size();
        int java = DocBlocks.blocks(DOC, "java").get(0).size();
        assertThat(python).isEqualTo(12);
        assertThat(java).isEqualTo(16); // the page says "16 lines of Java for 12 of Python, 1.33×"
        assertThat((double) java / python).isLessThanOrEqualTo(1.5);
    }

    @Test
    void everyJavaBlockOfThePageIsCodeHere() throws IOException {
        DocBlocks.assertJavaBlocksAreTestedCode(DOC,
                List.of(DocBlocks.ROOT.resolve("descent-core/src/test/java/dev/descent/docs/PyTorchToDescentDocTest.java")));
    }

    /** {@code n} examples of {@code classes} Gaussian clusters in {@code d} dimensions: learnable in a few epochs. */
    private static Dataset clusters(int n, int d, int classes, long seed) {
        Rng rng = new Rng(seed);
        float[][] centres = new float[classes][d];
        for (float[] centre : centres) {
            for (int j = 0; j < d; j++) {
                centre[j] = (float) rng.nextGaussian();
            }
        }
        float[] x = new float[n * d];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % classes;
            for (int j = 0; j < d; j++) {
                x[i * d + j] = centres[labels[i]][j] + (float) rng.nextGaussian();
            }
        }
        return new Dataset("clusters", Tensor.of(x, n, d), labels, classes);
    }
}
