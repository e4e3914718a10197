package dev.descent.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.descent.data.BuiltInDatasets;
import dev.descent.data.Dataset;
import dev.descent.experiment.RegularizationRuns.ToLoss;
import dev.descent.random.Rng;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The regularization experiment: its verdict rules on made-up per-seed numbers whose answer is
 * known (each in both directions and an undecided case), and its four parts run once in quick
 * mode on the built-in digits.
 */
class RegularizationExperimentTest {
    @TempDir
    static Path dir;

    private static Results results;
    private static final StringWriter log = new StringWriter();

    /** The quick run, once for the tests that read its results. */
    @BeforeAll
    static void runQuick() {
        Dataset digits = BuiltInDatasets.load(BuiltInDatasets.DIGITS);
        ExperimentContext context = new ExperimentContext(dir, 1, true, digits, "digits", new PrintWriter(log));
        results = Experiments.named("regularization").run(context);
        ResultsWriter.write(results, context, 1.0);
    }

    // Made-up per-seed numbers for the rules: five seeds, "clearly" a difference of 0.1 with a spread of about 0.01.
    private final double[] low = {0.20, 0.21, 0.19, 0.20, 0.22};
    private final double[] high = {0.30, 0.32, 0.29, 0.31, 0.30};
    /** Around {@link #low}, as often above as below it, by more than its own spread. */
    private final double[] mixed = {0.25, 0.16, 0.24, 0.15, 0.26};

    @Test
    void overfittingInTimeNeedsTheTrainingErrorToFallAndTheTestErrorToRise() {
        double[] zero = {0, 0, 0, 0, 0};
        assertThat(RegularizationExperiment.overfitsInTime(low, zero, low, high)).isEqualTo(Verdict.SUPPORTED);
        // the test error falls after the early-stopping epoch: no over-fitting
        assertThat(RegularizationExperiment.overfitsInTime(low, zero, high, low)).isEqualTo(Verdict.NOT_SUPPORTED);
        // the training error rises: not the picture of over-fitting either
        assertThat(RegularizationExperiment.overfitsInTime(zero, low, low, high)).isEqualTo(Verdict.NOT_SUPPORTED);
        assertThat(RegularizationExperiment.overfitsInTime(low, zero, low, mixed)).isEqualTo(Verdict.INCONCLUSIVE);
    }

    @Test
    void pastTheInterpolationWidthWiderMustBeBetterBeyondTheNoise() {
        assertThat(RegularizationExperiment.fallsPastInterpolation(high, low)).isEqualTo(Verdict.SUPPORTED);
        assertThat(RegularizationExperiment.fallsPastInterpolation(low, high)).isEqualTo(Verdict.NOT_SUPPORTED);
        assertThat(RegularizationExperiment.fallsPastInterpolation(low, mixed)).isEqualTo(Verdict.INCONCLUSIVE);
    }

    @Test
    void thePeakIsThePairedRiseIntoTheInterpolationWidth() {
        assertThat(RegularizationExperiment.peaksAtInterpolation(high, low)).isEqualTo(Verdict.SUPPORTED);
        assertThat(RegularizationExperiment.peaksAtInterpolation(low, high)).isEqualTo(Verdict.NOT_SUPPORTED);
        assertThat(RegularizationExperiment.peaksAtInterpolation(mixed, low)).isEqualTo(Verdict.INCONCLUSIVE);
    }

    @Test
    void theUCurveNeedsTheMiddleBelowBothEnds() {
        double[] middle = {-1.0, -0.9, -1.1, -1.0, -0.95};
        double[] simple = {-0.5, -0.45, -0.55, -0.5, -0.4};
        double[] complex = {2.0, 4.5, 1.2, 3.3, 2.8};
        assertThat(RegularizationExperiment.uCurve(simple, middle, complex)).isEqualTo(Verdict.SUPPORTED);
        // error falling all the way (no rising branch): rejected
        assertThat(RegularizationExperiment.uCurve(simple, middle, new double[] {-1.5, -1.4, -1.6, -1.5, -1.45}))
                .isEqualTo(Verdict.NOT_SUPPORTED);
        // the middle degree worse than the simple one: rejected
        assertThat(RegularizationExperiment.uCurve(middle, simple, complex)).isEqualTo(Verdict.NOT_SUPPORTED);
        // the flexible end only sometimes worse
        assertThat(RegularizationExperiment.uCurve(simple, middle, new double[] {-0.2, -1.8, 0.1, -1.9, -1.0}))
                .isEqualTo(Verdict.INCONCLUSIVE);
    }

    @Test
    void smallBatchesMustBeatLargeOnesBeyondTheNoise() {
        assertThat(RegularizationExperiment.smallBatchGeneralisesBetter(low, high)).isEqualTo(Verdict.SUPPORTED);
        assertThat(RegularizationExperiment.smallBatchGeneralisesBetter(high, low))
                .isEqualTo(Verdict.NOT_SUPPORTED);
        assertThat(RegularizationExperiment.smallBatchGeneralisesBetter(low, mixed))
                .isEqualTo(Verdict.INCONCLUSIVE);
    }

    @Test
    void theInterpolationWidthIsTheFirstToFitEveryLabel() {
        // each width's lowest training error over its run; a wider one that never quite fits changes nothing
        assertThat(RegularizationExperiment.interpolationIndex(new double[] {0.4, 0.1, 0, 0.003, 0}, 0))
                .isEqualTo(2);
        // within the tolerance, 1 − 0.998 (which is 0.0020000000000000018) counts as 0.002
        assertThat(RegularizationExperiment.interpolationIndex(new double[] {0.4, 0.003, 1 - 0.998, 0}, 0.002))
                .isEqualTo(2);
        // none fits: the widest stands in
        assertThat(RegularizationExperiment.interpolationIndex(new double[] {0.4, 0.1, 0.01}, 0.002)).isEqualTo(2);
    }

    @Test
    void earlyStoppingRestoresTheWeightsOfTheLowestValidationError() {
        Dataset digits = BuiltInDatasets.load(BuiltInDatasets.DIGITS);
        int[] order = new Rng(5).permutation(digits.size());
        RegularizationRuns.Sets sets = new RegularizationRuns.Sets(
                RegularizationExperiment.withFlippedLabels(digits.subset(java.util.Arrays.copyOfRange(order, 0, 200)),
                        0.2, 1),
                digits.subset(java.util.Arrays.copyOfRange(order, 200, 400)),
                digits.subset(java.util.Arrays.copyOfRange(order, 400, 600)));
        RegularizationRuns.LongRun run = RegularizationRuns.trainLong(sets, 16, 16, 0.02, 12, 1, 2, 3);
        double[] validation = run.validationCurve();
        assertThat(run.validationErrorAtStop()).isEqualTo(java.util.Arrays.stream(validation).min().orElseThrow());
        assertThat(validation[run.stopEpoch() - 1]).isEqualTo(run.validationErrorAtStop());
        // the training error of the restored weights is the one measured at that epoch: the same weights
        assertThat(run.trainErrorAtStop()).isEqualTo(run.trainCurve()[run.stopEpoch() - 1]);
        assertThat(run.trainError()).isEqualTo(run.trainCurve()[11]);
        assertThat(RegularizationRuns.trainLong(sets, 16, 16, 0.02, 12, 1, 2, 3)).usingRecursiveComparison()
                .isEqualTo(run);
    }

    @Test
    void theTunedRateHasTheLowestValidationErrorAmongRunsThatReachedTheTarget() {
        ToLoss slow = new ToLoss(16, 0.001, false, 150, 0.3, 0.10, 0.10);
        ToLoss good = new ToLoss(16, 0.01, true, 30, 0.09, 0.19, 0.20);
        ToLoss better = new ToLoss(16, 0.02, true, 25, 0.08, 0.18, 0.21);
        ToLoss diverged = new ToLoss(16, 1, false, 3, Double.NaN, Double.NaN, Double.NaN);
        assertThat(RegularizationExperiment.tunedIndex(new ToLoss[] {slow, good, better, diverged})).isEqualTo(2);
        // none reached it: the lowest training loss stands in
        assertThat(RegularizationExperiment.tunedIndex(new ToLoss[] {diverged, slow})).isEqualTo(1);
        assertThat(RegularizationExperiment.tunedIndex(new ToLoss[] {diverged})).isEqualTo(-1);
    }

    @Test
    void flipsExactlyTheFractionOfLabelsEachToAnotherClass() {
        Dataset digits = BuiltInDatasets.load(BuiltInDatasets.DIGITS);
        Dataset noisy = RegularizationExperiment.withFlippedLabels(digits, 0.2, 7);
        int changed = 0;
        for (int i = 0; i < digits.size(); i++) {
            changed += noisy.label(i) != digits.label(i) ? 1 : 0;
        }
        assertThat(changed).isEqualTo(Math.round(0.2 * digits.size()));
        assertThat(RegularizationExperiment.withFlippedLabels(digits, 0.2, 7).labels()).isEqualTo(noisy.labels());
    }

    @Test
    void aPolynomialOfDegreeNMinusOneThroughNPointsInterpolatesThem() {
        Rng rng = new Rng(3);
        double[] x = new double[8];
        double[] y = new double[8];
        for (int i = 0; i < x.length; i++) {
            x[i] = 2 * rng.nextDouble() - 1;
            y[i] = rng.nextGaussian();
        }
        assertThat(PolynomialRegression.fit(x, y, 7).meanSquaredError(x, y)).isLessThan(1e-18);
        // P₂(x) = (3x² − 1)/2 and P₃(x) = (5x³ − 3x)/2
        double[] p = PolynomialRegression.legendre(0.5, 3);
        assertThat(p[2]).isCloseTo(-0.125, within(1e-15));
        assertThat(p[3]).isCloseTo(-0.4375, within(1e-15));
        double[] line = {-1, -0.5, 0, 0.5, 1};
        double[] onLine = {-1, 0, 1, 2, 3};
        assertThat(PolynomialRegression.fit(line, onLine, 1).valueAt(0.25)).isCloseTo(1.5, within(1e-12));
    }

    @Test
    void everyFindingIsAFiniteMeanOverTheSeedsAndTheVerdictExplainsEachPart() {
        assertThat(results.findings()).hasSizeGreaterThan(30);
        for (Finding f : results.findings()) {
            assertThat(f.value()).as(f.name()).isFinite();
            assertThat(f.seeds()).as(f.name()).isEqualTo(2);
        }
        assertThat(results.verdict()).contains("(1)").contains("(2)").contains("(3)").contains("Measured");
        assertThat(results.rule()).contains("mean(d) − 2·SE > 0");
        assertThat(results.source()).contains("Nakkiran").contains("Keskar").contains("Shallue");
        // 2 seeds × 5 widths, and 2 seeds × (2 + 2 rates)
        assertThat(log.toString().lines().filter(l -> l.contains(", width ")).count()).isEqualTo(10);
        assertThat(log.toString().lines().filter(l -> l.contains("  batch ")).count()).isEqualTo(8);
    }

    @Test
    void thePolynomialTrainingErrorFallsWithTheDegree() {
        assertThat(results.value("polynomial, log₁₀ training MSE, degree 15"))
                .isLessThan(results.value("polynomial, log₁₀ training MSE, degree 3"))
                .isLessThan(results.value("polynomial, log₁₀ training MSE, degree 1"));
        assertThat(results.value("interpolation width (smallest width fitting the training labels)"))
                .isBetween(2.0, 64.0);
    }

    @Test
    void writesASeriesAndAPlotPerPart() throws Exception {
        for (String f : List.of("regularization-seeds.csv", "regularization-over-time.csv", "regularization-width.csv",
                "regularization-polynomial.csv", "regularization-batch-size.csv",
                "regularization-over-time.png", "regularization-over-time.svg", "regularization-width.png",
                "regularization-width.svg", "regularization-polynomial.png", "regularization-polynomial-fits.png",
                "regularization-batch-size.png", "regularization-batch-size.svg", "results.json", "report.html")) {
            assertThat(dir.resolve(f)).isNotEmptyFile();
        }
        assertThat(Files.readAllLines(dir.resolve("regularization-over-time.csv"))).hasSize(1 + 15).first()
                .asString().startsWith("epoch,train_error_mean,train_error_se,validation_error_mean");
        assertThat(Files.readAllLines(dir.resolve("regularization-width.csv"))).hasSize(1 + 5);
        assertThat(Files.readAllLines(dir.resolve("regularization-seeds.csv"))).hasSize(1 + 2).first().asString()
                .startsWith("seed,stop_epoch,train_error_at_stop,train_error_final,test_error_at_stop,test_error_final");
        assertThat(Files.readAllLines(dir.resolve("regularization-polynomial.csv"))).hasSize(1 + 16);
        assertThat(Files.readAllLines(dir.resolve("regularization-batch-size.csv"))).hasSize(1 + 4);
        JsonNode json = new ObjectMapper().readTree(dir.resolve("results.json").toFile());
        assertThat(json.get("experiment").asText()).isEqualTo("regularization");
        String html = Files.readString(dir.resolve("report.html"));
        assertThat(html).contains("data:image/png;base64,").contains("href=\"regularization-width.csv\"");
    }
}
