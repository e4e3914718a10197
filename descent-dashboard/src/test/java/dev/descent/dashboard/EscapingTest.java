package dev.descent.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run named {@code <script>alert(1)</script>} (the folder {@code <script>alert(1)<} holding the folder
 * {@code script>}), a config value and a class name that close a script element: every JSON answer carries them as
 * {@code \u003c} escapes, no raw {@code < > & '}, and parses back to the exact text.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EscapingTest {
    static final String NAME = "<script>alert(1)</script>";
    static final String ID = "0/" + NAME;
    static final String PAYLOAD = "</script><img src=x onerror=alert(1)>";
    static final String QUOTED = "it's <b>&amp;</b>";

    private Dashboard dashboard;

    @BeforeAll
    void serve(@TempDir Path temp) throws Exception {
        Path run = temp.resolve("<script>alert(1)<").resolve("script>");
        String config = RunFixture.CONFIG.replace("dataset: digits", "dataset: '" + PAYLOAD + "'")
                + "run:\n  name: \"" + QUOTED + "\"\n";
        RunFixture.create(run, config).epochs(2).steps(2).status("finished", 1).summary(PAYLOAD, "ok")
                .plot("loss.png");
        assertThat(Files.isDirectory(temp.resolve("<script>alert(1)<").resolve("script>"))).isTrue();
        dashboard = Dashboard.start(List.of(temp), "127.0.0.1", 0);
    }

    @AfterAll
    void stop() {
        if (dashboard != null) {
            dashboard.close();
        }
    }

    private static void assertInert(String body) {
        assertThat(body).doesNotContain("<").doesNotContain(">").doesNotContain("&").doesNotContain("'");
        assertThat(body.toLowerCase()).contains("\\u003c").contains("\\u003e");
    }

    @Test
    void theRunsListCarriesTheNameEscapedAndExact() {
        HttpResponse<String> response = TestHttp.get(dashboard, "/api/runs");

        assertThat(response.statusCode()).isEqualTo(200);
        assertInert(response.body());
        JsonNode run = TestHttp.json(response.body()).path("runs").get(0);
        assertThat(run.path("name").asText()).isEqualTo(NAME);
        assertThat(run.path("id").asText()).isEqualTo(ID);
        assertThat(run.path("settings").path("dataset").asText()).isEqualTo(PAYLOAD);
    }

    @Test
    void theRunDetailCarriesNameConfigAndClassesEscapedAndExact() {
        HttpResponse<String> response = TestHttp.get(dashboard, "/api/run?id=" + TestHttp.q(ID));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertInert(response.body());
        JsonNode detail = TestHttp.json(response.body());
        assertThat(detail.path("run").path("name").asText()).isEqualTo(NAME);
        Map<String, String> config = new LinkedHashMap<>();
        detail.path("config").forEach(pair -> config.put(pair.get(0).asText(), pair.get(1).asText()));
        assertThat(config).containsEntry("data.dataset", PAYLOAD).containsEntry("run.name", QUOTED);
        List<String> classes = new ArrayList<>();
        detail.path("test_report").path("classes").forEach(c -> classes.add(c.path("name").asText()));
        assertThat(classes).containsExactly(PAYLOAD, "ok");
    }

    @Test
    void thePlotAddressesOfTheRunAreEncodedAndServed() {
        JsonNode detail = TestHttp.runDetail(dashboard, ID);
        String url = detail.path("plots").get(0).path("url").asText();

        assertThat(url).doesNotContain("<").doesNotContain(">").endsWith("/plots/loss.png");
        HttpResponse<byte[]> plot = TestHttp.getBytes(dashboard, url);
        assertThat(plot.statusCode()).isEqualTo(200);
        assertThat(plot.body()).isEqualTo(RunFixture.PNG);
    }

    @Test
    void theComparisonCarriesTheNameEscaped() {
        HttpResponse<String> response = TestHttp.get(dashboard, "/api/compare?id=" + TestHttp.q(ID));

        assertThat(response.statusCode()).isEqualTo(200);
        assertInert(response.body());
        assertThat(TestHttp.json(response.body()).path("runs").get(0).path("name").asText()).isEqualTo(NAME);
    }

    @Test
    void aNotFoundErrorEchoingTheIdIsEscaped() {
        String id = "0/" + PAYLOAD;
        HttpResponse<String> response = TestHttp.get(dashboard, "/api/run?id=" + TestHttp.q(id));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).doesNotContain("<").doesNotContain(">");
        assertThat(TestHttp.json(response.body()).path("error").asText()).contains(PAYLOAD);
    }

    @Test
    void theEventStreamCarriesTheNameEscaped() throws Exception {
        try (SseClient events = SseClient.open(dashboard, ID)) {
            SseClient.Event runs = events.await(TestHttp.LIVE, "runs");

            assertInert(runs.data());
            JsonNode run = runs.json().path("runs").get(0);
            assertThat(run.path("name").asText()).isEqualTo(NAME);
            assertThat(run.path("settings").path("dataset").asText()).isEqualTo(PAYLOAD);
        }
    }

    @Test
    void jsonEscapesTheHtmlCharactersAndWritesNaNAsNull() {
        String json = Json.write(Map.of("a", "<>&'\"\\/\u2028"));

        assertThat(json).isEqualTo("{\"a\":\"\\u003C\\u003E\\u0026\\u0027\\\"\\\\/\u2028\"}");
        assertThat(TestHttp.json(json).path("a").asText()).isEqualTo("<>&'\"\\/\u2028");
        assertThat(Json.number(Double.NaN)).isNull();
        assertThat(Json.number(Double.POSITIVE_INFINITY)).isNull();
        assertThat(Json.number(0.5)).isEqualTo(0.5);
    }
}
