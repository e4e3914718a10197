package dev.descent.linear;

import dev.descent.data.BatchOptions;
import dev.descent.data.Examples;
import dev.descent.data.MiniBatches;
import dev.descent.nn.Layer;
import dev.descent.optim.Optimizer;
import dev.descent.optim.OptimizerBuilder;
import dev.descent.optim.OptimizerState;
import dev.descent.optim.Regularizer;
import dev.descent.solver.SolverResult;
import dev.descent.train.EmpiricalRisk;
import dev.descent.train.Objective;
import dev.descent.train.Trainer;
import dev.descent.train.TrainingDivergedException;

/**
 * Runs a full-batch or mini-batch {@link FitMethod} on a linear model's objective
 * {@code (1/n) Σ L + λ‖W‖²} (the weights penalised, the bias not); mini-batches go through the
 * one {@link Trainer}, and so do the passes of a partial fit ({@link Incremental}).
 */
final class GradientFitting {

    private GradientFitting() {
    }

    static FitSummary run(Layer model, EmpiricalRisk risk, Examples rows, Objective objective, double lambda,
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
            Optimizer optimizer = optimizer(model, miniBatch, lambda);
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

    private static Optimizer optimizer(Layer model, FitMethod.MiniBatch miniBatch, double lambda) {
        OptimizerBuilder builder = miniBatch.optimizer().builder();
        if (miniBatch.schedule() != null) {
            builder = builder.schedule(miniBatch.schedule());
        }
        if (lambda > 0) {
            builder = builder.regularize(Regularizer.l2(2 * lambda), "*.weight"); // ∇(λ‖W‖²) = 2λW
        }
        return builder.build(model.namedParameters());
    }

    /**
     * A partial fit: passes of mini-batch training, each over the rows it is given, from the
     * current weights. Each pass minimises {@code (1/n) Σ L + λ‖W‖²} on its own n rows, with its
     * own λ, so the optimizer is made anew for each pass and given the state (momenta, the
     * schedule's step) the previous pass left; a pass is one epoch, whatever the method's
     * {@code epochs}, in batches of its {@code batchSize} drawn from {@code seed + pass}.
     */
    static final class Incremental {
        private final Layer model;
        private final Objective objective;
        private final FitMethod.MiniBatch method;
        private OptimizerState state;
        private int epochs;
        private long steps;

        Incremental(Layer model, Objective objective, FitMethod.MiniBatch method) {
            this.model = model;
            this.objective = objective;
            this.method = method;
        }

        /** One pass over {@code rows}; the summary's objective is {@code risk} (the pass's objective) after it. */
        FitSummary pass(Examples rows, EmpiricalRisk risk, double lambda) {
            Optimizer optimizer = optimizer(model, method, lambda);
            if (state != null) {
                optimizer.loadState(state);
            }
            Trainer trainer = new Trainer(model, objective, optimizer);
            trainer.restoreProgress(epochs, steps);
            MiniBatches batches = new MiniBatches(rows, BatchOptions.shuffled(method.batchSize(), method.seed() + epochs));
            try {
                trainer.fit(batches, epochs + 1, null, report -> { });
            } catch (TrainingDivergedException e) {
                throw new IllegalStateException("fitting " + e.getMessage().replaceFirst("^training ", ""), e);
            } finally {
                state = optimizer.state();
                epochs = trainer.epochsDone();
                steps = trainer.stepsDone();
            }
            return new FitSummary(optimizer.toString(), risk.value(risk.parameters()), epochs, "partial fit: pass "
                    + epochs + " over " + rows.size() + " rows");
        }
    }
}
