package dev.descent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.autodiff.Tape;
import dev.descent.autodiff.Variable;
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
import dev.descent.optim.Optimizer;
import dev.descent.optim.Sgd;
import dev.descent.random.Rng;
import dev.descent.train.Evaluation;
import dev.descent.train.Evaluator;
import org.junit.jupiter.api.Test;

/** The library example of README.md, verbatim: if this breaks, fix the README too. */
class ReadmeExampleTest {

    @Test
    void theReadmeTrainingLoopWorks() {
        // --- README example start
        Dataset digits = BuiltInDatasets.digits();                 // 1 797 × 64, 10 classes
        HoldOutSplit split = Splits.holdOut(digits, 0.2, 42);       // stratified 80/20
        Rng rng = new Rng(42);
        Sequential model = Models.mlp(rng.split(), 64, 128, 10);    // Linear-ReLU-Linear
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
        Optimizer sgd = new Sgd(0.05).withMomentum(0.9)              // lr, momentum (PyTorch form)
                .build(model.namedParameters());
        MiniBatches batches = new MiniBatches(split.train(), BatchOptions.shuffled(32, 42));

        Tape tape = new Tape();
        for (int epoch = 0; epoch < 20; epoch++) {
            for (Batch batch : batches.nextEpoch()) {
                tape.reset();                                       // recycles last step's buffers
                Variable logits = model.forward(tape.input(batch.features()));
                Variable batchLoss = loss.compute(logits, batch.labels());
                sgd.zeroGrad();
                batchLoss.backward();
                sgd.step();
            }
        }
        Evaluation test = new Evaluator(256).evaluate(model, loss, split.heldOut());
        System.out.printf("test accuracy %.3f%n", test.accuracy());
        // --- README example end
        assertThat(test.accuracy()).isGreaterThan(0.93);
    }
}
