package dev.descent.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file so that readers see either the old file or the complete new one, never a
 * part: the bytes go to a hidden temporary file in the same directory, which is flushed to
 * the device ({@code fsync}) and then renamed over the target in one atomic step. If anything
 * fails before the rename, the temporary file is deleted and the target is untouched.
 *
 * <p>The temporary file is created with the default permissions (as a plain new file), so the
 * result does not end up private the way {@link Files#createTempFile} files are.
 */
final class AtomicFileWriter {

    /** Writes the whole content to a channel positioned at 0. */
    @FunctionalInterface
    interface Content {
        void writeTo(FileChannel channel) throws IOException;
    }

    private AtomicFileWriter() {
    }

    static void write(Path target, Content content) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path directory = absolute.getParent();
        Path temporary = null;
        FileChannel channel = null;
        for (int attempt = 0; channel == null; attempt++) {
            temporary = directory.resolve("." + absolute.getFileName() + "."
                    + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1) + ".tmp");
            try {
                channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (FileAlreadyExistsException taken) {
                if (attempt == 10) {
                    throw taken;
                }
            }
        }
        try {
            try (FileChannel open = channel) {
                content.writeTo(open);
                open.force(true);
            }
            Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException | Error failure) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException cleanup) {
                failure.addSuppressed(cleanup);
            }
            throw failure;
        }
        syncDirectory(directory);
    }

    /**
     * Makes the rename itself durable. Directories can be opened and flushed on Linux and
     * macOS but not on Windows, where the rename is durable through other means; a failure
     * here is therefore not an error.
     */
    private static void syncDirectory(Path directory) {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException notSupported) {
            // Best effort only; the file's content is already on the device.
        }
    }
}
