package dev.descent.data;

import java.io.PrintStream;
import java.net.URI;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A one-line progress bar: {@code [#####-----]  46%  12.2 MB / 26.4 MB  3.1 MB/s}, redrawn
 * in place with a carriage return at most every {@link #REDRAW_INTERVAL_NANOS}, so a fast
 * download does not spend its time printing. The clock is a parameter so tests can drive it.
 */
final class DownloadProgressBar implements DownloadProgress {
    static final long REDRAW_INTERVAL_NANOS = 100_000_000L;
    static final int WIDTH = 24;

    private final PrintStream out;
    private final LongSupplier nanoClock;

    private String fileName = "";
    private long totalBytes = -1;
    private long bytes;
    private long startNanos;
    private long lastDrawNanos;
    private int lastLineLength;

    DownloadProgressBar(PrintStream out, LongSupplier nanoClock) {
        this.out = out;
        this.nanoClock = nanoClock;
    }

    @Override
    public void started(String fileName, URI url, long totalBytes) {
        this.fileName = fileName;
        this.totalBytes = totalBytes;
        this.bytes = 0;
        this.lastLineLength = 0;
        this.startNanos = nanoClock.getAsLong();
        out.println("Downloading " + url);
        draw(startNanos);
    }

    @Override
    public void advanced(long bytesSoFar) {
        bytes = bytesSoFar;
        long now = nanoClock.getAsLong();
        if (now - lastDrawNanos >= REDRAW_INTERVAL_NANOS) {
            draw(now);
        }
    }

    @Override
    public void finished(boolean succeeded) {
        draw(nanoClock.getAsLong());
        out.println(succeeded ? "" : "  failed");
        out.flush();
    }

    private void draw(long now) {
        lastDrawNanos = now;
        String line = line(fileName, bytes, totalBytes, now - startNanos);
        // Spaces wipe what a longer previous line left behind.
        String padding = " ".repeat(Math.max(0, lastLineLength - line.length()));
        out.print("\r" + line + padding);
        out.flush();
        lastLineLength = line.length();
    }

    /** The text of the bar, without the carriage return. */
    static String line(String fileName, long bytes, long totalBytes, long elapsedNanos) {
        StringBuilder line = new StringBuilder(fileName).append(' ');
        if (totalBytes > 0) {
            double fraction = Math.min(1.0, (double) bytes / totalBytes);
            int filled = (int) Math.floor(fraction * WIDTH);
            line.append('[').append("#".repeat(filled)).append("-".repeat(WIDTH - filled)).append("] ");
            line.append(String.format(Locale.ROOT, "%3d%%  ", (int) Math.floor(fraction * 100)));
            line.append(size(bytes)).append(" / ").append(size(totalBytes));
        } else {
            line.append(size(bytes));
        }
        line.append("  ").append(rate(bytes, elapsedNanos));
        return line.toString();
    }

    /** Decimal units, as download sizes are usually quoted: 999 B, 12.3 kB, 26.4 MB, 1.2 GB. */
    static String size(long bytes) {
        if (bytes < 1000) {
            return bytes + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = -1;
        while (value >= 999.95 && unit < units.length - 1) {
            value /= 1000;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    private static String rate(long bytes, long elapsedNanos) {
        if (elapsedNanos < 1_000_000L) {
            return "-- B/s";
        }
        return size((long) (bytes * 1e9 / elapsedNanos)) + "/s";
    }
}
