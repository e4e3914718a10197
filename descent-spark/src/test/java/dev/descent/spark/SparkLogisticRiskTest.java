package dev.descent.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.descent.data.BuiltInDatasets;
import dev.descent.data.Dataset;
import dev.descent.data.Standardization;
import dev.descent.linear.FitMethod;
import dev.descent.linear.LogisticRegression;
import dev.descent.solver.NewtonMethod;
import dev.descent.solver.SolverResult;
import dev.descent.solver.StoppingCriteria;
import dev.descent.tensor.Tensor;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SparkLogisticRiskTest {
    private static final double LAMBDA = 1e-3;
    private static JavaSparkContext spark;
    private static Dataset cancer;

    @BeforeAll
    static void start() {
        spark = SparkTestContext.start("logistic");
        Dataset raw = BuiltInDatasets.load(BuiltInDatasets.BREAST_CANCER);
        cancer = new Standardization().fit(raw).apply(raw);
    }

    @AfterAll
    static void stop() {
        spark.close();
    }

    @Test
    void newtonOnTheClusterFindsTheLocalNewtonFitsModel() {
        StoppingCriteria stopping = StoppingCriteria.defaults().withMaxIterations(50);
        LogisticRegression local = new LogisticRegression(LAMBDA)
                .withMethod(new FitMethod.Newton(NewtonMethod.defaults(), stopping)).fit(cancer);
        try (SparkExamples data = SparkExamples.of(spark, cancer, 3)) {
            SparkLogisticRisk risk = new SparkLogisticRisk(spark, data, LAMBDA);
            SolverResult result = NewtonMethod.defaults().minimize(risk, new double[risk.dimension()], stopping);
            assertThat(result.iterations()).isBetween(3, 15); // Newton: a handful of steps, not hundreds
            double[] w = result.x();
            int d = cancer.featureCount();
            Tensor expected = local.decisionFunction(cancer.features());
            float[] x = cancer.features().data();
            for (int i = 0; i < cancer.size(); i++) {
                double z = w[d];
                for (int j = 0; j < d; j++) {
                    z += w[j] * x[i * d + j];
                }
                assertThat(z).as("score of row %d", i).isCloseTo(expected.data()[i], within(1e-4));
            }
        }
    }

    @Test
    void theHessianIsTheGradientsDerivative() {
        try (SparkExamples data = SparkExamples.of(spark, cancer, 2)) {
            SparkLogisticRisk risk = new SparkLogisticRisk(spark, data, LAMBDA);
            int n = risk.dimension();
            double[] w = new double[n];
            for (int j = 0; j < n; j++) {
                w[j] = 0.05 * Math.sin(j + 1);
            }
            double[][] h = new double[n][n];
            risk.hessian(w, h);
            double[] plus = new double[n];
            double[] minus = new double[n];
            double step = 1e-5;
            for (int k : new int[] {0, 7, n - 1}) {
                double[] wp = w.clone();
                double[] wm = w.clone();
                wp[k] += step;
                wm[k] -= step;
                risk.valueAndGradient(wp, plus);
                risk.valueAndGradient(wm, minus);
                for (int j = 0; j < n; j++) {
                    assertThat(h[j][k]).isCloseTo((plus[j] - minus[j]) / (2 * step), within(1e-6));
                }
            }
        }
    }

    @Test
    void moreThanTwoClassesAreRefused() {
        try (SparkExamples digits = SparkExamples.of(spark, BuiltInDatasets.load(BuiltInDatasets.DIGITS), 2)) {
            assertThatThrownBy(() -> new SparkLogisticRisk(spark, digits, 0))
                    .hasMessageContaining("10 classes").hasMessageContaining("L-BFGS");
        }
    }
}
