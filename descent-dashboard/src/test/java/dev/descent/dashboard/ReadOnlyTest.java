package dev.descent.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The dashboard changes nothing: every method but GET and HEAD is refused, and no request touches the tree. */
class ReadOnlyTest {
    private static final List<String> PATHS = List.of("/api/runs", "/api/run?id=0%2Fa", "/api/compare?id=0%2Fa",
            "/api/events", "/files/0/a/config.yaml", "/files/0/a/new.txt", "/files/0/a/plots/loss.png", "/",
            "/run", "/static/common.js");

    @TempDir
    Path temp;

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "DELETE", "PATCH", "OPTIONS"})
    void otherMethodsAreRefusedWith405(String method) throws Exception {
        RunFixture.finished(temp.resolve("a"));
        String before = Files.readString(temp.resolve("a/config.yaml"));
        try (Dashboard dashboard = Dashboard.start(List.of(temp), "127.0.0.1", 0)) {
            for (String path : PATHS) {
                HttpResponse<String> response = TestHttp.send(dashboard, method, path);
                assertThat(response.statusCode()).as("%s %s", method, path).isEqualTo(405);
                assertThat(response.headers().firstValue("Allow")).as("%s %s", method, path).contains("GET, HEAD");
                assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
                assertThat(response.body()).as("%s %s", method, path).doesNotContain("classification");
            }
        }
        assertThat(temp.resolve("a/new.txt")).doesNotExist();
        assertThat(temp.resolve("a/config.yaml")).exists().hasContent(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"TRACE", "CONNECT", "PROPFIND", "MKCOL", "get"})
    void unusualMethodsAreRefusedToo(String method) throws Exception {
        RunFixture.finished(temp.resolve("a"));
        try (Dashboard dashboard = Dashboard.start(List.of(temp), "127.0.0.1", 0)) {
            String target = "CONNECT".equals(method) ? "127.0.0.1:1" : "/files/0/a/config.yaml";
            TestHttp.RawResponse response = TestHttp.raw(dashboard, method, target,
                    "127.0.0.1:" + TestHttp.port(dashboard));

            assertThat(response.status()).as(method).isIn(400, 405);
            assertThat(response.text()).as(method).doesNotContain("classification");
        }
    }

    @Test
    void noRequestChangesAnyFile() throws Exception {
        Path runs = Files.createDirectories(temp.resolve("runs"));
        RunFixture.finished(runs.resolve("a")).write(".lock", "");
        RunFixture.create(runs.resolve("b")).epochs(2).steps(3).status("running", ProcessHandle.current().pid());
        Files.writeString(runs.resolve("b/report.html"), "<p>report</p>");
        Files.createSymbolicLink(runs.resolve("a/alias.yaml"), Path.of("config.yaml"));
        Files.writeString(temp.resolve("secret.txt"), "outside");
        Map<String, String> before = snapshot(temp);

        try (Dashboard dashboard = Dashboard.start(List.of(runs), "127.0.0.1", 0)) {
            int port = TestHttp.port(dashboard);
            try (SseClient events = SseClient.open(dashboard, "0/a", "0/b")) {
                events.await(TestHttp.LIVE, "runs");
                for (String method : List.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS")) {
                    for (String path : List.of("/", "/run?id=0%2Fa", "/compare?id=0%2Fa&id=0%2Fb", "/api/runs",
                            "/api/run?id=0%2Fa", "/api/run?id=0%2Fb", "/api/compare?id=0%2Fa&id=0%2Fb",
                            "/files/0/a/config.yaml", "/files/0/a/alias.yaml", "/files/0/a/plots/loss.png",
                            "/files/0/b/report.html", "/files/0/a/new.txt", "/files/0/a/.lock",
                            "/static/common.js", "/static/vendor/uplot/dist/uPlot.iife.min.js", "/nothing")) {
                        TestHttp.send(dashboard, method, path);
                    }
                }
                for (String target : List.of("/files/0/../secret.txt", "/files/0/a/..%2f..%2fsecret.txt",
                        "/files/0/a/%00", "/files/0/a/.lock", "/api/events?run=0%2Fa")) {
                    if (!target.startsWith("/api/events")) {
                        TestHttp.rawGet(dashboard, target);
                    }
                    TestHttp.raw(dashboard, "DELETE", target, "127.0.0.1:" + port);
                    TestHttp.raw(dashboard, "PUT", target, "127.0.0.1:" + port);
                }
                TestHttp.raw(dashboard, "GET", "/api/runs", "evil.example");
            }
            Thread.sleep(1_200); // a full scan of the watcher, after everything
        }
        assertThat(snapshot(temp)).isEqualTo(before);
    }

    /** Every path under {@code root}: its kind, size, modification time and content hash. */
    static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            paths.forEach(path -> {
                try {
                    BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class,
                            LinkOption.NOFOLLOW_LINKS);
                    String kind = a.isSymbolicLink() ? "link->" + Files.readSymbolicLink(path)
                            : a.isDirectory() ? "dir" : "file " + sha256(Files.readAllBytes(path));
                    files.put(root.relativize(path).toString(), kind + " size=" + a.size() + " modified="
                            + a.lastModifiedTime().toMillis());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return files;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
