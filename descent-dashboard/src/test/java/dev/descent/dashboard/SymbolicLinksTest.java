package dev.descent.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run's files are read only when they are its own: a link in a run directory to a file outside the served
 * directories (a secret in the home directory, say) is neither a run nor read into the API's answers.
 */
class SymbolicLinksTest {
    private static final String SECRET = "the-secret-token-4242";

    @TempDir
    Path temp;

    @Test
    void aRunsFilesThatAreLinksOutsideAreNotRead() throws IOException {
        Path served = Files.createDirectories(temp.resolve("served"));
        Path outside = Files.createDirectories(temp.resolve("outside"));
        Path secret = Files.writeString(outside.resolve("secret.json"), "{\"status\": \"" + SECRET + "\", \"token\": \""
                + SECRET + "\"}\n");
        RunFixture.finished(served.resolve("linked"));
        Path run = served.resolve("linked");
        for (String file : List.of("status.json", "summary.json")) {
            Files.delete(run.resolve(file));
            Files.createSymbolicLink(run.resolve(file), secret);
        }
        Files.delete(run.resolve("metrics.jsonl"));
        Files.createSymbolicLink(run.resolve("metrics.jsonl"), secret);
        RunFixture.finished(served.resolve("config-link"));
        Files.delete(served.resolve("config-link").resolve("config.yaml"));
        Files.createSymbolicLink(served.resolve("config-link").resolve("config.yaml"), secret);

        try (Dashboard dashboard = Dashboard.start(List.of(served), "127.0.0.1", 0)) {
            String list = TestHttp.get(dashboard, "/api/runs").body();
            String detail = TestHttp.get(dashboard, "/api/run?id=" + TestHttp.q("0/linked")).body();

            assertThat(list).doesNotContain(SECRET);
            assertThat(detail).doesNotContain(SECRET);
            JsonNode runs = TestHttp.json(list).get("runs");
            assertThat(runs).extracting(r -> r.get("name").asText()).containsExactly("linked");
            assertThat(TestHttp.json(detail).get("epochs").get("rows")).isEmpty();
        }
    }
}
