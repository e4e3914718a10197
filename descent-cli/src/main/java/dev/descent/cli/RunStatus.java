package dev.descent.cli;

import dev.descent.train.TrainingDivergedException;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * Where a run stands, in its directory's {@code status.json}, for whoever watches the directory
 * (a dashboard) while the run trains or after it ended:
 *
 * <pre>
 * {
 *   "status" : "running",                    running, finished, diverged or failed
 *   "pid" : 41235,                           the training process
 *   "process_started" : "2026-11-23T00:44:21.7Z",  when that process started (told from a later
 *                                            process given the same pid); absent where the system
 *                                            does not say
 *   "started" : "2026-11-23T00:44:30.123Z",  when this run (or this resumption) started, UTC
 *   "updated" : "2026-11-23T00:44:41.456Z",  when this file was written, UTC
 *   "epochs" : 9,                            the epochs configured (training.epochs)
 *   "message" : null                         why a diverged or failed run ended: the exception's
 * }                                          message (its type if it has none); null otherwise
 * </pre>
 *
 * A run stopped early (early stopping, a time or step budget) has finished; a run resumed in its
 * own directory is running again, with a new start time. A process killed outright (a signal, a
 * power cut) leaves "running" behind: its {@code pid} is then no live process. Written
 * atomically, like every file of a run: readers never see half of it.
 */
final class RunStatus {
    static final String FILE = "status.json";
    private static final java.util.Optional<Instant> PROCESS_STARTED = ProcessHandle.current().info().startInstant();

    /** The values of {@code status}. */
    enum State {
        RUNNING, FINISHED, DIVERGED, FAILED;

        String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final RunDirectory run;
    private final Instant started;
    private final int epochs;

    private RunStatus(RunDirectory run, Instant started, int epochs) {
        this.run = run;
        this.started = started;
        this.epochs = epochs;
    }

    /** The status of the run in {@code run}, starting now, training {@code epochs} epochs; nothing written yet. */
    static RunStatus of(RunDirectory run, int epochs) {
        return new RunStatus(run, Instant.now(), epochs);
    }

    /** Says the run is training (before its first epoch). */
    void running() {
        write(State.RUNNING, null);
    }

    /** Says the run completed: its model and summary.json are written. */
    void finished() {
        write(State.FINISHED, null);
    }

    /**
     * Says the run ended with {@code failure}: diverged for a {@link TrainingDivergedException},
     * failed for anything else. Never hides {@code failure}: a failure to write is added to it as
     * suppressed, and the caller rethrows it.
     */
    void ended(Throwable failure) {
        // an interrupted thread cannot write through a FileChannel (ClosedByInterruptException)
        boolean interrupted = Thread.interrupted();
        try {
            write(failure instanceof TrainingDivergedException ? State.DIVERGED : State.FAILED,
                    failure.getMessage() != null ? failure.getMessage() : failure.toString());
        } catch (Throwable e) { // even an OutOfMemoryError: the failure that ended the run comes first
            failure.addSuppressed(e);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void write(State state, String message) {
        Map<String, Object> s = RunDirectory.ordered();
        s.put("status", state.jsonName());
        s.put("pid", ProcessHandle.current().pid());
        PROCESS_STARTED.ifPresent(at -> s.put("process_started", at.toString()));
        s.put("started", started.toString());
        s.put("updated", Instant.now().toString());
        s.put("epochs", epochs);
        s.put("message", message);
        run.writeJson(FILE, s);
    }
}
