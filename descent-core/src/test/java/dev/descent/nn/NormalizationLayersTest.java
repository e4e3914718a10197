package dev.descent.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.descent.autodiff.GradientChecker;
import dev.descent.autodiff.Tape;
import dev.descent.autodiff.Variable;
import dev.descent.io.ModelWeights;
import dev.descent.random.Rng;
import dev.descent.tensor.Tensor;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** BatchNorm, LayerNorm, Residual and Dropout2d as modules: names, buffers, modes, saving and gradients. */
class NormalizationLayersTest {

    private static Tensor images(long seed, int... dims) {
        Rng rng = new Rng(seed);
        return Tensor.generate(i -> 3 + 2 * rng.nextGaussian(), dims);
    }

    @Test
    void batchNormHasPyTorchsParametersAndBuffersInStateDictOrder() {
        Sequential model = new Sequential(new Conv2d(1, 4, 3), new BatchNorm2d(4), Activation.relu());
        assertThat(model.stateDict().keySet()).containsExactly("0.weight", "0.bias", "1.weight", "1.bias",
                "1.running_mean", "1.running_var", "1.num_batches_tracked");
        assertThat(model.namedParameters().keySet()).containsExactly("0.weight", "0.bias", "1.weight", "1.bias");
        assertThat(model.namedBuffers().keySet()).containsExactly("1.running_mean", "1.running_var",
                "1.num_batches_tracked");
        assertThat(model.stateDict().get("1.num_batches_tracked").shape().rank()).isZero();
        assertThat(model.parameterCount()).isEqualTo(4 * 9 + 4 + 4 + 4);
        assertThat(new BatchNorm2d(4).toString())
                .isEqualTo("BatchNorm2d(4, eps=1.0E-5, momentum=0.1, affine=true, track_running_stats=true)");
    }

    @Test
    void trainingUpdatesTheRunningStatisticsAndEvaluationUsesThem() {
        BatchNorm2d bn = new BatchNorm2d(2);
        Tensor x = images(1, 8, 2, 3, 3);
        for (int step = 1; step <= 3; step++) {
            bn.forward(new Tape().input(x));
            assertThat(bn.namedBuffers().get("num_batches_tracked").data()[0]).isEqualTo(step);
        }
        // the running mean moves 1 − 0.9³ of the way from 0 to the batch mean (about 3)
        double batchMean = 0;
        for (int n = 0; n < 8; n++) {
            for (int i = 0; i < 9; i++) {
                batchMean += x.data()[(n * 2) * 9 + i];
            }
        }
        batchMean /= 72;
        assertThat(bn.runningMean().data()[0]).isCloseTo((float) ((1 - Math.pow(0.9, 3)) * batchMean), within(1e-5f));
        bn.eval();
        Tensor running = bn.runningMean().copy();
        Variable y = bn.forward(new Tape().input(x));
        assertThat(bn.runningMean().data()).containsExactly(running.data());
        assertThat(bn.namedBuffers().get("num_batches_tracked").data()[0]).isEqualTo(3f);
        float expected = (float) ((x.data()[0] - running.data()[0]) / Math.sqrt(bn.runningVar().data()[0] + 1e-5));
        assertThat(y.value().data()[0]).isCloseTo(expected, within(1e-5f));
    }

    @Test
    void theBuffersAreSavedAndLoadedWithTheWeights(@TempDir Path dir) throws Exception {
        Sequential model = new Sequential(new Linear(5, 4, new Rng(1)), new BatchNorm1d(4), Activation.relu());
        Tensor x = images(2, 6, 5);
        model.forward(new Tape().input(x));
        model.forward(new Tape().input(images(3, 6, 5)));
        Path file = dir.resolve("bn.safetensors");
        ModelWeights.save(model, file, Map.of("format", "pt"));

        Sequential fresh = new Sequential(new Linear(5, 4, new Rng(9)), new BatchNorm1d(4), Activation.relu());
        ModelWeights.load(fresh, file);
        model.eval();
        fresh.eval();
        assertThat(fresh.forward(new Tape().input(x)).value().data())
                .containsExactly(model.forward(new Tape().input(x)).value().data());
        assertThat(fresh.namedBuffers().get("1.num_batches_tracked").data()[0]).isEqualTo(2f);

        Map<String, Tensor> withoutBuffer = new java.util.LinkedHashMap<>(model.stateDict());
        withoutBuffer.remove("1.running_var");
        assertThatThrownBy(() -> fresh.loadStateDict(withoutBuffer))
                .hasMessageContaining("Missing key(s)").hasMessageContaining("\"1.running_var\" [4]");
    }

    @Test
    void batchNormLayersCheckTheirInputs() {
        assertThatThrownBy(() -> new BatchNorm2d(3).forward(new Tape().input(Tensor.zeros(2, 3))))
                .hasMessageContaining("BatchNorm2d: expected 4D input (got 2D input");
        assertThatThrownBy(() -> new BatchNorm1d(3).forward(new Tape().input(Tensor.zeros(2, 4))))
                .hasMessageContaining("the input has 4 channels").hasMessageContaining("expected 3");
        assertThatThrownBy(() -> new BatchNorm2d(0)).hasMessageContaining("num_features must be positive");
        assertThatThrownBy(() -> new BatchNorm1d(3, 1e-5f, 1.5f, true, true)).hasMessageContaining("momentum");
    }

    @Test
    void batchNormWithoutAffineOrRunningStatisticsHasNoState() {
        BatchNorm1d bare = new BatchNorm1d(3, 1e-5f, 0.1f, false, false);
        assertThat(bare.stateDict()).isEmpty();
        bare.eval(); // without running statistics the batch's own are used in evaluation too, as in PyTorch
        float[] y = bare.forward(new Tape().input(Tensor.of(new float[] {1, 2, 3, 3, 4, 9}, 2, 3))).value().data();
        assertThat(y[0]).isCloseTo(-1f, within(1e-3f));
        assertThat(y[3]).isCloseTo(1f, within(1e-3f));
    }

    @Test
    void layerNormNormalisesTheTrailingShapeWithParametersOfThatShape() {
        LayerNorm norm = new LayerNorm(2, 3);
        assertThat(norm.stateDict().keySet()).containsExactly("weight", "bias");
        assertThat(norm.stateDict().get("weight").shape().dims()).containsExactly(2, 3);
        Tensor x = images(4, 4, 2, 3);
        float[] y = norm.forward(new Tape().input(x)).value().data();
        for (int r = 0; r < 4; r++) {
            double sum = 0;
            for (int i = 0; i < 6; i++) {
                sum += y[r * 6 + i];
            }
            assertThat(sum).isCloseTo(0, within(1e-5));
        }
        assertThatThrownBy(() -> norm.forward(new Tape().input(Tensor.zeros(4, 3, 2))))
                .hasMessageContaining("does not end with the normalized shape [2, 3]");
    }

    @Test
    void layerNormsGradientsAsAModuleMatchFiniteDifferences() {
        LayerNorm norm = new LayerNorm(4);
        norm.namedParameters().get("weight").value().copyFrom(Tensor.of(new float[] {0.5f, 1.5f, -1f, 2f}, 4));
        Tensor x = images(5, 3, 4);
        Variable w = norm.namedParameters().get("weight");
        Variable b = norm.namedParameters().get("bias");
        GradientChecker.standard().verify("LayerNorm(4)", () -> norm.forward(new Tape().input(x)), List.of(w, b),
                r -> {
                    double[] y = new double[12];
                    for (int row = 0; row < 3; row++) {
                        double mu = 0;
                        double var = 0;
                        for (int i = 0; i < 4; i++) {
                            mu += x.data()[row * 4 + i] / 4.0;
                        }
                        for (int i = 0; i < 4; i++) {
                            var += Math.pow(x.data()[row * 4 + i] - mu, 2) / 4;
                        }
                        for (int i = 0; i < 4; i++) {
                            y[row * 4 + i] = (x.data()[row * 4 + i] - mu) / Math.sqrt(var + 1e-5) * r[0][i] + r[1][i];
                        }
                    }
                    return y;
                });
    }

    @Test
    void aResidualAddsItsBranchToTheInputOrToItsShortcut() {
        Linear branch = new Linear(3, 3, new Rng(2));
        Residual block = new Residual(new Sequential(branch));
        assertThat(block.stateDict().keySet()).containsExactly("branch.0.weight", "branch.0.bias");
        Tensor x = images(6, 2, 3);
        Variable w = branch.weight();
        Variable b = branch.namedParameters().get("bias");
        GradientChecker.standard().verify("Residual(Linear)", () -> block.forward(new Tape().input(x)), List.of(w, b),
                r -> {
                    double[] y = new double[6];
                    for (int n = 0; n < 2; n++) {
                        for (int o = 0; o < 3; o++) {
                            double s = r[1][o] + x.data()[n * 3 + o];
                            for (int i = 0; i < 3; i++) {
                                s += r[0][o * 3 + i] * x.data()[n * 3 + i];
                            }
                            y[n * 3 + o] = s;
                        }
                    }
                    return y;
                });
        Residual projected = new Residual(new Linear(3, 2, new Rng(1)), new Linear(3, 2, new Rng(2)));
        assertThat(projected.stateDict().keySet()).containsExactly("branch.weight", "branch.bias", "shortcut.weight",
                "shortcut.bias");
        Residual wrong = new Residual(new Linear(3, 2, new Rng(1)));
        assertThatThrownBy(() -> wrong.forward(new Tape().input(x)))
                .hasMessageContaining("the branch gives shape [2, 2] but the input (the identity shortcut) has [2, 3]")
                .hasMessageContaining("give a shortcut");
    }

    @Test
    void aResidualPassesEvalModeToItsBranch() {
        BatchNorm2d bn = new BatchNorm2d(2);
        Residual block = new Residual(new Sequential(new Conv2d(2, 2, 3, 1, 1, new Rng(3)), bn));
        block.eval();
        assertThat(bn.isTraining()).isFalse();
        block.forward(new Tape().input(images(7, 2, 2, 4, 4)));
        assertThat(bn.namedBuffers().get("num_batches_tracked").data()[0]).isZero();
    }

    @Test
    void channelDropoutIsSavedAsAGeneratorAndIsTheIdentityInEvaluation() {
        Dropout2d dropout = new Dropout2d(0.3f, new Rng(5));
        assertThat(dropout.generators()).containsKey("rng");
        Tensor x = images(8, 2, 3, 2, 2);
        dropout.eval();
        assertThat(dropout.forward(new Tape().input(x)).value().data()).containsExactly(x.data());
        assertThat(dropout.toString()).isEqualTo("Dropout2d(p=0.3)");
    }
}
