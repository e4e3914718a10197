package dev.descent.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Served on 127.0.0.1, the dashboard answers only requests addressed to this machine by name: a page elsewhere whose
 * host name was pointed at 127.0.0.1 (DNS rebinding) reads nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostHeaderTest {
    private Dashboard dashboard;
    private int port;

    @BeforeAll
    void serve(@TempDir Path temp) throws Exception {
        RunFixture.finished(temp.resolve("a"));
        dashboard = Dashboard.start(List.of(temp), "127.0.0.1", 0);
        port = TestHttp.port(dashboard);
    }

    @AfterAll
    void stop() {
        if (dashboard != null) {
            dashboard.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"evil.example", "evil.example:%d", "127.0.0.1.evil.example", "127.0.0.1.evil.example:%d",
        "localhost.evil.example:%d", "evil.example:%d@127.0.0.1", "[::2]:%d", "0.0.0.0:%d", "10.0.0.1:%d",
        "127.0.0.2:%d", "", "[127.0.0.1:%d"})
    void aForeignHostIsRefusedWith403(String host) {
        String header = host.formatted(port);
        for (String path : List.of("/api/runs", "/api/run?id=0%2Fa", "/files/0/a/config.yaml", "/", "/api/events")) {
            TestHttp.RawResponse response = TestHttp.raw(dashboard, "GET", path, header);

            assertThat(response.status()).as("Host: %s, %s", header, path).isEqualTo(403);
            assertThat(response.text()).as("Host: %s, %s", header, path).doesNotContain("classification")
                    .doesNotContain("digits");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost:%d", "127.0.0.1:%d", "localhost", "127.0.0.1", "LOCALHOST:%d", "[::1]:%d"})
    void thisMachineByNameIsServed(String host) {
        String header = host.formatted(port);
        TestHttp.RawResponse response = TestHttp.raw(dashboard, "GET", "/api/runs", header);

        assertThat(response.status()).as("Host: %s", header).isEqualTo(200);
        assertThat(response.text()).contains("\"0/a\"");
    }

    @Test
    void anHttp10RequestWithoutHostIsServed() {
        TestHttp.RawResponse response = TestHttp.rawRequest(dashboard, "GET /api/runs HTTP/1.0\r\n\r\n", false);

        assertThat(response.status()).isEqualTo(200);
    }

    @Test
    void theHttpClientsOwnRequestsAreServed() {
        assertThat(TestHttp.get(dashboard, "/api/runs").statusCode()).isEqualTo(200);
    }
}
