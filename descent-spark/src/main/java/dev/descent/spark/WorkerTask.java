package dev.descent.spark;

import org.apache.spark.broadcast.Broadcast;

/**
 * A {@link BlockTask} that runs the run's model on the executor: it carries what builds this
 * thread's {@link Worker} (the run's id and the factories) for the strategies' jobs.
 */
abstract class WorkerTask<I, O> extends BlockTask<I, O> {
    private static final long serialVersionUID = 1L;
    private final String runId;
    private final ModelFactory models;
    private final ObjectiveFactory objectives;

    WorkerTask(String runId, ModelFactory models, ObjectiveFactory objectives, Broadcast<I> input) {
        super(input);
        this.runId = runId;
        this.models = models;
        this.objectives = objectives;
    }

    /** This executor thread's copy of the run's model and objective. */
    final Worker worker() {
        return Worker.of(runId, models, objectives);
    }
}
