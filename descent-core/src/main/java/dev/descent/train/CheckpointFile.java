package dev.descent.train;

import dev.descent.data.MiniBatches;
import dev.descent.io.AtomicFileWriter;
import dev.descent.io.SafeTensors;
import dev.descent.io.SafeTensorsFile;
import dev.descent.optim.OptimizerState;
import dev.descent.optim.average.AveragedParameters;
import dev.descent.schedule.ReduceOnPlateau;
import dev.descent.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A {@link TrainingState} on disk, in the safetensors format (never Java serialisation):
 * weights as {@code model/<name>}, optimizer buffers as {@code optimizer/<parameter>/<buffer>},
 * and the counters, generator states (the image augmentation's as {@code augmentation_rng}), data
 * position and schedule state as string metadata, next to whatever the caller adds (the
 * resolved config, the version). The trainer's average of the parameters, when it keeps one, is
 * saved as {@code average/<name>} and {@code average_residual/<name>} (its float value and
 * rounding error) with its rule and count as metadata. Writes are atomic: a crash leaves the
 * previous checkpoint intact.
 *
 * <p>The format carries a version; a file from a newer version is refused with a message
 * saying so, rather than misread. Version 2 adds the average; a checkpoint without one is
 * still written as version 1, so that an older Descent resumes it (and one with an average is
 * refused by it rather than resumed without its average).
 *
 * <p><b>Integrity.</b> Every checkpoint carries the SHA-256 of its tensor data
 * ({@link SafeTensors#CHECKSUM_KEY}), and {@link #read} refuses a file whose data no longer
 * matches it as corrupted; {@link #latestValid} then finds the newest checkpoint that is
 * intact. Checkpoints written before checksums existed are read without the check.
 *
 * <p><b>Determinism.</b> Equal states give byte-identical files: tensors are sorted by name,
 * and every map written as metadata (the caller's metadata, the optimizer's per-parameter
 * steps, the generators) is written sorted by key, whatever the map's own order, which for
 * {@code Map.copyOf} even changes from one JVM to the next.
 *
 * <p><b>Leftovers.</b> The first write into a directory in a process deletes the temporary
 * files that a killed earlier write left there ({@link AtomicFileWriter#removeStaleTemporaries}).
 */
public final class CheckpointFile {
    /** The newest version this code writes (for a checkpoint with an average; 1 without) and reads. */
    public static final int FORMAT_VERSION = 2;
    private static final String MODEL = "model/";
    private static final String AVERAGE = "average/";
    private static final String AVERAGE_RESIDUAL = "average_residual/";
    private static final String OPTIMIZER = "optimizer/";
    /** An informative sampler's latest example losses. */
    private static final String SAMPLER = "sampler/losses";
    /** The file {@link Checkpoints} rewrites after every checkpoint. */
    private static final String LAST = "last.safetensors";
    /** The files {@link Checkpoints} keeps per epoch: {@code epoch-0003.safetensors}. */
    private static final Pattern EPOCH = Pattern.compile("epoch-(\\d+)\\.safetensors");
    /** Directories whose stale temporary files this process has already removed. */
    private static final Set<Path> CLEANED_DIRECTORIES = ConcurrentHashMap.newKeySet();

    /** The safetensors metadata {@code format} of a checkpoint. */
    public static final String FORMAT = "descent-checkpoint";

    private CheckpointFile() {
    }

    /** What a checkpoint file holds: the run's state and the caller's metadata. */
    public record Contents(TrainingState state, Map<String, String> metadata) {
    }

    /**
     * The checkpoint to resume from, chosen by {@link #latestValid}.
     *
     * @param file the checkpoint, which was read and verified
     * @param note why it was chosen, as a sentence to show the user, e.g.
     *             "last.safetensors is missing; using epoch-0003.safetensors"
     */
    public record Choice(Path file, String note) {
    }

    /**
     * Writes {@code state} atomically, with {@code extraMetadata} (sorted by key) and the
     * checksum of its tensor data. Equal states and metadata give identical bytes.
     */
    public static void write(Path file, TrainingState state, Map<String, String> extraMetadata) throws IOException {
        removeStaleTemporariesOnce(file.toAbsolutePath().getParent());
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        state.weights().forEach((name, t) -> tensors.put(MODEL + name, t));
        state.optimizer().buffers().forEach((name, t) -> tensors.put(OPTIMIZER + name, t));
        Map<String, String> metadata = new LinkedHashMap<>(new TreeMap<>(extraMetadata));
        metadata.put("format", FORMAT);
        metadata.put("format_version", state.averaged() == null ? "1" : Integer.toString(FORMAT_VERSION));
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
        if (state.augmentationRng() != null) {
            metadata.put("augmentation_rng", Long.toString(state.augmentationRng()));
        }
        if (state.averaged() != null) {
            AveragedParameters.State average = state.averaged();
            metadata.put("average_rule", average.rule());
            metadata.put("average_count", Long.toString(average.count()));
            average.values().forEach((name, t) -> tensors.put(AVERAGE + name, t));
            average.residuals().forEach((name, t) -> tensors.put(AVERAGE_RESIDUAL + name, t));
        }
        if (state.plateau() != null) {
            ReduceOnPlateau.State p = state.plateau();
            metadata.put("plateau", p.rate() + "," + p.best() + "," + p.badEpochs() + "," + p.cooldownRemaining());
        }
        SafeTensors.writeWithChecksum(file, tensors, metadata);
    }

    /**
     * Reads a checkpoint, verifying its checksum when it has one.
     *
     * @throws java.nio.file.NoSuchFileException      if the file does not exist ("FILE does not exist")
     * @throws dev.descent.io.SafeTensorsFormatException if the file is damaged, including "corrupted":
     *                                                its tensor data does not match its checksum
     * @throws IOException                            if it is not a checkpoint, is from a newer
     *                                                Descent, or cannot be read
     */
    public static Contents read(Path file) throws IOException {
        SafeTensorsFile contents = SafeTensors.read(file);
        Map<String, String> metadata = contents.metadata();
        if (!FORMAT.equals(metadata.get("format"))) {
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
        Map<String, Tensor> averageValues = new LinkedHashMap<>();
        Map<String, Tensor> averageResiduals = new LinkedHashMap<>();
        contents.tensors().forEach((name, t) -> {
            if (name.startsWith(MODEL)) {
                weights.put(name.substring(MODEL.length()), t);
            } else if (name.startsWith(OPTIMIZER)) {
                buffers.put(name.substring(OPTIMIZER.length()), t);
            } else if (name.startsWith(AVERAGE)) {
                averageValues.put(name.substring(AVERAGE.length()), t);
            } else if (name.startsWith(AVERAGE_RESIDUAL)) {
                averageResiduals.put(name.substring(AVERAGE_RESIDUAL.length()), t);
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
            for (String counter : new String[] {"epochs_done", "steps"}) {
                if (longValue(file, metadata, counter) < 0) {
                    throw new IOException(file + ": the checkpoint's " + counter + " is " + metadata.get(counter)
                            + ", below 0; the file is damaged. Resume from another checkpoint of the run");
                }
            }
            Long augmentationRng = metadata.containsKey("augmentation_rng")
                    ? longValue(file, metadata, "augmentation_rng") : null;
            AveragedParameters.State average = null;
            if (metadata.containsKey("average_rule")) {
                if (!averageValues.keySet().equals(averageResiduals.keySet())) {
                    throw new IOException(file + ": the checkpoint's average has values for " + averageValues.keySet()
                            + " but rounding errors for " + averageResiduals.keySet() + "; the file is damaged."
                            + " Resume from another checkpoint of the run");
                }
                average = new AveragedParameters.State(metadata.get("average_rule"),
                        longValue(file, metadata, "average_count"), averageValues, averageResiduals);
            }
            TrainingState state = new TrainingState(integer(file, metadata, "epochs_done"),
                    longValue(file, metadata, "steps"), weights, longPairs(metadata.getOrDefault("generators", "")),
                    optimizer, batches, plateau, augmentationRng, average);
            return new Contents(state, metadata);
        } catch (RuntimeException e) {
            throw new IOException(file + ": the checkpoint's metadata is damaged (" + e.getMessage() + ")", e);
        }
    }

    /**
     * The checkpoint in {@code directory} to resume from: {@code last.safetensors} if it reads
     * and verifies, otherwise the newest {@code epoch-NNNN.safetensors} that does (by epoch
     * number). Each candidate is read completely, so a damaged one is passed over.
     *
     * @return the file and a sentence saying which was used and why
     * @throws IOException naming the directory, saying why each file found was unusable, if the
     *                     directory is missing or holds no usable checkpoint
     */
    public static Choice latestValid(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            throw new IOException("cannot resume from " + directory + ": the directory does not exist. Check the"
                    + " path, or start the run without --resume.");
        }
        if (!Files.isDirectory(directory)) {
            throw new IOException("cannot resume from " + directory + ": it is a file, not a checkpoint directory."
                    + " Give the directory that holds last.safetensors and epoch-NNNN.safetensors.");
        }
        List<String> found;
        try (Stream<Path> files = Files.list(directory)) {
            found = files.map(f -> f.getFileName().toString()).sorted().toList();
        }
        List<String> candidates = new ArrayList<>();
        if (found.contains(LAST)) {
            candidates.add(LAST);
        }
        found.stream().filter(name -> EPOCH.matcher(name).matches())
                .sorted(Comparator.comparing(CheckpointFile::epochNumber).reversed())
                .forEach(candidates::add);
        List<String> problems = new ArrayList<>();
        if (!found.contains(LAST)) {
            problems.add(LAST + " is missing");
        }
        for (String name : candidates) {
            Path file = directory.resolve(name);
            try {
                read(file);
                String note = problems.isEmpty() ? name + " reads and verifies; using it"
                        : String.join("; ", problems) + "; using " + name;
                return new Choice(file, note);
            } catch (IOException unusable) {
                problems.add(name + " is unusable (" + unusable.getMessage() + ")");
            }
        }
        throw new IOException("cannot resume from " + directory + ": it holds no usable checkpoint. "
                + (candidates.isEmpty() ? "It has neither " + LAST + " nor any epoch-NNNN.safetensors; it holds "
                + (found.isEmpty() ? "nothing" : String.join(", ", found)) + "."
                : String.join("; ", problems) + ".")
                + " Restore a checkpoint from a copy, or start the run again without --resume.");
    }

    private static java.math.BigInteger epochNumber(String name) {
        Matcher m = EPOCH.matcher(name);
        if (!m.matches()) {
            throw new IllegalArgumentException(name);
        }
        return new java.math.BigInteger(m.group(1));
    }

    /** Deletes temporary files a killed write left in {@code directory}, once per process. */
    private static void removeStaleTemporariesOnce(Path directory) throws IOException {
        if (directory != null && Files.isDirectory(directory) && CLEANED_DIRECTORIES.add(directory.normalize())) {
            AtomicFileWriter.removeStaleTemporaries(directory);
        }
    }

    /** {@code key=value;…}, sorted by key so that equal maps give equal text. */
    private static String pairs(Map<String, Long> values) {
        StringBuilder s = new StringBuilder();
        new TreeMap<>(values).forEach((k, v) -> s.append(s.length() == 0 ? "" : ";").append(k).append('=').append(v));
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
