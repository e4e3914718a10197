package dev.descent.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.descent.autodiff.Variable;
import dev.descent.data.BuiltInDatasets;
import dev.descent.data.Dataset;
import dev.descent.nn.Models;
import dev.descent.nn.Sequential;
import dev.descent.random.Rng;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The landscape experiment on tiny sizes (quick mode on the built-in digits), run once, and its pieces. */
class LandscapeExperimentTest {
    @TempDir
    static Path dir;

    private static Results results;

    @BeforeAll
    static void runQuick() {
        Dataset digits = BuiltInDatasets.load(BuiltInDatasets.DIGITS);
        ExperimentContext context = new ExperimentContext(dir, 1, true, digits, "digits",
                new PrintWriter(new StringWriter()));
        results = Experiments.named("landscape").run(context);
        ResultsWriter.write(results, context, 1.0);
    }

    @Test
    void everyFindingIsFiniteAndTheLinesAndSlicesAgree() {
        for (Finding f : results.findings()) {
            assertThat(f.value()).as(f.name()).isFinite();
        }
        // θ_final is α = 1 of the line and the centre of the slice: the same weights, the same loss.
        assertThat(results.value("random slice: loss at the centre (θ_final)"))
                .isEqualTo(results.value("loss at θ_final (net A)"));
        assertThat(results.value("loss at θ_final (net A)")).isLessThan(results.value("loss at θ_init (net A)"));
        assertThat(results.value("init → final line: lowest loss"))
                .isLessThanOrEqualTo(results.value("loss at θ_final (net A)"));
        assertThat(results.value("A → B line: barrier (highest − higher endpoint)")).isGreaterThanOrEqualTo(0);
        assertThat(results.value("random slice: lowest loss"))
                .isLessThanOrEqualTo(results.value("random slice: loss at the centre (θ_final)"));
        // The plane of the trajectory's principal directions keeps far more of it than random directions.
        assertThat(results.value("random plane: fraction of ‖θ_init − θ_final‖ its projection keeps"))
                .isBetween(0.0, 0.5);
        assertThat(results.value("PCA plane: fraction of ‖θ_init − θ_final‖ its projection keeps"))
                .isBetween(0.5, 1.0 + 1e-9);
        assertThat(results.value("PCA: share of the trajectory's variance on PC1"))
                .isGreaterThanOrEqualTo(results.value("PCA: share of the trajectory's variance on PC2"));
        assertThat(results.verdict()).contains("(1)").contains("(2)").contains("(3)");
    }

    @Test
    void writesTheSeriesPlotsAndReport() throws Exception {
        for (String f : List.of("landscape-lines.csv", "landscape-random-slice.csv", "landscape-pca-slice.csv",
                "landscape-trajectory.csv", "landscape-lines.png", "landscape-lines-accuracy.svg",
                "landscape-random-slice.png", "landscape-pca-slice.svg", "results.json", "report.html")) {
            assertThat(dir.resolve(f)).isNotEmptyFile();
        }
        assertThat(Files.readAllLines(dir.resolve("landscape-lines.csv"))).hasSize(1 + 9).first()
                .isEqualTo("alpha,init_to_final_loss,init_to_final_accuracy,a_to_b_loss,a_to_b_accuracy");
        assertThat(Files.readAllLines(dir.resolve("landscape-random-slice.csv"))).hasSize(1 + 9 * 9);
        JsonNode json = new ObjectMapper().readTree(dir.resolve("results.json").toFile());
        assertThat(json.get("experiment").asText()).isEqualTo("landscape");
        String html = Files.readString(dir.resolve("report.html"));
        assertThat(html).contains("data:image/png;base64,").contains("href=\"landscape-trajectory.csv\"");
    }

    @Test
    void filterNormalisationGivesEachDirectionRowTheNormOfTheWeightRow() {
        Sequential model = Models.mlp(new Rng(3), 20, 7, 4);
        double[] weights = new LandscapeExperiment.Weights(model).read();
        Rng rng = new Rng(4);
        double[] direction = new double[weights.length];
        for (int i = 0; i < direction.length; i++) {
            direction[i] = 5 * rng.nextGaussian();
        }
        LandscapeExperiment.filterNormalised(model, direction, weights);

        int offset = 0;
        int rowsChecked = 0;
        for (Variable v : model.namedParameters().values()) {
            int size = v.value().size();
            if (v.value().rank() == 2) {
                int columns = v.value().columns();
                for (int row = offset; row < offset + size; row += columns) {
                    double d = 0;
                    double w = 0;
                    for (int j = row; j < row + columns; j++) {
                        d += direction[j] * direction[j];
                        w += weights[j] * weights[j];
                    }
                    assertThat(Math.sqrt(d)).isCloseTo(Math.sqrt(w), within(1e-12 * Math.sqrt(w)));
                    rowsChecked++;
                }
            } else {
                for (int j = offset; j < offset + size; j++) {
                    assertThat(direction[j]).as("bias component %d", j).isZero();
                }
            }
            offset += size;
        }
        assertThat(rowsChecked).isEqualTo(7 + 4);
        assertThat(offset).isEqualTo(weights.length);
    }

    @Test
    void jacobiFindsEigenpairsLargestFirst() {
        // Eigenvalues 4 + √3, 4 − √3 and 2 (the characteristic polynomial factors as (λ − 2)(λ² − 8λ + 13)).
        double[] a = {
            3.5, 1.5, 1.0,
            1.5, 3.5, 1.0,
            1.0, 1.0, 3.0};
        double[][] eigen = LandscapeExperiment.symmetricEigen(a, 3);
        assertThat(eigen[0]).containsExactly(new double[] {4 + Math.sqrt(3), 4 - Math.sqrt(3), 2}, within(1e-12));
        for (int k = 0; k < 3; k++) {
            double[] v = eigen[1 + k];
            for (int i = 0; i < 3; i++) {
                double av = a[i * 3] * v[0] + a[i * 3 + 1] * v[1] + a[i * 3 + 2] * v[2];
                assertThat(av).isCloseTo(eigen[0][k] * v[i], within(1e-10));
            }
        }
    }
}
