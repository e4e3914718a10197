package dev.descent.data;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;

/**
 * Opens a URL for reading: the only place {@link Downloader} touches the network, so tests
 * and unusual set-ups (a proxy that needs code, a local mirror) can supply their own.
 */
@FunctionalInterface
public interface DownloadTransport {
    /** How long to wait for a connection, and for each read once connected, unless told otherwise. */
    Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(15);
    Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);

    /**
     * An open response. {@code contentLength} is what the server announced, or -1 when it did
     * not say; the body is closed by the caller.
     */
    record Response(long contentLength, InputStream body) {
    }

    /**
     * Starts fetching {@code url}, following redirects.
     *
     * @throws IOException when the server cannot be reached, times out or answers with
     *                     anything but success; the message says which
     */
    Response open(URI url) throws IOException;

    /** Plain HTTP(S) with the JDK's client and the default timeouts. */
    static DownloadTransport http() {
        return http(DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT);
    }

    /**
     * Plain HTTP(S): redirects followed (including http to https, never https to http),
     * a {@code User-Agent} naming Descent, the JVM's proxy settings.
     *
     * @param readTimeout the longest wait for the next bytes: a stalled transfer fails
     *                    instead of hanging
     */
    static DownloadTransport http(Duration connectTimeout, Duration readTimeout) {
        return new DownloadHttpTransport(connectTimeout, readTimeout);
    }
}
