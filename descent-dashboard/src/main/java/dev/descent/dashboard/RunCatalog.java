package dev.descent.dashboard;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The runs and reports under the served directories, kept current by one watcher thread: every
 * {@value #POLL_MILLIS} ms it polls each run's files (a few {@code stat} calls when nothing
 * changed, so a training run beside it loses nothing measurable), and every
 * {@value #SCAN_EVERY} polls it looks for runs and reports that appeared or went away.
 *
 * <p>A run directory holds {@code config.yaml} and {@code metrics.csv}; the search goes
 * {@value #MAX_DEPTH} levels down (a tuning's trials sit at {@code tune-…/trials/trial-001}), never
 * into a run, a hidden folder or a symbolic link, and stops after {@value #MAX_FOLDERS} folders, so
 * serving a large tree by mistake costs little. A report is a tuning's {@code results.html}, an
 * experiment's or {@code descent report}'s {@code report.html}, or an experiment suite's
 * {@code index.html}.
 */
final class RunCatalog implements AutoCloseable {
    static final int POLL_MILLIS = 200;
    static final int SCAN_EVERY = 5;
    static final int MAX_DEPTH = 4;
    static final int MAX_FOLDERS = 5_000;

    /** Told of every change, on the watcher thread. */
    interface Listener {
        void runsChanged();

        void rowsAdded(WatchedRun run, String file, int from, List<double[]> rows);

        void restarted(String runId);
    }

    private final List<Path> roots;
    private final Listener listener;
    private final Map<String, WatchedRun> runs = new LinkedHashMap<>();
    private List<Map<String, Object>> reports = List.of();
    private final ScheduledExecutorService watcher;
    private long version;
    private int ticks;

    RunCatalog(List<Path> roots, Listener listener) {
        this.roots = List.copyOf(roots);
        this.listener = listener;
        this.watcher = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "descent-dashboard-watcher");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Reads everything once, then follows it in the background. */
    void start() {
        tick();
        watcher.scheduleWithFixedDelay(this::tick, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        watcher.shutdownNow();
    }

    private void tick() {
        try {
            if (ticks++ % SCAN_EVERY == 0) {
                scan();
            }
            boolean changed = false;
            for (WatchedRun run : snapshot()) {
                changed |= poll(run);
            }
            if (changed) {
                bump();
            }
        } catch (RuntimeException e) {
            // one bad tick never stops the watcher; the next one tries again
        }
    }

    private boolean poll(WatchedRun run) {
        WatchedRun.Changes changes;
        try {
            changes = run.poll();
        } catch (IOException | RuntimeException e) {
            return false; // deleted mid-read, say: the next scan notices
        }
        if (changes.restarted()) {
            listener.restarted(run.id());
        } else {
            if (!changes.epochRows().isEmpty()) {
                listener.rowsAdded(run, "epochs", changes.epochFrom(), changes.epochRows());
            }
            if (!changes.stepRows().isEmpty()) {
                listener.rowsAdded(run, "steps", changes.stepFrom(), changes.stepRows());
            }
        }
        return changes.summary() || changes.restarted();
    }

    private void scan() {
        Map<String, Path> found = new LinkedHashMap<>();
        List<Map<String, Object>> foundReports = new ArrayList<>();
        for (int r = 0; r < roots.size(); r++) {
            walk(r, roots.get(r), found, foundReports);
        }
        foundReports.sort(Comparator.comparing((Map<String, Object> m) -> String.valueOf(m.get("modified")))
                .reversed());
        List<String> gone = new ArrayList<>();
        List<WatchedRun> added = new ArrayList<>();
        boolean reportsChanged;
        synchronized (this) {
            for (String id : List.copyOf(runs.keySet())) {
                if (!found.containsKey(id)) {
                    runs.remove(id);
                    gone.add(id);
                }
            }
            for (Map.Entry<String, Path> entry : found.entrySet()) {
                if (!runs.containsKey(entry.getKey())) {
                    String id = entry.getKey();
                    int root = Integer.parseInt(id.substring(0, id.indexOf('/')));
                    WatchedRun run = new WatchedRun(root, id.substring(id.indexOf('/') + 1), entry.getValue());
                    runs.put(id, run);
                    added.add(run);
                }
            }
            reportsChanged = !foundReports.equals(reports);
            reports = List.copyOf(foundReports);
        }
        gone.forEach(listener::restarted);
        added.forEach(this::poll);
        if (!gone.isEmpty() || !added.isEmpty() || reportsChanged) {
            bump();
        }
    }

    private void walk(int root, Path base, Map<String, Path> runsFound, List<Map<String, Object>> reportsFound) {
        Deque<Path> folders = new ArrayDeque<>();
        folders.add(base);
        int visited = 0;
        while (!folders.isEmpty() && visited++ < MAX_FOLDERS) {
            Path folder = folders.removeFirst();
            String relative = base.relativize(folder).toString().replace('\\', '/');
            if (isRun(folder)) {
                runsFound.put(root + "/" + relative, folder);
                continue;
            }
            int depth = relative.isEmpty() ? 0 : relative.split("/").length;
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
                for (Path entry : entries) {
                    String name = entry.getFileName().toString();
                    if (name.startsWith(".")) {
                        continue;
                    }
                    if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                        if (depth < MAX_DEPTH) {
                            folders.add(entry);
                        }
                    } else if (Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
                        String kind = reportKind(folder, name);
                        if (kind != null) {
                            reportsFound.add(report(root, relative, folder, name, kind, entry));
                        }
                    }
                }
            } catch (IOException | RuntimeException e) {
                // a folder removed or unreadable while listed: skipped this time
            }
        }
    }

    static boolean isRun(Path folder) {
        return Files.isRegularFile(folder.resolve("config.yaml")) && Files.isRegularFile(folder.resolve("metrics.csv"));
    }

    private static String reportKind(Path folder, String name) {
        switch (name) {
            case "results.html":
                return Files.exists(folder.resolve("trials.csv")) ? "tune" : null;
            case "report.html":
                return Files.exists(folder.resolve("results.json")) ? "experiment" : "report";
            case "index.html":
                return "experiments";
            default:
                return null;
        }
    }

    private static Map<String, Object> report(int root, String relative, Path folder, String file, String kind,
                                              Path path) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("kind", kind);
        report.put("name", relative.isEmpty() ? String.valueOf(folder.getFileName()) : relative);
        String inRoot = relative.isEmpty() ? file : relative + "/" + file;
        report.put("url", "/files/" + root + "/" + PercentCoding.encodePath(inRoot));
        String modified = null;
        try {
            modified = Files.getLastModifiedTime(path).toInstant().toString();
        } catch (IOException e) {
            // removed meanwhile
        }
        report.put("modified", modified);
        return report;
    }

    private void bump() {
        synchronized (this) {
            version++;
        }
        listener.runsChanged(); // outside the lock: the listener reads the summaries back
    }

    /** Changes with every change to the list of runs, a run's summary, or the reports. */
    synchronized long version() {
        return version;
    }

    synchronized List<WatchedRun> snapshot() {
        return List.copyOf(runs.values());
    }

    synchronized WatchedRun run(String id) {
        return runs.get(id);
    }

    synchronized List<Map<String, Object>> reports() {
        return reports;
    }

    /** The runs list: each run's summary, the newest start first. */
    List<Map<String, Object>> summaries() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (WatchedRun run : snapshot()) {
            rows.add(run.summary());
        }
        rows.sort(Comparator.comparing((Map<String, Object> m) -> m.get("started") == null ? Instant.EPOCH.toString()
                : (String) m.get("started")).reversed());
        return rows;
    }

    List<Path> roots() {
        return roots;
    }
}
