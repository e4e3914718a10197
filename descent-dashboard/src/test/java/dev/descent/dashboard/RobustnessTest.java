package dev.descent.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a live run does to its files (lines half-written, garbage, deleted, rewritten) and many runs and pages. */
class RobustnessTest {
    @TempDir
    Path temp;

    private static List<Double> column(JsonNode table, int c) {
        List<Double> values = new ArrayList<>();
        table.path("rows").forEach(row -> values.add(row.get(c).isNull() ? null : row.get(c).asDouble()));
        return values;
    }

    @Test
    void aHalfWrittenLineWaitsForItsEnd() throws Exception {
        RunFixture run = RunFixture.create(temp.resolve("a")).epochs(2);
        String line = RunFixture.epochJson(3);
        String head = "{\"epoch\":3,\"step\":";
        assertThat(line).startsWith(head);
        try (Dashboard dashboard = Dashboard.start(List.of(temp), "127.0.0.1", 0);
             SseClient events = SseClient.open(dashboard, "0/a")) {
            events.await(TestHttp.LIVE, "runs");

            run.append("metrics.jsonl", head);
            Thread.sleep(3 * RunCatalog.POLL_MILLIS); // polls that see the half line
            JsonNode detail = TestHttp.runDetail(dashboard, "0/a");
            assertThat(column(detail.path("epochs"), 0)).containsExactly(1.0, 2.0);
            assertThat(detail.path("run").has("skipped_lines")).isFalse();

            long written = System.nanoTime();
            run.append("metrics.jsonl", line.substring(head.length()) + "\n");
            SseClient.Event rows = events.await(TestHttp.LIVE, e -> e.name().equals("rows"));
            System.out.printf("half-written line completed: rows event after %.0f ms%n",
                    (rows.arrivedNanos() - written) / 1e6);
            assertThat(rows.json().path("from").asInt()).isEqualTo(2);
            assertThat(rows.json().path("rows")).hasSize(1);
            assertThat(rows.json().path("rows").get(0).get(0).asDouble()).isEqualTo(3.0);
            TestHttp.eventually(TestHttp.LIVE, () -> {
                JsonNode now = TestHttp.runDetail(dashboard, "0/a");
                assertThat(column(now.path("epochs"), 0)).containsExactly(1.0, 2.0, 3.0);
                assertThat(column(now.path("epochs"), 1)).containsExactly(21.0, 42.0, 63.0);
                assertThat(now.path("run").has("skipped_lines")).isFalse();
            });
        }
    }

    @Test
    void aGarbageLineIsSkippedCountedAndLaterLinesStillArrive() throws Exception {
        RunFixture run = RunFixture.create(temp.resolve("a")).epochs(2);
        try (Dashboard dashboard = Dashboard.start(List.of(temp), "127.0.0.1", 0)) {
            run.append("metrics.jsonl", "not json\n");
            run.append("metrics.jsonl", "[1, 2]\n");
            run.append("metrics.jsonl", "\n");
            run.append("metrics.jsonl", RunFixture.epochJson(3) + "\n");

            TestHttp.eventually(TestHttp.LIVE, () -> {
                JsonNode detail = TestHttp.runDetail(dashboard, "0/a");
                assertThat(column(detail.path("epochs"), 0)).containsExactly(1.0, 2.0, 3.0);
                assertThat(detail.path("run").path("skipped_lines").asInt()).isEqualTo(2);
            });
            assertThat(TestHttp.runSummary(dashboard, "0/a").path("skipped_lines").asInt()).isEqualTo(2);
            assertThat(TestHttp.runSummary(dashboard, "0/a").path("epochs_done").asInt()).isEqualTo(3);

            run.append("metrics.jsonl", RunFixture.epochJson(4) + "\n");
            TestHttp.eventually(TestHttp.LIVE, () -> assertThat(
                    column(TestHttp.runDetail(dashboard, "0/a").path("epochs"), 0)).containsExactly(1.0, 2.0, 3.0, 4.0));
        }
    }

    @Test
    void aGarbageStepLineBecomesNoNumbers() throws Exception {
        RunFixture run = RunFixture.create(temp.resolve("a")).steps(2);
        try (Dashboard dashboard = Dashboard.start(List.of(temp), "127.0.0.1", 0)) {
            run.append("metrics-steps.csv", "x,y\n" + RunFixture.stepCsv(3) + "\n");

            TestHttp.eventually(TestHttp.LIVE, () -> assertThat(column(TestHttp.runDetail(dashboard, "0/a")
                    .path("steps"), 0)).containsExactly(1.0, 2.0, null, 3.0));
        }
    }

    @Test
    void aRunDeletedWhileServedGoesAwayAndTheServerCarriesOn() throws Exception {
        RunFixture.finished(temp.resolve("a"));
        RunFixture.finished(temp.resolve("b"));
        try (Dashboard dashboard = Dashboard.start(List.of(temp), "127.0.0.1", 0);
             SseClient events = SseClient.open(dashboard, "0/a")) {
            events.await(TestHttp.LIVE, "runs");
            assertThat(TestHttp.runSummary(dashboard, "0/a")).isNotNull();

            long deleted = System.nanoTime();
            deleteRecursively(temp.resolve("a"));

            SseClient.Event reset = events.await(TestHttp.LIVE, e -> e.name().equals("reset"));
            System.out.printf("run deleted: reset event after %.0f ms%n", (reset.arrivedNanos() - deleted) / 1e6);
            assertThat(reset.json().path("id").asText()).isEqualTo("0/a");
            TestHttp.eventually(TestHttp.LIVE, () -> {
                HttpResponse<String> runs = TestHttp.get(dashboard, "/api/runs");
                assertThat(runs.statusCode()).isEqualTo(200);
                List<String> ids = new ArrayList<>();
                TestHttp.json(runs.body()).path("runs").forEach(r -> ids.add(r.path("id").asText()));
                assertThat(ids).containsExactly("0/b");
            });
            HttpResponse<String> gone = TestHttp.get(dashboard, "/api/run?id=" + TestHttp.q("0/a"));
            assertThat(gone.statusCode()).isEqualTo(404);
            assertThat(gone.headers().firstValue("Content-Type")).contains("application/json; charset=utf-8");
            assertThat(TestHttp.json(gone.body()).path("error").asText()).contains("0/a");
            assertThat(TestHttp.runDetail(dashboard, "0/b").path("epochs").path("rows")).hasSize(3);
            assertThat(TestHttp.get(dashboard, "/files/0/a/config.yaml").statusCode()).isEqualTo(404);
            assertThat(TestHttp.get(dashboard, "/files/0/b/config.yaml").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void theServedDirectoryItselfDeletedLeavesAnEmptyList() throws Exception {
        Path runs = Files.createDirectories(temp.resolve("runs"));
        RunFixture.finished(runs.resolve("a"));
        try (Dashboard dashboard = Dashboard.start(List.of(runs), "127.0.0.1", 0)) {
            deleteRecursively(runs);

            TestHttp.eventually(TestHttp.LIVE, () -> assertThat(TestHttp.getJson(dashboard, "/api/runs")
                    .path("runs")).isEmpty());
            assertThat(TestHttp.get(dashboard, "/files/0/a/config.yaml").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void stepsRewrittenShorterResetTheRun() throws Exception {
        RunFixture run = RunFixture.create(temp.resolve("a")).epochs(1).steps(10);
        try (Dashboard dashboard = Dashboard.start(List.of(temp), "127.0.0.1", 0);
             SseClient events = SseClient.open(dashboard, "0/a")) {
            events.await(TestHttp.LIVE, "runs");
            assertThat(TestHttp.runDetail(dashboard, "0/a").path("steps").path("rows")).hasSize(10);

            // a resumed run writes its steps file anew (temp file, then moved over the old one): 4 other rows
            StringBuilder resumed = new StringBuilder(RunFixture.STEP_HEADER).append('\n');
            for (int step = 101; step <= 104; step++) {
                resumed.append(RunFixture.stepCsv(step)).append('\n');
            }
            long rewritten = System.nanoTime();
            run.replace("metrics-steps.csv", resumed.toString());

            SseClient.Event reset = events.await(TestHttp.LIVE, e -> e.name().equals("reset"));
            System.out.printf("steps rewritten: reset event after %.0f ms%n", (reset.arrivedNanos() - rewritten) / 1e6);
            assertThat(reset.json().path("id").asText()).isEqualTo("0/a");
            TestHttp.eventually(TestHttp.LIVE, () -> assertThat(column(TestHttp.runDetail(dashboard, "0/a")
                    .path("steps"), 0)).containsExactly(101.0, 102.0, 103.0, 104.0));
            assertThat(column(TestHttp.runDetail(dashboard, "0/a").path("epochs"), 0)).containsExactly(1.0);
        }
    }

    @Test
    void stepsCutShortInPlaceResetTheRun() throws Exception {
        RunFixture run = RunFixture.create(temp.resolve("a")).steps(10);
        try (Dashboard dashboard = Dashboard.start(List.of(temp), "127.0.0.1", 0);
             SseClient events = SseClient.open(dashboard, "0/a")) {
            events.await(TestHttp.LIVE, "runs");

            Files.writeString(run.dir.resolve("metrics-steps.csv"), RunFixture.STEP_HEADER + "\n"
                    + RunFixture.stepCsv(7) + "\n"); // truncated and written again: the same file, shorter

            assertThat(events.await(TestHttp.LIVE, e -> e.name().equals("reset")).json().path("id").asText())
                    .isEqualTo("0/a");
            TestHttp.eventually(TestHttp.LIVE, () -> assertThat(column(TestHttp.runDetail(dashboard, "0/a")
                    .path("steps"), 0)).containsExactly(7.0));
        }
    }

    @Test
    void fiftyRunsAndTwentyPages() throws Exception {
        List<RunFixture> runs = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            runs.add(RunFixture.create(temp.resolve(String.format("run-%02d", i))).epochs(1));
        }
        try (Dashboard dashboard = Dashboard.start(List.of(temp), "127.0.0.1", 0)) {
            assertThat(TestHttp.getJson(dashboard, "/api/runs").path("runs")).hasSize(50);

            List<SseClient> pages = new ArrayList<>();
            ExecutorService opener = Executors.newFixedThreadPool(20);
            try {
                List<Future<SseClient>> opening = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    String id = String.format("0/run-%02d", i);
                    opening.add(opener.submit(() -> SseClient.open(dashboard, id)));
                }
                for (Future<SseClient> future : opening) {
                    pages.add(future.get());
                }
                for (SseClient page : pages) {
                    assertThat(page.await(TestHttp.LIVE, "runs").json().path("runs")).hasSize(50);
                }
                assertThat(dashboard.openStreams()).isEqualTo(20);

                long written = System.nanoTime();
                for (int i = 0; i < 20; i++) {
                    runs.get(i).appendEpoch();
                }
                long slowest = 0;
                for (int i = 0; i < 20; i++) {
                    String id = String.format("0/run-%02d", i);
                    SseClient.Event rows = pages.get(i).await(TestHttp.LIVE, e -> e.name().equals("rows"));
                    assertThat(rows.json().path("id").asText()).isEqualTo(id);
                    assertThat(rows.json().path("from").asInt()).isEqualTo(1);
                    slowest = Math.max(slowest, rows.arrivedNanos() - written);
                }
                System.out.printf("50 runs, 20 pages: slowest rows event after %.0f ms%n", slowest / 1e6);
                // a page gets the rows of its own run only
                for (int i = 0; i < 20; i++) {
                    String id = String.format("0/run-%02d", i);
                    SseClient page = pages.get(i);
                    runs.get(20 + i).appendEpoch();
                    runs.get(i).appendEpoch();
                    SseClient.Event rows = page.await(TestHttp.LIVE, e -> e.name().equals("rows"));
                    assertThat(rows.json().path("id").asText()).isEqualTo(id);
                }
            } finally {
                pages.forEach(SseClient::close);
                opener.shutdownNow();
            }
        }
    }

    static void deleteRecursively(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
