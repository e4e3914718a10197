package dev.descent.linear;

import dev.descent.data.BatchOptions;
import dev.descent.data.Examples;
import dev.descent.data.MiniBatches;
import dev.descent.nn.Module;
import dev.descent.optim.Optimizer;
import dev.descent.optim.OptimizerBuilder;
import dev.descent.optim.Regularizer;
import dev.descent.solver.SolverResult;
import dev.descent.train.EmpiricalRisk;
import dev.descent.train.Objective;
import dev.descent.train.Trainer;
import dev.descent.train.TrainingDivergedException;

/**
 * Runs a full-batch or mini-batch {@link FitMethod} on a linear model's objective
 * {@code (1/n) Σ L + λ‖W‖²} (the weights penalised, the bias not); mini-batches go through the
 * one {@link Trainer}.
 */
final class GradientFitting {

    private GradientFitting() {
    }

    static FitSummary run(Module model, EmpiricalRisk risk, Examples rows, Objective objective, double lambda,
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
            try {
                new Trainer(model, objective, optimizer).fit(batches, miniBatch.epochs(), null, report -> { });
            } catch (TrainingDivergedException e) {
                throw new IllegalStateException("fitting " + e.getMessage().replaceFirst("^training ", ""), e);
            }
            return new FitSummary(optimizer.toString(), risk.value(risk.parameters()), miniBatch.epochs(),
                    miniBatch.epochs() + " epochs done");
        }
        throw new IllegalArgumentException(method + " does not apply to this model");
    }
}
