package dev.descent.train;

import dev.descent.autodiff.Tape;
import dev.descent.autodiff.Variable;
import dev.descent.data.Batch;
import dev.descent.data.Examples;
import dev.descent.data.RegressionDataset;
import dev.descent.loss.RegressionLoss;
import dev.descent.metrics.RegressionMetrics;
import dev.descent.metrics.RegressionReport;
import dev.descent.nn.Layer;
import dev.descent.tensor.Tensor;

/** Real-valued targets, a {@link RegressionLoss} on the outputs, scored by loss, RMSE, MAE and R². */
record RegressionObjective(RegressionLoss lossFunction) implements Objective {
    private static final int EVALUATION_BATCH = 1024;

    @Override
    public String task() {
        return "regression";
    }

    @Override
    public boolean classification() {
        return false;
    }

    @Override
    public Variable loss(Variable predictions, Batch batch, boolean weighted) {
        Tensor targets = batch.targets();
        if (targets == null) {
            throw new IllegalArgumentException("a regression objective needs batches with targets; these hold class"
                    + " labels");
        }
        return weighted ? lossFunction.compute(predictions, targets, batch.weights())
                : lossFunction.compute(predictions, targets);
    }

    @Override
    public boolean hasPerExampleForm() {
        return lossFunction.hasPerExampleForm();
    }

    @Override
    public void perExample(Tensor predictions, Batch batch, float[] out) {
        lossFunction.perExample(predictions, batch.targets(), out);
    }

    /** The loss is the objective's mean loss where it has a per-example form, else the mean squared error. */
    @Override
    public Evaluation evaluate(Layer model, Examples data) {
        requireTargets(data);
        RegressionDataset set = (RegressionDataset) data;
        boolean wasTraining = model.isTraining();
        model.eval();
        Tape tape = Tape.noGrad();
        try {
            RegressionMetrics metrics = new RegressionMetrics();
            int n = set.size();
            int d = set.featureCount();
            int k = set.targetCount();
            double lossSum = 0;
            float[] rowLosses = new float[Math.min(EVALUATION_BATCH, n)];
            for (int from = 0; from < n; from += EVALUATION_BATCH) {
                int rows = Math.min(EVALUATION_BATCH, n - from);
                float[] x = new float[rows * d];
                System.arraycopy(set.features().data(), from * d, x, 0, x.length);
                float[] y = new float[rows * k];
                System.arraycopy(set.targets().data(), from * k, y, 0, y.length);
                tape.reset();
                Tensor predictions = model.forward(tape.input(Tensor.wrap(x, rows, d))).value();
                Tensor targets = Tensor.wrap(y, predictions.shape());
                metrics.add(predictions, targets);
                if (lossFunction.hasPerExampleForm()) {
                    lossFunction.perExample(predictions, targets, rowLosses);
                    for (int r = 0; r < rows; r++) {
                        lossSum += rowLosses[r];
                    }
                }
            }
            tape.reset();
            RegressionReport report = metrics.report();
            double loss = lossFunction.hasPerExampleForm() ? lossSum / n : report.meanSquaredError();
            return new Evaluation(loss, Double.NaN, n, report);
        } finally {
            model.setTraining(wasTraining);
        }
    }
}
