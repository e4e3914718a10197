package dev.descent.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes a file so that readers see either the old file or the complete new one, never a
 * part: the bytes go to a hidden temporary file in the same directory, which is flushed to
 * the device ({@code fsync}) and then renamed over the target in one atomic step. If anything
 * fails before the rename, the temporary file is deleted and the target is untouched.
 *
 * <p>The temporary file is created with the default permissions (as a plain new file), so the
 * result does not end up private the way {@link Files#createTempFile} files are.
 *
 * <p>A process killed during a write leaves its temporary file behind, named
 * {@code .<target name>.<16 hex digits>.tmp} next to the target (for example
 * {@code .last.safetensors.3f9a0c12d4e5b6a7.tmp}). {@link #removeStaleTemporaries} deletes such
 * files, and only those.
 */
public final class AtomicFileWriter {
    /**
     * The names {@link #temporaryName} produces. Earlier versions wrote the same random number
     * without leading zeros, so 12 to 16 digits are accepted; that leaves out names such as
     * {@code .cache.db.tmp} that other programs use.
     */
    private static final Pattern TEMPORARY_NAME = Pattern.compile("\\..+\\.[0-9a-f]{12,16}\\.tmp");

    /** Writes the whole content to a channel positioned at 0. */
    @FunctionalInterface
    interface Content {
        void writeTo(FileChannel channel) throws IOException;
    }

    /** What a text file holds, written to the (buffered, UTF-8) writer given. */
    @FunctionalInterface
    public interface Text {
        void writeTo(Writer writer) throws IOException;
    }

    private AtomicFileWriter() {
    }

    /**
     * Writes {@code text} as UTF-8, replacing {@code target} atomically.
     *
     * @throws IOException if the file cannot be written; {@code target} is then unchanged
     */
    public static void writeString(Path target, String text) throws IOException {
        writeText(target, writer -> writer.write(text));
    }

    /**
     * Writes what {@code text} produces as UTF-8, replacing {@code target} atomically once it
     * returns. If it throws (an I/O error, a full disk, or bad input found half-way), the
     * partial file is deleted and {@code target} is unchanged.
     *
     * @throws IOException if the file cannot be written
     */
    public static void writeText(Path target, Text text) throws IOException {
        write(target, channel -> {
            Writer writer = new BufferedWriter(Channels.newWriter(channel, StandardCharsets.UTF_8));
            text.writeTo(writer);
            writer.flush(); // not close: write() forces the channel to the device, then closes it
        });
    }

    static void write(Path target, Content content) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path directory = absolute.getParent();
        Path temporary = null;
        FileChannel channel = null;
        for (int attempt = 0; channel == null; attempt++) {
            temporary = directory.resolve(temporaryName(absolute.getFileName().toString()));
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

    /** A fresh temporary name for {@code target}; see {@link #TEMPORARY_NAME}. */
    private static String temporaryName(String target) {
        return "." + target + "." + String.format("%016x", ThreadLocalRandom.current().nextLong()) + ".tmp";
    }

    /**
     * Deletes the temporary files that writes into {@code directory} left behind when their
     * process was killed (regular files named {@code .<name>.<12 to 16 hex digits>.tmp}, as this class
     * names them), and nothing else: no other file, no subdirectory, nothing below it. Call it
     * once when a process starts writing into a directory, before any write of its own there:
     * a write in progress in another thread or process would lose its temporary file.
     *
     * @return the files deleted, sorted; empty if {@code directory} does not exist
     * @throws IOException if the directory cannot be listed or a file cannot be deleted
     */
    public static List<Path> removeStaleTemporaries(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<Path> stale = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : (Iterable<Path>) files.sorted()::iterator) {
                if (TEMPORARY_NAME.matcher(file.getFileName().toString()).matches()
                        && Files.readAttributes(file, BasicFileAttributes.class,
                        java.nio.file.LinkOption.NOFOLLOW_LINKS).isRegularFile()) {
                    if (Files.deleteIfExists(file)) {
                        stale.add(file);
                    }
                }
            }
        }
        return List.copyOf(stale);
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
