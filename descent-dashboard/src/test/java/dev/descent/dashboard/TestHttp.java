package dev.descent.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Requests to a running dashboard: through HttpClient, or byte-exact through a socket. */
final class TestHttp {
    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** How long a change may take to show; the watcher polls every 200 ms and scans every second. */
    static final Duration LIVE = Duration.ofSeconds(5);

    private TestHttp() {
    }

    static int port(Dashboard dashboard) {
        return dashboard.uri().getPort();
    }

    /** The address of a path and query, exactly as given (no normalisation). */
    static URI at(Dashboard dashboard, String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port(dashboard) + pathAndQuery);
    }

    static HttpResponse<String> get(Dashboard dashboard, String pathAndQuery) {
        return send(dashboard, "GET", pathAndQuery);
    }

    static HttpResponse<String> send(Dashboard dashboard, String method, String pathAndQuery) {
        HttpRequest.BodyPublisher body = "GET".equals(method) || "HEAD".equals(method)
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("x=1");
        HttpRequest request = HttpRequest.newBuilder(at(dashboard, pathAndQuery)).timeout(TIMEOUT).method(method, body)
                .build();
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<byte[]> getBytes(Dashboard dashboard, String pathAndQuery) {
        HttpRequest request = HttpRequest.newBuilder(at(dashboard, pathAndQuery)).timeout(TIMEOUT).GET().build();
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    /** GET, asserting 200, parsed as JSON. */
    static JsonNode getJson(Dashboard dashboard, String pathAndQuery) {
        HttpResponse<String> response = get(dashboard, pathAndQuery);
        assertThat(response.statusCode()).as("GET %s: %s", pathAndQuery, response.body()).isEqualTo(200);
        return json(response.body());
    }

    /** A run id (or any text) as a query value. */
    static String q(String value) {
        return PercentCoding.encodeSegment(value);
    }

    static JsonNode runDetail(Dashboard dashboard, String runId) {
        return getJson(dashboard, "/api/run?id=" + q(runId));
    }

    /** The row of {@code /api/runs} with this id, or null. */
    static JsonNode runSummary(Dashboard dashboard, String runId) {
        for (JsonNode run : getJson(dashboard, "/api/runs").path("runs")) {
            if (runId.equals(run.path("id").asText())) {
                return run;
            }
        }
        return null;
    }

    /** An HTTP response read off a socket. */
    record RawResponse(int status, Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** {@code method target HTTP/1.1} with this Host header (none when null), sent byte for byte. */
    static RawResponse raw(Dashboard dashboard, String method, String target, String host) {
        String request = method + " " + target + " HTTP/1.1\r\n" + (host == null ? "" : "Host: " + host + "\r\n")
                + "Connection: close\r\n\r\n";
        return rawRequest(dashboard, request, "HEAD".equals(method));
    }

    static RawResponse rawGet(Dashboard dashboard, String target) {
        return raw(dashboard, "GET", target, "127.0.0.1:" + port(dashboard));
    }

    static RawResponse rawRequest(Dashboard dashboard, String request, boolean head) {
        try (Socket socket = new Socket("127.0.0.1", port(dashboard))) {
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            String statusLine = line(in);
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
                throw new AssertionError("not an HTTP response: " + statusLine);
            }
            int status = Integer.parseInt(parts[1]);
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (String header = line(in); !header.isEmpty(); header = line(in)) {
                int colon = header.indexOf(':');
                headers.computeIfAbsent(header.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        k -> new ArrayList<>()).add(header.substring(colon + 1).trim());
            }
            byte[] body;
            List<String> length = headers.get("content-length");
            List<String> encoding = headers.get("transfer-encoding");
            if (head || status == 204 || status == 304) {
                body = new byte[0];
            } else if (encoding != null && encoding.get(0).equalsIgnoreCase("chunked")) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                for (int size = Integer.parseInt(line(in).trim(), 16); size > 0;
                        size = Integer.parseInt(line(in).trim(), 16)) {
                    out.write(in.readNBytes(size));
                    line(in);
                }
                body = out.toByteArray();
            } else if (length != null) {
                body = in.readNBytes(Integer.parseInt(length.get(0)));
            } else {
                body = in.readAllBytes();
            }
            return new RawResponse(status, headers, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            bytes.write(c);
        }
        String text = bytes.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    /** A check that may fail for a while. */
    interface Check {
        void run() throws Exception;
    }

    /** Runs {@code check} until it passes or {@code within} is over (then its last failure is thrown). */
    static void eventually(Duration within, Check check) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            try {
                check.run();
                return;
            } catch (AssertionError | RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
            Thread.sleep(50);
        }
    }
}
