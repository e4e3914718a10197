package dev.descent.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run directory as {@code descent train} really writes it, when one is at hand ({@code /tmp/webruns/a}, copied;
 * skipped elsewhere): the dashboard reads every file of it as the fixtures assume.
 */
class RealRunTest {
    private static final Path EXAMPLE = Path.of("/tmp/webruns/a");

    @TempDir
    Path temp;

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            paths.forEach(path -> {
                try {
                    Path target = to.resolve(from.relativize(path).toString());
                    if (Files.isDirectory(path)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(path, target);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    @Test
    void aRealRunIsReadWhole() throws Exception {
        assumeTrue(Files.isRegularFile(EXAMPLE.resolve("metrics.jsonl")), "no example run on this machine");
        Path run = temp.resolve("runs/a");
        copy(EXAMPLE, run);
        long epochs = Files.readAllLines(run.resolve("metrics.jsonl")).stream().filter(l -> !l.isBlank()).count();
        long steps = Files.readAllLines(run.resolve("metrics-steps.csv")).stream().filter(l -> !l.isBlank()).count()
                - 1;
        JsonNode summaryFile = TestHttp.JSON.readTree(run.resolve("summary.json").toFile());

        try (Dashboard dashboard = Dashboard.start(List.of(temp.resolve("runs")), "127.0.0.1", 0)) {
            JsonNode detail = TestHttp.runDetail(dashboard, "0/a");

            assertThat(detail.path("epochs").path("rows")).hasSize((int) epochs);
            assertThat(detail.path("steps").path("rows")).hasSize((int) steps);
            assertThat(detail.path("run").path("epochs_done").asInt()).isEqualTo((int) epochs);
            assertThat(detail.path("run").has("skipped_lines")).isFalse();
            assertThat(detail.path("run").path("test_accuracy").asDouble())
                    .isEqualTo(summaryFile.path("test_accuracy").asDouble());
            assertThat(detail.path("test_report").path("classes"))
                    .hasSize(summaryFile.path("test_report").path("classes").size());
            List<String> plots = new ArrayList<>();
            detail.path("plots").forEach(p -> plots.add(p.path("name").asText()));
            assertThat(plots).isNotEmpty().allMatch(name -> name.endsWith(".png")).isSorted();
            for (JsonNode plot : detail.path("plots")) {
                assertThat(TestHttp.getBytes(dashboard, plot.path("url").asText()).statusCode()).isEqualTo(200);
            }
            List<String> keys = new ArrayList<>();
            detail.path("config").forEach(pair -> keys.add(pair.get(0).asText()));
            assertThat(keys).contains("task", "optimizer.lr", "model.hidden", "training.epochs");
            for (JsonNode row : detail.path("epochs").path("rows")) {
                assertThat(row).hasSize(WatchedRun.EPOCH_COLUMNS.size());
                assertThat(row.get(0).isNumber()).isTrue();
            }
            assertThat(TestHttp.get(dashboard, "/files/0/a/.lock").statusCode()).isEqualTo(404);
        }
    }
}
