package dev.descent.cli;

import dev.descent.cli.browser.HeadlessChromium;
import dev.descent.dashboard.Dashboard;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WindowType;

/**
 * How fast the dashboard answers under load, in headless Chromium: 50 runs served (5 of them growing by a step row
 * every 100 ms and an epoch row every second), 20 pages open on the growing ones, and a 21st page timed. A benchmark,
 * not a test: it asserts nothing and runs only when asked, alone on the machine:
 * <pre>
 * flock /tmp/cpu.lock mvn -B -o -q test -pl descent-cli -Dtest=DashboardLoadBenchmark -Ddescent.bench=dashboard
 * </pre>
 * It prints the median and the largest of each figure (BENCHMARKS.md, "Dashboard").
 */
@EnabledIfSystemProperty(named = "descent.bench", matches = "dashboard")
class DashboardLoadBenchmark {
    private static final int RUNS = 50;
    private static final int GROWING = 5;
    private static final int OPEN_PAGES = Integer.getInteger("descent.bench.pages", 20);
    /** Whether the open pages are other browsers' (true: a stream each) or tabs of the timed browser. */
    private static final boolean SEPARATE_BROWSERS = !"tabs".equals(System.getProperty("descent.bench.open", "browsers"));
    private static final int EPOCHS = 50;
    private static final int STEPS_PER_EPOCH = 50;
    private static final int REPEATS = 15;

    @TempDir
    Path runs;

    private volatile boolean writing = true;

    @Test
    void fiftyRunsTwentyPages() throws Exception {
        for (int r = 0; r < RUNS; r++) {
            writeRun(runs.resolve(String.format(Locale.ROOT, "run-%02d", r)), r < GROWING);
        }
        Thread writer = new Thread(this::grow, "growing-runs");
        writer.setDaemon(true);
        try (Dashboard dashboard = Dashboard.start(List.of(runs), "127.0.0.1", 0);
             HeadlessChromium browser = HeadlessChromium.startOrSkip()) {
            writer.start();
            List<Thread> streams = new ArrayList<>();
            if (SEPARATE_BROWSERS) { // each page in a browser of its own: a stream each, as 20 users would hold
                for (int p = 0; p < OPEN_PAGES; p++) {
                    streams.add(stream(dashboard, p % GROWING));
                }
            } else { // tabs of this browser: one stream shared by them all, and every tab drawing (none is hidden)
                for (int p = 0; p < OPEN_PAGES; p++) {
                    browser.open(runPage(dashboard, p % GROWING));
                    browser.driver().switchTo().newWindow(WindowType.TAB);
                }
            }
            awaitStreams(dashboard, SEPARATE_BROWSERS ? OPEN_PAGES : Math.min(OPEN_PAGES, 1));
            System.out.printf(Locale.ROOT, "dashboard load: %d runs (%d growing), %d pages open (%s), %d streams%n",
                    RUNS, GROWING, OPEN_PAGES, SEPARATE_BROWSERS ? "other browsers" : "tabs of this one",
                    dashboard.openStreams());

            report("runs list: navigation to 50 rows drawn", measure(() -> {
                browser.open(dashboard.uri());
                return awaitInPage(browser, "document.querySelectorAll('tr.run').length === " + RUNS);
            }));
            URI page = runPage(dashboard, RUNS - 1);
            report("run page (2,500 step rows, 50 epochs): navigation to every point drawn", measure(() -> {
                browser.open(page);
                return awaitInPage(browser, "document.body.dataset.steps === '" + EPOCHS * STEPS_PER_EPOCH + "'");
            }));
            System.out.println("dashboard load: run page timeline (ms from navigation): " + browser.script(
                    "const n = performance.getEntriesByType('navigation')[0];"
                    + "const r = performance.getEntriesByType('resource').map(e => e.name.replace(location.origin, '')"
                    + " + ' ' + Math.round(e.startTime) + '-' + Math.round(e.responseEnd));"
                    + "return 'response ' + Math.round(n.responseEnd) + ', DOM ready ' + Math.round(n.domContentLoadedEventEnd)"
                    + " + ', load ' + Math.round(n.loadEventEnd) + '; ' + r.join(', ');"));
            report("run page: x axis step -> epoch, redrawn", measure(() -> {
                Object ms = ((JavascriptExecutor) browser.driver()).executeAsyncScript(
                        "const done = arguments[arguments.length - 1]; const select = document.getElementById('x-axis');"
                        + "const t0 = performance.now(); select.value = select.value === 'epoch' ? 'step' : 'epoch';"
                        + "select.dispatchEvent(new Event('change'));"
                        + "requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now() - t0)));");
                return (long) (((Number) ms).doubleValue() * 1000);
            }));
            browser.open(runPage(dashboard, 0));
            Path epochs = runs.resolve("run-00").resolve("metrics.jsonl");
            report("growing run: epoch row written -> drawn on the page", measure(() -> {
                long before = Long.parseLong(String.valueOf(browser.script("return document.body.dataset.epochs;")));
                long written = System.nanoTime();
                append(epochs, epochRow((int) before + 1000));
                while (Long.parseLong(String.valueOf(browser.script("return document.body.dataset.epochs;")))
                        <= before) {
                    Thread.onSpinWait();
                }
                return (System.nanoTime() - written) / 1000;
            }));
            HttpClient http = HttpClient.newHttpClient();
            report("GET /api/runs (50 runs)", measure(() -> {
                long t0 = System.nanoTime();
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(dashboard.uri().resolve("api/runs"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException(response.body());
                }
                return (System.nanoTime() - t0) / 1000;
            }));
        } finally {
            writing = false;
        }
    }

    /** A page of another browser: a stream of the run's events, read and dropped. */
    private Thread stream(Dashboard dashboard, int run) {
        URI uri = dashboard.uri().resolve("api/events?run=" + URLEncoder.encode(String.format(Locale.ROOT,
                "0/run-%02d", run), StandardCharsets.UTF_8));
        Thread reader = new Thread(() -> {
            try (java.io.InputStream in = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(),
                    HttpResponse.BodyHandlers.ofInputStream()).body()) {
                byte[] buffer = new byte[8192];
                while (writing && in.read(buffer) >= 0) {
                    // dropped, as a page that only draws would
                }
            } catch (IOException | InterruptedException e) {
                // the benchmark is over
            }
        }, "page-" + run);
        reader.setDaemon(true);
        reader.start();
        return reader;
    }

    private static void awaitStreams(Dashboard dashboard, int streams) throws InterruptedException {
        long end = System.nanoTime() + 30_000_000_000L;
        while (dashboard.openStreams() < streams && System.nanoTime() < end) {
            Thread.sleep(10);
        }
    }

    /**
     * The page's own clock, in µs, from navigation start to the draw after which {@code condition} holds: the page
     * records when it last drew ({@code document.body.dataset.drawnAt}), so polling adds nothing to the figure.
     */
    private static long awaitInPage(HeadlessChromium browser, String condition) {
        long end = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < end) {
            Object at = browser.script("return (" + condition + ") ? Number(document.body.dataset.drawnAt) : null;");
            if (at != null) {
                return (long) (((Number) at).doubleValue() * 1000);
            }
        }
        throw new IllegalStateException("never: " + condition);
    }

    private static URI runPage(Dashboard dashboard, int run) {
        return dashboard.uri().resolve("run?id=" + URLEncoder.encode(String.format(Locale.ROOT, "0/run-%02d", run),
                StandardCharsets.UTF_8));
    }

    interface Timed {
        long micros() throws Exception;
    }

    private static long[] measure(Timed timed) throws Exception {
        timed.micros(); // warm-up
        long[] micros = new long[REPEATS];
        for (int i = 0; i < REPEATS; i++) {
            micros[i] = timed.micros();
        }
        Arrays.sort(micros);
        return micros;
    }

    private static void report(String what, long[] micros) {
        System.out.printf(Locale.ROOT, "dashboard load: %-70s median %6.1f ms, max %6.1f ms (%d times)%n", what,
                micros[micros.length / 2] / 1000.0, micros[micros.length - 1] / 1000.0, micros.length);
    }

    private void grow() {
        int tick = 0;
        LongSupplier now = System::nanoTime;
        long start = now.getAsLong();
        try {
            while (writing) {
                Thread.sleep(100);
                tick++;
                for (int r = 0; r < GROWING; r++) {
                    Path run = runs.resolve(String.format(Locale.ROOT, "run-%02d", r));
                    append(run.resolve("metrics-steps.csv"), stepRow(EPOCHS * STEPS_PER_EPOCH + tick,
                            (now.getAsLong() - start) / 1e9));
                    if (tick % 10 == 0) {
                        append(run.resolve("metrics.jsonl"), epochRow(EPOCHS + tick / 10));
                    }
                }
            }
        } catch (InterruptedException | IOException e) {
            // the benchmark is over
        }
    }

    private static void writeRun(Path run, boolean growing) throws IOException {
        Files.createDirectories(run);
        Files.writeString(run.resolve("config.yaml"), "task: classification\ndata:\n  dataset: fashion-mnist\nmodel:\n"
                + "  kind: mlp\n  hidden: [256, 128]\noptimizer:\n  name: sgd\n  lr: 0.05\ntraining:\n  epochs: 100\n"
                + "  batch_size: 64\n");
        Files.writeString(run.resolve("metrics.csv"), "epoch,step,lr,train_loss,val_loss,val_accuracy,gap,"
                + "samples_per_second,seconds\n");
        StringBuilder epochs = new StringBuilder();
        StringBuilder steps = new StringBuilder("step,epoch,examples_seen,train_loss,lr,elapsed_seconds\n");
        for (int e = 1; e <= EPOCHS; e++) {
            epochs.append(epochRow(e));
            for (int s = 1; s <= STEPS_PER_EPOCH; s++) {
                int step = (e - 1) * STEPS_PER_EPOCH + s;
                steps.append(stepRow(step, step * 0.01));
            }
        }
        Files.writeString(run.resolve("metrics.jsonl"), epochs);
        Files.writeString(run.resolve("metrics-steps.csv"), steps);
        Files.writeString(run.resolve("status.json"), "{\"status\":\"" + (growing ? "running" : "finished")
                + "\",\"pid\":" + ProcessHandle.current().pid() + ",\"started\":\"" + Instant.now()
                + "\",\"epochs\":100,\"message\":null}\n");
        if (!growing) {
            StringBuilder classes = new StringBuilder();
            StringBuilder matrix = new StringBuilder();
            for (int c = 0; c < 10; c++) {
                classes.append(c == 0 ? "" : ",").append("{\"name\":\"class ").append(c)
                        .append("\",\"precision\":0.9,\"recall\":0.9,\"f1\":0.9,\"support\":1000}");
                List<String> row = new ArrayList<>();
                for (int k = 0; k < 10; k++) {
                    row.add(k == c ? "900" : "11");
                }
                matrix.append(c == 0 ? "" : ",").append("[").append(String.join(",", row)).append("]");
            }
            Files.writeString(run.resolve("summary.json"), "{\"test_accuracy\":0.9,\"test_loss\":0.3,"
                    + "\"test_report\":{\"classes\":[" + classes + "],\"accuracy\":0.9,\"confusion_matrix\":["
                    + matrix + "]}}\n");
        }
    }

    private static String epochRow(int epoch) {
        return String.format(Locale.ROOT, "{\"epoch\":%d,\"step\":%d,\"lr\":0.05,\"train_loss\":%.5f,\"val_loss\":%.5f,"
                + "\"val_accuracy\":%.4f,\"gap\":0.01,\"samples_per_second\":50000,\"seconds\":1.2}%n", epoch,
                epoch * STEPS_PER_EPOCH, 1.0 / epoch, 1.1 / epoch, 1 - 0.5 / epoch);
    }

    private static String stepRow(int step, double seconds) {
        return String.format(Locale.ROOT, "%d,%.6f,%d,%.5f,0.05,%.3f%n", step, step / (double) STEPS_PER_EPOCH,
                step * 64L, 2.0 / Math.sqrt(step), seconds);
    }

    private static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }
}
