package dev.descent.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Dashboard#start}'s refusals, and what a started dashboard tells about itself. */
class DashboardStartTest {
    @TempDir
    Path temp;

    @Test
    void aDirectoryThatDoesNotExistIsNamed() {
        Path missing = temp.resolve("no-such-runs");

        assertThatThrownBy(() -> Dashboard.start(List.of(missing), "127.0.0.1", 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(missing.toString())
                .hasMessageContaining("does not exist");
    }

    @Test
    void aFileIsNotADirectory() throws Exception {
        Path file = Files.writeString(temp.resolve("runs.txt"), "x");

        assertThatThrownBy(() -> Dashboard.start(List.of(temp, file), "127.0.0.1", 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(file.toString())
                .hasMessageContaining("is a file");
    }

    @Test
    void noDirectoryIsRefused() {
        assertThatThrownBy(() -> Dashboard.start(List.of(), "127.0.0.1", 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPortTakenIsRefusedNamingThePortOption() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();

            assertThatThrownBy(() -> Dashboard.start(List.of(temp), "127.0.0.1", port))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--port")
                    .hasMessageContaining(String.valueOf(port));
        }
    }

    @Test
    void aPortOutOfRangeIsRefused() {
        for (int port : new int[] {-1, 65_536}) {
            assertThatThrownBy(() -> Dashboard.start(List.of(temp), "127.0.0.1", port))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--port");
        }
    }

    @Test
    void isLoopback() {
        assertThat(Dashboard.isLoopback("127.0.0.1")).isTrue();
        assertThat(Dashboard.isLoopback("localhost")).isTrue();
        assertThat(Dashboard.isLoopback("0.0.0.0")).isFalse();
    }

    @Test
    void aStartedDashboardTellsItsAddressDirectoriesAndRunPages() throws Exception {
        RunFixture.finished(temp.resolve("runs/tune-1/trials/trial 001"));
        Files.createDirectories(temp.resolve("elsewhere"));
        try (Dashboard dashboard = Dashboard.start(List.of(temp.resolve("runs")), "127.0.0.1", 0)) {
            URI uri = dashboard.uri();
            assertThat(uri.getScheme()).isEqualTo("http");
            assertThat(uri.getHost()).isEqualTo("127.0.0.1");
            assertThat(uri.getPort()).isPositive();
            assertThat(uri.getPath()).isEqualTo("/");
            assertThat(dashboard.directories()).containsExactly(temp.resolve("runs").toRealPath());
            assertThat(dashboard.openStreams()).isZero();

            URI page = dashboard.runPage(temp.resolve("runs/tune-1/trials/trial 001")).orElseThrow();
            assertThat(page.toString()).isEqualTo(uri + "run?id=0%2Ftune-1%2Ftrials%2Ftrial%20001");
            assertThat(dashboard.runPage(temp.resolve("elsewhere"))).isEmpty();
            assertThat(dashboard.runPage(temp.resolve("missing"))).isEmpty();
            // the id of the page is the id the API knows
            assertThat(TestHttp.runDetail(dashboard, "0/tune-1/trials/trial 001").path("run").path("name").asText())
                    .isEqualTo("tune-1/trials/trial 001");
        }
    }

    @Test
    void aRunServedAsTheDirectoryItselfHasTheEmptyRelativePath() throws Exception {
        Path run = temp.resolve("a");
        RunFixture.finished(run);
        try (Dashboard dashboard = Dashboard.start(List.of(run), "127.0.0.1", 0)) {
            var detail = TestHttp.runDetail(dashboard, "0/");
            assertThat(detail.path("run").path("name").asText()).isEqualTo("a");
            String plot = detail.path("plots").get(0).path("url").asText();
            assertThat(plot).isEqualTo("/files/0/plots/accuracy.png");
            assertThat(TestHttp.getBytes(dashboard, plot).statusCode()).isEqualTo(200);
            assertThat(dashboard.runPage(run)).contains(dashboard.uri().resolve("run?id=0%2F"));
        }
    }

    @Test
    void twoDirectoriesAreTwoRoots() throws Exception {
        RunFixture.finished(temp.resolve("one/a"));
        RunFixture.finished(temp.resolve("two/a"));
        try (Dashboard dashboard = Dashboard.start(List.of(temp.resolve("one"), temp.resolve("two")), "127.0.0.1", 0)) {
            assertThat(TestHttp.runSummary(dashboard, "0/a")).isNotNull();
            assertThat(TestHttp.runSummary(dashboard, "1/a")).isNotNull();
            assertThat(TestHttp.getJson(dashboard, "/api/runs").path("roots")).hasSize(2);
            assertThat(TestHttp.get(dashboard, "/files/1/a/config.yaml").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void reportsAreListed() throws Exception {
        RunFixture.finished(temp.resolve("runs/a"));
        Files.createDirectories(temp.resolve("runs/tune-1"));
        Files.writeString(temp.resolve("runs/tune-1/results.html"), "<p>tune</p>");
        Files.writeString(temp.resolve("runs/tune-1/trials.csv"), "trial\n");
        Files.createDirectories(temp.resolve("runs/.hidden"));
        Files.writeString(temp.resolve("runs/.hidden/report.html"), "<p>hidden</p>");
        try (Dashboard dashboard = Dashboard.start(List.of(temp.resolve("runs")), "127.0.0.1", 0)) {
            var reports = TestHttp.getJson(dashboard, "/api/runs").path("reports");
            assertThat(reports).hasSize(1);
            assertThat(reports.get(0).path("kind").asText()).isEqualTo("tune");
            assertThat(reports.get(0).path("url").asText()).isEqualTo("/files/0/tune-1/results.html");
            assertThat(TestHttp.get(dashboard, reports.get(0).path("url").asText()).statusCode()).isEqualTo(200);
        }
    }
}
