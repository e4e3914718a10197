package dev.descent.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Saves the whole training state every {@code every} epochs and after the last one: as
 * {@code epoch-NNNN.safetensors} and {@code last.safetensors} in a directory, each written
 * atomically, so {@code --resume} continues bit for bit from either.
 */
public final class Checkpoints implements TrainingCallback {
    private final Path directory;
    private final int every;
    private final int lastEpoch;
    private final Supplier<TrainingState> state;
    private final Map<String, String> metadata;

    /**
     * @param lastEpoch the run's final epoch, always saved
     * @param state     captures the state at the end of an epoch (see {@link TrainingState#capture})
     * @param metadata  saved with each checkpoint, e.g. the run's configuration
     */
    public Checkpoints(Path directory, int every, int lastEpoch, Supplier<TrainingState> state,
                       Map<String, String> metadata) {
        if (every < 1) {
            throw new IllegalArgumentException("checkpoint every must be ≥ 1 epoch, got " + every);
        }
        this.directory = directory;
        this.every = every;
        this.lastEpoch = lastEpoch;
        this.state = state;
        this.metadata = Map.copyOf(metadata);
    }

    @Override
    public void onEpochEnd(EpochReport report, TrainingContext context) {
        if (report.epoch() % every != 0 && report.epoch() != lastEpoch) {
            return;
        }
        TrainingState snapshot = state.get();
        try {
            CheckpointFile.write(directory.resolve(String.format("epoch-%04d.safetensors", snapshot.epochsDone())),
                    snapshot, metadata);
            CheckpointFile.write(directory.resolve("last.safetensors"), snapshot, metadata);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a checkpoint in " + directory + ": " + e.getMessage(), e);
        }
    }
}
