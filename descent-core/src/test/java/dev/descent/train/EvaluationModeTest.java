package dev.descent.train;

import dev.descent.data.BatchOptions;
import dev.descent.data.MiniBatches;
import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.autodiff.RandomTensors;
import dev.descent.autodiff.Tape;
import dev.descent.data.Dataset;
import dev.descent.data.RegressionDataset;
import dev.descent.loss.MeanSquaredError;
import dev.descent.loss.SoftmaxCrossEntropy;
import dev.descent.nn.Activation;
import dev.descent.nn.Dropout;
import dev.descent.nn.Linear;
import dev.descent.nn.Sequential;
import dev.descent.optim.Sgd;
import dev.descent.random.Rng;
import dev.descent.tensor.Tensor;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Evaluating a model runs it in evaluation mode and then gives it back in the mode it had:
 * a model put in eval() for inference must not come back with dropout switched on.
 */
class EvaluationModeTest {
    private static final int N = 20;
    private static final int D = 4;
    private static final int CLASSES = 3;

    private final Rng rng = new Rng(11);
    private final Dropout dropout = new Dropout(0.5f, new Rng(12));
    private final Sequential model = new Sequential(new Linear(D, 8, rng), Activation.relu(), dropout,
            new Linear(8, CLASSES, rng));
    private final Tensor features = RandomTensors.uniform(rng, -1, 1, N, D);

    private Dataset classification() {
        int[] labels = new int[N];
        for (int i = 0; i < N; i++) {
            labels[i] = i % CLASSES;
        }
        return new Dataset("modes", features, labels, CLASSES);
    }

    private RegressionDataset regression() {
        return new RegressionDataset("modes", features, RandomTensors.uniform(rng, -1, 1, N, CLASSES),
                List.of("a", "b", "c", "d"));
    }

    /** Every way these classes evaluate a model, by name for the test report. */
    private Consumer<Sequential> evaluation(String name) {
        return switch (name) {
            case "Evaluator.evaluate" -> m -> new Evaluator(7).evaluate(m, new SoftmaxCrossEntropy(), classification());
            case "Evaluator.report" -> m -> new Evaluator(7).report(m, new SoftmaxCrossEntropy(), classification(), 2);
            case "Objective.evaluate (regression)" -> m -> Objective.of(new MeanSquaredError()).evaluate(m, regression());
            case "EmpiricalRisk.valueAndGradient" -> m -> {
                EmpiricalRisk risk = EmpiricalRisk.of(m, new SoftmaxCrossEntropy(), classification(), 6);
                risk.valueAndGradient(risk.parameters(), new double[risk.dimension()]);
            };
            default -> throw new IllegalArgumentException(name);
        };
    }

    private float[] outputs() {
        return model.forward(Tape.noGrad().input(features)).value().data().clone();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Evaluator.evaluate", "Evaluator.report", "Objective.evaluate (regression)",
            "EmpiricalRisk.valueAndGradient"})
    void aModelInEvaluationModeStaysThere(String name) {
        model.eval();
        float[] before = outputs();

        evaluation(name).accept(model);

        // the symptom: dropout back on made the logits of an eval() model change between calls
        assertThat(outputs()).as("outputs after %s", name).containsExactly(before);
        assertThat(model.isTraining()).as("model after %s", name).isFalse();
        assertThat(dropout.isTraining()).as("dropout after %s", name).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Evaluator.evaluate", "Evaluator.report", "Objective.evaluate (regression)",
            "EmpiricalRisk.valueAndGradient"})
    void aModelInTrainingModeStaysThere(String name) {
        model.train();

        evaluation(name).accept(model);

        assertThat(model.isTraining()).as("model after %s", name).isTrue();
        assertThat(dropout.isTraining()).as("dropout after %s", name).isTrue();
    }

    @Test
    void evaluationDuringFitDoesNotStopTraining() {
        // fit sets training mode; the evaluation after each epoch must hand it back
        model.eval();
        Trainer trainer = new Trainer(model, new MeanSquaredError(), new Sgd(0.01).build(model.namedParameters()));
        trainer.fit(new MiniBatches(regression(), BatchOptions.shuffled(5, 1)), 2, regression(),
                report -> assertThat(dropout.isTraining()).isTrue());
        assertThat(dropout.isTraining()).isTrue();
    }
}
