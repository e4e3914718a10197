package dev.descent;

import static org.assertj.core.api.Assertions.assertThat;


import dev.descent.autodiff.Tape;
import dev.descent.autodiff.Variable;
import dev.descent.data.Batch;
import dev.descent.data.BatchOptions;
import dev.descent.data.BuiltInDatasets;
import dev.descent.data.Dataset;
import dev.descent.data.HoldOutSplit;
import dev.descent.data.MiniBatches;
import dev.descent.data.Splits;
import dev.descent.loss.SoftmaxCrossEntropy;
import dev.descent.model.DataFingerprint;
import dev.descent.model.ModelBundle;
import dev.descent.model.Predictor;
import dev.descent.model.Preprocessing;
import dev.descent.nn.ModelSpec;
import dev.descent.nn.Models;
import dev.descent.nn.Sequential;
import dev.descent.optim.Adam;
import dev.descent.optim.Optimizer;
import dev.descent.optim.Sgd;
import dev.descent.random.Rng;
import dev.descent.train.EarlyStopping;
import dev.descent.train.Evaluation;
import dev.descent.train.Evaluator;
import dev.descent.train.Objective;
import dev.descent.train.Trainer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The library example of README.md, verbatim: if this breaks, fix the README too. */
class ReadmeExampleTest {

    @Test
    void theReadmeTrainingLoopWorks() {
        // --- README example start
        Dataset digits = BuiltInDatasets.digits();                 // 1 797 × 64, 10 classes
        HoldOutSplit split = Splits.holdOut(digits, 0.2, 42);       // stratified 80/20
        Rng rng = new Rng(42);
        Sequential model = Models.mlp(rng.split(), 64, 128, 10);    // Linear-ReLU-Linear
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
        Optimizer sgd = new Sgd(0.05).withMomentum(0.9)              // lr, momentum (PyTorch form)
                .build(model.namedParameters());
        MiniBatches batches = new MiniBatches(split.train(), BatchOptions.shuffled(32, 42));

        Tape tape = new Tape();
        for (int epoch = 0; epoch < 20; epoch++) {
            for (Batch batch : batches.nextEpoch()) {
                tape.reset();                                       // recycles last step's buffers
                Variable logits = model.forward(tape.input(batch.features()));
                Variable batchLoss = loss.compute(logits, batch.labels());
                sgd.zeroGrad();
                batchLoss.backward();
                sgd.step();
            }
        }
        Evaluation test = new Evaluator(256).evaluate(model, loss, split.heldOut());
        System.out.printf("test accuracy %.3f%n", test.accuracy());
        // --- README example end
        assertThat(test.accuracy()).isGreaterThan(0.93);
    }

    @Test
    void theReadmeTrainerExampleWorks(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("iris.safetensors");
        // --- README trainer example start
        Dataset iris = BuiltInDatasets.iris();                                   // 150 × 4, 3 named classes
        Splits.Standardized<Dataset> data = Splits.testThenValidation(iris, 0.1, 0.2, 42).standardized();
        ModelSpec spec = ModelSpec.mlp(4, List.of(16), 3, "relu", 0.0);         // the architecture as data
        Sequential model = spec.build(new Rng(42));
        Trainer trainer = new Trainer(model, new SoftmaxCrossEntropy(),         // MeanSquaredError for regression
                new Adam().withLr(0.01).build(model.namedParameters()))
                .addCallback(new EarlyStopping(EarlyStopping.Metric.VALIDATION_LOSS, 10, 0, true));
        trainer.fit(new MiniBatches(data.parts().train(), BatchOptions.shuffled(16, 42)), 200,
                data.parts().validation(), report -> { });

        new ModelBundle(spec, ModelBundle.Task.CLASSIFICATION, iris.classNames(),
                Preprocessing.vectors(4).withScaling(data.scaling()), DataFingerprint.none(), Map.of())
                .save(model, file);                                             // weights + everything to predict
        Predictor predictor = Predictor.load(file);
        int[] predicted = predictor.predict(new float[][] {{5.1f, 3.5f, 1.4f, 0.2f}});   // raw, unscaled features
        System.out.println(predictor.outputNames().get(predicted[0]));                   // setosa
        // --- README trainer example end
        assertThat(predictor.outputNames().get(predicted[0])).isEqualTo("setosa");
        assertThat(Objective.of(new SoftmaxCrossEntropy()).evaluate(model, data.parts().test()).accuracy())
                .isGreaterThanOrEqualTo(0.9);
    }
}
