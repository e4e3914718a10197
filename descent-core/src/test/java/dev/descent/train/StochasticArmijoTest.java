package dev.descent.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.autodiff.Tape;
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
import dev.descent.random.Rng;
import org.junit.jupiter.api.Test;

class StochasticArmijoTest {

    @Test
    void everyAcceptedStepSatisfiesTheArmijoConditionOnItsBatch() {
        Dataset digits = BuiltInDatasets.digits();
        Rng rng = new Rng(1);
        Sequential model = Models.mlp(rng.split(), 64, 32, 10);
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
        StochasticArmijo settings = StochasticArmijo.defaults();
        StochasticArmijo.Stepper stepper = settings.stepper(model, loss);
        MiniBatches batches = new MiniBatches(digits, BatchOptions.shuffled(64, 1));
        int checked = 0;
        for (Batch batch : batches.nextEpoch()) {
            float before = stepper.step(batch.features(), batch.labels());
            float after = loss.compute(model.forward(Tape.noGrad().input(batch.features())), batch.labels()).item();
            if (stepper.lastTrials() < settings.maxTrials()) {
                // f(w − ηg) ≤ f(w) − cη‖g‖² implies at least a decrease
                assertThat(after).as("batch %d", checked).isLessThan(before);
                assertThat(stepper.lastStep()).isLessThanOrEqualTo(settings.maxStep());
            }
            checked++;
        }
        assertThat(checked).isGreaterThan(20);
    }

    @Test
    void trainsAnMlpOnTheDigitsWithoutALearningRate() {
        Dataset digits = BuiltInDatasets.digits();
        HoldOutSplit split = Splits.holdOut(digits, 0.2, 2);
        Rng rng = new Rng(2);
        Sequential model = Models.mlp(rng.split(), 64, 64, 10);
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
        StochasticArmijo.Stepper stepper = StochasticArmijo.defaults().stepper(model, loss);
        MiniBatches batches = new MiniBatches(split.train(), BatchOptions.shuffled(32, 2));
        for (int epoch = 0; epoch < 20; epoch++) {
            for (Batch batch : batches.nextEpoch()) {
                stepper.step(batch.features(), batch.labels());
            }
        }
        double accuracy = new Evaluator(256).evaluate(model, loss, split.heldOut()).accuracy();
        assertThat(accuracy).isGreaterThanOrEqualTo(0.93);
    }

    @Test
    void invalidSettingsAreNamed() {
        assertThatThrownBy(() -> new StochasticArmijo(0, 0.1, 0.5, 1, 10)).hasMessageContaining("maxStep");
        assertThatThrownBy(() -> new StochasticArmijo(1, 1, 0.5, 1, 10)).hasMessageContaining("sufficient decrease c");
        assertThatThrownBy(() -> new StochasticArmijo(1, 0.1, 1, 1, 10)).hasMessageContaining("shrink");
        assertThatThrownBy(() -> new StochasticArmijo(1, 0.1, 0.5, 0.9, 10)).hasMessageContaining("growth");
        assertThatThrownBy(() -> new StochasticArmijo(1, 0.1, 0.5, 1, 0)).hasMessageContaining("maxTrials");
    }
}
