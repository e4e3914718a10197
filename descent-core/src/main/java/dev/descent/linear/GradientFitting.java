package dev.descent.linear;

import dev.descent.autodiff.Tape;
import dev.descent.autodiff.Variable;
import dev.descent.data.Batch;
import dev.descent.data.BatchOptions;
import dev.descent.data.Dataset;
import dev.descent.data.MiniBatches;
import dev.descent.nn.Module;
import dev.descent.optim.Optimizer;
import dev.descent.optim.OptimizerBuilder;
import dev.descent.optim.Regularizer;
import dev.descent.solver.SolverResult;
import dev.descent.train.EmpiricalRisk;

/**
 * Runs a full-batch or mini-batch {@link FitMethod} on a linear model's objective
 * {@code (1/n) Σ L + λ‖W‖²} (the weights penalised, the bias not).
 */
final class GradientFitting {

    /** The mean loss of one mini-batch, given the model's predictions for it. */
    interface BatchLoss {
        Variable of(Variable predictions, Batch batch);
    }

    private GradientFitting() {
    }

    static FitSummary run(Module model, EmpiricalRisk risk, Dataset rows, BatchLoss batchLoss, double lambda,
                          FitMethod method) {
        if (method instanceof FitMethod.FullBatch fullBatch) {
            SolverResult result = fullBatch.solver().minimize(risk, risk.parameters(), fullBatch.stopping());
            risk.setParameters(result.x());
            if (!result.converged() && !Double.isFinite(result.value())) {
                throw new IllegalStateException("fitting diverged: " + result.message()
                        + "; try a smaller step or another solver");
            }
            return new FitSummary(fullBatch.solver().toString(), result.value(), result.iterations(), result.message());
        }
        if (method instanceof FitMethod.MiniBatch miniBatch) {
            OptimizerBuilder builder = miniBatch.optimizer().builder();
            if (miniBatch.schedule() != null) {
                builder = builder.schedule(miniBatch.schedule());
            }
            if (lambda > 0) {
                builder = builder.regularize(Regularizer.l2(2 * lambda), "*.weight"); // ∇(λ‖W‖²) = 2λW
            }
            Optimizer optimizer = builder.build(model.namedParameters());
            MiniBatches batches = new MiniBatches(rows, BatchOptions.shuffled(miniBatch.batchSize(), miniBatch.seed()));
            Tape tape = Tape.recycling();
            for (int epoch = 0; epoch < miniBatch.epochs(); epoch++) {
                for (Batch batch : batches.nextEpoch()) {
                    tape.reset();
                    Variable loss = batchLoss.of(model.forward(tape.input(batch.features())), batch);
                    if (!Float.isFinite(loss.item())) {
                        throw new IllegalStateException("fitting diverged: the loss is " + loss.item() + " at epoch "
                                + (epoch + 1) + " with " + optimizer + "; try a smaller learning rate");
                    }
                    optimizer.zeroGrad();
                    loss.backward();
                    optimizer.step();
                }
            }
            tape.reset();
            return new FitSummary(optimizer.toString(), risk.value(risk.parameters()), miniBatch.epochs(),
                    miniBatch.epochs() + " epochs done");
        }
        throw new IllegalArgumentException(method + " does not apply to this model");
    }
}
