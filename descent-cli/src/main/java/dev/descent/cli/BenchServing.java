package dev.descent.cli;

import dev.descent.dashboard.Dashboard;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * {@code bench mlp --serve}: what serving the dashboard costs a training run, the difference
 * between this benchmark with and without it. While the steps are timed, a dashboard serves a
 * temporary run that a writer thread grows as a training run of one-second epochs grows its files
 * (see {@link #write}), and {@code pages} streams in this JVM read its events as open pages would.
 * The difference counts the watcher, the pushes and the readers (which in use are a browser's, in
 * another process), so it is an upper bound.
 */
final class BenchServing implements AutoCloseable {
    static final int WRITE_MILLIS = 1_000;
    static final int STEP_ROWS_PER_WRITE = 50;

    private final Path folder;
    private final PrintWriter err;
    private final Dashboard dashboard;
    private final Thread writer;
    private final List<Thread> readers = new ArrayList<>();
    private final ExecutorService clientThreads;
    private final AtomicLong events = new AtomicLong();
    private final AtomicLong rowsWritten = new AtomicLong();
    private final long startNanos = System.nanoTime();
    private volatile boolean running = true;

    private BenchServing(Path folder, Dashboard dashboard, int pages, PrintWriter err) {
        this.folder = folder;
        this.err = err;
        this.dashboard = dashboard;
        this.writer = new Thread(this::write, "bench-serve-writer");
        writer.setDaemon(true);
        writer.start();
        // the client's own threads end with this executor (HttpClient has no close() before JDK 21)
        clientThreads = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "bench-serve-client");
            thread.setDaemon(true);
            return thread;
        });
        HttpClient client = HttpClient.newBuilder().executor(clientThreads).build();
        URI stream = dashboard.uri().resolve("api/events?run=0%2Frun");
        for (int p = 0; p < pages; p++) {
            Thread reader = new Thread(() -> read(client, stream), "bench-serve-page-" + p);
            reader.setDaemon(true);
            reader.start();
            readers.add(reader);
        }
    }

    static BenchServing start(ServeOptions options, int pages, PrintWriter err) {
        if (pages < 1 || pages > 200) {
            throw new IllegalArgumentException("--serve-pages must be in 1..200, got " + pages);
        }
        try {
            Path folder = Files.createTempDirectory("descent-bench-serve");
            Path run = Files.createDirectory(folder.resolve("run"));
            Files.writeString(run.resolve("config.yaml"), "task: classification\ndata:\n  dataset: fashion-mnist\n"
                    + "model:\n  kind: mlp\n  hidden: [256, 128]\ntraining:\n  epochs: 1000\n");
            Files.writeString(run.resolve("metrics.csv"), "epoch,step,lr,train_loss,val_loss,val_accuracy,gap,"
                    + "samples_per_second,seconds\n");
            Files.writeString(run.resolve("metrics.jsonl"), "");
            Files.writeString(run.resolve("metrics-steps.csv"), "step,epoch,examples_seen,train_loss,lr,elapsed_seconds\n");
            Files.writeString(run.resolve("status.json"), "{\"status\":\"running\",\"pid\":" + ProcessHandle.current().pid()
                    + ",\"started\":\"" + Instant.now() + "\",\"epochs\":1000,\"message\":null}\n");
            PrintWriter quiet = new PrintWriter(java.io.Writer.nullWriter());
            Dashboard dashboard = options.start(List.of(folder), err == null ? quiet : err);
            if (err != null) {
                err.printf(Locale.ROOT, "serving  %s to %d page%s, a run growing every %d ms%n", dashboard.uri(),
                        pages, pages == 1 ? "" : "s", WRITE_MILLIS);
                err.flush();
            }
            BenchServing serving = new BenchServing(folder, dashboard, pages, err == null ? quiet : err);
            serving.awaitPages(pages);
            return serving;
        } catch (IOException e) {
            throw new UncheckedIOException("--serve: cannot set up the served run (" + FileErrors.reason(e) + ")", e);
        }
    }

    /**
     * Grows the run as a training run of one-second epochs grows its files: each second, a block of
     * {@value #STEP_ROWS_PER_WRITE} step rows in one write (as {@code metrics-steps.csv} is flushed), and an epoch's row
     * in {@code metrics.jsonl} and in {@code metrics.csv}.
     */
    private void write() {
        Path run = folder.resolve("run");
        long step = 0;
        int epoch = 0;
        try {
            while (running) {
                // the first write at once: a timed epoch lasts about a second, and must see the run grow
                if (epoch > 0) {
                    Thread.sleep(WRITE_MILLIS);
                }
                double seconds = (System.nanoTime() - startNanos) / 1e9;
                StringBuilder rows = new StringBuilder();
                for (int r = 0; r < STEP_ROWS_PER_WRITE; r++) {
                    step++;
                    rows.append(String.format(Locale.ROOT, "%d,%.6f,%d,%.6f,0.05,%.3f%n", step,
                            step / (double) STEP_ROWS_PER_WRITE, step * 64, 1.0 / (1 + step), seconds));
                }
                append(run.resolve("metrics-steps.csv"), rows.toString());
                epoch++;
                append(run.resolve("metrics.jsonl"), String.format(Locale.ROOT, "{\"epoch\":%d,\"step\":%d,"
                        + "\"lr\":0.05,\"train_loss\":%.6f,\"val_loss\":%.6f,\"val_accuracy\":0.8,\"gap\":0.01,"
                        + "\"samples_per_second\":50000,\"seconds\":1.0}%n", epoch, step, 1.0 / epoch, 1.1 / epoch));
                append(run.resolve("metrics.csv"), String.format(Locale.ROOT, "%d,%d,0.05,%.6f,%.6f,0.8,0.01,50000,1.0%n",
                        epoch, step, 1.0 / epoch, 1.1 / epoch));
                rowsWritten.addAndGet(STEP_ROWS_PER_WRITE + 1);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the folder is being removed: the benchmark is over
        }
    }

    /** CPU time, in seconds, of the live threads whose names {@code named} accepts (threads that ended are lost). */
    private static double cpuSeconds(Predicate<String> named) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (!threads.isThreadCpuTimeSupported()) {
            return Double.NaN;
        }
        long nanos = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && named.test(info.getThreadName())) {
                nanos += Math.max(threads.getThreadCpuTime(info.getThreadId()), 0);
            }
        }
        return nanos / 1e9;
    }

    private static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    private void read(HttpClient client, URI uri) {
        try {
            HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(uri).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                byte[] buffer = new byte[8192];
                int n;
                while (running && (n = in.read(buffer)) >= 0) {
                    for (int i = 0; i + 6 < n; i++) {
                        if (buffer[i] == 'e' && buffer[i + 1] == 'v' && buffer[i + 5] == ':') { // "event:"
                            events.incrementAndGet();
                        }
                    }
                }
            }
        } catch (IOException e) {
            // the dashboard stopped
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits (up to 10 s) until the pages' streams are open, so that they are read from the first timed step. */
    private void awaitPages(int pages) {
        long end = System.nanoTime() + 10_000_000_000L;
        while (dashboard.openStreams() < pages && System.nanoTime() < end) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Snapshots the serving threads' CPU time and the counts as the timed steps start, and reports them at the end. */
    TrainingThroughput.TimedSection timedSection() {
        long[] at = new long[3];
        double[] cpu = new double[2];
        return new TrainingThroughput.TimedSection(() -> {
            at[0] = System.nanoTime();
            at[1] = rowsWritten.get();
            at[2] = events.get();
            cpu[0] = cpuSeconds(BenchServing::servingThread);
            cpu[1] = cpuSeconds(BenchServing::pageThread);
        }, () -> {
            double seconds = (System.nanoTime() - at[0]) / 1e9;
            double server = cpuSeconds(BenchServing::servingThread) - cpu[0];
            double pages = cpuSeconds(BenchServing::pageThread) - cpu[1];
            err.printf(Locale.ROOT, "serving  while timed (%.2f s): %d rows written, %d events read by the pages;"
                            + " CPU time of the dashboard %.1f ms (%.2f%% of one core), of the writer and pages %.1f ms"
                            + " (%.2f%%)%n", seconds, rowsWritten.get() - at[1], events.get() - at[2], server * 1e3,
                    100 * server / seconds, pages * 1e3, 100 * pages / seconds);
            err.flush();
        });
    }

    private static boolean servingThread(String name) {
        return name.startsWith("descent-dashboard") || name.startsWith("HTTP-Dispatcher")
                || name.startsWith("FileSystemWatch");
    }

    private static boolean pageThread(String name) {
        return name.startsWith("bench-serve") || name.startsWith("HttpClient");
    }

    @Override
    public void close() {
        running = false;
        writer.interrupt();
        dashboard.close(); // ends the pages' streams, so their readers return
        clientThreads.shutdownNow();
        for (Thread reader : readers) {
            try {
                reader.join(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        err.printf(Locale.ROOT, "served   %d rows written, %d events read by the pages in %.1f s%n",
                rowsWritten.get(), events.get(), seconds);
        err.flush();
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind
        }
    }
}
