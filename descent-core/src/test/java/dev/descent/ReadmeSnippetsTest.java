package dev.descent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.autodiff.Tape;
import dev.descent.data.BuiltInDatasets;
import dev.descent.data.Dataset;
import dev.descent.data.RegressionDataset;
import dev.descent.docs.DocBlocks;
import dev.descent.linear.FitMethod;
import dev.descent.linear.LinearRegression;
import dev.descent.linear.LinearSvm;
import dev.descent.linear.LogisticRegression;
import dev.descent.loss.SoftmaxCrossEntropy;
import dev.descent.io.SafeTensors;
import dev.descent.metrics.ClassificationMetrics;
import dev.descent.model.MlpClassifier;
import dev.descent.model.MlpRegressor;
import dev.descent.model.Predictor;
import dev.descent.nn.Models;
import dev.descent.nn.Sequential;
import dev.descent.optim.Adam;
import dev.descent.optim.AdamW;
import dev.descent.optim.Optimizer;
import dev.descent.optim.ParameterGroup;
import dev.descent.optim.Regularizer;
import dev.descent.optim.Sgd;
import dev.descent.schedule.CosineAnnealing;
import dev.descent.schedule.LinearDecay;
import dev.descent.schedule.LinearWarmup;
import dev.descent.schedule.Schedules;
import dev.descent.solver.Lbfgs;
import dev.descent.solver.SolverResult;
import dev.descent.solver.StoppingCriteria;
import dev.descent.tensor.Tensor;
import dev.descent.train.EmpiricalRisk;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's shorter Java snippets, each run in the context it assumes; with
 * {@link ReadmeExampleTest}, every Java block of README.md is code that compiles and runs here.
 */
class ReadmeSnippetsTest {
    private static final Path README = DocBlocks.ROOT.resolve("README.md");

    @Test
    void predictingWithASavedModel(@TempDir Path dir) throws IOException {
        Dataset digits = BuiltInDatasets.digits();
        Path runDir = dir;
        new MlpClassifier().withHiddenLayers(16).withMaxEpochs(5).withSeed(1).fit(digits)
                .save(runDir.resolve("model.safetensors"));
        float[][] rows = Arrays.copyOf(digits.features().toArray2d(), 3);
        // --- README predict start
        Predictor predictor = Predictor.load(runDir);               // e.g. Path.of("runs/flowers")
        int[] classes = predictor.predict(rows);                    // raw feature rows, float[][]
        float[][] probabilities = predictor.predictProba(rows);
        String name = predictor.outputNames().get(classes[0]);
        // --- README predict end
        assertThat(probabilities[0]).hasSize(10);
        assertThat(name).isEqualTo(predictor.outputNames().get(classes[0]));
    }

    @Test
    void theOptimizerBuilder() {
        Sequential model = Models.mlp(64, 32, 10);
        // --- README builder start
        Optimizer opt = new AdamW().builder()
                .schedule(new LinearWarmup(0.01, 1_000, new CosineAnnealing(1e-3, 0, 9_000)))
                .group(ParameterGroup.matching("*.bias").weightDecay(0))
                .regularize(Regularizer.l1Proximal(1e-5), "0.weight")
                .clipGradNorm(1.0)
                .accumulateGradients(4)
                .build(model.namedParameters());
        // --- README builder end
        assertThat(opt.learningRate()).isEqualTo(1e-5, org.assertj.core.api.Assertions.within(1e-12));
    }

    @Test
    void aScheduleScalesTheOptimizersRate() {
        Sequential model = Models.mlp(64, 32, 10);
        // --- README schedules start
        Optimizer adam = new Adam().withLr(1e-3).builder()
                .schedule(Schedules.cosineAnnealingLR(10_000))         // CosineAnnealingLR(opt, T_max=10_000)
                .build(model.namedParameters());
        // also stepLR, multiStepLR, exponentialLR, linearLR, constantLR, polynomialLR, oneCycleLR,
        // cosineAnnealingWarmRestarts, lambdaLR, sequentialLR
        // --- README schedules end
        assertThat(adam.learningRate()).isEqualTo(1e-3);
    }

    @Test
    void aFullBatchSolverOnTheEmpiricalRisk() {
        Sequential model = Models.logisticRegression(64, 10);
        Dataset train = BuiltInDatasets.digits();
        // --- README solver start
        EmpiricalRisk risk = EmpiricalRisk.of(model, new SoftmaxCrossEntropy(), train, 4096).withL2(1e-4, "*.weight");
        SolverResult result = Lbfgs.defaults().minimize(risk, risk.parameters(), StoppingCriteria.defaults());
        // --- README solver end
        assertThat(result.value()).isLessThan(Math.log(10));
    }

    @Test
    void theConvexBaselines() {
        Dataset cancer = BuiltInDatasets.breastCancer();
        Tensor x = standardized(cancer.features());
        float[] asNumbers = new float[cancer.size()];
        for (int i = 0; i < asNumbers.length; i++) {
            asNumbers[i] = cancer.labels()[i];
        }
        Tensor y = Tensor.of(asNumbers, cancer.size(), 1);
        int[] labels = cancer.labels();
        // --- README linear start
        LinearRegression ridge = LinearRegression.ridge(0.1).fit(x, y);                       // closed form
        LinearRegression bySgd = LinearRegression.ridge(0.1).withMethod(FitMethod.miniBatch(
                new Sgd(0.05), new LinearDecay(0.05, 5e-4, 10_000), 40, 10, 42)).fit(x, y);   // same objective
        LogisticRegression clf = new LogisticRegression(1e-4).fit(x, labels);                 // L-BFGS; binary or multinomial
        LogisticRegression irls = new LogisticRegression(1e-4).withMethod(FitMethod.newton()).fit(x, labels); // Newton
        LinearSvm svm = new LinearSvm(1e-3).fit(x, labels);                                    // hinge loss
        // --- README linear end
        assertThat(ridge.score(x, y)).isGreaterThan(0.5);
        assertThat(bySgd.score(x, y)).isGreaterThan(0.5);
        assertThat(clf.score(x, labels)).isGreaterThan(0.95);
        assertThat(irls.score(x, labels)).isGreaterThan(0.95);
        assertThat(svm.score(x, labels)).isGreaterThan(0.95);
        assertThat(clf.classes()).containsExactly(0, 1);
    }

    @Test
    void theNeuralNetworkEstimators(@TempDir Path dir) throws IOException {
        Dataset digits = BuiltInDatasets.digits();
        float[][] xTest = digits.features().toArray2d();
        int[] yTest = digits.labels();
        RegressionDataset diabetes = BuiltInDatasets.diabetes();
        float[][] x = diabetes.features().toArray2d();
        float[] y = standardized(diabetes.targets().reshape(442, 1)).data(); // the regressor scales features, not targets
        Path modelFile = dir.resolve("digits.safetensors");
        // --- README estimators start
        MlpClassifier clf = new MlpClassifier().withHiddenLayers(64).withSeed(1).fit(BuiltInDatasets.digits());
        double accuracy = clf.score(xTest, yTest);                       // also predict, predictProba, partialFit
        clf.save(modelFile);                                             // then ./descent predict MODEL_FILE --csv …
        MlpRegressor reg = new MlpRegressor().withHiddenLayers(32).fit(x, y);   // predict, score (R²)
        // --- README estimators end
        assertThat(accuracy).isGreaterThan(0.95);
        assertThat(reg.score(x, y)).isGreaterThan(0.3);
        assertThat(Predictor.load(modelFile).outputCount()).isEqualTo(10);
    }

    @Test
    void weightsByNameAndMetrics(@TempDir Path dir) throws IOException {
        Sequential trained = Models.mlp(64, 32, 10);
        Path weightsFile = dir.resolve("weights.safetensors");
        Path copyFile = dir.resolve("copy.safetensors");
        SafeTensors.write(weightsFile, trained.stateDict());
        Sequential model = Models.mlp(new dev.descent.random.Rng(9), 64, 32, 10);
        Dataset digits = BuiltInDatasets.digits();
        Tensor features = digits.features();
        int[] labels = digits.labels();
        // --- README io and metrics start
        model.loadStateDict(SafeTensors.read(weightsFile).tensors(), true);   // strict, as load_state_dict
        SafeTensors.write(copyFile, model.stateDict());                         // torch: safetensors.torch.load_file
        ClassificationMetrics metrics = new ClassificationMetrics(10);
        metrics.add(model.forward(Tape.noGrad().input(features)).value(), labels, labels.length);
        System.out.println(metrics.report().toTable());                         // per class, and averaged
        // --- README io and metrics end
        assertThat(SafeTensors.read(copyFile).tensors().get("0.weight").data())
                .containsExactly(trained.stateDict().get("0.weight").data());
        assertThat(metrics.report().examples()).isEqualTo(digits.size());
    }

    @Test
    void everyJavaBlockOfTheReadmeIsCodeInTheseTests() throws IOException {
        DocBlocks.assertJavaBlocksAreTestedCode(README, List.of(
                DocBlocks.ROOT.resolve("descent-core/src/test/java/dev/descent/ReadmeExampleTest.java"),
                DocBlocks.ROOT.resolve("descent-core/src/test/java/dev/descent/ReadmeSnippetsTest.java")));
    }

    /** Columns scaled to mean 0 and variance 1, as the README assumes of {@code x}. */
    private static Tensor standardized(Tensor features) {
        int n = features.shape().dim(0);
        int d = features.shape().dim(1);
        float[] out = features.data().clone();
        for (int j = 0; j < d; j++) {
            double mean = 0;
            for (int i = 0; i < n; i++) {
                mean += out[i * d + j];
            }
            mean /= n;
            double variance = 0;
            for (int i = 0; i < n; i++) {
                variance += (out[i * d + j] - mean) * (out[i * d + j] - mean);
            }
            double sd = Math.max(Math.sqrt(variance / n), 1e-12);
            for (int i = 0; i < n; i++) {
                out[i * d + j] = (float) ((out[i * d + j] - mean) / sd);
            }
        }
        return Tensor.of(out, n, d);
    }
}
