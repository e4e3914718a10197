package dev.descent.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.descent.data.BuiltInDatasets;
import dev.descent.data.Dataset;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every experiment's code path on tiny sizes (quick mode on the built-in digits), and the files it leaves. */
class ExperimentsTest {
    @TempDir
    Path dir;

    private final StringWriter log = new StringWriter();

    private Results runQuick(String name) {
        Dataset digits = BuiltInDatasets.load(BuiltInDatasets.DIGITS);
        ExperimentContext context = new ExperimentContext(dir, 1, true, digits, "digits", new PrintWriter(log));
        Results results = Experiments.named(name).run(context);
        ResultsWriter.write(results, context, 1.0);
        return results;
    }

    @Test
    void batchNoiseFindsTheSquareRootLawEvenOnTinySizes() throws Exception {
        Results results = runQuick("batch-noise");

        // 12 draws per size on 1..64: noisy, but a slope far from −1/2 means the code is wrong.
        assertThat(results.value("log-log slope of the RMS error against n_b")).isBetween(-0.7, -0.3);
        assertThat(results.value("mean error ratio for 4× the batch")).isBetween(0.35, 0.65);
        assertFiles("batch-noise", "batch-noise.csv", "batch-noise.png", "batch-noise.svg");
        assertThat(Files.readAllLines(dir.resolve("batch-noise.csv"))).hasSize(1 + 7)
                .first().isEqualTo("batch_size,rms_error,relative_error,sigma_estimate,predicted_sigma_over_sqrt_b");
    }

    @Test
    void sgdNoiseRecordsBothTrajectoriesAgainstTheMinimum() throws Exception {
        Results results = runQuick("sgd-noise");

        double minimum = results.findings().get(0).value();
        assertThat(minimum).isPositive().isLessThan(Math.log(10));
        assertThat(results.value("loss spread around its trend, last fifth, constant step"))
                .isGreaterThan(results.value("loss spread around its trend, last fifth, decaying step"));
        assertFiles("sgd-noise", "sgd-noise.csv", "sgd-noise-loss.png", "sgd-noise-loss.svg", "sgd-noise-lr.png");
    }

    @Test
    void learningRateComparesThreeRatesAndRunsARangeTest() throws Exception {
        Results results = runQuick("learning-rate");

        assertThat(results.value("loss after one epoch, lr 0.001"))
                .isGreaterThan(results.value("loss after one epoch, lr 0.1"));
        assertThat(results.findings().get(1).seeds()).isEqualTo(2);
        assertThat(results.value("range test: rate of steepest descent (suggested)")).isBetween(1e-5, 10.0);
        assertFiles("learning-rate", "learning-rate.csv", "lr-range-test.csv", "learning-rate.png", "lr-range-test.svg");
    }

    @Test
    void closedFormIsReachedByGradientDescentAndApproachedBySgd() throws Exception {
        Results results = runQuick("closed-form");

        // The quick run still does 2 000 GD passes: κ ≈ 470 needs about 6 500 for 1e-6.
        assertThat(results.value("GD: relative distance to the closed form after 2001 passes")).isLessThan(0.05);
        assertThat(results.value("SGD: relative distance after 20 epochs")).isLessThan(0.9);
        assertThat(results.value("condition number κ of XᵀX/n (least squares)")).isBetween(400.0, 550.0);
        assertThat(results.value("logistic GD: objective above the minimum at the end")).isBetween(0.0, 1e-3);
        assertFiles("closed-form", "closed-form-gd.csv", "closed-form-sgd.csv", "closed-form-logistic-gd.csv",
                "closed-form-distance.png", "closed-form-logistic.svg");
    }

    @Test
    void schedulesTrainsFiveSchedulesFromTheSameStart() throws Exception {
        Results results = runQuick("schedules");

        // last-epoch and final loss and accuracy per schedule, and the paired gain of each of the 4 decays
        assertThat(results.findings()).hasSize(19);
        for (Finding f : results.findings()) {
            assertThat(f.value()).as(f.name()).isFinite();
            assertThat(f.seeds()).as(f.name()).isEqualTo(2);
        }
        assertThat(results.value("final validation accuracy, constant")).isGreaterThan(0.5);
        assertThat(results.rule()).contains("two standard errors");
        assertFiles("schedules", "schedules.csv", "schedules-validation-loss.png", "schedules-learning-rate.svg");
    }

    @Test
    void momentumMatchesTheHeavyBallTheory() throws Exception {
        Results results = runQuick("momentum");

        assertThat(results.value("step amplification at λ = 0.9 (1/(1 − λ) = 10)")).isCloseTo(10, within(0.01));
        assertThat(results.value("plain steps: error contraction per step (measured)"))
                .isCloseTo(results.value("plain steps: (κ − 1)/(κ + 1) (theory)"), within(1e-3));
        assertThat(results.value("momentum: iterations to f ≤ 1e-8·f(w₀), Polyak's α and λ = 0.4444"))
                .isLessThan(results.value("plain steps: iterations to f ≤ 1e-8·f(w₀), α = 2/(L + μ)") / 3);
        assertThat(results.supported()).isTrue();
        assertFiles("momentum", "momentum-amplification.csv", "momentum-quadratic.csv", "momentum-trajectories.png",
                "momentum-trajectories.svg", "momentum-convergence.png");
    }

    @Test
    void gdVsSgdComparesCostPerExampleAndConditioning() throws Exception {
        Results results = runQuick("gd-vs-sgd");

        // One epoch of examples is one GD update but n SGD updates: SGD is ahead, even on tiny sizes.
        assertThat(results.value("logistic regression, online SGD (1): training loss after 1 epoch"))
                .isLessThan(results.value("logistic regression, batch GD (line search): training loss after 1 epoch"));
        assertThat(results.value("logistic regression, batch GD: step chosen by the line search")).isPositive();
        assertThat(results.value("κ = 100, ρ = 0.001: GD updates (κ·ln(1/ρ) = 691)"))
                .isGreaterThan(results.value("κ = 10, ρ = 0.001: GD updates (κ·ln(1/ρ) = 69)"))
                .isLessThanOrEqualTo(691);
        assertFiles("gd-vs-sgd", "gd-vs-sgd-logreg-gd.csv", "gd-vs-sgd-mlp-online.csv", "gd-vs-sgd-conditioning.csv",
                "gd-vs-sgd-mlp-time.png", "gd-vs-sgd-conditioning.svg");
    }

    @Test
    void unknownNameListsTheExperiments() {
        assertThatThrownBy(() -> Experiments.named("gd-vs-sdg"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("batch-noise").hasMessageContaining("sgd-noise");
    }

    private void assertFiles(String name, String... files) throws Exception {
        for (String f : files) {
            assertThat(dir.resolve(f)).isNotEmptyFile();
        }
        JsonNode json = new ObjectMapper().readTree(dir.resolve("results.json").toFile());
        assertThat(json.get("experiment").asText()).isEqualTo(name);
        assertThat(json.get("claim").asText()).isNotBlank();
        assertThat(json.get("findings").size()).isGreaterThan(3);
        for (JsonNode finding : json.get("findings")) {
            JsonNode value = finding.get("value"); // JSON has no infinity: non-finite values are strings
            assertThat(value.isNumber() || value.asText().matches("-?Infinity|NaN")).as(finding.toString()).isTrue();
        }
        String html = Files.readString(dir.resolve("report.html"));
        assertThat(html).contains("Claim:").contains("data:image/png;base64,").doesNotContain("<script");
        for (String f : files) {
            if (f.endsWith(".csv")) {
                assertThat(html).contains("href=\"" + f + "\"");
            }
        }
    }
}
