package dev.descent.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.descent.cli.config.ConfigWriter;
import dev.descent.cli.config.RunConfig;
import dev.descent.model.ModelBundle;
import dev.descent.nn.Module;
import dev.descent.train.CheckpointFile;
import dev.descent.train.TrainingState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run leaves behind, in {@code runs/<name>-<timestamp>/} (or a given directory):
 * {@code config.yaml} (fully resolved), {@code metrics.csv} and {@code metrics.jsonl} (one row
 * per epoch, written as soon as the epoch ends), {@code model.safetensors},
 * {@code checkpoints/}, {@code summary.json} and {@code plots/} (see {@link RunPlots}).
 */
final class RunDirectory {
    static final List<String> METRIC_COLUMNS = List.of("epoch", "step", "lr", "train_loss", "val_loss", "val_accuracy",
            "gap", "samples_per_second", "seconds");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper JSON_LINE = new ObjectMapper();
    private final Path directory;

    private RunDirectory(Path directory) {
        this.directory = directory;
    }

    /** Creates {@code explicit}, or a fresh {@code <dir>/<name>-<timestamp>} folder, and writes the config. */
    static RunDirectory create(Path explicit, RunConfig config, String defaultName) {
        Path directory = explicit;
        if (directory == null) {
            String name = config.run().name() != null ? config.run().name() : defaultName;
            String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
            directory = Path.of(config.run().dir()).resolve(name + "-" + stamp);
            for (int i = 2; Files.exists(directory); i++) {
                directory = Path.of(config.run().dir()).resolve(name + "-" + stamp + "-" + i);
            }
        }
        try {
            Files.createDirectories(directory.resolve("checkpoints"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the run directory " + directory + " (" + e.getMessage()
                    + "); pass a writable one with --run-dir", e);
        }
        RunDirectory run = new RunDirectory(directory);
        ConfigWriter.write(config, directory.resolve("config.yaml"));
        run.append("metrics.csv", String.join(",", METRIC_COLUMNS) + "\n", true);
        return run;
    }

    Path path() {
        return directory;
    }

    Path checkpoints() {
        return directory.resolve("checkpoints");
    }

    /** Where {@link RunPlots} writes (created when the first plot is written). */
    Path plots() {
        return directory.resolve("plots");
    }

    /** Appends one epoch's row to both metric files (values in {@link #METRIC_COLUMNS} order). */
    void appendMetrics(Map<String, Object> row) {
        StringBuilder csv = new StringBuilder();
        for (String column : METRIC_COLUMNS) {
            Object value = row.get(column);
            csv.append(csv.length() == 0 ? "" : ",").append(value == null ? "" : value);
        }
        append("metrics.csv", csv + "\n", false);
        try {
            append("metrics.jsonl", JSON_LINE.writeValueAsString(row) + "\n", false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code model.safetensors}: the weights with the bundle that makes them a usable model. */
    void writeModel(Module model, ModelBundle bundle) {
        try {
            bundle.save(model, directory.resolve("model.safetensors"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + directory.resolve("model.safetensors") + ": " + e.getMessage(),
                    e);
        }
    }

    void writeSummary(Map<String, Object> summary) {
        try {
            Path file = directory.resolve("summary.json");
            Path temporary = directory.resolve(".summary.json.tmp");
            Files.writeString(temporary, JSON.writeValueAsString(summary) + "\n", StandardCharsets.UTF_8);
            Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + directory.resolve("summary.json") + ": " + e.getMessage(), e);
        }
    }

    private void append(String file, String text, boolean create) {
        try {
            Files.writeString(directory.resolve(file), text, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    create ? StandardOpenOption.TRUNCATE_EXISTING : StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + directory.resolve(file) + ": " + e.getMessage(), e);
        }
    }

    /** A map preserving insertion order, for JSON with a stable key order. */
    static Map<String, Object> ordered() {
        return new LinkedHashMap<>();
    }
}
