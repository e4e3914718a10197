package dev.descent.data;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLConnection;
import java.time.Duration;
import java.util.Locale;

/**
 * {@link DownloadTransport} over {@link HttpURLConnection}. Chosen over
 * {@code java.net.http.HttpClient} for its per-read timeout: the client has none once the
 * body streams, so a stalled mirror would hang the download forever. Redirects are followed
 * here because {@code HttpURLConnection} will not follow one from http to https, which
 * data-set hosts use.
 */
final class DownloadHttpTransport implements DownloadTransport {
    static final int MAX_REDIRECTS = 5;

    private final int connectTimeoutMillis;
    private final int readTimeoutMillis;

    DownloadHttpTransport(Duration connectTimeout, Duration readTimeout) {
        this.connectTimeoutMillis = positiveMillis("connectTimeout", connectTimeout);
        this.readTimeoutMillis = positiveMillis("readTimeout", readTimeout);
    }

    /** {@code Descent/<version> (Java <feature>)}: servers may refuse clients that send no agent. */
    static String userAgent() {
        String version = DownloadHttpTransport.class.getPackage().getImplementationVersion();
        return "Descent/" + (version == null ? "dev" : version) + " (Java " + Runtime.version().feature() + ")";
    }

    @Override
    public Response open(URI url) throws IOException {
        URI current = url;
        for (int redirects = 0; ; redirects++) {
            URLConnection opened = current.toURL().openConnection();
            if (!(opened instanceof HttpURLConnection)) {
                throw new IOException("not an http or https address: " + current);
            }
            HttpURLConnection connection = (HttpURLConnection) opened;
            connection.setInstanceFollowRedirects(false);
            connection.setConnectTimeout(connectTimeoutMillis);
            connection.setReadTimeout(readTimeoutMillis);
            connection.setRequestProperty("User-Agent", userAgent());
            // Bytes exactly as stored: the checksum is of the file, not of a re-encoding.
            connection.setRequestProperty("Accept-Encoding", "identity");
            int status = connection.getResponseCode();
            if (status >= 200 && status < 300) {
                return new Response(connection.getContentLengthLong(), connection.getInputStream());
            }
            String location = connection.getHeaderField("Location");
            String reason = describe(connection);
            connection.disconnect();
            if (!isRedirect(status)) {
                throw new IOException("HTTP " + status + reason);
            }
            if (location == null) {
                throw new IOException("HTTP " + status + " redirect without a Location header");
            }
            if (redirects == MAX_REDIRECTS) {
                throw new IOException("more than " + MAX_REDIRECTS + " redirects (last to " + location + ")");
            }
            URI next = resolve(current, location);
            if (isHttps(current) && !isHttps(next)) {
                throw new IOException("refused a redirect from https to plain http (" + next + ")");
            }
            current = next;
        }
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static boolean isHttps(URI uri) {
        return "https".equals(uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT));
    }

    private static URI resolve(URI base, String location) throws IOException {
        try {
            return base.resolve(new URI(location));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IOException("redirect to an invalid address '" + location + "'", e);
        }
    }

    private static String describe(HttpURLConnection connection) {
        try {
            String reason = connection.getResponseMessage();
            return reason == null || reason.isBlank() ? "" : " " + reason;
        } catch (IOException e) {
            return "";
        }
    }

    private static int positiveMillis(String field, Duration timeout) {
        if (timeout == null || timeout.toMillis() < 1 || timeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("http transport: " + field + " must be between 1 ms and "
                    + Integer.MAX_VALUE + " ms, got " + timeout);
        }
        return (int) timeout.toMillis();
    }
}
