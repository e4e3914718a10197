package dev.descent.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.descent.data.BuiltInDatasets;
import dev.descent.data.Dataset;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The regularization experiment's three sweeps on tiny sizes (quick mode on the built-in digits), run once. */
class RegularizationExperimentTest {
    @TempDir
    static Path dir;

    private static Results results;
    private static final StringWriter log = new StringWriter();

    @BeforeAll
    static void runQuick() {
        Dataset digits = BuiltInDatasets.load(BuiltInDatasets.DIGITS);
        ExperimentContext context = new ExperimentContext(dir, 1, true, digits, "digits", new PrintWriter(log));
        results = Experiments.named("regularization").run(context);
        ResultsWriter.write(results, context, 1.0);
    }

    @Test
    void everyFindingIsFiniteAndTheVerdictExplainsEachPart() {
        assertThat(results.findings()).hasSizeGreaterThan(20);
        for (Finding f : results.findings()) {
            assertThat(f.value()).as(f.name()).isFinite();
        }
        assertThat(results.verdict()).contains("(1)").contains("(2)").contains("(3)");
        // 22 runs: the reference, 4 + 4 + 3 strengths, 3 + 3 batch sizes, 4 widths
        assertThat(log.toString().lines().filter(l -> l.contains("(gap ")).count()).isEqualTo(22);
    }

    @Test
    void penaltiesShrinkTheWeights() {
        double none = results.value("‖w‖₂ of the weights, no regularisation");
        assertThat(results.value("‖w‖₂ of the weights, strongest L2 (λ = 0.1)")).isPositive().isLessThan(none);
        assertThat(results.value("fraction of weights exactly zero, best L1")).isBetween(0.0, 1.0);
        assertThat(results.value("best dropout p (lowest validation loss)")).isIn(0.1, 0.3, 0.5);
        assertThat(results.value("width with the lowest validation error")).isIn(4.0, 16.0, 64.0, 256.0, 1024.0);
    }

    @Test
    void writesASeriesPerPartAndItsPlots() throws Exception {
        for (String f : List.of("regularization-l2.csv", "regularization-l1.csv", "regularization-dropout.csv",
                "regularization-curves.csv", "regularization-batch-size.csv", "regularization-capacity.csv",
                "regularization-l2.png", "regularization-l1.svg", "regularization-dropout.png",
                "regularization-weight-norm.png", "regularization-dropout-weight-norm.png",
                "regularization-curves.png", "regularization-batch-size.png", "regularization-batch-size-losses.png",
                "regularization-capacity.png", "regularization-capacity-loss.png", "results.json", "report.html")) {
            assertThat(dir.resolve(f)).isNotEmptyFile();
        }
        assertThat(Files.readAllLines(dir.resolve("regularization-l2.csv"))).hasSize(1 + 5).first()
                .isEqualTo("strength,train_loss,validation_loss,gap,train_error,validation_error,weight_norm,"
                        + "zero_weight_fraction");
        assertThat(Files.readAllLines(dir.resolve("regularization-batch-size.csv"))).hasSize(1 + 4);
        assertThat(Files.readAllLines(dir.resolve("regularization-capacity.csv"))).hasSize(1 + 5);
        JsonNode json = new ObjectMapper().readTree(dir.resolve("results.json").toFile());
        assertThat(json.get("experiment").asText()).isEqualTo("regularization");
        String html = Files.readString(dir.resolve("report.html"));
        assertThat(html).contains("data:image/png;base64,").contains("href=\"regularization-capacity.csv\"");
    }
}
