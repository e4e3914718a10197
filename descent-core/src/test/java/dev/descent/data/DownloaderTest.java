package dev.descent.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The downloader against a real HTTP server on 127.0.0.1: no internet involved. */
class DownloaderTest {
    private static final byte[] CONTENT = seededBytes(200_000); // several reads, so progress advances

    @TempDir
    Path directory;

    private final LocalMirror mirror = LocalMirror.start();
    private final LocalMirror second = LocalMirror.start();

    @AfterEach
    void stopServers() {
        mirror.close();
        second.close();
    }

    private static Downloader quietDownloader() {
        return new Downloader(DownloadTransport.http(), DownloadProgress.quiet());
    }

    private static DownloadFile file(String name, byte[] content, URI... urls) {
        return new DownloadFile(name, List.of(urls), content.length, sha256(content));
    }

    @Test
    void downloadsVerifiesAndRenamesIntoPlaceWithProgress() throws IOException {
        mirror.serve("/data/blob.gz", LocalMirror.bytes(CONTENT));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        AtomicLong now = new AtomicLong();
        DownloadProgress bar = new DownloadProgressBar(new PrintStream(printed, true, StandardCharsets.UTF_8),
                () -> now.addAndGet(60_000_000L)); // 60 ms per look at the clock
        Downloader downloader = new Downloader(DownloadTransport.http(), bar);

        Path stored = downloader.download(file("blob.gz", CONTENT, mirror.url("/data/blob.gz")), directory);

        assertThat(stored).isEqualTo(directory.resolve("blob.gz"));
        assertThat(Files.readAllBytes(stored)).isEqualTo(CONTENT);
        assertThat(listing(directory)).containsExactly("blob.gz"); // no .part left behind
        String output = printed.toString(StandardCharsets.UTF_8);
        assertThat(output)
                .startsWith("Downloading " + mirror.url("/data/blob.gz") + "\n")
                .contains("\rblob.gz [------------------------]   0%  0 B / 200.0 kB")
                .contains("[########################] 100%  200.0 kB / 200.0 kB")
                .endsWith("\n")
                .doesNotContain("failed");
    }

    @Test
    void theRequestNamesDescentAsUserAgent() {
        mirror.serve("/blob.gz", LocalMirror.bytes(CONTENT));

        quietDownloader().download(file("blob.gz", CONTENT, mirror.url("/blob.gz")), directory);

        assertThat(mirror.userAgents()).singleElement().asString().startsWith("Descent/");
    }

    @Test
    void aCorruptedFileIsRejectedAndRemoved() {
        byte[] corrupted = CONTENT.clone();
        corrupted[1234] ^= 1;
        mirror.serve("/blob.gz", LocalMirror.bytes(corrupted));
        DownloadFile expected = file("blob.gz", CONTENT, mirror.url("/blob.gz"));

        assertThatThrownBy(() -> quietDownloader().download(expected, directory))
                .isInstanceOf(DownloadException.class)
                .hasMessageContainingAll(
                        "could not download blob.gz into " + directory,
                        mirror.url("/blob.gz") + ": SHA-256 mismatch: expected " + sha256(CONTENT) + ", got "
                                + sha256(corrupted) + " (200000 bytes); deleted",
                        "Nothing was kept under " + directory.resolve("blob.gz"),
                        "check that sha256sum prints " + sha256(CONTENT))
                .satisfies(e -> assertThat(((DownloadException) e).networkOnly()).isFalse());
        assertThat(listing(directory)).isEmpty();
    }

    @Test
    void aMissingFileOnTheFirstMirrorIsFetchedFromTheSecond() throws IOException {
        second.serve("/mnist/blob.gz", LocalMirror.bytes(CONTENT));

        Path stored = quietDownloader().download(
                file("blob.gz", CONTENT, mirror.url("/mnist/blob.gz"), second.url("/mnist/blob.gz")), directory);

        assertThat(Files.readAllBytes(stored)).isEqualTo(CONTENT);
        assertThat(mirror.requests("/mnist/blob.gz")).isEqualTo(1); // answered 404
        assertThat(second.requests("/mnist/blob.gz")).isEqualTo(1);
    }

    @Test
    void aBadFileOnTheFirstMirrorDoesNotStopTheSecond() throws IOException {
        mirror.serve("/blob.gz", LocalMirror.bytes(new byte[CONTENT.length]));
        second.serve("/blob.gz", LocalMirror.bytes(CONTENT));

        Path stored = quietDownloader().download(
                file("blob.gz", CONTENT, mirror.url("/blob.gz"), second.url("/blob.gz")), directory);

        assertThat(Files.readAllBytes(stored)).isEqualTo(CONTENT);
    }

    @Test
    void whenEveryMirrorFailsAllErrorsAreReportedTogether() throws IOException {
        URI refused = LocalMirror.refusingUrl("/blob.gz");
        DownloadFile blob = file("blob.gz", CONTENT, mirror.url("/blob.gz"), refused);

        assertThatThrownBy(() -> quietDownloader().download(blob, directory))
                .isInstanceOf(DownloadException.class)
                .hasMessageContainingAll(
                        "tried, in order:\n  " + mirror.url("/blob.gz") + ": HTTP 404",
                        "\n  " + refused + ": could not connect (Connection refused",
                        "check the network connection and proxy settings")
                .satisfies(e -> {
                    DownloadException download = (DownloadException) e;
                    assertThat(download.networkOnly()).isTrue();
                    assertThat(download.attempts()).extracting(DownloadException.Attempt::url)
                            .containsExactly(mirror.url("/blob.gz"), refused);
                });
        assertThat(listing(directory)).isEmpty();
    }

    @Test
    void aTruncatedResponseIsRejected() {
        mirror.serve("/blob.gz", LocalMirror.truncated(CONTENT, 150_000));

        assertThatThrownBy(() -> quietDownloader().download(file("blob.gz", CONTENT, mirror.url("/blob.gz")), directory))
                .isInstanceOf(DownloadException.class)
                .hasMessageContaining(mirror.url("/blob.gz") + ": the transfer stopped after 150000 of 200000 bytes")
                .hasMessageContaining("Nothing was kept under " + directory.resolve("blob.gz"));
        assertThat(listing(directory)).isEmpty();
    }

    @Test
    void aLongerFileIsRejectedWithoutReadingItAll() {
        byte[] longer = new byte[CONTENT.length + 1];
        mirror.serve("/announced.gz", LocalMirror.bytes(longer));
        mirror.serve("/chunked.gz", LocalMirror.chunked(longer));

        assertThatThrownBy(() -> quietDownloader().download(file("a.gz", CONTENT, mirror.url("/announced.gz")), directory))
                .hasMessageContaining("the server announced 200001 bytes but the file has 200000");
        assertThatThrownBy(() -> quietDownloader().download(file("b.gz", CONTENT, mirror.url("/chunked.gz")), directory))
                .hasMessageContaining("more than the expected 200000 bytes arrived");
        assertThat(listing(directory)).isEmpty();
    }

    @Test
    void aFileOfUnannouncedLengthIsAccepted() throws IOException {
        mirror.serve("/blob.gz", LocalMirror.chunked(CONTENT));

        Path stored = quietDownloader().download(file("blob.gz", CONTENT, mirror.url("/blob.gz")), directory);

        assertThat(Files.readAllBytes(stored)).isEqualTo(CONTENT);
    }

    @Test
    void redirectsAreFollowed() throws IOException {
        mirror.serve("/old/blob.gz", LocalMirror.redirect(second.url("/new/blob.gz").toString()));
        second.serve("/new/blob.gz", LocalMirror.bytes(CONTENT));

        Path stored = quietDownloader().download(file("blob.gz", CONTENT, mirror.url("/old/blob.gz")), directory);

        assertThat(Files.readAllBytes(stored)).isEqualTo(CONTENT);
    }

    @Test
    void aStalledTransferTimesOutInsteadOfHanging() {
        mirror.serve("/blob.gz", LocalMirror.stalling(CONTENT, 1000));
        Downloader impatient = new Downloader(DownloadTransport.http(Duration.ofSeconds(5), Duration.ofMillis(200)),
                DownloadProgress.quiet());

        assertThatThrownBy(() -> impatient.download(file("blob.gz", CONTENT, mirror.url("/blob.gz")), directory))
                .isInstanceOf(DownloadException.class)
                .hasMessageContaining("timed out");
        assertThat(listing(directory)).isEmpty();
    }

    @Test
    void downloadMissingFetchesOnlyWhatTheDirectoryLacks() throws IOException {
        mirror.serve("/a-ubyte.gz", LocalMirror.bytes(CONTENT));
        mirror.serve("/b-ubyte.gz", LocalMirror.bytes(CONTENT));
        mirror.serve("/c-ubyte.gz", LocalMirror.bytes(CONTENT));
        DownloadableDataset dataset = new DownloadableDataset("set", URI.create("https://example.org/"), List.of(
                file("a-ubyte.gz", CONTENT, mirror.url("/a-ubyte.gz")),
                file("b-ubyte.gz", CONTENT, mirror.url("/b-ubyte.gz")),
                file("c-ubyte.gz", CONTENT, mirror.url("/c-ubyte.gz"))));
        Files.write(directory.resolve("a-ubyte"), new byte[0]); // unpacked by hand: counts as present
        Files.write(directory.resolve("b-ubyte.gz"), new byte[0]);

        assertThat(quietDownloader().downloadMissing(dataset, directory)).isEqualTo(directory);

        assertThat(mirror.requests("/a-ubyte.gz")).isZero();
        assertThat(mirror.requests("/b-ubyte.gz")).isZero();
        assertThat(mirror.requests("/c-ubyte.gz")).isEqualTo(1);
        assertThat(listing(directory)).containsExactly("a-ubyte", "b-ubyte.gz", "c-ubyte.gz");
    }

    @Test
    void theTargetDirectoryIsCreated() {
        mirror.serve("/blob.gz", LocalMirror.bytes(CONTENT));
        Path nested = directory.resolve("home/.cache/descent/x");

        assertThat(quietDownloader().download(file("blob.gz", CONTENT, mirror.url("/blob.gz")), nested))
                .isRegularFile();
    }

    @Test
    void networkFailuresAreDescribedInAFewWords() {
        assertThat(Downloader.describe(new java.net.UnknownHostException("example.invalid")))
                .isEqualTo("host example.invalid not found (no network, or no name service)");
        assertThat(Downloader.describe(new IOException("HTTP 404 Not Found"))).isEqualTo("HTTP 404 Not Found");
        assertThat(Downloader.describe(new java.io.EOFException("premature end")))
                .isEqualTo("EOFException: premature end");
    }

    static List<String> listing(Path directory) {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] seededBytes(int count) {
        byte[] bytes = new byte[count];
        new Random(42).nextBytes(bytes);
        return bytes;
    }

    /**
     * An HTTP server on 127.0.0.1 (ephemeral port) that answers each path as told and
     * counts requests; any other path is a 404.
     */
    static final class LocalMirror implements AutoCloseable {
        /** How to answer one request. */
        @FunctionalInterface
        interface Reply {
            void send(HttpExchange exchange) throws IOException;
        }

        private final HttpServer server;
        private final ExecutorService handlers = Executors.newCachedThreadPool();
        private final Map<String, Reply> replies = new ConcurrentHashMap<>();
        private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
        private final List<String> userAgents = new java.util.concurrent.CopyOnWriteArrayList<>();

        private LocalMirror(HttpServer server) {
            this.server = server;
            server.setExecutor(handlers);
            server.createContext("/", this::handle);
            server.start();
        }

        static LocalMirror start() {
            try {
                return new LocalMirror(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** An address on 127.0.0.1 where nothing listens: connecting is refused. */
        static URI refusingUrl(String path) throws IOException {
            int port;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = socket.getLocalPort();
            }
            return URI.create("http://127.0.0.1:" + port + path);
        }

        void serve(String path, Reply reply) {
            replies.put(path, reply);
        }

        URI url(String path) {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
        }

        int requests(String path) {
            AtomicInteger count = requests.get(path);
            return count == null ? 0 : count.get();
        }

        int totalRequests() {
            return requests.values().stream().mapToInt(AtomicInteger::get).sum();
        }

        List<String> userAgents() {
            return List.copyOf(userAgents);
        }

        private void handle(HttpExchange exchange) throws IOException {
            String path = exchange.getRequestURI().getPath();
            requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            userAgents.add(String.valueOf(exchange.getRequestHeaders().getFirst("User-Agent")));
            // An IOException from a reply propagates: the server then drops the connection,
            // which is how the truncating reply cuts the transfer short.
            try {
                exchange.getRequestBody().readAllBytes();
                replies.getOrDefault(path, LocalMirror::notFound).send(exchange);
            } finally {
                exchange.close();
            }
        }

        static void notFound(HttpExchange exchange) throws IOException {
            exchange.sendResponseHeaders(404, -1);
        }

        static Reply bytes(byte[] content) {
            return exchange -> {
                exchange.sendResponseHeaders(200, content.length);
                try (OutputStream body = exchange.getResponseBody()) {
                    body.write(content);
                }
            };
        }

        /** No Content-Length: chunked transfer, the length known only at the end. */
        static Reply chunked(byte[] content) {
            return exchange -> {
                exchange.sendResponseHeaders(200, 0);
                try (OutputStream body = exchange.getResponseBody()) {
                    body.write(content);
                }
            };
        }

        /** Announces the whole length, sends {@code sent} bytes, then drops the connection. */
        static Reply truncated(byte[] content, int sent) {
            return exchange -> {
                exchange.sendResponseHeaders(200, content.length);
                OutputStream body = exchange.getResponseBody();
                body.write(content, 0, sent);
                body.flush();
                body.close(); // fewer bytes than announced: throws, and the server drops the connection
            };
        }

        /** Sends the headers and a first part, then waits {@code millis} before the rest. */
        static Reply stalling(byte[] content, long millis) {
            return exchange -> {
                exchange.sendResponseHeaders(200, content.length);
                OutputStream body = exchange.getResponseBody();
                body.write(content, 0, 1000);
                body.flush();
                try {
                    Thread.sleep(millis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                body.write(content, 1000, content.length - 1000);
                body.close();
            };
        }

        static Reply redirect(String location) {
            return exchange -> {
                exchange.getResponseHeaders().add("Location", location);
                exchange.sendResponseHeaders(302, -1);
            };
        }

        @Override
        public void close() {
            server.stop(0);
            handlers.shutdownNow();
        }
    }
}
