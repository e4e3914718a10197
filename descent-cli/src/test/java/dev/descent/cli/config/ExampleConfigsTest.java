package dev.descent.cli.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The configurations in {@code examples/} load, say what they do, and survive being written and read back. */
class ExampleConfigsTest {
    private static final Path EXAMPLES = Path.of("..", "examples");

    static Stream<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            List<Path> yaml = files.filter(file -> file.toString().endsWith(".yaml")).sorted().toList();
            assertThat(yaml).extracting(file -> file.getFileName().toString()).contains("fashion-mnist-mlp.yaml",
                    "mnist-mlp.yaml", "mnist-logistic-regression.yaml", "linear-regression-synthetic.yaml",
                    "csv-example.yaml");
            return yaml.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everyExampleLoadsAndRoundTrips(Path example) throws IOException {
        RunConfig config = ConfigLoader.load(example, List.of());

        RunConfig reread = ConfigLoader.parse(ConfigWriter.toYaml(config), "written", null, List.of());

        assertThat(reread).isEqualTo(config);
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everyExampleStartsWithACommentThatSaysHowToRunIt(Path example) throws IOException {
        String text = Files.readString(example);

        assertThat(text).startsWith("# ");
        assertThat(text).contains("./descent train --config examples/" + example.getFileName());
        assertThat(text).doesNotContain("shared/data");
    }

    @Test
    void theFashionMnistExampleIsTheDefaultOfDescentTrain() {
        assertThat(ConfigLoader.load(EXAMPLES.resolve("fashion-mnist-mlp.yaml"), List.of()))
                .isEqualTo(RunConfig.defaults())
                .isEqualTo(ConfigLoader.defaults(List.of()));
    }

    @Test
    void theMnistExamplesNameTheDataSetAndLetTheLocatorFindIt() {
        for (String name : List.of("mnist-mlp.yaml", "mnist-logistic-regression.yaml")) {
            RunConfig config = ConfigLoader.load(EXAMPLES.resolve(name), List.of());
            assertThat(config.data().dataset()).isEqualTo("mnist");
            assertThat(config.data().dataDir()).isNull();
        }
        RunConfig logistic = ConfigLoader.load(EXAMPLES.resolve("mnist-logistic-regression.yaml"), List.of());
        assertThat(logistic.model().kind()).isEqualTo(ModelSettings.Kind.LINEAR);
        assertThat(logistic.optimizer().name()).isEqualTo(OptimizerSettings.Name.ADAMW);
        // the command its comment suggests works
        assertThat(ConfigLoader.load(EXAMPLES.resolve("mnist-logistic-regression.yaml"),
                List.of("optimizer.name=sgd", "optimizer.lr=0.1")).optimizer().lr()).isEqualTo(0.1);
    }

    @Test
    void theRegressionExampleDrawsASyntheticLinearProblem() {
        RunConfig config = ConfigLoader.load(EXAMPLES.resolve("linear-regression-synthetic.yaml"), List.of());

        assertThat(config.task()).isEqualTo(RunConfig.Task.REGRESSION);
        assertThat(config.data().synthetic())
                .isEqualTo(new SyntheticDataSettings(SyntheticDataSettings.Kind.LINEAR_REGRESSION, 2000, 10, 0.1, null, 7L));
        assertThat(config.data().dataset()).isNull();
    }

    @Test
    void theCsvExamplePointsAtItsFileRelativeToTheExample() {
        RunConfig config = ConfigLoader.load(EXAMPLES.resolve("csv-example.yaml"), List.of());

        Path csv = Path.of(config.data().csv());
        assertThat(csv).isAbsolute().exists();
        assertThat(csv).isEqualTo(EXAMPLES.resolve("data/synthetic-flowers.csv").toAbsolutePath().normalize());
        assertThat(config.data().categorical()).containsExactly("soil");
        assertThat(config.data().labelColumn()).isEqualTo("species");
    }

    @Test
    void theCsvFileHasAHeaderTheConfigNamesAndEnoughRows() throws IOException {
        List<String> lines = Files.readAllLines(EXAMPLES.resolve("data/synthetic-flowers.csv"));

        assertThat(lines.get(0)).isEqualTo("sepal_length,sepal_width,petal_length,petal_width,soil,species");
        assertThat(lines).hasSizeGreaterThan(100);
        assertThat(lines.subList(1, lines.size())).allSatisfy(line -> assertThat(line.split(",")).hasSize(6));
    }
}
