package dev.descent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code descent serve} and {@code train --serve} as commands: what they print, that the address answers while they
 * run, and their refusals. The pages themselves are tested in {@link DashboardInBrowserTest}, the server in
 * descent-dashboard.
 */
class ServeCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ADDRESS = Pattern.compile("dashboard (http://\\S+/)");
    private static final Pattern LIVE = Pattern.compile("live +(http://\\S+)");
    private final ExecutorService background = Executors.newSingleThreadExecutor();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path runs;

    @AfterEach
    void stop() {
        ServeCommand.stop.countDown();
        background.shutdownNow();
        ServeCommand.stop = new CountDownLatch(1);
    }

    @Test
    void serveListsTheRunsUntilStopped() throws Exception {
        CliRun trained = CliRun.of("train", "--dataset", "iris", "--epochs", "2", "--no-plots", "--run-dir",
                runs.resolve("iris-run").toString());
        assertThat(trained.code()).as(trained.err()).isZero();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Future<Integer> serving = start(out, err, "serve", runs.toString(), "--port", "0");

        URI address = await(ADDRESS, out, serving);
        JsonNode list = get(address.resolve("api/runs"));
        assertThat(list.get("runs")).hasSize(1);
        JsonNode run = list.get("runs").get(0);
        assertThat(run.get("name").asText()).isEqualTo("iris-run");
        assertThat(run.get("status").asText()).isEqualTo("finished");
        assertThat(run.get("epochs_done").asInt()).isEqualTo(2);
        assertThat(run.get("test_accuracy").isNumber()).isTrue();
        assertThat(out.toString()).contains("read-only").contains(runs.toRealPath().toString());
        assertThat(err.toString()).doesNotContain("warning");

        ServeCommand.stop.countDown();
        assertThat(serving.get(10, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void everyInterfaceIsServedOnlyWithAWarning() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Future<Integer> serving = start(out, err, "serve", runs.toString(), "--port", "0", "--host", "0.0.0.0");

        await(ADDRESS, out, serving);
        assertThat(err.toString()).contains("warning: --host 0.0.0.0").contains("no login");
    }

    @Test
    void aMissingDirectoryOrATakenPortIsRefusedWithTheFix() throws Exception {
        CliRun missing = CliRun.of("serve", runs.resolve("nowhere").toString(), "--port", "0");
        assertThat(missing.code()).isNotZero();
        assertThat(missing.err()).contains("nowhere does not exist").contains("descent train --serve")
                .doesNotContain("Exception");

        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getByName("127.0.0.1"))) {
            CliRun busy = CliRun.of("serve", runs.toString(), "--port", String.valueOf(taken.getLocalPort()));
            assertThat(busy.code()).isNotZero();
            assertThat(busy.err()).contains("--port " + taken.getLocalPort()).contains("--port 0")
                    .doesNotContain("Exception");
        }
        CliRun portWithoutServe = CliRun.of("train", "--dataset", "iris", "--port", "7000");
        assertThat(portWithoutServe.code()).isNotZero();
        assertThat(portWithoutServe.err()).contains("add --serve");
    }

    @Test
    void trainServePrintsTheRunsPageWhichAnswersWhileItTrains() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Path run = runs.resolve("watched");
        Future<Integer> training = start(out, err, "train", "--serve", "--port", "0", "--dataset", "digits",
                "--epochs", "6", "--batch-size", "8", "--set", "model.hidden=[512,512]", "--lr", "0.01",
                "--no-plots", "--run-dir", run.toString());

        URI address = await(ADDRESS, out, training);
        URI page = await(LIVE, out, training);
        assertThat(page.toString()).startsWith(address.toString()).contains("run?id=");
        String id = java.net.URLDecoder.decode(page.getRawQuery().substring("id=".length()),
                java.nio.charset.StandardCharsets.UTF_8);
        JsonNode detail = get(address.resolve("api/run?id=" + java.net.URLEncoder.encode(id,
                java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(detail.get("run").get("name").asText()).isEqualTo("watched");
        assertThat(detail.get("run").get("status").asText()).as("while training").isEqualTo("running");

        assertThat(training.get(120, TimeUnit.SECONDS)).as(err.toString()).isZero();
        assertThat(Files.readString(run.resolve("status.json"))).contains("\"finished\"");
        // not a terminal: the dashboard stopped with the run
        assertThat(out.toString()).doesNotContain("still serving");
    }

    private Future<Integer> start(StringWriter out, StringWriter err, String... args) {
        return background.submit(() -> {
            CommandLine cli = DescentCommand.commandLine();
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(err, true));
            return cli.execute(args);
        });
    }

    private static URI await(Pattern line, StringWriter out, Future<Integer> command) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < end) {
            Matcher m = line.matcher(out.toString());
            if (m.find()) {
                return URI.create(m.group(1));
            }
            assertThat(command.isDone()).as("the command ended first: " + out).isFalse();
            Thread.sleep(10);
        }
        throw new AssertionError("no line matching " + line + " in: " + out);
    }

    private JsonNode get(URI uri) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(uri + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
