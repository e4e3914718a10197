package dev.descent.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Fetches the files of a {@link DownloadableDataset} into a directory, so that a file is
 * either absent or complete and verified under its final name — never half there.
 *
 * <p>Each file is streamed into a {@code <name>.<pid>-<thread>.part} file in the target
 * directory while its SHA-256 is computed; it is forced to disk and then renamed to its final
 * name with {@link StandardCopyOption#ATOMIC_MOVE} only when its size and SHA-256 match. A
 * mismatch, a short transfer or a network error deletes the part file and moves on to the
 * next mirror; when every mirror has failed, a {@link DownloadException} lists them all.
 * Being in the same directory as the final name is what makes the rename atomic.
 */
public final class Downloader {
    private static final int BUFFER_BYTES = 1 << 16;
    static final String PART_SUFFIX = ".part";

    private final DownloadTransport transport;
    private final DownloadProgress progress;

    public Downloader(DownloadTransport transport, DownloadProgress progress) {
        if (transport == null || progress == null) {
            throw new IllegalArgumentException("downloader: transport and progress are required (use"
                    + " DownloadProgress.quiet() for no output)");
        }
        this.transport = transport;
        this.progress = progress;
    }

    /** Over HTTP(S) with the default timeouts; a progress bar on {@code progressOut} when it is a terminal. */
    public static Downloader overHttp(PrintStream progressOut) {
        return new Downloader(DownloadTransport.http(), DownloadProgress.forTerminal(progressOut));
    }

    /**
     * Fetches every file of {@code dataset} that {@code directory} does not hold yet (raw or
     * {@code .gz}, as {@link RequiredFiles} finds them), creating the directory if needed.
     * Stops at the first file no mirror could provide; files fetched before it stay, verified.
     *
     * @return {@code directory}
     * @throws DownloadException when no mirror of some file gave the right bytes
     * @throws DataException     when the directory cannot be created or written
     */
    public Path downloadMissing(DownloadableDataset dataset, Path directory) {
        for (DownloadFile file : dataset.files()) {
            if (RequiredFiles.find(directory, file.baseName()).isEmpty()) {
                download(file, directory);
            }
        }
        return directory;
    }

    /**
     * Fetches {@code file} into {@code directory}, trying its mirrors in order.
     *
     * @return the verified file, {@code directory/fileName}
     * @throws DownloadException when no mirror gave the right bytes
     * @throws DataException     when the directory cannot be created or written
     */
    public Path download(DownloadFile file, Path directory) {
        Path target = directory.resolve(file.fileName());
        Path part = directory.resolve(file.fileName() + "." + ProcessHandle.current().pid() + "-"
                + Thread.currentThread().getId() + PART_SUFFIX);
        createDirectories(directory);
        List<DownloadException.Attempt> attempts = new ArrayList<>();
        for (URI url : file.urls()) {
            try {
                String rejection = fetch(url, file, part);
                if (rejection == null) {
                    moveAtomically(part, target);
                    return target;
                }
                attempts.add(new DownloadException.Attempt(url, rejection + "; deleted", true));
            } catch (IOException e) {
                attempts.add(new DownloadException.Attempt(url, describe(e), false));
            } finally {
                deleteIfExists(part);
            }
        }
        throw new DownloadException(file, directory, attempts);
    }

    /**
     * Streams {@code url} into {@code part}, hashing as it goes.
     *
     * @return null when the bytes are the expected file, else why they are not
     * @throws IOException on network errors and cut-short transfers
     */
    private String fetch(URI url, DownloadFile file, Path part) throws IOException {
        boolean verified = false;
        progress.started(file.fileName(), url, file.size());
        try (FileChannel out = openPart(part)) {
            DownloadTransport.Response response = transport.open(url);
            try (InputStream body = response.body()) {
                long announced = response.contentLength();
                if (announced >= 0 && announced != file.size()) {
                    return "the server announced " + announced + " bytes but the file has " + file.size()
                            + " (another file; not fetched)";
                }
                MessageDigest sha256 = sha256();
                byte[] buffer = new byte[BUFFER_BYTES];
                long received = 0;
                try {
                    for (int n = body.read(buffer); n != -1; n = body.read(buffer)) {
                        received += n;
                        if (received > file.size()) {
                            return "more than the expected " + file.size() + " bytes arrived (another file)";
                        }
                        sha256.update(buffer, 0, n);
                        write(out, buffer, n, part);
                        progress.advanced(received);
                    }
                } catch (IOException cut) {
                    // JDK 25's HTTP client reports a body cut short as "Premature EOF"; JDK 17's
                    // ends the stream early. Either way, say how far it got.
                    throw new IOException("the transfer stopped after " + received + " of " + file.size() + " bytes ("
                            + cut.getMessage() + ")", cut);
                }
                if (received < file.size()) {
                    throw new IOException("the transfer stopped after " + received + " of " + file.size() + " bytes");
                }
                String actual = HexFormat.of().formatHex(sha256.digest());
                if (!actual.equals(file.sha256())) {
                    return "SHA-256 mismatch: expected " + file.sha256() + ", got " + actual + " (" + received
                            + " bytes)";
                }
            }
            forceToDisk(out, part); // before the rename publishes the file
            verified = true;
            return null;
        } finally {
            progress.finished(verified);
        }
    }

    // Local file errors are DataExceptions, not IOExceptions: another mirror would not help.
    private static FileChannel openPart(Path part) {
        try {
            return FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new DataException("cannot create " + part + " to download into: " + e + "; check the permissions"
                    + " of " + part.getParent() + ".", e);
        }
    }

    private static void write(FileChannel out, byte[] buffer, int length, Path part) {
        try {
            ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, length);
            while (chunk.hasRemaining()) {
                out.write(chunk);
            }
        } catch (IOException e) {
            throw new DataException("cannot write " + part + ": " + e + "; free some space on that disk and run again.", e);
        }
    }

    private static void forceToDisk(FileChannel out, Path part) {
        try {
            out.force(true);
        } catch (IOException e) {
            throw new DataException("cannot flush " + part + " to disk: " + e + "; check that disk.", e);
        }
    }

    private static void moveAtomically(Path part, Path target) {
        try {
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new DataException("cannot rename " + part + " to " + target + " atomically on this file system ("
                    + e.getMessage() + "); fetch the files by hand into a directory and pass "
                    + DatasetLocator.DATA_DIR_FLAG + " DIR.", e);
        } catch (IOException e) {
            throw new DataException("cannot rename the verified download " + part + " to " + target + ": " + e
                    + "; check the permissions of " + target.getParent() + ".", e);
        }
    }

    private static void createDirectories(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new DataException("cannot create " + directory + " to download into: " + e + "; make its parent"
                    + " writable, or put the files elsewhere and pass " + DatasetLocator.DATA_DIR_FLAG + ".", e);
        }
    }

    private static void deleteIfExists(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // The part file has a name no loader reads, so a leftover is untidy, not wrong.
        }
    }

    /** A network failure in a few words: what happened, then the JDK's detail. */
    static String describe(IOException e) {
        String detail = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
        if (e instanceof UnknownHostException) {
            return "host " + detail + " not found (no network, or no name service)";
        }
        if (e instanceof ConnectException) {
            return "could not connect (" + detail + ")";
        }
        if (e instanceof SocketTimeoutException) {
            return "timed out (" + detail + ")";
        }
        return e.getClass() == IOException.class ? detail : e.getClass().getSimpleName() + ": " + detail;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }
}
