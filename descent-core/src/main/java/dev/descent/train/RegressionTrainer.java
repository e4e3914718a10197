package dev.descent.train;

import dev.descent.autodiff.Tape;
import dev.descent.autodiff.Variable;
import dev.descent.data.Batch;
import dev.descent.data.BatchOptions;
import dev.descent.data.Dataset;
import dev.descent.data.MiniBatches;
import dev.descent.data.RegressionDataset;
import dev.descent.loss.RegressionLoss;
import dev.descent.metrics.RegressionMetrics;
import dev.descent.metrics.RegressionReport;
import dev.descent.nn.Module;
import dev.descent.optim.Optimizer;
import dev.descent.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Mini-batch training of a regression model (e.g. least squares with
 * {@link dev.descent.loss.MeanSquaredError}): shuffled batches each epoch, then RMSE, MAE and
 * R² on the validation set. A NaN or infinite loss stops it before the update.
 */
public final class RegressionTrainer {
    private final Module model;
    private final RegressionLoss loss;
    private final Optimizer optimizer;
    private final Tape tape = Tape.recycling();
    private final Tape evaluation = Tape.noGrad();
    private long step;

    /** One epoch's numbers: training loss, validation metrics (null without validation), speed. */
    public record Report(int epoch, long step, double learningRate, double trainLoss, RegressionReport validation,
                         double samplesPerSecond, double seconds) {
    }

    public RegressionTrainer(Module model, RegressionLoss loss, Optimizer optimizer) {
        this.model = model;
        this.loss = loss;
        this.optimizer = optimizer;
    }

    public List<Report> fit(RegressionDataset train, int batchSize, long seed, int epochs, RegressionDataset validation,
                            Consumer<Report> onEpoch) {
        int n = train.size();
        int width = train.targetCount();
        Dataset rows = new Dataset(train.name(), train.features(), new int[n], 1);
        MiniBatches batches = new MiniBatches(rows, BatchOptions.shuffled(batchSize, seed));
        float[] targets = train.targets().data();
        float[] full = new float[batchSize * width];
        float[] tail = new float[(n % batchSize) * width];
        List<Report> reports = new ArrayList<>();
        model.train();
        for (int epoch = 1; epoch <= epochs; epoch++) {
            double lossSum = 0;
            long examples = 0;
            long start = System.nanoTime();
            for (Batch batch : batches.nextEpoch()) {
                float[] y = batch.size() == batchSize ? full : tail;
                int[] indices = batch.exampleIndices();
                for (int i = 0; i < batch.size(); i++) {
                    System.arraycopy(targets, indices[i] * width, y, i * width, width);
                }
                tape.reset();
                Variable predictions = model.forward(tape.input(batch.features()));
                Variable batchLoss = loss.compute(predictions, Tensor.wrap(y, predictions.value().shape()));
                float value = batchLoss.item();
                if (!Float.isFinite(value)) {
                    throw new TrainingDivergedException("training diverged: the loss is " + value + " at epoch " + epoch
                            + ", step " + (step + 1) + " (learning rate " + optimizer.learningRate() + "); the weights"
                            + " are those of the last good step. Try a smaller learning rate, e.g. "
                            + optimizer.learningRate() / 10);
                }
                optimizer.zeroGrad();
                batchLoss.backward();
                optimizer.step();
                step++;
                lossSum += (double) value * batch.size();
                examples += batch.size();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Report report = new Report(epoch, step, optimizer.learningRate(), lossSum / examples,
                    validation == null ? null : evaluate(validation), examples / seconds, seconds);
            reports.add(report);
            onEpoch.accept(report);
        }
        return reports;
    }

    /**
     * RMSE, MAE, R² and max error of the model on {@code data}, without recording gradients,
     * in evaluation mode; restores the model's mode afterwards.
     */
    public RegressionReport evaluate(RegressionDataset data) {
        boolean wasTraining = model.isTraining();
        model.eval();
        try {
            RegressionMetrics metrics = new RegressionMetrics();
            int n = data.size();
            int d = data.featureCount();
            int width = data.targetCount();
            int chunk = 1024;
            for (int from = 0; from < n; from += chunk) {
                int rows = Math.min(chunk, n - from);
                float[] x = new float[rows * d];
                System.arraycopy(data.features().data(), from * d, x, 0, x.length);
                float[] y = new float[rows * width];
                System.arraycopy(data.targets().data(), from * width, y, 0, y.length);
                evaluation.reset();
                Tensor predictions = model.forward(evaluation.input(Tensor.wrap(x, rows, d))).value();
                metrics.add(predictions, Tensor.wrap(y, predictions.shape()));
            }
            evaluation.reset();
            return metrics.report();
        } finally {
            model.setTraining(wasTraining);
        }
    }
}
