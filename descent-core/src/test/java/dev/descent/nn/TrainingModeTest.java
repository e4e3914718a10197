package dev.descent.nn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.random.Rng;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every module remembers its mode, as PyTorch's {@code module.training}: train() by default, eval() recursively. */
class TrainingModeTest {
    private static final Map<String, Supplier<Layer>> MODULES = Map.of(
            "Linear", () -> new Linear(3, 2, new Rng(1)),
            "Activation", Activation::relu,
            "Dropout", () -> new Dropout(0.5f, new Rng(2)),
            "Sequential without dropout", () -> new Sequential(new Linear(3, 4, new Rng(3)), Activation.tanh(),
                    new Linear(4, 2, new Rng(4))),
            "Sequential with dropout", () -> new Sequential(new Linear(3, 4, new Rng(5)),
                    new Dropout(0.5f, new Rng(6))));

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Linear", "Activation", "Dropout", "Sequential without dropout", "Sequential with dropout"})
    void startsInTrainingAndFollowsEvalAndTrain(String name) {
        Layer module = MODULES.get(name).get();
        assertThat(module.isTraining()).isTrue();

        assertThat(module.eval().isTraining()).isFalse();
        assertThat(module.eval().isTraining()).as("eval() twice").isFalse();
        assertThat(module.train().isTraining()).isTrue();

        module.setTraining(false);
        assertThat(module.isTraining()).isFalse();
    }

    @Test
    void evalAndTrainReachEveryLayerOfNestedContainers() {
        Linear linear = new Linear(3, 4, new Rng(7));
        Activation relu = Activation.relu();
        Dropout dropout = new Dropout(0.5f, new Rng(8));
        Sequential inner = new Sequential(relu, dropout);
        Sequential model = new Sequential(linear, inner);

        model.eval();
        for (Layer m : new Layer[] {model, inner, linear, relu, dropout}) {
            assertThat(m.isTraining()).as("%s after eval()", m).isFalse();
        }
        model.train();
        for (Layer m : new Layer[] {model, inner, linear, relu, dropout}) {
            assertThat(m.isTraining()).as("%s after train()", m).isTrue();
        }
    }
}
