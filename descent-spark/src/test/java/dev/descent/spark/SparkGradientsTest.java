package dev.descent.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.autodiff.Variable;
import dev.descent.data.BatchOptions;
import dev.descent.data.BuiltInDatasets;
import dev.descent.data.Dataset;
import dev.descent.data.MiniBatches;
import dev.descent.nn.Layer;
import dev.descent.nn.ModelSpec;
import dev.descent.nn.ModelSpec.ActivationSpec;
import dev.descent.nn.ModelSpec.DropoutSpec;
import dev.descent.nn.ModelSpec.LinearSpec;
import dev.descent.nn.Sequential;
import dev.descent.optim.Optimizer;
import dev.descent.optim.Sgd;
import dev.descent.random.Rng;
import dev.descent.tensor.Tensor;
import dev.descent.train.Objective;
import dev.descent.train.StepBudget;
import dev.descent.train.Trainer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SparkGradientsTest {
    private static final long SEED = 7;
    private static final int BATCH = 100;
    private static final ModelSpec SPEC = new ModelSpec(64, List.of(new LinearSpec(32, true),
            ActivationSpec.of("tanh"), new LinearSpec(10, true)));
    private static JavaSparkContext spark;
    private static Dataset digits;
    private static SparkExamples distributed;

    @BeforeAll
    static void start() {
        spark = SparkTestContext.start("gradients");
        digits = BuiltInDatasets.load(BuiltInDatasets.DIGITS);
        distributed = SparkExamples.of(spark, digits, 3);
    }

    @AfterAll
    static void stop() {
        distributed.close();
        spark.close();
    }

    /** A model's weights after {@code steps} updates of SGD with momentum, on one machine or through Spark. */
    private static Map<String, Tensor> train(ModelSpec spec, int steps, boolean onSpark, ModelFactory factory) {
        Sequential model = spec.build(new Rng(SEED));
        Optimizer optimizer = new Sgd(0.1).withMomentum(0.9).build(model.namedParameters());
        Trainer trainer = new Trainer(model, Objective.of(new dev.descent.loss.SoftmaxCrossEntropy()), optimizer);
        trainer.addCallback(new StepBudget(steps));
        MiniBatches batches;
        if (onSpark) {
            trainer.gradientsFrom(new SparkGradients(spark, distributed, factory,
                    ObjectiveFactory.softmaxCrossEntropy(), SEED));
            batches = new MiniBatches(distributed.driverIndex(), BatchOptions.shuffled(BATCH, SEED));
        } else {
            batches = new MiniBatches(digits, BatchOptions.shuffled(BATCH, SEED));
        }
        trainer.fit(batches, 10, null, report -> { });
        assertThat(trainer.stepsDone()).isEqualTo(steps);
        return model.stateDict();
    }

    @Test
    void fiftySynchronousStepsEqualALocalRunOnTheSameGlobalBatches() {
        Map<String, Tensor> local = train(SPEC, 50, false, null);
        Map<String, Tensor> onSpark = train(SPEC, 50, true, ModelFactory.of(SPEC));
        assertThat(onSpark.keySet()).isEqualTo(local.keySet());
        Map<String, Tensor> initial = SPEC.build(new Rng(SEED)).stateDict();
        local.forEach((name, expected) -> {
            float[] a = expected.data();
            float[] b = onSpark.get(name).data();
            float[] w0 = initial.get(name).data();
            double largest = 0;
            double moved = 0;
            for (int i = 0; i < a.length; i++) {
                largest = Math.max(largest, Math.abs(a[i]));
                moved = Math.max(moved, Math.abs(a[i] - w0[i]));
            }
            assertThat(moved).as("%s moved during training", name).isGreaterThan(1e-2);
            for (int i = 0; i < a.length; i++) {
                assertThat((double) Math.abs(a[i] - b[i])).as("%s[%d]", name, i).isLessThanOrEqualTo(1e-5 * largest);
            }
        });
    }

    @Test
    void theSameSeedGivesBitIdenticalWeightsOnSpark() {
        ModelSpec withDropout = new ModelSpec(64, List.of(new LinearSpec(32, true), ActivationSpec.of("relu"),
                new DropoutSpec(0.2), new LinearSpec(10, true)));
        Map<String, Tensor> first = train(withDropout, 20, true, ModelFactory.of(withDropout));
        Map<String, Tensor> second = train(withDropout, 20, true, ModelFactory.of(withDropout));
        first.forEach((name, w) -> assertThat(second.get(name).data()).as(name).containsExactly(w.data()));
    }

    static final AtomicInteger FAILURES = new AtomicInteger();
    /** First attempts of partition 1's tasks so far, over every executor thread (local mode: one JVM). */
    static final AtomicInteger PARTITION_ONE_CALLS = new AtomicInteger();

    /** Throws once, in the first attempt of a task of partition 1 after a few steps: Spark retries it. */
    static final class FailOnce implements Layer {
        private final Layer inner;

        FailOnce(Layer inner) {
            this.inner = inner;
        }

        @Override
        public Variable forward(Variable input) {
            TaskContext task = TaskContext.get();
            if (task != null && task.partitionId() == 1 && task.attemptNumber() == 0
                    && PARTITION_ONE_CALLS.incrementAndGet() == 5 && FAILURES.incrementAndGet() == 1) {
                throw new IllegalStateException("injected failure");
            }
            return inner.forward(input);
        }

        @Override
        public Map<String, Variable> namedParameters() {
            return inner.namedParameters();
        }
    }

    @Test
    void aTaskThatFailsOnceIsRetriedAndTheWeightsAreBitIdentical() {
        Map<String, Tensor> clean = train(SPEC, 12, true, ModelFactory.of(SPEC));
        Map<String, Object> map = SPEC.toMap();
        FAILURES.set(0);
        PARTITION_ONE_CALLS.set(0);
        Map<String, Tensor> retried = train(SPEC, 12, true,
                () -> new FailOnce(ModelSpec.fromMap(map, "test").build(new Rng(0))));
        assertThat(FAILURES.get()).as("the failure was injected").isEqualTo(1);
        clean.forEach((name, w) -> assertThat(retried.get(name).data()).as(name).containsExactly(w.data()));
    }

    @Test
    void batchNormIsRefusedWithTheReason() {
        ModelSpec bn = new ModelSpec(64, List.of(new LinearSpec(16, false), ModelSpec.BatchNormSpec.of(false), new LinearSpec(10, true)));
        assertThatThrownBy(() -> new SparkGradients(spark, distributed, ModelFactory.of(bn),
                ObjectiveFactory.softmaxCrossEntropy(), SEED))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("running_mean")
                .hasMessageContaining("layer_norm");
    }
}
