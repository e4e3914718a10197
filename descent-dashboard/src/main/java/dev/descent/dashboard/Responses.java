package dev.descent.dashboard;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * How every response leaves the server: a content type from a fixed table (never guessed by the
 * browser: {@code nosniff}), a Content-Security-Policy, and no caching of anything that changes.
 */
final class Responses {
    /**
     * The dashboard's own pages: scripts and styles only from this server, data only from its API,
     * no inline script, no frames, no forms.
     */
    static final String PAGE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    /**
     * Files of the served directories (reports of {@code tune}, {@code experiment} and {@code report}, plots): no
     * script runs at all, not even in an SVG, and no form, pop-up or navigation by the page (the sandbox); their
     * inline styles are allowed. The sandbox keeps the page's origin ({@code allow-same-origin}), so that a report's
     * images beside it (an experiment suite's thumbnails) still load: without scripts that grants the page nothing.
     */
    static final String FILE_POLICY = "default-src 'none'; img-src 'self' data:; style-src 'self' 'unsafe-inline';"
            + " base-uri 'none'; form-action 'none'; frame-ancestors 'none'; sandbox allow-same-origin";

    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json; charset=utf-8"),
            Map.entry("jsonl", "application/x-ndjson; charset=utf-8"),
            Map.entry("csv", "text/csv; charset=utf-8"),
            Map.entry("yaml", "text/plain; charset=utf-8"),
            Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("log", "text/plain; charset=utf-8"),
            Map.entry("md", "text/plain; charset=utf-8"),
            Map.entry("png", "image/png"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("ico", "image/x-icon"));
    static final String OCTETS = "application/octet-stream";

    private Responses() {
    }

    /** The content type of a file name, by its extension; {@value #OCTETS} (downloaded, never shown) otherwise. */
    static String contentType(String fileName) {
        int dot = fileName.lastIndexOf('.');
        String type = dot < 0 ? null : TYPES.get(fileName.substring(dot + 1).toLowerCase(Locale.ROOT));
        return type == null ? OCTETS : type;
    }

    /** The headers every response carries; {@code policy} is {@link #PAGE_POLICY} or {@link #FILE_POLICY}. */
    static void secure(HttpExchange exchange, String policy) {
        Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Security-Policy", policy);
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("X-Frame-Options", "DENY");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("Cross-Origin-Resource-Policy", "same-origin");
    }

    static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Type", contentType);
        if (!headers.containsKey("Cache-Control")) {
            headers.set("Cache-Control", "no-store");
        }
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head ? -1 : body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
    }

    static void json(HttpExchange exchange, int status, String json) throws IOException {
        send(exchange, status, TYPES.get("json"), json.getBytes(StandardCharsets.UTF_8));
    }

    /** A JSON error {@code {"error": message}}, for the API. */
    static void jsonError(HttpExchange exchange, int status, String message) throws IOException {
        json(exchange, status, Json.write(Map.of("error", message)));
    }

    /** A plain-text error; says nothing about the file system (a refused path and a missing file read the same). */
    static void text(HttpExchange exchange, int status, String message) throws IOException {
        send(exchange, status, TYPES.get("txt"), (message + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
