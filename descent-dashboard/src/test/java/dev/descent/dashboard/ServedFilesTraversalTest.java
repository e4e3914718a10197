package dev.descent.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
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
 * {@code /files/…} over HTTP, sent byte for byte through a socket: a path that leaves the served directory, in any
 * spelling, answers 404 and never the content of the file beside it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServedFilesTraversalTest {
    private static final String SECRET = "TOP-SECRET-7f3a9c-never-served";

    private Path served;
    private Dashboard dashboard;

    @BeforeAll
    void serve(@TempDir Path temp) throws Exception {
        // temp/secret.txt and temp/outside/secret.txt lie outside temp/served, the served directory
        Files.writeString(temp.resolve("secret.txt"), SECRET + " (beside)\n");
        Path outside = Files.createDirectories(temp.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), SECRET + " (outside folder)\n");
        served = Files.createDirectories(temp.resolve("served"));
        RunFixture run = RunFixture.finished(served.resolve("run"));
        run.write(".lock", SECRET + " (lock)\n");
        run.write(".hidden.txt", SECRET + " (hidden)\n");
        run.write(".git/config", SECRET + " (git)\n");
        run.write("%2e%2e/secret.txt", "a folder literally named %2e%2e\n");
        Files.createSymbolicLink(run.dir.resolve("leak.txt"), temp.resolve("secret.txt"));
        Files.createSymbolicLink(run.dir.resolve("outdir"), outside);
        Files.createSymbolicLink(run.dir.resolve("relative-leak.txt"), Path.of("../../secret.txt"));
        Files.createSymbolicLink(run.dir.resolve("alias.yaml"), Path.of("config.yaml")); // stays inside: served
        dashboard = Dashboard.start(List.of(served), "127.0.0.1", 0);
    }

    @AfterAll
    void stop() {
        if (dashboard != null) {
            dashboard.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "/files/0/../secret.txt",
        "/files/0/run/../../secret.txt",
        "/files/0/./../secret.txt",
        "/files/0/%2e%2e/secret.txt",
        "/files/0/%2E%2E/secret.txt",
        "/files/0/%2E%2E%2Fsecret.txt",
        "/files/0/run/..%2f..%2fsecret.txt",
        "/files/0/run/%2e%2e%2f%2e%2e%2fsecret.txt",
        "/files/0/run/%2e%2e/%2e%2e/outside/secret.txt",
        "/files/0//etc/passwd",
        "/files/0/%2Fetc%2Fpasswd",
        "/files/0/%2F" + "%2E%2E/secret.txt",
        "/files/0/run/%00",
        "/files/0/run/config.yaml%00.txt",
        "/files/0/run/%00/../../secret.txt",
        "/files/1/x",
        "/files/1/run/config.yaml",
        "/files/9/run/config.yaml",
        "/files/-1/x",
        "/files/-1/run/config.yaml",
        "/files/a/run/config.yaml",
        "/files/0/run/.lock",
        "/files/0/run/%2elock",
        "/files/0/run/.hidden.txt",
        "/files/0/run/.git/config",
        "/files/0/run/./config.yaml",
        "/files/0/run/config.yaml/",
        "/files/0/run//config.yaml",
        "/files/0/..%5Csecret.txt",
        "/files/0/run/..%5C..%5Csecret.txt",
        "/files/0/run/..%5c..%5csecret.txt",
        "/files/0/%252e%252e/secret.txt",
        "/files/0/run/%252e%252e/%252e%252e/secret.txt",
        "/files/0/run/leak.txt",
        "/files/0/run/relative-leak.txt",
        "/files/0/run/outdir/secret.txt",
        "/files/0/run/outdir/..%2F..%2Fsecret.txt",
        "/files/0/run/C:%5Cwindows%5Cwin.ini",
        "/files/0/run",
        "/files/0/run/",
        "/files/0",
        "/files/0/",
        "/files/",
        "/files/0/run/%C0%AE%C0%AE/secret.txt",
        "/files/0/run/%FF",
        "/static/../../../secret.txt",
        "/static/%2e%2e/%2e%2e/Dashboard.class",
        "/static/..%2F..%2FDashboard.class",
        "/static/.%2E/.%2E/Dashboard.class",
    })
    void aPathLeavingTheServedDirectoryAnswers404WithoutTheFile(String target) {
        TestHttp.RawResponse response = TestHttp.rawGet(dashboard, target);

        assertThat(response.status()).as(target).isEqualTo(404);
        assertThat(response.text()).as(target).doesNotContain(SECRET).doesNotContain("root:x:0:0")
                .doesNotContain("folder literally named").isEqualTo("not found\n");
        assertThat(response.header("Content-Type")).as(target).startsWith("text/plain");
        assertThat(response.header("X-Content-Type-Options")).as(target).isEqualTo("nosniff");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/files/0/..\\secret.txt", "/files/0/run/..\\..\\secret.txt", "/files/0\\..\\secret.txt",
        "/files/0/run/%", "/files/0/run/%zz", "/files/0/run/%2", "/files/0/../secret.txt#x", "/files/0/run/leak.txt%"})
    void aMalformedTargetNeverReachesTheFile(String target) {
        TestHttp.RawResponse response = TestHttp.rawGet(dashboard, target);

        // the JDK's server may refuse the request line itself (400): either way, nothing is served
        assertThat(response.status()).as(target).isIn(400, 404);
        assertThat(response.text()).as(target).doesNotContain(SECRET);
    }

    @Test
    void aHeadRequestForAnOutsideFileIs404Too() {
        TestHttp.RawResponse response = TestHttp.raw(dashboard, "HEAD", "/files/0/run/leak.txt",
                "127.0.0.1:" + TestHttp.port(dashboard));

        assertThat(response.status()).isEqualTo(404);
    }

    @Test
    void aFileOfTheRunIsServedAsPlainText() throws Exception {
        TestHttp.RawResponse response = TestHttp.rawGet(dashboard, "/files/0/run/config.yaml");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
        assertThat(response.text()).isEqualTo(Files.readString(served.resolve("run/config.yaml")));
    }

    @Test
    void aSymbolicLinkThatStaysInsideIsServed() throws Exception {
        TestHttp.RawResponse response = TestHttp.rawGet(dashboard, "/files/0/run/alias.yaml");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.text()).isEqualTo(Files.readString(served.resolve("run/config.yaml")));
    }

    @Test
    void anEncodedNameIsDecodedOnceSoItsLiteralFolderIsServed() {
        // %252e%252e decodes once to the name "%2e%2e": a real folder of that name here, never ".."
        TestHttp.RawResponse response = TestHttp.rawGet(dashboard, "/files/0/run/%252e%252e/secret.txt");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.text()).isEqualTo("a folder literally named %2e%2e\n").doesNotContain(SECRET);
    }

    @Test
    void aPlotIsServedAsPng() {
        TestHttp.RawResponse response = TestHttp.rawGet(dashboard, "/files/0/run/plots/loss.png");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).isEqualTo("image/png");
        assertThat(response.body()).isEqualTo(RunFixture.PNG);
    }

    @Test
    void thePlainHttpClientGetsTheSameAnswers() {
        // the same checks through java.net.http, which sends these percent-encoded paths unchanged
        for (String target : List.of("/files/0/%2e%2e/secret.txt", "/files/0/run/..%2f..%2fsecret.txt",
                "/files/0/run/leak.txt", "/files/0/run/outdir/secret.txt", "/files/0/%2Fetc%2Fpasswd")) {
            var response = TestHttp.get(dashboard, target);
            assertThat(response.statusCode()).as(target).isEqualTo(404);
            assertThat(response.body()).as(target).doesNotContain(SECRET);
        }
        var ok = TestHttp.get(dashboard, "/files/0/run/metrics.csv");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).startsWith(RunFixture.EPOCH_HEADER);
    }
}
