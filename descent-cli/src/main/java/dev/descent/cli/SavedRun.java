package dev.descent.cli;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.descent.dashboard.ConfigTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run directory read back, as {@code descent report} compares it: the configuration flattened
 * to dotted keys ({@code optimizer.lr}), the per-epoch columns of {@code metrics.csv}, the
 * within-epoch columns of {@code metrics-steps.csv} (runs written before it existed have none)
 * and the numbers of {@code summary.json}.
 *
 * <p>{@code config.yaml} and {@code metrics.csv} are written when a run starts, so both are
 * required; {@code summary.json} is written when training ends, so a run that was stopped (or is
 * still going) has none, and a run stopped in its first epoch has a header-only
 * {@code metrics.csv}. The configuration is read as a plain tree rather than bound to
 * {@link dev.descent.cli.config.RunConfig}, so runs written by another version, with keys added
 * or removed since, still compare.
 */
final class SavedRun {
    /** The summary numbers that describe where a run ran rather than how it was configured. */
    static final List<String> ENVIRONMENT_KEYS = List.of("descent_version", "jdk", "kernel_provider", "threads");

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path directory;
    private final String name;
    private final Map<String, String> config;
    private final Map<String, double[]> metrics;
    private final int epochRows;
    private final Map<String, double[]> stepMetrics;
    private final JsonNode summary;

    private SavedRun(Path directory, String name, Map<String, String> config, Map<String, double[]> metrics,
                     int epochRows, Map<String, double[]> stepMetrics, JsonNode summary) {
        this.directory = directory;
        this.name = name;
        this.config = config;
        this.metrics = metrics;
        this.epochRows = epochRows;
        this.stepMetrics = stepMetrics;
        this.summary = summary;
    }

    /**
     * Reads {@code directory} under the given display name.
     *
     * @throws IllegalArgumentException naming the directory and what is missing, or the file and
     *         line that cannot be read
     */
    static SavedRun read(Path directory, String name) {
        if (!Files.exists(directory)) {
            throw new IllegalArgumentException(directory + " does not exist; pass run directories that 'descent train'"
                    + " wrote (it prints 'run      DIR')");
        }
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException(directory + " is not a run directory but a file; pass the directory"
                    + " that holds config.yaml and metrics.csv");
        }
        Path configFile = directory.resolve("config.yaml");
        Path metricsFile = directory.resolve("metrics.csv");
        List<String> missing = new ArrayList<>();
        if (!Files.isRegularFile(configFile)) {
            missing.add("config.yaml");
        }
        if (!Files.isRegularFile(metricsFile)) {
            missing.add("metrics.csv");
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(directory + " is not a run directory: it has no "
                    + String.join(" and no ", missing) + " (every run of 'descent train' writes config.yaml and"
                    + " metrics.csv when it starts)");
        }
        Map<String, String> config = ConfigTree.flatten(readTree(YAML, configFile));
        List<String> lines = readLines(metricsFile);
        Map<String, double[]> metrics = parseMetrics(metricsFile, lines);
        int rows = lines.isEmpty() ? 0 : (int) lines.stream().skip(1).filter(l -> !l.isBlank()).count();
        Path summaryFile = directory.resolve("summary.json");
        JsonNode summary = Files.isRegularFile(summaryFile) ? readTree(JSON, summaryFile) : null;
        Path stepsFile = directory.resolve(StepMetricsLog.FILE);
        Map<String, double[]> steps = Files.isRegularFile(stepsFile)
                ? parseMetrics(stepsFile, StepMetricsLog.completeLines(stepsFile)) : Map.of();
        return new SavedRun(directory, name, config, metrics, rows, steps, summary);
    }

    Path directory() {
        return directory;
    }

    /** The name shown for this run: its directory's name, made unique among the compared runs. */
    String name() {
        return name;
    }

    /**
     * Every configuration key with its value as text, in the file's order, followed by the
     * environment from {@code summary.json} ({@code environment.jdk}, ...) when there is one.
     */
    Map<String, String> config() {
        Map<String, String> all = new LinkedHashMap<>(config);
        if (summary != null) {
            for (String key : ENVIRONMENT_KEYS) {
                if (summary.has(key)) {
                    all.put("environment." + key, ConfigTree.text(summary.get(key)));
                }
            }
        }
        return all;
    }

    /** One configuration key's value as text, or null when the config has no such key. */
    String configValue(String key) {
        return config.get(key);
    }

    /** How many epochs {@code metrics.csv} records as finished. */
    int finishedEpochs() {
        return epochRows;
    }

    boolean hasSummary() {
        return summary != null;
    }

    /** One {@code metrics.csv} column, a value per finished epoch; NaN where empty or absent. */
    double[] metric(String column) {
        double[] values = metrics.get(column);
        if (values == null) {
            double[] none = new double[epochRows];
            Arrays.fill(none, Double.NaN);
            return none;
        }
        return values.clone();
    }

    /**
     * One {@code metrics-steps.csv} column ({@code epoch}, {@code train_loss}…), a value per row;
     * empty when the run has no such file or column (runs written before it existed).
     */
    double[] stepMetric(String column) {
        double[] values = stepMetrics.get(column);
        return values == null ? new double[0] : values.clone();
    }

    /** A number from {@code summary.json}; NaN when there is no summary, no such key, or it is not a number. */
    double summaryNumber(String key) {
        if (summary == null) {
            return Double.NaN;
        }
        JsonNode value = summary.get(key);
        return value != null && value.isNumber() ? value.asDouble() : Double.NaN;
    }


    /** The columns by header name; a header-only file gives empty columns. */
    private static Map<String, double[]> parseMetrics(Path file, List<String> lines) {
        Map<String, double[]> columns = new LinkedHashMap<>();
        if (lines.isEmpty()) {
            return columns;
        }
        String[] header = lines.get(0).split(",", -1);
        List<String> rows = lines.stream().skip(1).filter(l -> !l.isBlank()).toList();
        for (String column : header) {
            columns.put(column.trim(), new double[rows.size()]);
        }
        for (int r = 0; r < rows.size(); r++) {
            String[] cells = rows.get(r).split(",", -1);
            if (cells.length != header.length) {
                throw new IllegalArgumentException(file + " line " + (r + 2) + ": " + cells.length + " values but the"
                        + " header has " + header.length + " columns");
            }
            for (int c = 0; c < header.length; c++) {
                columns.get(header[c].trim())[r] = number(file, r + 2, header[c].trim(), cells[c].trim());
            }
        }
        return columns;
    }

    private static double number(Path file, int line, String column, String cell) {
        if (cell.isEmpty()) {
            return Double.NaN; // not measured that epoch, e.g. no validation set
        }
        try {
            return Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + " line " + line + ", column " + column + ": '" + cell
                    + "' is not a number");
        }
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static JsonNode readTree(ObjectMapper mapper, Path file) {
        try {
            return mapper.readTree(file.toFile());
        } catch (JacksonException e) {
            throw new IllegalArgumentException(file + " cannot be read: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
