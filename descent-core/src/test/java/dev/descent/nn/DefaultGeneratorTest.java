package dev.descent.nn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.random.Rng;
import dev.descent.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Layers and models built without an {@link Rng} draw from {@link Layer#DEFAULT_SEED}: the same
 * as passing {@code new Rng(DEFAULT_SEED)}, the same on every run and thread, never a global
 * generator.
 */
class DefaultGeneratorTest {

    private static void assertSameWeights(Layer actual, Layer expected) {
        Map<String, Tensor> a = actual.stateDict();
        Map<String, Tensor> e = expected.stateDict();
        assertThat(List.copyOf(a.keySet())).containsExactlyElementsOf(e.keySet());
        a.forEach((name, value) -> assertThat(value.data()).as(name).containsExactly(e.get(name).data()));
    }

    @Test
    void aLinearLayerWithoutAGeneratorUsesTheDefaultSeed() {
        assertSameWeights(new Linear(5, 3), new Linear(5, 3, new Rng(Layer.DEFAULT_SEED)));
        assertThat(new Linear(5, 3)).hasToString("Linear(in_features=5, out_features=3, bias=true)");
    }

    @Test
    void theDefaultDrawsArePinnedSoSavedProgramsKeepTheirWeights() {
        Linear layer = new Linear(2, 2);
        assertThat(layer.weight().value().data()).containsExactly(0.5420833f, -0.096834034f, -0.6697238f, 0.6659277f);
        assertThat(layer.bias().value().data()).containsExactly(-0.5567098f, -0.24419825f);
    }

    @Test
    void theDefaultDoesNotDependOnWhatWasBuiltBeforeOrOnWhichThread() throws Exception {
        Linear first = new Linear(4, 4);
        Models.mlp(4, 16, 4); // a global generator would move on here
        Linear second = new Linear(4, 4);
        Linear elsewhere = CompletableFuture.supplyAsync(() -> new Linear(4, 4)).get();
        assertSameWeights(second, first);
        assertSameWeights(elsewhere, first);
    }

    @Test
    void modelFactoriesShareOneDefaultGeneratorAcrossTheirLayers() {
        assertSameWeights(Models.mlp(4, 4, 4, 2), Models.mlp(new Rng(Layer.DEFAULT_SEED), 4, 4, 4, 2));
        assertSameWeights(Models.logisticRegression(6, 3),
                Models.logisticRegression(new Rng(Layer.DEFAULT_SEED), 6, 3));
        Sequential mlp = Models.mlp(4, 4, 4, 2);
        assertThat(mlp.namedParameters().get("2.weight").value().data()).as("same shape, later draws")
                .isNotEqualTo(mlp.namedParameters().get("0.weight").value().data());
    }

    @Test
    void aSpecBuiltWithoutAGeneratorUsesTheDefaultSeed() {
        ModelSpec spec = ModelSpec.mlp(6, List.of(5), 3, "tanh", 0.5);
        Sequential built = spec.build();
        assertSameWeights(built, spec.build(new Rng(Layer.DEFAULT_SEED)));
        assertThat(built.generators().get("2.rng").state())
                .isEqualTo(spec.build(new Rng(Layer.DEFAULT_SEED)).generators().get("2.rng").state());
    }
}
