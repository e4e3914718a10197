package dev.descent.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.descent.autodiff.Tape;
import dev.descent.autodiff.Variable;
import dev.descent.data.Batch;
import dev.descent.data.BatchOptions;
import dev.descent.data.Dataset;
import dev.descent.data.MiniBatches;
import dev.descent.init.Initializer;
import dev.descent.linalg.LeastSquares;
import dev.descent.linalg.LeastSquaresFit;
import dev.descent.loss.MeanSquaredError;
import dev.descent.nn.Linear;
import dev.descent.nn.Sequential;
import dev.descent.optim.Optimizer;
import dev.descent.optim.ParameterGroup;
import dev.descent.optim.Sgd;
import dev.descent.random.Rng;
import dev.descent.schedule.LinearDecay;
import dev.descent.solver.GradientDescent;
import dev.descent.solver.SolverResult;
import dev.descent.solver.StoppingCriteria;
import dev.descent.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The full-batch objective: exact chunked gradients, and the gradient paths reach the closed form. */
class EmpiricalRiskTest {
    private static final int N = 400;
    private static final int D = 5;
    private static final double LAMBDA = 0.01;

    /** y = x·w* + b* + noise with independent standard-normal features: a well-conditioned problem. */
    private static Tensor[] regressionData(long seed) {
        Rng rng = new Rng(seed);
        double[] trueWeights = {1.5, -2.0, 0.5, 0.0, 3.0};
        float[] x = new float[N * D];
        float[] y = new float[N];
        for (int i = 0; i < N; i++) {
            double target = 0.7;
            for (int j = 0; j < D; j++) {
                x[i * D + j] = (float) rng.nextGaussian();
                target += trueWeights[j] * x[i * D + j];
            }
            y[i] = (float) (target + 0.1 * rng.nextGaussian());
        }
        return new Tensor[] {Tensor.wrap(x, N, D), Tensor.wrap(y, N)};
    }

    private static Sequential linearModel() {
        return new Sequential(new Linear(D, 1, true, Initializer.zeros(), Initializer.zeros(), new Rng(0)));
    }

    @Test
    void chunkedValueAndGradientEqualTheWholeBatch() {
        Tensor[] data = regressionData(1);
        Sequential model = linearModel();
        EmpiricalRisk whole = EmpiricalRisk.of(model, new MeanSquaredError(), data[0], data[1], N).withL2(LAMBDA, "*.weight");
        EmpiricalRisk chunked = EmpiricalRisk.of(model, new MeanSquaredError(), data[0], data[1], 37).withL2(LAMBDA, "*.weight");
        double[] x = {0.3, -0.2, 0.1, 0.4, -0.5, 0.25};
        double[] g1 = new double[6];
        double[] g2 = new double[6];
        assertThat(chunked.valueAndGradient(x, g2)).isCloseTo(whole.valueAndGradient(x, g1), within(1e-5));
        for (int i = 0; i < 6; i++) {
            assertThat(g2[i]).as("gradient %d", i).isCloseTo(g1[i], within(1e-5));
        }
    }

    @Test
    void gradientIsThatOfTheRidgeObjective() {
        Tensor[] data = regressionData(2);
        EmpiricalRisk risk = EmpiricalRisk.of(linearModel(), new MeanSquaredError(), data[0], data[1], 64)
                .withL2(LAMBDA, "*.weight");
        double[] x = {0.3, -0.2, 0.1, 0.4, -0.5, 0.25}; // 5 weights, then the bias
        double[] g = new double[6];
        double value = risk.valueAndGradient(x, g);
        // f = (1/n) Σ (xᵢ·w + b − yᵢ)² + λ‖w‖², in double
        double expectedValue = 0;
        double[] expected = new double[6];
        float[] xs = data[0].data();
        for (int i = 0; i < N; i++) {
            double r = x[5] - data[1].get(i);
            for (int j = 0; j < D; j++) {
                r += x[j] * xs[i * D + j];
            }
            expectedValue += r * r / N;
            for (int j = 0; j < D; j++) {
                expected[j] += 2 * r * xs[i * D + j] / N;
            }
            expected[5] += 2 * r / N;
        }
        for (int j = 0; j < D; j++) {
            expectedValue += LAMBDA * x[j] * x[j];
            expected[j] += 2 * LAMBDA * x[j];
        }
        assertThat(value).isCloseTo(expectedValue, within(1e-5 * expectedValue));
        for (int i = 0; i < 6; i++) {
            assertThat(g[i]).as("gradient %d", i).isCloseTo(expected[i], within(1e-5));
        }
    }

    @Test
    void batchGradientDescentReachesTheClosedFormRidgeSolution() {
        Tensor[] data = regressionData(3);
        LeastSquaresFit closedForm = LeastSquares.ridge(LAMBDA).fit(data[0], data[1]);
        Sequential model = linearModel();
        EmpiricalRisk risk = EmpiricalRisk.of(model, new MeanSquaredError(), data[0], data[1], 128)
                .withL2(LAMBDA, "*.weight");
        SolverResult result = GradientDescent.withArmijo().minimize(risk, risk.parameters(),
                StoppingCriteria.defaults().withGradientTolerance(1e-6).withMaxIterations(2000));
        assertThat(relativeError(result.x(), closedForm)).isLessThanOrEqualTo(1e-4);
    }

    @Test
    void sgdWithADecayingStepApproachesTheClosedFormSolution() {
        Tensor[] data = regressionData(4);
        LeastSquaresFit closedForm = LeastSquares.ridge(LAMBDA).fit(data[0], data[1]);
        Sequential model = linearModel();
        // weight_decay 2λ is the gradient of λ‖w‖², the penalty of the closed form
        int epochs = 60;
        int batch = 8;
        Optimizer sgd = new Sgd(0.05).withWeightDecay(2 * LAMBDA).builder()
                .group(ParameterGroup.matching("*.bias").weightDecay(0))
                .schedule(new LinearDecay(0.05, 0.0005, (long) epochs * N / batch))
                .build(model.namedParameters());
        Dataset rows = new Dataset("regression", data[0], new int[N], 1);
        MiniBatches batches = new MiniBatches(rows, BatchOptions.shuffled(batch, 4));
        MeanSquaredError mse = new MeanSquaredError();
        Tape tape = new Tape();
        float[] targets = data[1].data();
        for (int epoch = 0; epoch < epochs; epoch++) {
            for (Batch b : batches.nextEpoch()) {
                tape.reset();
                int[] rowsOfBatch = b.exampleIndices();
                float[] y = new float[b.size()];
                for (int i = 0; i < y.length; i++) {
                    y[i] = targets[rowsOfBatch[i]];
                }
                Variable prediction = model.forward(tape.input(b.features()));
                Variable loss = mse.compute(prediction, Tensor.wrap(y, b.size(), 1));
                sgd.zeroGrad();
                loss.backward();
                sgd.step();
            }
        }
        double[] x = EmpiricalRisk.of(model, mse, data[0], data[1], N).parameters();
        assertThat(relativeError(x, closedForm)).isLessThanOrEqualTo(1e-2);
    }

    /** ‖(w, b) − (w*, b*)‖ / ‖(w*, b*)‖. */
    private static double relativeError(double[] x, LeastSquaresFit closedForm) {
        double[] w = closedForm.weights();
        double diff = Math.pow(x[D] - closedForm.intercept(), 2);
        double norm = Math.pow(closedForm.intercept(), 2);
        for (int j = 0; j < D; j++) {
            diff += Math.pow(x[j] - w[j], 2);
            norm += w[j] * w[j];
        }
        return Math.sqrt(diff / norm);
    }
}
