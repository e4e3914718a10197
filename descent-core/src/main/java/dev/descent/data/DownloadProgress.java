package dev.descent.data;

import java.io.PrintStream;
import java.net.URI;

/**
 * Told by {@link Downloader} how a file's transfer goes, so that a person waiting can see
 * it. Calls come from the downloading thread, in order: {@code started}, any number of
 * {@code advanced}, then {@code finished}.
 */
public interface DownloadProgress {
    /** @param totalBytes the expected size, or -1 when unknown */
    void started(String fileName, URI url, long totalBytes);

    /** @param bytesSoFar bytes received so far for the current file */
    void advanced(long bytesSoFar);

    /** The transfer ended; {@code succeeded} is false when it failed or was rejected. */
    void finished(boolean succeeded);

    /** Says nothing. */
    static DownloadProgress quiet() {
        return Quiet.INSTANCE;
    }

    /** A bar redrawn in place on {@code out} at most ten times a second. */
    static DownloadProgress bar(PrintStream out) {
        return new DownloadProgressBar(out, System::nanoTime);
    }

    /**
     * A {@link #bar} when this process has a terminal, else quiet: redrawing with carriage
     * returns only garbles a log file.
     */
    static DownloadProgress forTerminal(PrintStream out) {
        return System.console() != null ? bar(out) : quiet();
    }

    /** The silent implementation. */
    enum Quiet implements DownloadProgress {
        INSTANCE;

        @Override
        public void started(String fileName, URI url, long totalBytes) {
        }

        @Override
        public void advanced(long bytesSoFar) {
        }

        @Override
        public void finished(boolean succeeded) {
        }
    }
}
