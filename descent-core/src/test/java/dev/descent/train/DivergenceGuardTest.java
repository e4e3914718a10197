package dev.descent.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.autodiff.Variable;
import dev.descent.data.BatchOptions;
import dev.descent.data.Batch;
import dev.descent.data.BuiltInDatasets;
import dev.descent.data.Dataset;
import dev.descent.data.MiniBatches;
import dev.descent.data.RegressionDataset;
import dev.descent.data.SyntheticData;
import dev.descent.loss.MeanSquaredError;
import dev.descent.loss.SoftmaxCrossEntropy;
import dev.descent.nn.Models;
import dev.descent.nn.Sequential;
import dev.descent.optim.Sgd;
import dev.descent.random.Rng;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The divergence guard: a loss that explodes without reaching NaN or infinity (a far too large
 * learning rate) stops a fit, with the rate and a smaller one in the message, and the weights of
 * the last good step; it used to run on and report a training loss of 1e31.
 */
class DivergenceGuardTest {
    private final Dataset iris = BuiltInDatasets.iris();

    private static List<float[]> weights(Sequential model) {
        List<float[]> copies = new ArrayList<>();
        for (Variable p : model.parameters()) {
            copies.add(p.value().data().clone());
        }
        return copies;
    }

    @Test
    void anExplodingFiniteLossStopsTheFitWithTheLastGoodWeights() {
        Sequential model = Models.mlp(new Rng(1), 4, 8, 3);
        List<List<float[]>> beforeEachStep = new ArrayList<>();
        beforeEachStep.add(weights(model));
        Trainer trainer = new Trainer(model, new SoftmaxCrossEntropy(), new Sgd(1e6).build(model.namedParameters()))
                .addCallback(new TrainingCallback() {
                    @Override
                    public void onStepEnd(TrainingContext context) {
                        beforeEachStep.add(weights(model));
                    }
                });
        assertThatThrownBy(() -> trainer.fit(new MiniBatches(iris, BatchOptions.shuffled(16, 3)), 5, null, r -> { }))
                .isInstanceOf(TrainingDivergedException.class)
                .hasMessageContaining("more than")
                .hasMessageContaining("first loss")
                .hasMessageContaining("learning rate 1000000.0")
                .hasMessageContaining("e.g. 100000.0");
        List<float[]> now = weights(model);
        List<float[]> lastGood = beforeEachStep.get(beforeEachStep.size() - 1);
        for (int i = 0; i < now.size(); i++) {
            assertThat(now.get(i)).containsExactly(lastGood.get(i));
        }
    }

    @Test
    void regressionIsGuardedToo() {
        RegressionDataset data = SyntheticData.linearRegression(200, 3, 0.1, 5).data();
        Sequential model = Models.mlp(new Rng(2), 3, 8, 1);
        Trainer trainer = new Trainer(model, new MeanSquaredError(), new Sgd(50).build(model.namedParameters()));
        assertThatThrownBy(() -> trainer.fit(new MiniBatches(data, BatchOptions.shuffled(20, 1)), 20, null, r -> { }))
                .isInstanceOf(TrainingDivergedException.class)
                .hasMessageContaining("training diverged");
    }

    @Test
    void anInfiniteFactorKeepsOnlyTheNonFiniteChecks() {
        Sequential model = Models.mlp(new Rng(1), 4, 8, 3);
        Trainer trainer = new Trainer(model, new SoftmaxCrossEntropy(), new Sgd(1e6).build(model.namedParameters()))
                .divergenceFactor(Double.POSITIVE_INFINITY);
        try {
            List<EpochReport> reports = trainer.fit(new MiniBatches(iris, BatchOptions.shuffled(16, 3)), 5, null,
                    r -> { });
            assertThat(reports.get(0).trainLoss()).isGreaterThan(1e4); // what the guard exists to stop
        } catch (TrainingDivergedException nonFinite) {
            assertThat(nonFinite).hasMessageNotContaining("more than");
        }
    }

    @Test
    void aHealthyRunIsNotStoppedAndSteppingByHandIsNotBounded() {
        Sequential model = Models.mlp(new Rng(1), 4, 8, 3);
        Trainer healthy = new Trainer(model, new SoftmaxCrossEntropy(), new Sgd(0.05).build(model.namedParameters()));
        assertThat(healthy.fit(new MiniBatches(iris, BatchOptions.shuffled(16, 3)), 20, null, r -> { })).hasSize(20);

        Sequential other = Models.mlp(new Rng(1), 4, 8, 3);
        Trainer byHand = new Trainer(other, new SoftmaxCrossEntropy(), new Sgd(1e3).build(other.namedParameters()));
        MiniBatches batches = new MiniBatches(iris, BatchOptions.shuffled(16, 3));
        float first = Float.NaN;
        float largest = 0;
        try {
            for (Batch batch : batches.nextEpoch()) {
                float loss = byHand.step(batch.features(), batch.labels());
                first = Float.isNaN(first) ? loss : first;
                largest = Math.max(largest, loss);
            }
        } catch (TrainingDivergedException nonFinite) {
            assertThat(nonFinite).hasMessageNotContaining("more than"); // only NaN/∞ stop a caller's own loop
        }
        assertThat(largest).isGreaterThan(100 * first); // the experiments draw such curves
    }

    @Test
    void theFactorMustExceedOne() {
        Sequential model = Models.mlp(new Rng(1), 4, 8, 3);
        Trainer trainer = new Trainer(model, new SoftmaxCrossEntropy(), new Sgd(0.1).build(model.namedParameters()));
        assertThatThrownBy(() -> trainer.divergenceFactor(1)).hasMessageContaining("must be > 1");
    }
}
