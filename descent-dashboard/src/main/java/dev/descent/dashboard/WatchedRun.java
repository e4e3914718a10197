package dev.descent.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One run directory as the dashboard follows it: the epoch rows of {@code metrics.jsonl} and the
 * within-epoch rows of {@code metrics-steps.csv}, read by offset as they grow ({@link LineTail}),
 * and {@code config.yaml}, {@code status.json} and {@code summary.json}, read again when they
 * change. Its methods are called by the catalog's watcher thread ({@link #poll}) and by request
 * threads (the rest), hence synchronized.
 */
final class WatchedRun {
    /** The epoch rows' columns: {@code metrics.jsonl}'s keys, then the wall time at each epoch's end. */
    static final List<String> EPOCH_COLUMNS = List.of("epoch", "step", "lr", "train_loss", "val_loss", "val_accuracy",
            "gap", "samples_per_second", "seconds", "elapsed_seconds");
    /** The step rows' columns, as {@code metrics-steps.csv} writes them. */
    static final List<String> STEP_COLUMNS = List.of("step", "epoch", "examples_seen", "train_loss", "lr",
            "elapsed_seconds");
    private static final int EPOCH_SECONDS = EPOCH_COLUMNS.indexOf("seconds");
    private static final int EPOCH_ELAPSED = EPOCH_COLUMNS.indexOf("elapsed_seconds");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();

    /** What one poll found new. */
    record Changes(boolean summary, boolean restarted, List<double[]> epochRows, int epochFrom,
                   List<double[]> stepRows, int stepFrom) {
    }

    private final String id;
    private final String name;
    private final int root;
    private final String relative;
    private final Path directory;
    private final LineTail epochTail;
    private final LineTail stepTail;
    private final WatchedFile configFile;
    private final WatchedFile statusFile;
    private final WatchedFile summaryFile;

    private final List<double[]> epochs = new ArrayList<>();
    private final List<double[]> steps = new ArrayList<>();
    /** Where each of {@link #STEP_COLUMNS} is in the steps file's header; -1 where absent. */
    private int[] stepColumnAt;
    private double elapsed;
    private int skippedLines;
    private Map<String, String> config = Map.of();
    private JsonNode status;
    private JsonNode summary;
    private String lastStatus = "";
    private long checkedPid;
    private long checkedAt;
    private boolean checkedAlive;
    /** When a file of the run last changed (ms since the epoch). */
    private long lastChange;

    WatchedRun(int root, String relative, Path directory) {
        this.root = root;
        this.name = relative.isEmpty() ? String.valueOf(directory.getFileName()) : relative;
        this.relative = relative;
        this.id = id(root, relative);
        this.directory = directory;
        this.epochTail = new LineTail(directory.resolve("metrics.jsonl"));
        this.stepTail = new LineTail(directory.resolve("metrics-steps.csv"));
        this.configFile = new WatchedFile(directory.resolve("config.yaml"));
        this.statusFile = new WatchedFile(directory.resolve("status.json"));
        this.summaryFile = new WatchedFile(directory.resolve("summary.json"));
    }

    String id() {
        return id;
    }

    String name() {
        return name;
    }

    /** A run's id: its served directory's number and its path relative to it, {@code 0/fashion-mnist-mlp-…}. */
    static String id(int root, String relative) {
        return root + "/" + relative;
    }

    /** The path relative to the served directory ("" for a served directory that is itself the run). */
    String relative() {
        return relative;
    }

    int root() {
        return root;
    }

    Path directory() {
        return directory;
    }

    /** Reads what changed since the last poll. */
    synchronized Changes poll() throws IOException {
        boolean summaryChanged = false;
        if (configFile.changed()) {
            JsonNode tree = configFile.read(YAML);
            config = tree == null ? Map.of() : ConfigTree.flatten(tree);
            summaryChanged = true;
        }
        if (statusFile.changed()) {
            status = statusFile.read(JSON);
            summaryChanged = true;
        }
        if (summaryFile.changed()) {
            summary = summaryFile.read(JSON);
            summaryChanged = true;
        }
        boolean restarted = false;
        LineTail.Poll epochPoll = epochTail.poll();
        if (epochPoll.restarted()) {
            epochs.clear();
            elapsed = 0;
            skippedLines = 0;
            restarted = true;
        }
        int epochFrom = epochs.size();
        List<double[]> newEpochs = new ArrayList<>();
        for (String line : epochPoll.lines()) {
            double[] row = epochRow(line);
            if (row != null) {
                newEpochs.add(row);
            }
        }
        epochs.addAll(newEpochs);
        LineTail.Poll stepPoll = stepTail.poll();
        if (stepPoll.restarted()) {
            steps.clear();
            stepColumnAt = null;
            restarted = true;
        }
        int stepFrom = steps.size();
        List<double[]> newSteps = new ArrayList<>();
        for (String line : stepPoll.lines()) {
            double[] row = stepRow(line);
            if (row != null) {
                newSteps.add(row);
            }
        }
        steps.addAll(newSteps);
        String nowStatus = status();
        if (!nowStatus.equals(lastStatus) || !newEpochs.isEmpty()) {
            summaryChanged = true; // a status the process's end changed, or a new best metric
            lastStatus = nowStatus;
        }
        lastChange = Math.max(Math.max(epochTail.modifiedMillis(), stepTail.modifiedMillis()),
                Math.max(statusFile.modified, summaryFile.modified));
        return new Changes(summaryChanged, restarted, newEpochs, epochFrom, newSteps, stepFrom);
    }

    /** One {@code metrics.jsonl} line as a row of {@link #EPOCH_COLUMNS}; null (and counted) when it is not JSON. */
    private double[] epochRow(String line) {
        if (line.isBlank()) {
            return null;
        }
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (IOException e) {
            skippedLines++; // a line cut short by a killed run, then continued by a resumed one
            return null;
        }
        if (node == null || !node.isObject()) {
            skippedLines++;
            return null;
        }
        double[] row = new double[EPOCH_COLUMNS.size()];
        for (int c = 0; c < row.length; c++) {
            JsonNode value = node.get(EPOCH_COLUMNS.get(c));
            row[c] = value != null && value.isNumber() ? value.asDouble() : Double.NaN;
        }
        // runs since issue 15 write the wall time since training started, validation included, as the step rows
        // do; for older ones, the sum of the epochs' seconds (training time only) stands in
        double seconds = row[EPOCH_SECONDS];
        if (Double.isFinite(seconds)) {
            elapsed += seconds;
        }
        if (Double.isNaN(row[EPOCH_ELAPSED])) {
            row[EPOCH_ELAPSED] = elapsed;
        }
        return row;
    }

    /** One {@code metrics-steps.csv} line as a row of {@link #STEP_COLUMNS}; the header sets where each is. */
    private double[] stepRow(String line) {
        if (line.isBlank()) {
            return null;
        }
        String[] cells = line.split(",", -1);
        if (stepColumnAt == null) {
            stepColumnAt = new int[STEP_COLUMNS.size()];
            List<String> header = Arrays.asList(cells);
            for (int c = 0; c < stepColumnAt.length; c++) {
                stepColumnAt[c] = header.indexOf(STEP_COLUMNS.get(c));
            }
            return null;
        }
        double[] row = new double[STEP_COLUMNS.size()];
        for (int c = 0; c < row.length; c++) {
            int at = stepColumnAt[c];
            row[c] = at >= 0 && at < cells.length ? parse(cells[at]) : Double.NaN;
        }
        return row;
    }

    private static double parse(String cell) {
        if (cell.isEmpty()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /**
     * running, finished, failed or diverged, as {@code status.json} says; stopped when it says running but its
     * process has ended (killed), or when there is no {@code status.json} (a run of an older version) and no summary.
     */
    synchronized String status() {
        if (status != null) {
            String said = status.path("status").asText("running");
            long pid = status.path("pid").asLong(-1);
            if ("running".equals(said) && !alive(pid, status.path("process_started").asText(""))) {
                return "stopped";
            }
            return said;
        }
        return summary != null ? "finished" : "stopped";
    }

    /**
     * Whether process {@code pid} runs, and is the one that wrote the status (its start time, when recorded, tells it
     * from a later process given the same pid); asked of the system at most once a second (it reads /proc on Linux).
     */
    private boolean alive(long pid, String processStarted) {
        if (pid <= 0) {
            return true; // no pid recorded: believe the file
        }
        long now = System.nanoTime();
        if (pid != checkedPid || now - checkedAt > 1_000_000_000L) {
            checkedPid = pid;
            checkedAt = now;
            checkedAlive = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(process -> sameStart(process, processStarted)).isPresent();
        }
        return checkedAlive;
    }

    private static boolean sameStart(ProcessHandle process, String recorded) {
        if (recorded.isEmpty()) {
            return true; // written by an earlier version, or where the system does not say
        }
        try {
            Instant then = Instant.parse(recorded);
            return process.info().startInstant().map(at -> Math.abs(at.toEpochMilli() - then.toEpochMilli()) < 1_000)
                    .orElse(true);
        } catch (java.time.format.DateTimeParseException e) {
            return true;
        }
    }

    private String message(String state) {
        if (status != null && status.hasNonNull("message")) {
            return status.get("message").asText();
        }
        if ("stopped".equals(state)) {
            return status != null
                    ? "its process (pid " + status.path("pid").asLong() + ") ended before the run finished: killed?"
                    : "no status.json and no summary.json: stopped before it finished, or written by an older version";
        }
        return null;
    }

    /** The row of the runs list (see the dashboard's docs for its fields). */
    synchronized Map<String, Object> summary() {
        Map<String, Object> s = new LinkedHashMap<>();
        String state = status();
        s.put("id", id);
        s.put("name", name);
        s.put("status", state);
        s.put("message", message(state));
        s.put("started", started());
        s.put("updated", lastChange == 0 ? null : Instant.ofEpochMilli(lastChange).toString());
        s.put("task", config.getOrDefault("task", summary == null ? "classification"
                : summary.path("task").asText("classification")));
        s.put("epochs_done", epochs.size());
        s.put("epochs", status != null && status.has("epochs") ? (Object) status.get("epochs").asInt()
                : integer(config.get("training.epochs")));
        s.put("settings", settings());
        s.put("best_val_accuracy", Json.number(extreme("val_accuracy", true)));
        s.put("best_val_loss", Json.number(extreme("val_loss", false)));
        s.put("test_accuracy", Json.number(summaryNumber("test_accuracy")));
        s.put("test_loss", Json.number(summaryNumber("test_loss")));
        s.put("last_train_loss", epochs.isEmpty() ? null
                : Json.number(epochs.get(epochs.size() - 1)[EPOCH_COLUMNS.indexOf("train_loss")]));
        if (skippedLines > 0) {
            s.put("skipped_lines", skippedLines);
        }
        return s;
    }

    private String started() {
        if (status != null && status.hasNonNull("started")) {
            return status.get("started").asText();
        }
        try {
            return Files.getLastModifiedTime(directory.resolve("config.yaml")).toInstant().toString();
        } catch (IOException e) {
            return null;
        }
    }

    private Map<String, String> settings() {
        Map<String, String> s = new LinkedHashMap<>();
        String dataset = config.get("data.dataset");
        for (String source : List.of("data.csv", "data.libsvm")) {
            String file = config.get(source);
            if (file != null && !"null".equals(file)) {
                dataset = Path.of(file).getFileName().toString();
            }
        }
        putIfSet(s, "dataset", dataset);
        String kind = config.get("model.kind");
        String hidden = config.get("model.hidden");
        putIfSet(s, "model", kind == null ? null : "mlp".equals(kind) && hidden != null ? kind + " " + hidden : kind);
        putIfSet(s, "optimizer", config.get("optimizer.name"));
        putIfSet(s, "lr", config.get("optimizer.lr"));
        putIfSet(s, "batch_size", config.get("training.batch_size"));
        putIfSet(s, "schedule", config.get("schedule.name"));
        return s;
    }

    private static void putIfSet(Map<String, String> map, String key, String value) {
        if (value != null && !"null".equals(value)) {
            map.put(key, value);
        }
    }

    private static Integer integer(String text) {
        try {
            return text == null ? null : Integer.valueOf(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private double extreme(String column, boolean largest) {
        int c = EPOCH_COLUMNS.indexOf(column);
        double best = Double.NaN;
        for (double[] row : epochs) {
            double v = row[c];
            if (Double.isFinite(v) && (Double.isNaN(best) || (largest ? v > best : v < best))) {
                best = v;
            }
        }
        return best;
    }

    private double summaryNumber(String key) {
        JsonNode value = summary == null ? null : summary.get(key);
        return value != null && value.isNumber() ? value.asDouble() : Double.NaN;
    }

    synchronized Map<String, String> config() {
        return config;
    }

    /** Everything the run page shows: the summary row, the config, both tables of rows, the test report, plots. */
    synchronized Map<String, Object> detail(String filesPrefix) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("run", summary());
        List<List<String>> pairs = new ArrayList<>();
        config.forEach((key, value) -> pairs.add(List.of(key, value)));
        d.put("config", pairs);
        d.put("epochs", table(EPOCH_COLUMNS, epochs, 0));
        d.put("steps", table(STEP_COLUMNS, steps, 0));
        d.put("test_report", summary == null || !summary.has("test_report") ? null : summary.get("test_report"));
        d.put("plots", plots(filesPrefix));
        return d;
    }

    /** Rows as JSON arrays, NaN as null. */
    static List<List<Double>> rows(List<double[]> rows) {
        List<List<Double>> out = new ArrayList<>(rows.size());
        for (double[] row : rows) {
            List<Double> cells = new ArrayList<>(row.length);
            for (double v : row) {
                cells.add(Json.number(v));
            }
            out.add(cells);
        }
        return out;
    }

    private static Map<String, Object> table(List<String> columns, List<double[]> rows, int from) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("columns", columns);
        t.put("rows", rows(rows.subList(from, rows.size())));
        return t;
    }

    private List<Map<String, String>> plots(String filesPrefix) {
        List<Map<String, String>> plots = new ArrayList<>();
        Path folder = directory.resolve("plots");
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return plots;
        }
        try (var files = Files.list(folder)) {
            files.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)).map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".png")).sorted().forEach(n -> {
                Map<String, String> plot = new LinkedHashMap<>();
                plot.put("name", n);
                plot.put("url", filesPrefix + "plots/" + PercentCoding.encodeSegment(n));
                plots.add(plot);
            });
        } catch (IOException e) {
            // a plot folder being written or removed: no plots this time
        }
        return plots;
    }

    /** A small file read again, whole, when its size or time changes. */
    private static final class WatchedFile {
        private final Path file;
        private long size = -1;
        private long modified;

        WatchedFile(Path file) {
            this.file = file;
        }

        boolean changed() throws IOException {
            try {
                // the link itself, not what it points at: a run's files are its own (a link reads as absent)
                BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (!a.isRegularFile()) {
                    throw new NoSuchFileException(file.toString());
                }
                long m = a.lastModifiedTime().toMillis();
                if (a.size() == size && m == modified) {
                    return false;
                }
                size = a.size();
                modified = m;
                return true;
            } catch (NoSuchFileException e) {
                boolean was = size >= 0;
                size = -1;
                modified = 0;
                return was;
            }
        }

        /** The file's tree; null when it is absent or not (yet) readable as a whole. */
        JsonNode read(ObjectMapper mapper) {
            try (var in = size < 0 ? null : Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
                return in == null ? null : mapper.readTree(in);
            } catch (IOException e) {
                size = -1; // read again at the next poll
                return null;
            }
        }
    }
}
