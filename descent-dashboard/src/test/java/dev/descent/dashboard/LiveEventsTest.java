package dev.descent.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The event stream of a page: new rows of the runs it follows, the runs list when a run's state changes, and the
 * states the runs list shows (running, finished, stopped).
 */
class LiveEventsTest {
    @TempDir
    Path temp;

    private static JsonNode runIn(SseClient.Event runsEvent, String id) {
        for (JsonNode run : runsEvent.json().path("runs")) {
            if (id.equals(run.path("id").asText())) {
                return run;
            }
        }
        return null;
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    @Test
    void anAppendedEpochArrivesAsRowsWithItsIndex() throws Exception {
        RunFixture run = RunFixture.create(temp.resolve("a")).epochs(3).steps(5)
                .status("running", ProcessHandle.current().pid());
        try (Dashboard dashboard = Dashboard.start(List.of(temp), "127.0.0.1", 0);
             SseClient events = SseClient.open(dashboard, "0/a")) {
            SseClient.Event first = events.await(TestHttp.LIVE, "runs");
            assertThat(runIn(first, "0/a").path("status").asText()).isEqualTo("running");
            assertThat(runIn(first, "0/a").path("epochs_done").asInt()).isEqualTo(3);

            long written = System.nanoTime();
            run.appendEpoch();
            SseClient.Event rows = events.await(TestHttp.LIVE, e -> e.name().equals("rows"));
            System.out.printf("metrics.jsonl line appended: rows event after %.0f ms%n",
                    ms(rows.arrivedNanos() - written));

            JsonNode data = rows.json();
            assertThat(data.path("id").asText()).isEqualTo("0/a");
            assertThat(data.path("file").asText()).isEqualTo("epochs");
            assertThat(data.path("from").asInt()).isEqualTo(3);
            assertThat(data.path("rows")).hasSize(1);
            JsonNode row = data.path("rows").get(0);
            assertThat(row).hasSize(WatchedRun.EPOCH_COLUMNS.size());
            assertThat(row.get(0).asDouble()).isEqualTo(4.0);
            assertThat(row.get(WatchedRun.EPOCH_COLUMNS.indexOf("train_loss")).asDouble())
                    .isEqualTo(RunFixture.trainLoss(4));
            assertThat(row.get(WatchedRun.EPOCH_COLUMNS.indexOf("elapsed_seconds")).asDouble()).isEqualTo(2.0);

            // the runs list follows: a new epoch can be a new best
            SseClient.Event runs = events.await(TestHttp.LIVE,
                    e -> e.name().equals("runs") && runIn(e, "0/a").path("epochs_done").asInt() == 4);
            assertThat(runIn(runs, "0/a").path("best_val_accuracy").asDouble())
                    .isEqualTo(RunFixture.valAccuracy(4));

            run.appendEpoch().appendEpoch();
            SseClient.Event more = events.await(TestHttp.LIVE, e -> e.name().equals("rows"));
            int from = more.json().path("from").asInt();
            int count = more.json().path("rows").size();
            if (from + count < 6) { // the two lines may come in one poll or two
                SseClient.Event rest = events.await(TestHttp.LIVE, e -> e.name().equals("rows"));
                assertThat(rest.json().path("from").asInt()).isEqualTo(from + count);
            }
            assertThat(from).isEqualTo(4);
        }
    }

    @Test
    void anAppendedStepArrivesAsStepRows() throws Exception {
        RunFixture run = RunFixture.create(temp.resolve("a")).epochs(1).steps(10);
        try (Dashboard dashboard = Dashboard.start(List.of(temp), "127.0.0.1", 0);
             SseClient events = SseClient.open(dashboard, "0/a")) {
            events.await(TestHttp.LIVE, "runs");

            long written = System.nanoTime();
            run.appendStep();
            SseClient.Event rows = events.await(TestHttp.LIVE, e -> e.name().equals("rows"));
            System.out.printf("metrics-steps.csv line appended: rows event after %.0f ms%n",
                    ms(rows.arrivedNanos() - written));

            JsonNode data = rows.json();
            assertThat(data.path("file").asText()).isEqualTo("steps");
            assertThat(data.path("from").asInt()).isEqualTo(10);
            JsonNode row = data.path("rows").get(0);
            assertThat(row).hasSize(WatchedRun.STEP_COLUMNS.size());
            assertThat(row.get(0).asDouble()).isEqualTo(11.0);
            assertThat(row.get(WatchedRun.STEP_COLUMNS.indexOf("examples_seen")).asDouble()).isEqualTo(11 * 64.0);
            assertThat(TestHttp.runDetail(dashboard, "0/a").path("steps").path("rows")).hasSize(11);
        }
    }

    @Test
    void aPageGetsOnlyTheRowsOfTheRunsItFollows() throws Exception {
        RunFixture a = RunFixture.create(temp.resolve("a")).epochs(1);
        RunFixture b = RunFixture.create(temp.resolve("b")).epochs(1);
        try (Dashboard dashboard = Dashboard.start(List.of(temp), "127.0.0.1", 0);
             SseClient onlyA = SseClient.open(dashboard, "0/a");
             SseClient none = SseClient.open(dashboard)) {
            onlyA.await(TestHttp.LIVE, "runs");
            none.await(TestHttp.LIVE, "runs");

            b.appendEpoch();
            a.appendEpoch();

            SseClient.Event rows = onlyA.await(TestHttp.LIVE, e -> e.name().equals("rows"));
            assertThat(rows.json().path("id").asText()).isEqualTo("0/a");
            // the list page sees the runs change, never rows
            none.await(TestHttp.LIVE, e -> {
                assertThat(e.name()).isEqualTo("runs");
                return runIn(e, "0/a").path("epochs_done").asInt() == 2
                        && runIn(e, "0/b").path("epochs_done").asInt() == 2;
            });
            onlyA.await(TestHttp.LIVE, e -> {
                assertThat(e.name()).isNotEqualTo("rows");
                return runIn(e, "0/b").path("epochs_done").asInt() == 2;
            });
        }
    }

    @Test
    void aStatusRewrittenToFinishedIsSentAsARunsEvent() throws Exception {
        RunFixture run = RunFixture.create(temp.resolve("a")).epochs(2).status("running", ProcessHandle.current().pid());
        try (Dashboard dashboard = Dashboard.start(List.of(temp), "127.0.0.1", 0);
             SseClient events = SseClient.open(dashboard)) {
            SseClient.Event first = events.await(TestHttp.LIVE, "runs");
            assertThat(runIn(first, "0/a").path("status").asText()).isEqualTo("running");

            long written = System.nanoTime();
            run.status("finished", ProcessHandle.current().pid());
            SseClient.Event finished = events.await(TestHttp.LIVE,
                    e -> e.name().equals("runs") && "finished".equals(runIn(e, "0/a").path("status").asText()));
            System.out.printf("status.json rewritten: runs event after %.0f ms%n",
                    ms(finished.arrivedNanos() - written));
            assertThat(runIn(finished, "0/a").path("message").isNull()).isTrue();
            assertThat(TestHttp.runSummary(dashboard, "0/a").path("status").asText()).isEqualTo("finished");
        }
    }

    @Test
    void runningWithAProcessThatEndedIsStopped() throws Exception {
        Process process = new ProcessBuilder("true").start();
        process.waitFor();
        long pid = process.pid();
        RunFixture.create(temp.resolve("a")).epochs(1).status("running", pid);
        try (Dashboard dashboard = Dashboard.start(List.of(temp), "127.0.0.1", 0)) {
            JsonNode run = TestHttp.runSummary(dashboard, "0/a");

            assertThat(run.path("status").asText()).isEqualTo("stopped");
            assertThat(run.path("message").asText()).contains(String.valueOf(pid));
        }
    }

    @Test
    void runningWithThisProcessIsRunning() throws Exception {
        RunFixture.create(temp.resolve("a")).epochs(1).status("running", ProcessHandle.current().pid());
        try (Dashboard dashboard = Dashboard.start(List.of(temp), "127.0.0.1", 0)) {
            assertThat(TestHttp.runSummary(dashboard, "0/a").path("status").asText()).isEqualTo("running");
        }
    }

    @Test
    void theRunsProcessEndingTurnsItStoppedLive() throws Exception {
        Process process = new ProcessBuilder("sleep", "30").start();
        try {
            RunFixture.create(temp.resolve("a")).epochs(1).status("running", process.pid());
            try (Dashboard dashboard = Dashboard.start(List.of(temp), "127.0.0.1", 0);
                 SseClient events = SseClient.open(dashboard)) {
                assertThat(runIn(events.await(TestHttp.LIVE, "runs"), "0/a").path("status").asText())
                        .isEqualTo("running");

                process.destroyForcibly().waitFor();

                events.await(TestHttp.LIVE,
                        e -> e.name().equals("runs") && "stopped".equals(runIn(e, "0/a").path("status").asText()));
            }
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void aSummaryWithoutStatusIsFinishedAndNeitherIsStopped() throws Exception {
        RunFixture.create(temp.resolve("with-summary")).epochs(2).summary("a", "b");
        RunFixture.create(temp.resolve("bare")).epochs(2);
        try (Dashboard dashboard = Dashboard.start(List.of(temp), "127.0.0.1", 0)) {
            JsonNode finished = TestHttp.runSummary(dashboard, "0/with-summary");
            assertThat(finished.path("status").asText()).isEqualTo("finished");
            assertThat(finished.path("test_accuracy").asDouble()).isEqualTo(0.91);
            assertThat(TestHttp.runSummary(dashboard, "0/bare").path("status").asText()).isEqualTo("stopped");
        }
    }

    @Test
    void aRunThatAppearsIsListedAndFollowed() throws Exception {
        RunFixture.create(temp.resolve("a")).epochs(1);
        try (Dashboard dashboard = Dashboard.start(List.of(temp), "127.0.0.1", 0);
             SseClient events = SseClient.open(dashboard, "0/b")) {
            events.await(TestHttp.LIVE, "runs");

            RunFixture b = RunFixture.create(temp.resolve("b")).status("running", ProcessHandle.current().pid());
            events.await(TestHttp.LIVE, e -> e.name().equals("runs") && runIn(e, "0/b") != null);
            b.appendEpoch();

            SseClient.Event rows = events.await(TestHttp.LIVE, e -> e.name().equals("rows"));
            assertThat(rows.json().path("id").asText()).isEqualTo("0/b");
            assertThat(rows.json().path("from").asInt()).isZero();
        }
    }

    @Test
    void closingTheDashboardEndsTheStreams() throws Exception {
        RunFixture.create(temp.resolve("a")).epochs(1);
        Dashboard dashboard = Dashboard.start(List.of(temp), "127.0.0.1", 0);
        try (SseClient events = SseClient.open(dashboard, "0/a")) {
            events.await(TestHttp.LIVE, "runs");
            assertThat(dashboard.openStreams()).isEqualTo(1);

            dashboard.close();

            assertThat(events.awaitEnd(TestHttp.LIVE)).isTrue();
            assertThat(dashboard.openStreams()).isZero();
        } finally {
            dashboard.close();
        }
    }
}
