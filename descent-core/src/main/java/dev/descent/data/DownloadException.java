package dev.descent.data;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * No source of a file gave the right bytes: each was unreachable, answered with an error,
 * cut the transfer short or sent bytes whose size or SHA-256 is wrong. Nothing is left under
 * the file's final name. The message lists every source tried and why it failed, and the fix.
 */
public final class DownloadException extends DataException {
    private static final long serialVersionUID = 1L;

    /**
     * One source tried.
     *
     * @param wrongBytes true when the transfer completed but the bytes were not the expected
     *                   file (size or checksum); false for network and server errors
     */
    public record Attempt(URI url, String failure, boolean wrongBytes) {
    }

    private final transient DownloadFile file;
    private final transient Path directory;
    private final transient List<Attempt> attempts;

    DownloadException(DownloadFile file, Path directory, List<Attempt> attempts) {
        super(message(file, directory, attempts));
        this.file = file;
        this.directory = directory;
        this.attempts = List.copyOf(attempts);
    }

    public DownloadFile file() {
        return file;
    }

    public Path directory() {
        return directory;
    }

    /** Every source tried, in order. */
    public List<Attempt> attempts() {
        return attempts;
    }

    /** True when no source sent the wrong bytes: the fault is the network (or the servers), not the file. */
    public boolean networkOnly() {
        return attempts.stream().noneMatch(Attempt::wrongBytes);
    }

    /** One line per source, each starting with a new line and {@code indent}. */
    public String attemptLines(String indent) {
        StringBuilder lines = new StringBuilder();
        for (Attempt attempt : attempts) {
            lines.append('\n').append(indent).append(attempt.url()).append(": ").append(attempt.failure());
        }
        return lines.toString();
    }

    private static String message(DownloadFile file, Path directory, List<Attempt> attempts) {
        boolean networkOnly = attempts.stream().noneMatch(Attempt::wrongBytes);
        StringBuilder message = new StringBuilder("could not download ").append(file.fileName()).append(" into ")
                .append(directory).append("; tried, in order:");
        for (Attempt attempt : attempts) {
            message.append("\n  ").append(attempt.url()).append(": ").append(attempt.failure());
        }
        message.append("\nNothing was kept under ").append(directory.resolve(file.fileName())).append(". To fix: ")
                .append(fix(file, directory, networkOnly));
        return message.toString();
    }

    private static String fix(DownloadFile file, Path directory, boolean networkOnly) {
        if (networkOnly) {
            return "check the network connection and proxy settings (-Dhttps.proxyHost=HOST -Dhttps.proxyPort=PORT,"
                    + " and the same for http), then run again; or fetch " + file.urls().get(0) + " by hand into "
                    + directory + ".";
        }
        return "run again, as a damaged transfer is the usual cause; if it repeats, the source now serves another file:"
                + " fetch " + file.fileName() + " from another copy, check that sha256sum prints " + file.sha256()
                + ", and put it in " + directory + ".";
    }
}
