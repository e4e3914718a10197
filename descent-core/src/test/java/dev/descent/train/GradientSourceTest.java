package dev.descent.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.autodiff.Tape;
import dev.descent.autodiff.Variable;
import dev.descent.data.Batch;
import dev.descent.data.BatchOptions;
import dev.descent.data.BuiltInDatasets;
import dev.descent.data.Dataset;
import dev.descent.data.InformativeSampler;
import dev.descent.data.MiniBatches;
import dev.descent.loss.SoftmaxCrossEntropy;
import dev.descent.nn.ModelSpec;
import dev.descent.nn.ModelSpec.ActivationSpec;
import dev.descent.nn.ModelSpec.LinearSpec;
import dev.descent.nn.Sequential;
import dev.descent.optim.Sgd;
import dev.descent.random.Rng;
import dev.descent.tensor.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The seam where a step's gradient comes from ({@link Trainer#gradientsFrom}). */
class GradientSourceTest {
    private static final ModelSpec SPEC = new ModelSpec(64, List.of(new LinearSpec(16, true),
            ActivationSpec.of("tanh"), new LinearSpec(10, true)));
    private static final Dataset DIGITS = BuiltInDatasets.load(BuiltInDatasets.DIGITS);

    /** Computes the gradient on a second copy of the model, as a remote worker would, and copies it over. */
    private static final class Replica implements GradientSource {
        private final Sequential copy = SPEC.build(new Rng(99));
        private final Tape tape = Tape.recycling();
        int calls;

        @Override
        public float lossAndGradients(Batch batch, boolean weighted, List<Variable> parameters) {
            calls++;
            List<Variable> own = copy.parameters();
            for (int k = 0; k < own.size(); k++) {
                own.get(k).value().copyFrom(parameters.get(k).value());
                own.get(k).zeroGrad();
            }
            tape.reset();
            Variable loss = new SoftmaxCrossEntropy().compute(copy.forward(tape.input(batch.features())),
                    batch.labels());
            loss.backward();
            for (int k = 0; k < own.size(); k++) {
                Tensor g = parameters.get(k).gradForOverwrite();
                g.copyFrom(own.get(k).grad());
            }
            return loss.item();
        }

        @Override
        public int outputWidth() {
            return 10;
        }
    }

    private static Map<String, Tensor> train(GradientSource source) {
        Sequential model = SPEC.build(new Rng(3));
        Trainer trainer = new Trainer(model, Objective.of(new SoftmaxCrossEntropy()),
                new Sgd(0.1).withMomentum(0.9).build(model.namedParameters()));
        if (source != null) {
            trainer.gradientsFrom(source);
        }
        trainer.fit(new MiniBatches(DIGITS, BatchOptions.shuffled(32, 5)), 2, null, r -> { });
        return model.stateDict();
    }

    @Test
    void aSourceThatComputesTheSameGradientGivesBitIdenticalWeights() {
        Replica replica = new Replica();
        Map<String, Tensor> remote = train(replica);
        Map<String, Tensor> local = train(null);
        assertThat(replica.calls).isEqualTo(2 * ((DIGITS.size() + 31) / 32));
        local.forEach((name, w) -> assertThat(remote.get(name).data()).as(name).containsExactly(w.data()));
    }

    @Test
    void aNonFiniteLossFromTheSourceStopsBeforeTheUpdate() {
        Sequential model = SPEC.build(new Rng(3));
        float[] before = model.stateDict().get("0.weight").data().clone();
        Trainer trainer = new Trainer(model, Objective.of(new SoftmaxCrossEntropy()),
                new Sgd(0.1).build(model.namedParameters())).gradientsFrom(new GradientSource() {
                    @Override
                    public float lossAndGradients(Batch batch, boolean weighted, List<Variable> parameters) {
                        parameters.forEach(p -> java.util.Arrays.fill(p.gradForOverwrite().data(), 1f));
                        return Float.NaN;
                    }

                    @Override
                    public int outputWidth() {
                        return 10;
                    }
                });
        assertThatThrownBy(() -> trainer.fit(new MiniBatches(DIGITS, BatchOptions.shuffled(32, 5)), 1, null,
                r -> { })).isInstanceOf(TrainingDivergedException.class).hasMessageContaining("the loss is NaN");
        assertThat(model.stateDict().get("0.weight").data()).containsExactly(before);
    }

    @Test
    void aSamplerThatLearnsFromEachLossIsRefused() {
        Sequential model = SPEC.build(new Rng(3));
        Trainer trainer = new Trainer(model, Objective.of(new SoftmaxCrossEntropy()),
                new Sgd(0.1).build(model.namedParameters())).gradientsFrom(new Replica());
        MiniBatches informative = new MiniBatches(DIGITS, new InformativeSampler(DIGITS.size(), 1, 0.1,
                DIGITS.size(), 1), 32, false);
        assertThatThrownBy(() -> trainer.fit(informative, 1, null, r -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("learns from each example's loss");
    }
}
