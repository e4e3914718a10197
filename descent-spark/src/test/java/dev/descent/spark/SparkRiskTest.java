package dev.descent.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.descent.data.BuiltInDatasets;
import dev.descent.data.Dataset;
import dev.descent.data.RegressionDataset;
import dev.descent.loss.MeanSquaredError;
import dev.descent.loss.SoftmaxCrossEntropy;
import dev.descent.nn.ModelSpec;
import dev.descent.nn.ModelSpec.ActivationSpec;
import dev.descent.nn.ModelSpec.LinearSpec;
import dev.descent.nn.Sequential;
import dev.descent.random.Rng;
import dev.descent.solver.Lbfgs;
import dev.descent.solver.SolverResult;
import dev.descent.solver.StoppingCriteria;
import dev.descent.train.EmpiricalRisk;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SparkRiskTest {
    private static final ModelSpec LOGISTIC = new ModelSpec(64, List.of(new LinearSpec(10, true)));
    private static final ModelSpec MLP = new ModelSpec(64, List.of(new LinearSpec(16, true), ActivationSpec.of("tanh"),
            new LinearSpec(10, true)));
    private static JavaSparkContext spark;
    private static Dataset digits;
    private static SparkExamples distributed;

    @BeforeAll
    static void start() {
        spark = SparkTestContext.start("risk");
        digits = BuiltInDatasets.load(BuiltInDatasets.DIGITS);
        distributed = SparkExamples.of(spark, digits, 3);
    }

    @AfterAll
    static void stop() {
        distributed.close();
        spark.close();
    }

    @Test
    void valueAndGradientEqualTheLocalEmpiricalRiskWithItsPenalty() {
        Sequential model = MLP.build(new Rng(3));
        EmpiricalRisk local = EmpiricalRisk.of(model, new SoftmaxCrossEntropy(), digits, 256).withL2(1e-3, "*.weight");
        SparkRisk remote = SparkRisk.of(spark, distributed, ModelFactory.of(MLP), ObjectiveFactory.softmaxCrossEntropy())
                .withL2(1e-3, "*.weight").withChunkSize(256);
        double[] x = local.parameters();
        double[] g1 = new double[x.length];
        double[] g2 = new double[x.length];
        double f1 = local.valueAndGradient(x, g1);
        double f2 = remote.valueAndGradient(x, g2);
        assertThat(remote.dimension()).isEqualTo(local.dimension());
        assertThat(f2).isCloseTo(f1, within(1e-6 * Math.abs(f1)));
        double largest = 0;
        for (double g : g1) {
            largest = Math.max(largest, Math.abs(g));
        }
        for (int i = 0; i < x.length; i++) {
            assertThat(g2[i]).as("gradient[%d]", i).isCloseTo(g1[i], within(1e-5 * largest));
        }
        double[] again = new double[x.length];
        assertThat(remote.valueAndGradient(x, again)).as("bit-identical on a second evaluation").isEqualTo(f2);
        assertThat(again).containsExactly(g2);
    }

    @Test
    void lbfgsOnTheClusterReachesTheLocalMinimumOfRegularisedLogisticRegression() {
        StoppingCriteria stop = StoppingCriteria.forFloat32().withMaxIterations(60);
        Sequential model = LOGISTIC.build(new Rng(1));
        EmpiricalRisk local = EmpiricalRisk.of(model, new SoftmaxCrossEntropy(), digits, 512).withL2(1e-3, "*.weight");
        double[] x0 = local.parameters();
        SolverResult here = Lbfgs.defaults().minimize(local, x0, stop);
        SparkRisk remote = SparkRisk.of(spark, distributed, ModelFactory.of(LOGISTIC),
                ObjectiveFactory.softmaxCrossEntropy()).withL2(1e-3, "*.weight");
        SolverResult there = Lbfgs.defaults().minimize(remote, x0, stop);
        assertThat(there.value()).isLessThan(0.5).isCloseTo(here.value(), within(1e-4));
        assertThat(remote.evaluations()).isEqualTo(there.evaluations());
    }

    @Test
    void standardisingOnTheExecutorsEqualsStandardisingInMemory() {
        dev.descent.data.Standardization.Fitted here = new dev.descent.data.Standardization().fit(digits);
        try (SparkExamples copy = SparkExamples.of(spark, digits, 3)) {
            SparkExamples.Standardized there = copy.standardized();
            double[] means = here.means();
            double[] stds = here.stds();
            for (int j = 0; j < means.length; j++) {
                assertThat(there.scaling().means()[j]).isCloseTo(means[j], within(1e-9 * (1 + Math.abs(means[j]))));
                assertThat(there.scaling().stds()[j]).isCloseTo(stds[j], within(1e-9 * (1 + stds[j])));
            }
            Dataset scaledHere = here.apply(digits);
            Dataset scaledThere = (Dataset) there.examples().collect();
            float[] a = scaledHere.features().data();
            float[] b = scaledThere.features().data();
            for (int i = 0; i < a.length; i++) {
                assertThat(b[i]).isCloseTo(a[i], within(1e-5f));
            }
            assertThat(scaledThere.labels()).containsExactly(digits.labels());
            there.examples().close();
        }
    }

    @Test
    void regressionRiskMatchesToo() {
        RegressionDataset diabetes = BuiltInDatasets.loadRegression(BuiltInDatasets.DIABETES);
        ModelSpec linear = new ModelSpec(diabetes.featureCount(), List.of(new LinearSpec(1, true)));
        try (SparkExamples data = SparkExamples.of(spark, diabetes, 2)) {
            Sequential model = linear.build(new Rng(2));
            EmpiricalRisk local = EmpiricalRisk.of(model, new MeanSquaredError(), diabetes.features(),
                    diabetes.targets(), 100);
            SparkRisk remote = SparkRisk.of(spark, data, ModelFactory.of(linear), ObjectiveFactory.meanSquaredError());
            double[] x = local.parameters();
            double[] g1 = new double[x.length];
            double[] g2 = new double[x.length];
            assertThat(remote.valueAndGradient(x, g2)).isCloseTo(local.valueAndGradient(x, g1),
                    within(1e-5 * Math.abs(local.value(x))));
            for (int i = 0; i < x.length; i++) {
                assertThat(g2[i]).isCloseTo(g1[i], within(1e-4 * Math.abs(g1[i]) + 1e-3));
            }
        }
    }
}
