package dev.descent.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.autodiff.GradientChecker;
import dev.descent.autodiff.RandomTensors;
import dev.descent.autodiff.Tape;
import dev.descent.autodiff.Variable;
import dev.descent.init.Initializer;
import dev.descent.random.Rng;
import dev.descent.tensor.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Custom layers from {@link CompositeLayer}: a two-branch residual block gets the names PyTorch
 * gives the equivalent {@code nn.Module}, its gradients, modes, generators and state dict.
 */
class CompositeLayerTest {

    /**
     * y = x + scale ⊙ body(x), body = Linear → ReLU → Linear. In PyTorch:
     *
     * <pre>{@code
     * class ResidualBlock(nn.Module):
     *     def __init__(self, width):
     *         super().__init__()
     *         self.body = nn.Sequential(nn.Linear(width, width), nn.ReLU(), nn.Linear(width, width))
     *         self.scale = nn.Parameter(torch.ones(width))
     *     def forward(self, x):
     *         return x + self.scale * self.body(x)
     * }</pre>
     *
     * whose {@code state_dict().keys()} are {@code ['scale', 'body.0.weight', 'body.0.bias',
     * 'body.2.weight', 'body.2.bias']}: a module's own parameters come before its children's
     * whatever the order of assignment.
     */
    static final class ResidualBlock extends CompositeLayer {
        private final Sequential body;
        private final Variable scale;

        ResidualBlock(int width, Rng rng) {
            body = register("body", new Sequential(new Linear(width, width, rng), Activation.relu(),
                    new Linear(width, width, rng)));
            scale = registerParameter("scale", Variable.parameter(Tensor.filled(1f, width)));
        }

        @Override
        public Variable forward(Variable x) {
            return x.add(scale.mul(body.forward(x)));
        }
    }

    /** Two branches with their own layers: y = main(x) + shortcut(x), the shortcut a projection. */
    static final class ProjectionBlock extends CompositeLayer {
        private final Layer main;
        private final Layer shortcut;

        ProjectionBlock(int in, int out, Rng rng) {
            main = register("main", new Sequential(new Linear(in, out, rng), Activation.tanh(),
                    new Dropout(0.5f, rng.split())));
            shortcut = register("shortcut", new Linear(in, out, false, Initializer.pytorchLinearDefault(),
                    Initializer.zeros(), rng));
        }

        @Override
        public Variable forward(Variable x) {
            return main.forward(x).add(shortcut.forward(x));
        }
    }

    @Test
    void namesAreThoseOfTheEquivalentPyTorchModule() {
        ResidualBlock block = new ResidualBlock(3, new Rng(1));
        assertThat(List.copyOf(block.namedParameters().keySet()))
                .containsExactly("scale", "body.0.weight", "body.0.bias", "body.2.weight", "body.2.bias");
        assertThat(List.copyOf(block.stateDict().keySet()))
                .containsExactlyElementsOf(block.namedParameters().keySet());
        assertThat(block.namedChildren()).containsOnlyKeys("body");
        assertThat(block.parameterCount()).isEqualTo(3 + 2 * (3 * 3 + 3));
    }

    @Test
    void nestedInASequentialTheNamesArePrefixedAsInPyTorch() {
        // nn.Sequential(nn.Linear(4, 3), ResidualBlock(3), ProjectionBlock(3, 2)).state_dict().keys()
        Rng rng = new Rng(2);
        Sequential model = new Sequential(new Linear(4, 3, rng), new ResidualBlock(3, rng),
                new ProjectionBlock(3, 2, rng));
        assertThat(List.copyOf(model.stateDict().keySet())).containsExactly("0.weight", "0.bias",
                "1.scale", "1.body.0.weight", "1.body.0.bias", "1.body.2.weight", "1.body.2.bias",
                "2.main.0.weight", "2.main.0.bias", "2.shortcut.weight");
        assertThat(model.generators()).containsOnlyKeys("2.main.2.rng");
    }

    @Test
    void forwardAndEveryRegisteredParameterGradient() {
        Rng rng = new Rng(3);
        ResidualBlock block = new ResidualBlock(3, rng);
        block.namedParameters().get("scale").value().copyFrom(Tensor.of(new float[] {0.5f, -1.5f, 2f}, 3));
        Tensor x = RandomTensors.uniform(rng, -1, 1, 4, 3);
        double[] xd = RandomTensors.toDouble(x);
        // Parameters in namedParameters() order: scale, body.0.weight, body.0.bias, body.2.weight, body.2.bias.
        GradientChecker.standard().verify("residual block", () -> block.forward(new Tape().input(x)),
                block.parameters(), p -> {
                    double[] h = LinearTest.forward(xd, p[1], p[2], 4, 3, 3);
                    for (int i = 0; i < h.length; i++) {
                        h[i] = Math.max(h[i], 0);
                    }
                    double[] f = LinearTest.forward(h, p[3], p[4], 4, 3, 3);
                    double[] y = new double[f.length];
                    for (int i = 0; i < y.length; i++) {
                        y[i] = xd[i] + p[0][i % 3] * f[i];
                    }
                    return y;
                });
    }

    @Test
    void evalAndTrainReachEveryChild() {
        ProjectionBlock block = new ProjectionBlock(3, 2, new Rng(4));
        Sequential model = new Sequential(block);
        Layer dropout = ((Sequential) block.namedChildren().get("main")).layers().get(2);
        model.eval();
        assertThat(List.of(model.isTraining(), block.isTraining(), dropout.isTraining())).containsOnly(false);
        model.train();
        assertThat(List.of(model.isTraining(), block.isTraining(), dropout.isTraining())).containsOnly(true);
    }

    @Test
    void theStateDictLoadsIntoAnotherInstance() {
        ResidualBlock trained = new ResidualBlock(3, new Rng(5));
        trained.namedParameters().get("scale").value().fill(0.25f);
        ResidualBlock fresh = new ResidualBlock(3, new Rng(6));
        fresh.loadStateDict(trained.stateDict(), true);
        Tensor x = Tensor.generate(Math::cos, 2, 3);
        assertThat(fresh.forward(Tape.noGrad().input(x)).value().data())
                .containsExactly(trained.forward(Tape.noGrad().input(x)).value().data());
    }

    @Test
    void ownGeneratorsComeFirstThenTheChildren() {
        Rng own = new Rng(7);
        CompositeLayer noisy = new CompositeLayer() {
            {
                registerGenerator("noise", own);
                register("drop", new Dropout(0.1f, new Rng(8)));
            }

            @Override
            public Variable forward(Variable x) {
                return x;
            }
        };
        assertThat(List.copyOf(noisy.generators().keySet())).containsExactly("noise", "drop.rng");
        assertThat(noisy.generators().get("noise")).isSameAs(own);
    }

    @Test
    void printsAsPyTorchDoesWithNestedChildrenIndented() {
        Sequential model = new Sequential(new Linear(4, 3, new Rng(1)), new ResidualBlock(3, new Rng(2)));
        assertThat(model).hasToString("""
                Sequential(
                  (0): Linear(in_features=4, out_features=3, bias=true)
                  (1): ResidualBlock(
                    (body): Sequential(
                      (0): Linear(in_features=3, out_features=3, bias=true)
                      (1): ReLU()
                      (2): Linear(in_features=3, out_features=3, bias=true)
                    )
                  )
                )""");
    }

    /** A layer that registers what its test says, to see the registration checks. */
    private static final class Registering extends CompositeLayer {
        Registering(Map<String, Object> parts) {
            parts.forEach((name, part) -> {
                if (part instanceof Layer layer) {
                    register(name, layer);
                } else {
                    registerParameter(name, (Variable) part);
                }
            });
        }

        @Override
        public Variable forward(Variable x) {
            return x;
        }
    }

    @Test
    void namesMustBeNonEmptyWithoutDotsAndUsedOnce() {
        Variable p = Variable.parameter(Tensor.zeros(1));
        assertThatThrownBy(() -> new Registering(Map.of("", p))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Registering: a parameter name must be non-empty and without '.', got ''");
        assertThatThrownBy(() -> new Registering(Map.of("a.b", Activation.relu())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Registering: a layer name must be non-empty and without '.', got 'a.b'");
        assertThatThrownBy(() -> new CompositeLayer() {
            {
                register("head", Activation.relu());
                registerParameter("head", p);
            }

            @Override
            public Variable forward(Variable x) {
                return x;
            }
        }).isInstanceOf(IllegalArgumentException.class).as("an anonymous class is named by its full name")
                .hasMessageMatching("dev\\.descent\\.nn\\.CompositeLayerTest\\$\\d+: the name 'head' is already"
                        + " registered");
    }

    @Test
    void aRegisteredParameterMustNotBeBoundToATape() {
        Variable input = new Tape().input(Tensor.zeros(2));
        assertThatThrownBy(() -> new Registering(Map.of("w", input))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Registering: parameter 'w' is bound to a tape (an input or a result);"
                        + " register Variable.parameter(tensor) instead");
    }
}
