package dev.descent.model;

import dev.descent.data.*;
import org.junit.jupiter.api.Test;

class MlpScratchTest {
    @Test
    void explore() {
        long t0 = System.nanoTime();
        HoldOutSplit iris = Splits.holdOut(BuiltInDatasets.iris(), 0.3, 1);
        MlpClassifier c = new MlpClassifier().withSeed(1).fit(iris.train());
        System.out.printf("iris default: %.3f epochs %d stop %s %.1fs%n", c.score(iris.heldOut()), c.epochsDone(), c.stopReason(), (System.nanoTime()-t0)/1e9);
        t0 = System.nanoTime();
        HoldOutSplit digits = Splits.holdOut(BuiltInDatasets.digits(), 0.25, 1);
        c = new MlpClassifier().withSeed(1).fit(digits.train());
        System.out.printf("digits default: %.3f epochs %d stop %s %.1fs%n", c.score(digits.heldOut()), c.epochsDone(), c.stopReason(), (System.nanoTime()-t0)/1e9);
        t0 = System.nanoTime();
        c = new MlpClassifier().withSeed(1).withEarlyStopping(0.1).fit(digits.train());
        System.out.printf("digits early: %.3f epochs %d stop %s %.1fs%n", c.score(digits.heldOut()), c.epochsDone(), c.stopReason(), (System.nanoTime()-t0)/1e9);
        RegressionDataset diabetes = BuiltInDatasets.diabetes();
        Splits.Parts<RegressionDataset> parts = Splits.testThenValidation(diabetes, 0.1, 0.2, 1);
        for (double lr : new double[] {1e-3, 1e-2, 3e-2}) {
            t0 = System.nanoTime();
            MlpRegressor r = new MlpRegressor().withLearningRate(lr).withSeed(1).fit(parts.train());
            System.out.printf("diabetes lr %s: test R2 %.3f train %.3f epochs %d stop %s %.1fs%n", lr, r.score(parts.test()), r.score(parts.train()), r.epochsDone(), r.stopReason(), (System.nanoTime()-t0)/1e9);
        }
    }
}
