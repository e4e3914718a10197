package dev.descent.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** {@code /api/compare}: the runs' summaries and exactly the config keys that differ, values in run order. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CompareTest {
    private Dashboard dashboard;

    @BeforeAll
    void serve(@TempDir Path temp) throws Exception {
        RunFixture.create(temp.resolve("a"), """
                task: classification
                data:
                  dataset: digits
                model:
                  kind: mlp
                  hidden: [256, 128]
                optimizer:
                  name: sgd
                  lr: 0.05
                  momentum: 0.9
                training:
                  epochs: 5
                  seed: 42
                only_a: yes
                """).epochs(2);
        RunFixture.create(temp.resolve("b"), """
                task: classification
                data:
                  dataset: digits
                model:
                  kind: mlp
                  hidden: [64]
                optimizer:
                  name: sgd
                  lr: 0.1
                  momentum: null
                training:
                  epochs: 5
                  seed: 42
                extra:
                  only_b: 3
                """).epochs(1);
        RunFixture.create(temp.resolve("c"), RunFixture.CONFIG).epochs(1);
        dashboard = Dashboard.start(List.of(temp), "127.0.0.1", 0);
    }

    @AfterAll
    void stop() {
        if (dashboard != null) {
            dashboard.close();
        }
    }

    /** key: values, as rows of text, e.g. {@code optimizer.lr: [0.05, 0.1]}. */
    private static List<String> differing(JsonNode body) {
        List<String> rows = new ArrayList<>();
        for (JsonNode row : body.path("differing")) {
            List<String> values = new ArrayList<>();
            row.path("values").forEach(v -> values.add(v.isNull() ? null : v.asText()));
            rows.add(row.path("key").asText() + ": " + values);
        }
        return rows;
    }

    private JsonNode compare(String... ids) {
        StringBuilder query = new StringBuilder();
        Arrays.stream(ids).forEach(id -> query.append(query.length() == 0 ? "?" : "&").append("id=")
                .append(TestHttp.q(id)));
        return TestHttp.getJson(dashboard, "/api/compare" + query);
    }

    @Test
    void listsExactlyTheDifferingKeysInRunOrder() {
        JsonNode body = compare("0/a", "0/b");

        // a key only one run has goes right after the key before it in that run (ConfigTree.mergedKeys)
        assertThat(differing(body)).containsExactly(
                "model.hidden: [[256, 128], [64]]",
                "optimizer.lr: [0.05, 0.1]",
                "optimizer.momentum: [0.9, null]",
                "extra.only_b: [null, 3]",
                "only_a: [true, null]");
        // "null" the YAML value is text; null the JSON value is a key the run lacks
        JsonNode momentum = body.path("differing").get(2).path("values");
        assertThat(momentum.get(1).isTextual()).isTrue();
        assertThat(body.path("differing").get(4).path("values").get(1).isNull()).isTrue();
        List<String> ids = new ArrayList<>();
        body.path("runs").forEach(r -> ids.add(r.path("id").asText()));
        assertThat(ids).containsExactly("0/a", "0/b");
    }

    @Test
    void theValuesFollowTheOrderOfTheIds() {
        JsonNode body = compare("0/b", "0/a");

        assertThat(differing(body)).containsExactly(
                "model.hidden: [[64], [256, 128]]",
                "optimizer.lr: [0.1, 0.05]",
                "optimizer.momentum: [null, 0.9]",
                "only_a: [null, true]",
                "extra.only_b: [3, null]");
        assertThat(body.path("runs").get(0).path("id").asText()).isEqualTo("0/b");
    }

    @Test
    void threeRuns() {
        JsonNode body = compare("0/a", "0/b", "0/c");

        assertThat(differing(body)).contains("optimizer.lr: [0.05, 0.1, 0.05]",
                "training.batch_size: [null, null, 64]", "schedule.name: [null, null, linear]");
        assertThat(differing(body)).noneMatch(row -> row.startsWith("task:") || row.startsWith("data.dataset:"));
    }

    @Test
    void aRunWithItselfDiffersInNothing() {
        JsonNode body = compare("0/a", "0/a");

        assertThat(body.path("differing")).isEmpty();
        assertThat(body.path("runs")).hasSize(2);
    }

    @Test
    void anUnknownRunIs404() {
        HttpResponse<String> response = TestHttp.get(dashboard, "/api/compare?id=0%2Fa&id=0%2Fnothing");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(TestHttp.json(response.body()).path("error").asText()).contains("0/nothing");
    }

    @Test
    void noRunsCompareToNothing() {
        JsonNode body = TestHttp.getJson(dashboard, "/api/compare");

        assertThat(body.path("runs")).isEmpty();
        assertThat(body.path("differing")).isEmpty();
    }
}
