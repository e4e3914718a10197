package dev.descent.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every response carries a Content-Security-Policy (the pages': scripts from the server only; the served files':
 * no script at all), nosniff, and a content type from the table, never one a browser would guess.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResponseHeadersTest {
    private static final String WEB = "/dev/descent/dashboard/web/";

    private Dashboard dashboard;

    @BeforeAll
    void serve(@TempDir Path temp) throws Exception {
        RunFixture run = RunFixture.finished(temp.resolve("runs/a"));
        run.write("plots/loss.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>");
        run.write("report.html", "<html><body><script>alert(1)</script></body></html>");
        run.write("style.css", "body { color: red }");
        run.write("tool.js", "alert(1)");
        run.write("model.safetensors", new byte[] {1, 2, 3});
        run.write("notes", "no extension");
        run.write("page.HTML", "<p>upper case extension</p>");
        dashboard = Dashboard.start(List.of(temp.resolve("runs")), "127.0.0.1", 0);
    }

    @AfterAll
    void stop() {
        if (dashboard != null) {
            dashboard.close();
        }
    }

    private static boolean resourceExists(String name) {
        return Dashboard.class.getResource(WEB + name) != null;
    }

    /** The directives of a policy, e.g. {@code script-src 'self'}, by name. */
    private static Optional<String> directive(String policy, String name) {
        return Arrays.stream(policy.split(";")).map(String::trim).filter(d -> d.equals(name) || d.startsWith(name + " "))
                .findFirst();
    }

    private static void assertCommon(String what, HttpHeaders headers) {
        assertThat(headers.firstValue("X-Content-Type-Options")).as(what).contains("nosniff");
        assertThat(headers.allValues("Content-Security-Policy")).as(what).hasSize(1);
        assertThat(headers.firstValue("Content-Type")).as(what).isPresent();
    }

    private static void assertPagePolicy(String what, HttpHeaders headers) {
        assertCommon(what, headers);
        String policy = headers.firstValue("Content-Security-Policy").orElseThrow();
        assertThat(directive(policy, "default-src")).as(what).contains("default-src 'none'");
        assertThat(directive(policy, "script-src")).as(what).contains("script-src 'self'");
        assertThat(directive(policy, "script-src").orElseThrow()).as(what).doesNotContain("unsafe-inline")
                .doesNotContain("unsafe-eval");
        assertThat(directive(policy, "frame-ancestors")).as(what).contains("frame-ancestors 'none'");
    }

    private static void assertFilePolicy(String what, HttpHeaders headers) {
        assertCommon(what, headers);
        String policy = headers.firstValue("Content-Security-Policy").orElseThrow();
        assertThat(directive(policy, "default-src")).as(what).contains("default-src 'none'");
        assertThat(policy).as(what).doesNotContain("script-src");
        assertThat(directive(policy, "sandbox")).as(what).isPresent();
    }

    @ParameterizedTest
    @CsvSource({"/, index.html", "/run, run.html", "/compare, compare.html"})
    void pagesAreHtmlWithThePagePolicy(String path, String resource) {
        assumeTrue(resourceExists(resource), resource + " is not written yet");
        HttpResponse<String> response = TestHttp.get(dashboard, path);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
        assertPagePolicy(path, response.headers());
        assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
    }

    @ParameterizedTest
    @CsvSource({"common.js, text/javascript; charset=utf-8", "charts.js, text/javascript; charset=utf-8",
        "dashboard.css, text/css; charset=utf-8", "vendor/uplot/dist/uPlot.iife.min.js, text/javascript; charset=utf-8",
        "vendor/uplot/dist/uPlot.min.css, text/css; charset=utf-8"})
    void staticResourcesHaveTheirTypeAndThePagePolicy(String name, String type) {
        assumeTrue(resourceExists(name), name + " is not there yet");
        HttpResponse<String> response = TestHttp.get(dashboard, "/static/" + name);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains(type);
        assertPagePolicy(name, response.headers());
        // never cached: the library's address has no version in it, so a newer build must not meet an older copy
        assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
    }

    @Test
    void someStaticScriptExists() {
        String name = resourceExists("common.js") ? "common.js" : "vendor/uplot/dist/uPlot.iife.min.js";
        HttpResponse<String> response = TestHttp.get(dashboard, "/static/" + name);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("text/javascript; charset=utf-8");
        assertPagePolicy(name, response.headers());
    }

    @Test
    void apiAnswersAreJsonWithThePagePolicy() {
        for (String path : List.of("/api/runs", "/api/run?id=" + TestHttp.q("0/a"),
                "/api/compare?id=" + TestHttp.q("0/a"), "/api/run?id=nothing")) {
            HttpResponse<String> response = TestHttp.get(dashboard, path);
            assertThat(response.statusCode()).as(path).isIn(200, 404);
            assertThat(response.headers().firstValue("Content-Type")).as(path)
                    .contains("application/json; charset=utf-8");
            assertThat(response.headers().firstValue("Cache-Control")).as(path).contains("no-store");
            assertPagePolicy(path, response.headers());
        }
    }

    @ParameterizedTest
    @CsvSource({
        "config.yaml, text/plain; charset=utf-8",
        "metrics.csv, text/csv; charset=utf-8",
        "metrics.jsonl, application/x-ndjson; charset=utf-8",
        "summary.json, application/json; charset=utf-8",
        "plots/loss.png, image/png",
        "plots/loss.svg, image/svg+xml",
        "report.html, text/html; charset=utf-8",
        "page.HTML, text/html; charset=utf-8",
        "style.css, text/css; charset=utf-8",
        "tool.js, text/javascript; charset=utf-8",
    })
    void servedFilesHaveTheirTypeAndTheFilePolicy(String file, String type) {
        HttpResponse<String> response = TestHttp.get(dashboard, "/files/0/a/" + file);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains(type);
        assertThat(response.headers().firstValue("Content-Disposition")).isEmpty();
        assertFilePolicy(file, response.headers());
    }

    @ParameterizedTest
    @ValueSource(strings = {"model.safetensors", "notes"})
    void aFileOfUnknownTypeIsADownload(String file) {
        HttpResponse<String> response = TestHttp.get(dashboard, "/files/0/a/" + file);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/octet-stream");
        assertThat(response.headers().firstValue("Content-Disposition")).hasValueSatisfying(
                value -> assertThat(value).startsWith("attachment"));
        assertFilePolicy(file, response.headers());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/nothing", "/static/nothing.js", "/files/0/a/nothing.txt", "/api", "/api/runs/x",
        "/index.html", "/files/0/a/../b"})
    void aNotFoundCarriesTheHeadersToo(String path) {
        TestHttp.RawResponse response = TestHttp.rawGet(dashboard, path);

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
        assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
        String policy = response.header("Content-Security-Policy");
        assertThat(policy).isNotNull();
        assertThat(directive(policy, "default-src")).contains("default-src 'none'");
    }

    @Test
    void theRefusalsCarryTheHeadersToo() {
        int port = TestHttp.port(dashboard);
        for (TestHttp.RawResponse response : List.of(TestHttp.raw(dashboard, "GET", "/api/runs", "evil.example"),
                TestHttp.raw(dashboard, "POST", "/api/runs", "127.0.0.1:" + port))) {
            assertThat(response.status()).isIn(403, 405);
            assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(response.header("Content-Security-Policy")).contains("default-src 'none'");
            assertThat(response.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
        }
    }

    @Test
    void theEventStreamIsAnEventStreamWithThePolicy() throws Exception {
        try (SseClient events = SseClient.open(dashboard)) {
            HttpHeaders headers = events.response().headers();
            assertThat(headers.firstValue("Content-Type")).contains("text/event-stream; charset=utf-8");
            assertPagePolicy("/api/events", headers);
            assertThat(headers.firstValue("Cache-Control")).contains("no-store");
        }
    }

    @Test
    void headRequestsCarryTheSameHeadersAndNoBody() {
        HttpResponse<String> head = TestHttp.send(dashboard, "HEAD", "/files/0/a/config.yaml");

        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().firstValue("Content-Type")).contains("text/plain; charset=utf-8");
        assertFilePolicy("HEAD", head.headers());
    }

    @ParameterizedTest(name = "contentType({0}) = {1}")
    @CsvSource({"index.html, text/html; charset=utf-8", "a.HTM, application/octet-stream",
        "common.js, text/javascript; charset=utf-8", "x.css, text/css; charset=utf-8",
        "s.json, application/json; charset=utf-8", "loss.PNG, image/png", "p.svg, image/svg+xml",
        "config.yaml, text/plain; charset=utf-8", "README, application/octet-stream",
        "model.safetensors, application/octet-stream", "a.tar.gz, application/octet-stream",
        "x.exe, application/octet-stream", "trailing., application/octet-stream"})
    void contentTypeTable(String name, String type) {
        assertThat(Responses.contentType(name)).isEqualTo(type);
    }
}
