package dev.descent.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.descent.cli.config.ConfigWriter;
import dev.descent.cli.config.RunConfig;
import dev.descent.io.AtomicFileWriter;
import dev.descent.model.ModelBundle;
import dev.descent.nn.Layer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What a run leaves behind, in {@code runs/<name>-<timestamp>/} (or a given directory):
 * {@code config.yaml} (fully resolved), {@code metrics.csv} and {@code metrics.jsonl} (one row
 * per epoch, written as soon as the epoch ends), {@code metrics-steps.csv} (rows within epochs, see
 * {@link StepMetricsLog}), {@code model.safetensors}, {@code checkpoints/}, {@code summary.json} (with a
 * classification run's per-class test report and confusion matrix, {@code test_report}) and
 * {@code plots/} (see {@link RunPlots}), and {@code status.json}: whether the run is running, finished,
 * diverged or failed, with its process id and times (see {@link RunStatus}), written when training starts
 * and again when it ends.
 *
 * <p>Runs never clobber runs: a new timestamped directory is created atomically (create or
 * fail, then the next numbered suffix), a directory being trained in is locked ({@code .lock},
 * an OS lock, so a killed process leaves no lock behind), every file is written beside its
 * place and renamed into it, and an explicit directory that already holds a run is refused
 * unless it is continued ({@code --resume DIR --run-dir DIR}) or replaced ({@code --overwrite};
 * see {@link Session#claim}).
 */
final class RunDirectory {
    static final List<String> METRIC_COLUMNS = List.of("epoch", "step", "lr", "train_loss", "val_loss", "val_accuracy",
            "gap", "samples_per_second", "seconds");
    /** The files whose presence means a directory holds a run. */
    static final List<String> RUN_MARKERS = List.of("config.yaml", "metrics.csv", "model.safetensors");
    /** Every file a run writes at the top of its directory (what --overwrite removes, with checkpoints/ and plots/). */
    private static final List<String> RUN_FILES = List.of("config.yaml", "metrics.csv", "metrics.jsonl",
            StepMetricsLog.FILE, "model.safetensors", "summary.json", RunStatus.FILE);
    static final String LOCK_FILE = ".lock";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper JSON_LINE = new ObjectMapper();
    private static final ThreadLocal<Session> SESSION = new ThreadLocal<>();
    /** Locks taken outside any session: held until the process ends. */
    private static final List<FileChannel> UNSCOPED = new ArrayList<>();
    private final Path directory;

    private RunDirectory(Path directory) {
        this.directory = directory;
    }

    /**
     * Creates {@code explicit}, or a fresh {@code <dir>/<name>-<timestamp>} folder, locks it for this run and writes
     * the config. The lock is held until the {@link Session} open in this thread closes (or the process ends).
     */
    static RunDirectory create(Path explicit, RunConfig config, String defaultName) {
        Session session = SESSION.get();
        boolean fresh = explicit == null || !Files.exists(explicit);
        Path directory = explicit != null ? createExplicit(explicit) : createFresh(config, defaultName);
        boolean appending = session != null && session.continues(directory);
        if (session != null && session.replaces(directory)) {
            deleteRun(directory);
        }
        if (session == null || !session.holds(directory)) {
            FileChannel lock = lock(directory);
            if (session != null) {
                session.add(directory, lock);
            } else {
                synchronized (UNSCOPED) {
                    UNSCOPED.add(lock);
                }
            }
        }
        try {
            try {
                Files.createDirectories(directory.resolve("checkpoints"));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create " + directory.resolve("checkpoints") + " (" + FileErrors.reason(e)
                        + "); pass a writable run directory with --run-dir", e);
            }
            writeAtomically(directory.resolve("config.yaml"), ConfigWriter.toYaml(config));
            if (!appending || !Files.exists(directory.resolve("metrics.csv"))) {
                writeAtomically(directory.resolve("metrics.csv"), String.join(",", METRIC_COLUMNS) + "\n");
            }
            if (!appending) {
                writeAtomically(directory.resolve("metrics.jsonl"), "");
            }
        } catch (RuntimeException e) {
            if (fresh) {
                removeQuietly(directory); // a full disk at the start leaves no empty run behind
            }
            throw e;
        }
        return new RunDirectory(directory);
    }

    /** Best effort: deletes a directory this run created before it held anything of value. */
    private static void removeQuietly(Path directory) {
        for (String name : List.of("config.yaml", "metrics.csv", "metrics.jsonl", "checkpoints", LOCK_FILE, "")) {
            try {
                Files.deleteIfExists(directory.resolve(name));
            } catch (IOException ignored) {
                // not empty or not ours: left as it is
            }
        }
    }

    private static Path createExplicit(Path directory) {
        try {
            Files.createDirectories(directory);
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the run directory " + directory + " (" + FileErrors.reason(e)
                    + "); pass a writable one with --run-dir", e);
        }
    }

    /** {@code <run.dir>/<name>-<stamp>}, or {@code -2}, {@code -3}…: created here, so never shared with another run. */
    private static Path createFresh(RunConfig config, String defaultName) {
        String name = config.run().name() != null ? config.run().name() : defaultName;
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path parent = Path.of(config.run().dir());
        try {
            Files.createDirectories(parent);
            for (int i = 1; ; i++) {
                Path candidate = parent.resolve(name + "-" + stamp + (i == 1 ? "" : "-" + i));
                try {
                    return Files.createDirectory(candidate);
                } catch (FileAlreadyExistsException taken) {
                    // another run has it: try the next suffix
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a run directory in " + parent + " (" + FileErrors.reason(e)
                    + "); pass a writable one with --run-dir", e);
        }
    }

    /** Takes {@code directory/.lock}; a lock file left by a process that died does not count, only a held lock. */
    private static FileChannel lock(Path directory) {
        Path file = directory.resolve(LOCK_FILE);
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the lock file " + file + " (" + FileErrors.reason(e)
                    + "); pass a writable run directory with --run-dir", e);
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by this process
        } catch (IOException e) {
            close(channel);
            throw new UncheckedIOException("cannot lock " + file + " (" + FileErrors.reason(e) + ")", e);
        }
        if (lock == null) {
            close(channel);
            throw new IllegalStateException(directory + " is in use by another training run (lock file " + file
                    + "); wait for it or choose another --run-dir");
        }
        return channel;
    }

    private static void close(FileChannel channel) {
        try {
            channel.close(); // releases its lock
        } catch (IOException ignored) {
            // nothing left to release
        }
    }

    /** Opens a session in this thread: the run directories created (or claimed) in it stay locked until it closes. */
    static Session session() {
        Session session = new Session(SESSION.get());
        SESSION.set(session);
        return session;
    }

    /** The locks of one run (or one trial), released together when it ends. */
    static final class Session implements AutoCloseable {
        private final Session outer;
        private final Map<Path, FileChannel> locks = new LinkedHashMap<>();
        private Path continued;
        private Path replaced;

        private Session(Session outer) {
            this.outer = outer;
        }

        /**
         * Claims the explicit {@code --run-dir} before any work: locks it if it exists, refuses it when it already holds
         * a run (unless that run is being continued with {@code --resume} in place, or {@code overwrite} replaces it),
         * and with {@code overwrite} marks the old run for deletion: only the files a run writes, deleted when the new
         * run starts writing, after its data and settings were checked.
         */
        void claim(Path runDir, Path resume, boolean overwrite) {
            boolean inPlace = resume != null && inside(resume, runDir);
            if (inPlace && overwrite) {
                throw new IllegalArgumentException("--overwrite would delete the checkpoints --resume " + resume
                        + " continues from; give one of them");
            }
            if (inPlace) {
                continued = key(runDir);
            }
            if (!Files.isDirectory(runDir)) {
                return; // created (and locked) when the run starts
            }
            refuseAHeldRun(runDir, inPlace || overwrite); // before the lock: a refused directory is left as it was
            add(runDir, lock(runDir));
            refuseAHeldRun(runDir, inPlace || overwrite); // a run may have finished there meanwhile
            if (overwrite) {
                replaced = key(runDir); // deleted when the new run starts writing, after its data and settings passed
            }
        }

        private static void refuseAHeldRun(Path runDir, boolean allowed) {
            List<String> present = RUN_MARKERS.stream().filter(f -> Files.exists(runDir.resolve(f))).toList();
            if (!present.isEmpty() && !allowed) {
                if (Files.exists(runDir.resolve(LOCK_FILE))) {
                    RunDirectory.close(lock(runDir)); // a run still training there is reported as such
                }
                throw new IllegalArgumentException("--run-dir " + runDir + " already holds a run (" + String.join(", ",
                        present) + "); choose another directory, continue it with --resume " + runDir
                        + ", or replace it with --overwrite");
            }
        }

        /** Whether {@code directory} holds an old run that {@code --overwrite} replaces; true once. */
        private boolean replaces(Path directory) {
            if (replaced != null && replaced.equals(key(directory))) {
                replaced = null;
                return true;
            }
            return false;
        }

        private boolean continues(Path directory) {
            return continued != null && continued.equals(key(directory));
        }

        private boolean holds(Path directory) {
            return locks.containsKey(key(directory));
        }

        private void add(Path directory, FileChannel lock) {
            locks.put(key(directory), lock);
        }

        @Override
        public void close() {
            locks.values().forEach(RunDirectory::close);
            locks.clear();
            SESSION.set(outer);
        }
    }

    private static Path key(Path directory) {
        return directory.toAbsolutePath().normalize();
    }

    private static boolean inside(Path file, Path directory) {
        return key(file).startsWith(key(directory));
    }

    /** Deletes what a run writes — its files, its checkpoints and plots — and nothing else in {@code directory}. */
    private static void deleteRun(Path directory) {
        for (String file : RUN_FILES) {
            delete(directory.resolve(file));
        }
        deleteFiles(directory, name -> name.startsWith(".") && name.endsWith(".tmp"));
        deleteFiles(directory.resolve("checkpoints"), name -> name.endsWith(".safetensors") || name.endsWith(".tmp"));
        deleteFiles(directory.resolve("plots"), name -> name.endsWith(".png") || name.endsWith(".svg")
                || name.endsWith(".tmp"));
        deleteIfEmpty(directory.resolve("checkpoints"));
        deleteIfEmpty(directory.resolve("plots"));
    }

    private static void deleteFiles(Path directory, Predicate<String> written) {
        if (!Files.isDirectory(directory)) {
            return;
        }
        List<Path> doomed = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                if (Files.isRegularFile(file) && written.test(file.getFileName().toString())) {
                    doomed.add(file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("--overwrite: cannot list " + directory + " (" + FileErrors.reason(e) + ")", e);
        }
        doomed.forEach(RunDirectory::delete);
    }

    private static void deleteIfEmpty(Path directory) {
        try {
            Files.deleteIfExists(directory);
        } catch (DirectoryNotEmptyException kept) {
            // holds files no run wrote: left alone
        } catch (IOException e) {
            throw new UncheckedIOException("--overwrite: cannot delete " + directory + " (" + FileErrors.reason(e) + ")", e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("--overwrite: cannot delete " + file + " (" + FileErrors.reason(e) + ")", e);
        }
    }

    /** Writes {@code text} to a temporary file beside {@code file}, then renames it into place; no half-written file. */
    static void writeAtomically(Path file, String text) {
        try {
            AtomicFileWriter.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + " (" + FileErrors.reason(e) + ")", e);
        }
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
        append("metrics.csv", csv + "\n");
        try {
            append("metrics.jsonl", JSON_LINE.writeValueAsString(row) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code model.safetensors}: the weights with the bundle that makes them a usable model. */
    void writeModel(Layer model, ModelBundle bundle) {
        Path file = directory.resolve("model.safetensors");
        try {
            bundle.save(model, file); // atomic, like every safetensors write
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + " (" + FileErrors.reason(e) + ")", e);
        }
    }

    void writeSummary(Map<String, Object> summary) {
        writeJson("summary.json", summary);
    }

    /** Writes {@code values} as indented JSON to {@code file} in this directory, atomically. */
    void writeJson(String file, Map<String, Object> values) {
        String json;
        try {
            json = JSON.writeValueAsString(values) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + directory.resolve(file) + ": " + e.getMessage(), e);
        }
        writeAtomically(directory.resolve(file), json);
    }

    private void append(String file, String text) {
        try {
            Files.writeString(directory.resolve(file), text, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + directory.resolve(file) + " (" + FileErrors.reason(e) + ")", e);
        }
    }

    /** A map preserving insertion order, for JSON with a stable key order. */
    static Map<String, Object> ordered() {
        return new LinkedHashMap<>();
    }
}
