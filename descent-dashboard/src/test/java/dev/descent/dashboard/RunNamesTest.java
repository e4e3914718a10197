package dev.descent.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs whose names hold characters that URLs escape ({@code run.name} is the user's, and a run directory is named
 * after it): listed, found by their id, their files and plots served at the addresses the API gives.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunNamesTest {
    static final List<String> NAMES = List.of("trial 001", "lr+momentum", "100%", "a#b", "what?", "a&b=c", "été-😀",
            "%2e%2e", "[x]", "semi;colon", "lr:0.1-20261207-000000", "quote\"s");

    private Dashboard dashboard;

    @BeforeAll
    void serve(@TempDir Path temp) throws Exception {
        for (String name : NAMES) {
            RunFixture.finished(temp.resolve("runs").resolve(name));
        }
        dashboard = Dashboard.start(List.of(temp.resolve("runs")), "127.0.0.1", 0);
    }

    @AfterAll
    void stop() {
        if (dashboard != null) {
            dashboard.close();
        }
    }

    @Test
    void everyRunIsListedUnderItsName() {
        List<String> names = new ArrayList<>();
        TestHttp.getJson(dashboard, "/api/runs").path("runs").forEach(r -> names.add(r.path("name").asText()));

        assertThat(names).containsExactlyInAnyOrderElementsOf(NAMES);
    }

    @ParameterizedTest
    @ValueSource(strings = {"trial 001", "lr+momentum", "100%", "a#b", "what?", "a&b=c", "été-😀", "%2e%2e", "[x]",
        "semi;colon", "lr:0.1-20261207-000000", "quote\"s"})
    void theRunItsFilesAndItsPlotsAreFoundByTheAddressesGiven(String name) {
        JsonNode detail = TestHttp.runDetail(dashboard, "0/" + name);
        assertThat(detail.path("run").path("name").asText()).isEqualTo(name);
        assertThat(detail.path("epochs").path("rows")).hasSize(3);

        assertThat(detail.path("plots")).hasSize(2);
        for (JsonNode plot : detail.path("plots")) {
            String url = plot.path("url").asText();
            HttpResponse<byte[]> response = TestHttp.getBytes(dashboard, url);
            assertThat(response.statusCode()).as(url).isEqualTo(200);
            assertThat(response.body()).as(url).isEqualTo(RunFixture.PNG);
        }
        String config = "/files/0/" + PercentCoding.encodeSegment(name) + "/config.yaml";
        assertThat(TestHttp.get(dashboard, config).statusCode()).as(config).isEqualTo(200);
        assertThat(dashboard.runPage(dashboard.directories().get(0).resolve(name))).hasValueSatisfying(
                page -> assertThat(page.getRawQuery()).isEqualTo("id=" + PercentCoding.encodeSegment("0/" + name)));
    }
}
