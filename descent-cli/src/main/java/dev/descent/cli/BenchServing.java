package dev.descent.cli;

import dev.descent.dashboard.Dashboard;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
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
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * {@code bench mlp --serve}: what serving the dashboard costs a training run, the difference
 * between this benchmark with and without it. While the steps are timed, a dashboard serves a
 * temporary run that a writer thread grows as a run grows, only faster (a step row every
 * {@value #STEP_ROW_MILLIS} ms, an epoch row every {@value #EPOCH_ROW_MILLIS} ms, where a real run
 * writes about once a second), and {@code pages} streams read its events as open pages would. The
 * difference therefore counts the watcher, the pushes and the readers, an upper bound.
 */
final class BenchServing implements AutoCloseable {
    static final int STEP_ROW_MILLIS = 100;
    static final int EPOCH_ROW_MILLIS = 2_000;

    private final Path folder;
    private final PrintWriter err;
    private final Dashboard dashboard;
    private final Thread writer;
    private final List<Thread> readers = new ArrayList<>();
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
        HttpClient client = HttpClient.newHttpClient();
        URI events = dashboard.uri().resolve("api/events?run=0%2Frun");
        for (int p = 0; p < pages; p++) {
            Thread reader = new Thread(() -> read(client, events), "bench-serve-page-" + p);
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
            Dashboard dashboard = options.start(List.of(folder), err);
            err.printf(Locale.ROOT, "serving  %s to %d page%s, a row every %d ms%n", dashboard.uri(), pages,
                    pages == 1 ? "" : "s", STEP_ROW_MILLIS);
            err.flush();
            return new BenchServing(folder, dashboard, pages, err);
        } catch (IOException e) {
            throw new UncheckedIOException("--serve: cannot set up the served run (" + FileErrors.reason(e) + ")", e);
        }
    }

    private void write() {
        Path run = folder.resolve("run");
        long step = 0;
        long lastEpoch = System.nanoTime();
        int epoch = 0;
        try {
            while (running) {
                Thread.sleep(STEP_ROW_MILLIS);
                step++;
                double seconds = (System.nanoTime() - startNanos) / 1e9;
                append(run.resolve("metrics-steps.csv"), String.format(Locale.ROOT, "%d,%.6f,%d,%.6f,0.05,%.3f%n",
                        step, step / 50.0, step * 64, 1.0 / (1 + step), seconds));
                if (System.nanoTime() - lastEpoch >= EPOCH_ROW_MILLIS * 1_000_000L) {
                    lastEpoch = System.nanoTime();
                    epoch++;
                    append(run.resolve("metrics.jsonl"), String.format(Locale.ROOT, "{\"epoch\":%d,\"step\":%d,"
                            + "\"lr\":0.05,\"train_loss\":%.6f,\"val_loss\":%.6f,\"val_accuracy\":0.8,\"gap\":0.01,"
                            + "\"samples_per_second\":50000,\"seconds\":2.0}%n", epoch, step, 1.0 / epoch, 1.1 / epoch));
                }
                rowsWritten.incrementAndGet();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the folder is being removed: the benchmark is over
        }
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

    @Override
    public void close() {
        running = false;
        writer.interrupt();
        dashboard.close();
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        err.printf(Locale.ROOT, "served   %d rows written, %d events received by the pages in %.1f s%n",
                rowsWritten.get(), events.get(), seconds);
        err.flush();
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind
        }
    }
}
