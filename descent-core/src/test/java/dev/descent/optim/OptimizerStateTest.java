package dev.descent.optim;

import static dev.descent.optim.ParameterFixtures.named;
import static dev.descent.optim.ParameterFixtures.parameter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.autodiff.Tape;
import dev.descent.autodiff.Variable;
import dev.descent.loss.SoftmaxCrossEntropy;
import dev.descent.nn.Models;
import dev.descent.nn.Sequential;
import dev.descent.random.Rng;
import dev.descent.tensor.Shape;
import dev.descent.tensor.Tensor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Saving and restoring an optimizer's state: a restored optimizer continues bit for bit, its
 * buffers carry PyTorch's names and the parameters' shapes, and a state that does not fit is
 * rejected with an error that says why, leaving the optimizer as it was.
 */
class OptimizerStateTest {

    /** A named optimizer and the buffers it keeps for each parameter. */
    record Row(String optimizer, OptimizerConfig config, List<String> buffers) {
        @Override
        public String toString() {
            return optimizer;
        }
    }

    static Stream<Row> optimizers() {
        return Stream.of(
                new Row("SGD", new Sgd(0.1), List.of()),
                new Row("SGD momentum", new Sgd(0.1).withMomentum(0.9), List.of("momentum_buffer")),
                new Row("SGD Nesterov", new Sgd(0.1).withMomentum(0.9).withNesterov(true), List.of("momentum_buffer")),
                new Row("Momentum (lectures)", new Momentum(0.1, 0.9), List.of("velocity")),
                new Row("AdaGrad", new AdaGrad().withLr(0.1).withLrDecay(0.01), List.of("sum")),
                new Row("RMSprop", new RmsProp(), List.of("square_avg")),
                new Row("RMSprop centered", new RmsProp().withCentered(true), List.of("square_avg", "grad_avg")),
                new Row("RMSprop momentum", new RmsProp().withMomentum(0.9), List.of("square_avg", "momentum_buffer")),
                new Row("Adam", new Adam().withLr(0.05), List.of("exp_avg", "exp_avg_sq")),
                new Row("AMSGrad", new Adam().withLr(0.05).withAmsgrad(true),
                        List.of("exp_avg", "exp_avg_sq", "max_exp_avg_sq")),
                new Row("AdamW", new AdamW().withLr(0.05), List.of("exp_avg", "exp_avg_sq")),
                new Row("Adamax", new Adamax().withLr(0.05), List.of("exp_avg", "exp_inf")),
                new Row("NAdam", new NAdam().withLr(0.05), List.of("exp_avg", "exp_avg_sq", "mu_product")));
    }

    // ---- a small classifier trained through the real autodiff ---------------------------------

    private static final Tensor FEATURES = Tensor.of(new float[] {
            1f, 0.5f, -1f,
            -0.5f, 2f, 0f,
            0.3f, -1.2f, 0.8f,
            2f, 1f, 1f}, 4, 3);
    private static final int[] LABELS = {0, 1, 1, 0};

    /** Logistic regression, features → outputs: parameters 0.weight [outputs, 3] and 0.bias [outputs]. */
    private static Sequential model(int features, int outputs) {
        return Models.logisticRegression(new Rng(42), features, outputs);
    }

    private static void train(Sequential model, Optimizer optimizer, int steps) {
        Tape tape = new Tape();
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
        for (int step = 0; step < steps; step++) {
            tape.reset();
            Variable value = loss.compute(model.forward(tape.input(FEATURES)), LABELS);
            optimizer.zeroGrad();
            value.backward();
            optimizer.step();
        }
    }

    private static Sequential copyOf(Sequential source, int features, int outputs) {
        Sequential copy = model(features, outputs);
        copy.namedParameters().forEach((name, p) -> p.value().copyFrom(source.namedParameters().get(name).value()));
        return copy;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void savingAndLoadingMidwayContinuesBitForBit(Row row) {
        Sequential straight = model(3, 2);
        Optimizer uninterrupted = row.config().build(straight.namedParameters());
        train(straight, uninterrupted, 6);

        Sequential first = model(3, 2);
        Optimizer before = row.config().build(first.namedParameters());
        train(first, before, 3);
        OptimizerState saved = before.state();
        Sequential resumed = copyOf(first, 3, 2);
        Optimizer after = row.config().build(resumed.namedParameters());
        after.loadState(saved);
        train(resumed, after, 3);

        straight.namedParameters().forEach((name, p) -> assertThat(resumed.namedParameters().get(name).value().data())
                .as("%s after 3 + load + 3 steps", name).containsExactly(p.value().data()));
        assertSameState(after.state(), uninterrupted.state());
        assertThat(after.stepsDone()).isEqualTo(6);
    }

    private static void assertSameState(OptimizerState actual, OptimizerState expected) {
        assertThat(actual.updates()).isEqualTo(expected.updates());
        assertThat(actual.microSteps()).isEqualTo(expected.microSteps());
        assertThat(actual.parameterSteps()).isEqualTo(expected.parameterSteps());
        assertThat(actual.buffers().keySet()).isEqualTo(expected.buffers().keySet());
        expected.buffers().forEach((key, tensor) -> {
            assertThat(actual.buffers().get(key).shape()).as(key).isEqualTo(tensor.shape());
            assertThat(actual.buffers().get(key).data()).as(key).containsExactly(tensor.data());
        });
    }

    @Test
    void theSnapshotIsACopyThatLaterStepsDoNotChange() {
        Sequential model = model(3, 2);
        Optimizer adam = new Adam().withLr(0.05).build(model.namedParameters());
        train(model, adam, 2);
        OptimizerState saved = adam.state();
        float[] expAvg = saved.buffers().get("0.weight/exp_avg").data().clone();
        train(model, adam, 2);
        assertThat(saved.buffers().get("0.weight/exp_avg").data()).containsExactly(expAvg);
        assertThat(saved.updates()).isEqualTo(2);
    }

    // ---- names and shapes ----------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void buffersAreKeyedByParameterAndPyTorchsStateName(Row row) {
        Sequential model = model(3, 2);
        Optimizer optimizer = row.config().build(model.namedParameters());
        train(model, optimizer, 1);
        OptimizerState state = optimizer.state();
        assertThat(state.parameterSteps()).isEqualTo(Map.of("0.weight", 1L, "0.bias", 1L));
        List<String> expected = Stream.of("0.weight", "0.bias")
                .flatMap(parameter -> row.buffers().stream().map(buffer -> parameter + "/" + buffer)).toList();
        assertThat(state.buffers().keySet()).containsExactlyInAnyOrderElementsOf(expected);
        state.buffers().forEach((key, tensor) -> {
            boolean scalar = key.endsWith("/mu_product");
            Shape parameterShape = model.namedParameters().get(key.substring(0, key.indexOf('/'))).shape();
            assertThat(tensor.shape()).as(key).isEqualTo(scalar ? Shape.of() : parameterShape);
        });
    }

    @Test
    void aScalarBufferIsAScalarEvenForAOneElementParameter() {
        // PyTorch's mu_product is a 0-dimensional tensor for every parameter; a bias of shape [1]
        // must not turn it into a [1] tensor.
        Map<String, Tensor> buffers = stepOnce(new NAdam(), model(3, 1).namedParameters()).state().buffers();
        assertThat(buffers.get("0.weight/mu_product").shape()).isEqualTo(Shape.of());
        assertThat(buffers.get("0.bias/exp_avg").shape()).isEqualTo(Shape.of(1));
        assertThat(buffers.get("0.bias/mu_product").shape()).as("0.bias/mu_product").isEqualTo(Shape.of());
    }

    // ---- states that do not fit ----------------------------------------------------------------

    @Test
    void loadingIntoADifferentShapeNamesTheParameterTheBufferAndBothShapes() {
        Sequential small = model(3, 2);
        Optimizer saved = new Adam().build(small.namedParameters());
        train(small, saved, 1);
        Optimizer other = new Adam().build(model(4, 2).namedParameters());
        assertThatThrownBy(() -> other.loadState(saved.state()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'0.weight/exp_avg'")
                .hasMessageContaining("parameter '0.weight'")
                .hasMessageContaining("[2, 3]")
                .hasMessageContaining("[2, 4]");
    }

    @Test
    void aMissingParameterIsNamed() {
        Map<String, Variable> two = named("0.weight", parameter(1f, 2f), "0.bias", parameter(0f));
        Map<String, Variable> three = named("0.weight", parameter(1f, 2f), "0.bias", parameter(0f),
                "1.weight", parameter(3f));
        OptimizerState state = stepOnce(new Adam(), two).state();
        assertThatThrownBy(() -> new Adam().build(three).loadState(state))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no entry for parameter '1.weight'");
    }

    @Test
    void aMissingBufferIsNamed() {
        Map<String, Variable> p = named("0.weight", parameter(1f, 2f));
        OptimizerState adamState = stepOnce(new Adam(), p).state();
        assertThatThrownBy(() -> new Adam().withAmsgrad(true).build(p).loadState(adamState))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'0.weight/max_exp_avg_sq' is missing");
    }

    @Test
    void anExtraBufferIsNamed() {
        Map<String, Variable> p = named("0.weight", parameter(1f, 2f));
        OptimizerState amsGradState = stepOnce(new Adam().withAmsgrad(true), p).state();
        assertThatThrownBy(() -> new Adam().build(p).loadState(amsGradState))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'0.weight/max_exp_avg_sq' belongs to no parameter");
    }

    @Test
    void aSavedParameterThisOptimizerDoesNotHaveIsRejectedEvenWithoutBuffers() {
        // Plain SGD keeps no buffers, so only the parameter entry tells that the state was saved
        // from another model; Optimizer.loadState promises that every saved parameter exists here.
        Map<String, Variable> three = named("0.weight", parameter(1f, 2f), "0.bias", parameter(0f),
                "1.weight", parameter(3f));
        Map<String, Variable> two = named("0.weight", parameter(1f, 2f), "0.bias", parameter(0f));
        OptimizerState state = stepOnce(new Sgd(0.1), three).state();
        assertThatThrownBy(() -> new Sgd(0.1).build(two).loadState(state))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'1.weight'");
    }

    private static Optimizer stepOnce(OptimizerConfig config, Map<String, Variable> parameters) {
        Optimizer optimizer = config.build(parameters);
        parameters.values().forEach(p -> {
            p.zeroGrad();
            p.gradForAccumulation().fill(0.5f);
        });
        optimizer.step();
        return optimizer;
    }

    /** Ways to spoil a state that is otherwise valid and different from the target's. */
    static Stream<Named<UnaryOperator<Map<String, Tensor>>>> spoilers() {
        UnaryOperator<Map<String, Tensor>> wrongShapeLast = buffers -> {
            buffers.put("0.bias/exp_avg_sq", Tensor.zeros(3));
            return buffers;
        };
        UnaryOperator<Map<String, Tensor>> missingLast = buffers -> {
            buffers.remove("0.bias/exp_avg_sq");
            return buffers;
        };
        UnaryOperator<Map<String, Tensor>> extra = buffers -> {
            buffers.put("2.weight/exp_avg", Tensor.zeros(2));
            return buffers;
        };
        return Stream.of(Named.of("the last buffer has the wrong shape", wrongShapeLast),
                Named.of("the last buffer is missing", missingLast),
                Named.of("a buffer of no parameter", extra));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("spoilers")
    void aFailedLoadChangesNothing(UnaryOperator<Map<String, Tensor>> spoil) {
        Sequential model = model(3, 2);
        Optimizer target = new Adam().withLr(0.05).build(model.namedParameters());
        train(model, target, 2);
        OptimizerState before = target.state();

        Sequential elsewhere = model(3, 2);
        Optimizer source = new Adam().withLr(0.01).build(elsewhere.namedParameters());
        train(elsewhere, source, 5);
        OptimizerState other = source.state();
        assertThat(other.buffers().get("0.weight/exp_avg").data())
                .as("the spoiled state would change the first buffers if copied")
                .isNotEqualTo(before.buffers().get("0.weight/exp_avg").data());
        OptimizerState spoiled = new OptimizerState(other.updates(), other.microSteps(), other.parameterSteps(),
                spoil.apply(new HashMap<>(other.buffers())));

        assertThatThrownBy(() -> target.loadState(spoiled)).isInstanceOf(IllegalArgumentException.class);
        assertSameState(target.state(), before);
        assertThat(target.stepsDone()).isEqualTo(2);
    }
}
