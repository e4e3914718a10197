package dev.descent.train;

import dev.descent.data.MiniBatches;
import dev.descent.io.SafeTensors;
import dev.descent.io.SafeTensorsFile;
import dev.descent.optim.OptimizerState;
import dev.descent.schedule.ReduceOnPlateau;
import dev.descent.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@link TrainingState} on disk, in the safetensors format (never Java serialisation):
 * weights as {@code model/<name>}, optimizer buffers as {@code optimizer/<parameter>/<buffer>},
 * and the counters, generator states, data position and schedule state as string metadata,
 * next to whatever the caller adds (the resolved config, the version). Writes are atomic: a
 * crash leaves the previous checkpoint intact.
 *
 * <p>The format carries a version; a file from a newer version is refused with a message
 * saying so, rather than misread.
 */
public final class CheckpointFile {
    /** The version this code writes and the newest it reads. */
    public static final int FORMAT_VERSION = 1;
    private static final String MODEL = "model/";
    private static final String OPTIMIZER = "optimizer/";
    /** An informative sampler's latest example losses. */
    private static final String SAMPLER = "sampler/losses";

    private CheckpointFile() {
    }

    /** What a checkpoint file holds: the run's state and the caller's metadata. */
    public record Contents(TrainingState state, Map<String, String> metadata) {
    }

    public static void write(Path file, TrainingState state, Map<String, String> extraMetadata) throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        state.weights().forEach((name, t) -> tensors.put(MODEL + name, t));
        state.optimizer().buffers().forEach((name, t) -> tensors.put(OPTIMIZER + name, t));
        Map<String, String> metadata = new LinkedHashMap<>(extraMetadata);
        metadata.put("format", "descent-checkpoint");
        metadata.put("format_version", Integer.toString(FORMAT_VERSION));
        metadata.put("epochs_done", Integer.toString(state.epochsDone()));
        metadata.put("steps", Long.toString(state.steps()));
        metadata.put("optimizer_updates", Long.toString(state.optimizer().updates()));
        metadata.put("optimizer_micro_steps", Long.toString(state.optimizer().microSteps()));
        metadata.put("optimizer_parameter_steps", pairs(state.optimizer().parameterSteps()));
        metadata.put("generators", pairs(state.generators()));
        if (state.batches() != null) {
            metadata.put("batches", state.batches().epochsStarted() + ":" + state.batches().rngState());
            float[] sampler = state.batches().samplerState();
            if (sampler != null) {
                tensors.put(SAMPLER, Tensor.wrap(sampler.clone(), sampler.length));
            }
        }
        if (state.plateau() != null) {
            ReduceOnPlateau.State p = state.plateau();
            metadata.put("plateau", p.rate() + "," + p.best() + "," + p.badEpochs() + "," + p.cooldownRemaining());
        }
        SafeTensors.write(file, tensors, metadata);
    }

    public static Contents read(Path file) throws IOException {
        SafeTensorsFile contents = SafeTensors.read(file);
        Map<String, String> metadata = contents.metadata();
        if (!"descent-checkpoint".equals(metadata.get("format"))) {
            throw new IOException(file + ": this is not a Descent checkpoint (its metadata has no format"
                    + " 'descent-checkpoint'); to start from plain weights use --init-from");
        }
        int version = integer(file, metadata, "format_version");
        if (version > FORMAT_VERSION) {
            throw new IOException(file + ": written by a newer Descent (checkpoint format " + version
                    + "); this version reads formats up to " + FORMAT_VERSION + ". Use a newer Descent to resume it.");
        }
        Map<String, Tensor> weights = new LinkedHashMap<>();
        Map<String, Tensor> buffers = new LinkedHashMap<>();
        contents.tensors().forEach((name, t) -> {
            if (name.startsWith(MODEL)) {
                weights.put(name.substring(MODEL.length()), t);
            } else if (name.startsWith(OPTIMIZER)) {
                buffers.put(name.substring(OPTIMIZER.length()), t);
            }
        });
        try {
            OptimizerState optimizer = new OptimizerState(longValue(file, metadata, "optimizer_updates"),
                    longValue(file, metadata, "optimizer_micro_steps"),
                    longPairs(metadata.getOrDefault("optimizer_parameter_steps", "")), buffers);
            MiniBatches.Checkpoint batches = null;
            if (metadata.containsKey("batches")) {
                String[] parts = metadata.get("batches").split(":");
                Tensor sampler = contents.tensors().get(SAMPLER);
                batches = new MiniBatches.Checkpoint(Long.parseLong(parts[0]), Long.parseLong(parts[1]),
                        sampler == null ? null : sampler.data());
            }
            ReduceOnPlateau.State plateau = null;
            if (metadata.containsKey("plateau")) {
                String[] p = metadata.get("plateau").split(",");
                plateau = new ReduceOnPlateau.State(Double.parseDouble(p[0]), Double.parseDouble(p[1]),
                        Integer.parseInt(p[2]), Integer.parseInt(p[3]));
            }
            TrainingState state = new TrainingState(integer(file, metadata, "epochs_done"),
                    longValue(file, metadata, "steps"), weights, longPairs(metadata.getOrDefault("generators", "")),
                    optimizer, batches, plateau);
            return new Contents(state, metadata);
        } catch (RuntimeException e) {
            throw new IOException(file + ": the checkpoint's metadata is damaged (" + e.getMessage() + ")", e);
        }
    }

    private static String pairs(Map<String, Long> values) {
        StringBuilder s = new StringBuilder();
        values.forEach((k, v) -> s.append(s.length() == 0 ? "" : ";").append(k).append('=').append(v));
        return s.toString();
    }

    private static Map<String, Long> longPairs(String text) {
        Map<String, Long> values = new LinkedHashMap<>();
        if (!text.isEmpty()) {
            for (String pair : text.split(";")) {
                int eq = pair.lastIndexOf('=');
                values.put(pair.substring(0, eq), Long.parseLong(pair.substring(eq + 1)));
            }
        }
        return values;
    }

    private static int integer(Path file, Map<String, String> metadata, String key) throws IOException {
        return (int) longValue(file, metadata, key);
    }

    private static long longValue(Path file, Map<String, String> metadata, String key) throws IOException {
        String value = metadata.get(key);
        if (value == null) {
            throw new IOException(file + ": the checkpoint's metadata lacks '" + key + "'; the file is damaged");
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IOException(file + ": the checkpoint's '" + key + "' is '" + value + "', not a number", e);
        }
    }
}
