package dev.descent.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run whose status says running is running only while the process that wrote it lives: the pid, and where it is
 * recorded, that process's start time, so that a later process given the same pid (after a reboot, in a container)
 * does not keep a dead run "running".
 */
class ProcessIdentityTest {
    @TempDir
    Path served;

    @Test
    void theSamePidStartedAtAnotherTimeIsAnotherProcess() throws IOException {
        long pid = ProcessHandle.current().pid();
        Instant started = ProcessHandle.current().info().startInstant().orElseThrow();
        write("same", pid, started.toString());
        write("reused", pid, started.minusSeconds(3_600).toString());
        write("unrecorded", pid, null);

        try (Dashboard dashboard = Dashboard.start(List.of(served), "127.0.0.1", 0)) {
            var runs = TestHttp.getJson(dashboard, "/api/runs").get("runs");
            java.util.Map<String, String> status = new java.util.HashMap<>();
            runs.forEach(run -> status.put(run.get("name").asText(), run.get("status").asText()));

            assertThat(status).containsEntry("same", "running").containsEntry("reused", "stopped")
                    .containsEntry("unrecorded", "running");
        }
    }

    private void write(String name, long pid, String processStarted) throws IOException {
        RunFixture.create(served.resolve(name));
        Files.writeString(served.resolve(name).resolve("status.json"), "{\"status\":\"running\",\"pid\":" + pid
                + (processStarted == null ? "" : ",\"process_started\":\"" + processStarted + "\"")
                + ",\"started\":\"2026-12-07T00:00:00Z\",\"epochs\":5,\"message\":null}\n");
    }
}
