package dev.descent.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.nn.ModelSpec;
import dev.descent.nn.Sequential;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Evaluation batches shrink for networks whose examples produce many activations. */
class EvaluationBatchTest {

    @Test
    void anMlpIsEvaluatedInFullBatchesAndTheCnnInBatchesThatFitItsTrainingMemory() {
        ModelSpec mlp = ModelSpec.mlp(784, List.of(256, 128), 10, "relu", 0.0);
        assertThat(mlp.activationsPerExample()).isEqualTo(256 + 256 + 128 + 128 + 10);
        assertThat(Evaluator.batchFor(mlp.build(), 1024)).isEqualTo(1024);

        ModelSpec cnn = ModelSpec.fmnistCnn();
        // conv, relu, pool (32 maps of 28×28, then 14×14), conv, relu, pool (64 of 14×14, then 7×7), flatten, 128, 128, 10
        long perExample = 3 * 25_088 - 25_088 + 6_272 + 2 * 12_544 + 3_136 + 3_136 + 128 + 128 + 10;
        assertThat(cnn.activationsPerExample()).isEqualTo(perExample);
        Sequential model = cnn.build();
        int batch = Evaluator.batchFor(model, 1024);
        assertThat(batch).isEqualTo((int) (Evaluator.ACTIVATION_BUDGET / perExample)).isBetween(16, 128);
        assertThat(Evaluator.batchFor(model, 8)).isEqualTo(8);
    }
}
