package dev.descent.dashboard;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The runs and reports under the served directories, kept current by one watcher thread. It reads
 * a run as soon as the file system reports a change in its directory (inotify on Linux), and polls
 * each run's files anyway (a few {@code stat} calls when nothing changed), in case such a report was
 * lost: every {@value #WATCHED_POLL_MILLIS} ms, or every {@value #POLL_MILLIS} ms where the reports
 * cannot be relied on (no change reports, the JDK's polling fall-back, or a run that could not be
 * registered). Every {@value #SCAN_MILLIS} ms it looks for runs and reports that
 * appeared or went away.
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
    static final int WATCHED_POLL_MILLIS = 1_000;
    static final int SCAN_MILLIS = 1_000;
    static final int REFRESH_MILLIS = 200;
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
    /** The runs' directories as the file system reports their changes (inotify on Linux); null where unsupported. */
    private final WatchService changes;
    private final Map<WatchKey, WatchedRun> watched = new HashMap<>();
    private final Thread watcher;
    /**
     * Held while the catalog reads files and tells the listener: by the watcher, and by a request that asks for a
     * run not yet seen ({@link #refresh}), so that events reach the pages in the order the changes were read.
     */
    private final Object updating = new Object();
    /** Whether the file system's change reports can be relied on (some runs not registered, or a polling service). */
    private volatile boolean reportsReliable;
    private volatile boolean closed;
    /** When the last scan started (System.nanoTime); written under {@link #updating}. */
    private volatile long lastScan = System.nanoTime() - SCAN_MILLIS * 1_000_000L;

    RunCatalog(List<Path> roots, Listener listener) {
        this.roots = List.copyOf(roots);
        this.listener = listener;
        WatchService service;
        try {
            service = roots.isEmpty() ? null : roots.get(0).getFileSystem().newWatchService();
        } catch (IOException | UnsupportedOperationException e) {
            service = null; // polling alone still finds every change, up to POLL_MILLIS later
        }
        this.changes = service;
        // the JDK's fall-back service polls (every 10 s on macOS): no quicker than polling here
        this.reportsReliable = service != null && !service.getClass().getName().contains("Polling");
        this.watcher = new Thread(this::follow, "descent-dashboard-watcher");
        watcher.setDaemon(true);
    }

    /** Reads everything once, then follows it in the background. */
    void start() {
        tick();
        watcher.start();
    }

    @Override
    public void close() {
        closed = true;
        watcher.interrupt();
        if (changes != null) {
            try {
                changes.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }

    /**
     * The watcher thread: a run whose directory reports a change is read at once, so a new row reaches the pages in
     * milliseconds; every run is polled now and then anyway, since such reports can be lost or unsupported.
     */
    private void follow() {
        long nextTick = System.nanoTime() + period();
        while (!closed) {
            try {
                long wait = Math.max(1, (nextTick - System.nanoTime()) / 1_000_000L);
                WatchKey key = changes == null ? null : changes.poll(wait, TimeUnit.MILLISECONDS);
                if (changes == null) {
                    Thread.sleep(wait);
                }
                if (key != null) {
                    pollChanged(key);
                }
                if (System.nanoTime() - nextTick >= 0) {
                    tick();
                    nextTick = System.nanoTime() + period();
                }
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            } catch (RuntimeException e) {
                // one bad change never stops the watcher
            }
        }
    }

    /** How often every run is polled, in ns: rarely where change reports cover every run, often otherwise. */
    private long period() {
        return (reportsReliable ? WATCHED_POLL_MILLIS : POLL_MILLIS) * 1_000_000L;
    }

    private void pollChanged(WatchKey key) {
        synchronized (updating) {
            key.pollEvents();
            WatchedRun run;
            synchronized (this) {
                run = watched.get(key);
            }
            if (!key.reset()) { // the directory went away (or was replaced): watch the new one, if there is one
                synchronized (this) {
                    watched.remove(key);
                }
                if (run != null && Files.isDirectory(run.directory(), LinkOption.NOFOLLOW_LINKS)) {
                    watch(run);
                }
            }
            if (run != null && poll(run)) {
                bump();
            }
        }
    }

    private void watch(WatchedRun run) {
        if (changes == null) {
            return;
        }
        try {
            WatchKey key = run.directory().register(changes, StandardWatchEventKinds.ENTRY_CREATE,
                    StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
            synchronized (this) {
                watched.put(key, run);
            }
        } catch (IOException | RuntimeException e) {
            reportsReliable = false; // too many watches (the system's limit), say: every run is polled often
        }
    }

    private synchronized void unwatch(WatchedRun run) {
        watched.entrySet().removeIf(entry -> {
            if (entry.getValue() == run) {
                entry.getKey().cancel();
                return true;
            }
            return false;
        });
    }

    private void tick() {
        synchronized (updating) {
            try {
                if (System.nanoTime() - lastScan >= SCAN_MILLIS * 1_000_000L) {
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
    }

    private boolean poll(WatchedRun run) {
        WatchedRun.Changes changes;
        try {
            changes = run.poll();
        } catch (IOException | RuntimeException e) {
            return false; // deleted mid-read, say: the next scan notices
        }
        if (changes.restarted()) {
            if (!Files.isDirectory(run.directory())) {
                forget(run); // deleted: gone from the list now, not at the next scan
            }
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

    private void forget(WatchedRun run) {
        synchronized (this) {
            runs.remove(run.id(), run);
        }
        unwatch(run);
    }

    /**
     * Looks for new and removed runs now rather than at the next scan: a page asking for a run that appeared a moment
     * ago (train --serve prints the page as the run's directory is made) finds it. Scans start at least
     * {@value #REFRESH_MILLIS} ms apart (a request waits out the rest), so requests for unknown runs cannot keep the
     * disk busy; a scan that started after the request serves it too.
     */
    void refresh() {
        long asked = System.nanoTime();
        long wait = REFRESH_MILLIS * 1_000_000L - (asked - lastScan);
        if (wait > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        synchronized (updating) {
            if (lastScan - asked < 0) {
                scan();
            }
        }
    }

    private void scan() {
        lastScan = System.nanoTime();
        scanOnce();
    }

    private void scanOnce() {
        Map<String, RunFolder> found = new LinkedHashMap<>();
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
                    unwatch(runs.remove(id));
                    gone.add(id);
                }
            }
            for (Map.Entry<String, RunFolder> entry : found.entrySet()) {
                if (!runs.containsKey(entry.getKey())) {
                    RunFolder folder = entry.getValue();
                    WatchedRun run = new WatchedRun(folder.root(), folder.relative(), folder.path());
                    runs.put(entry.getKey(), run);
                    added.add(run);
                }
            }
            reportsChanged = !foundReports.equals(reports);
            reports = List.copyOf(foundReports);
        }
        gone.forEach(listener::restarted);
        added.forEach(this::watch);
        added.forEach(this::poll);
        if (!gone.isEmpty() || !added.isEmpty() || reportsChanged) {
            bump();
        }
    }

    /** A run directory a scan found: served directory number {@code root}, and the path relative to it. */
    private record RunFolder(int root, String relative, Path path) {
        String id() {
            return WatchedRun.id(root, relative);
        }
    }

    private void walk(int root, Path base, Map<String, RunFolder> runsFound, List<Map<String, Object>> reportsFound) {
        Deque<Path> folders = new ArrayDeque<>();
        folders.add(base);
        int visited = 0;
        while (!folders.isEmpty() && visited++ < MAX_FOLDERS) {
            Path folder = folders.removeFirst();
            String relative = base.relativize(folder).toString().replace('\\', '/');
            if (isRun(folder)) {
                RunFolder run = new RunFolder(root, relative, folder);
                runsFound.put(run.id(), run);
                Path report = folder.resolve("report.html"); // descent report of this one run
                if (Files.isRegularFile(report, LinkOption.NOFOLLOW_LINKS)) {
                    reportsFound.add(report(root, relative, folder, "report.html", "report", report));
                }
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

    /** A run's files are its own: links (to a file outside the served directories, say) do not count. */
    static boolean isRun(Path folder) {
        return Files.isRegularFile(folder.resolve("config.yaml"), LinkOption.NOFOLLOW_LINKS)
                && Files.isRegularFile(folder.resolve("metrics.csv"), LinkOption.NOFOLLOW_LINKS);
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
        listener.runsChanged();
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
}
