package dev.descent.dashboard;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Follows a file that grows by whole lines, as a run's metric files do: each {@link #poll} reads
 * only the bytes appended since the last and returns the lines they complete. A line not yet
 * ended by {@code \n} (its writer is mid-way, or was killed mid-way) is left for a later poll.
 * A file that shrinks or is replaced by another (a resumed run rewrites its files) is reported
 * as {@link Poll#restarted}, and then read again from its start.
 */
final class LineTail {
    /** The longest line kept; longer ones (not a metrics file) are skipped, so a stray file cannot exhaust memory. */
    static final int MAX_LINE_BYTES = 1 << 20;

    /**
     * What a poll found.
     *
     * @param lines the lines completed since the last poll, without their {@code \n} (or {@code \r\n})
     * @param restarted whether the file was replaced or cut since the last poll: the lines are then the file's
     *        lines from its start, and what was read before is void
     * @param missing whether the file does not exist (now)
     */
    record Poll(List<String> lines, boolean restarted, boolean missing) {
        static final Poll NOTHING = new Poll(List.of(), false, false);
    }

    private final Path file;
    private long offset;
    private Object fileKey;
    private long seenSize = -1;
    private long seenModified;
    private boolean existed;
    /** Whether the bytes at {@link #offset} continue a line longer than {@link #MAX_LINE_BYTES}, to be skipped. */
    private boolean skipping;

    LineTail(Path file) {
        this.file = file;
    }

    /** The file's modification time at the last poll, in ms since the epoch; 0 when it did not exist. */
    long modifiedMillis() {
        return existed ? seenModified : 0;
    }

    Poll poll() throws IOException {
        BasicFileAttributes attributes;
        try {
            // the link itself, not what it points at: a metrics file that is a link (out of the served directories,
            // say) reads as absent
            attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!attributes.isRegularFile()) {
                throw new NoSuchFileException(file.toString());
            }
        } catch (NoSuchFileException e) {
            boolean was = existed;
            forget();
            return new Poll(List.of(), was, true);
        }
        long size = attributes.size();
        long modified = attributes.lastModifiedTime().toMillis();
        boolean restarted = false;
        if (existed && (!Objects.equals(fileKey, attributes.fileKey()) || size < offset)) {
            forget();
            restarted = true;
        }
        if (existed && size == seenSize && modified == seenModified) {
            return Poll.NOTHING;
        }
        existed = true;
        fileKey = attributes.fileKey();
        seenSize = size;
        seenModified = modified;
        if (size == offset) {
            return restarted ? new Poll(List.of(), true, false) : Poll.NOTHING;
        }
        return new Poll(readFrom(size), restarted, false);
    }

    private List<String> readFrom(long size) throws IOException {
        List<String> lines = new ArrayList<>();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            long end = Math.min(size, channel.size());
            while (offset < end) {
                int want = (int) Math.min(end - offset, MAX_LINE_BYTES);
                ByteBuffer buffer = ByteBuffer.allocate(want);
                while (buffer.hasRemaining() && channel.read(buffer, offset + buffer.position()) > 0) {
                    // read until the buffer is full or the file ends
                }
                byte[] bytes = buffer.array();
                int filled = buffer.position();
                int lineStart = 0;
                for (int i = 0; i < filled; i++) {
                    if (bytes[i] == '\n') {
                        if (skipping) {
                            skipping = false; // the end of an overlong line: dropped with the rest of it
                        } else {
                            int lineEnd = i > lineStart && bytes[i - 1] == '\r' ? i - 1 : i;
                            lines.add(new String(bytes, lineStart, lineEnd - lineStart, StandardCharsets.UTF_8));
                        }
                        lineStart = i + 1;
                    }
                }
                if (lineStart == 0 && filled == MAX_LINE_BYTES) {
                    offset += filled; // one line longer than any metrics row: skipped, not kept
                    skipping = true;
                    continue;
                }
                offset += lineStart;
                if (lineStart == 0) {
                    break; // the rest (shorter than a read) is a line still being written
                }
            }
        }
        return lines;
    }

    private void forget() {
        offset = 0;
        fileKey = null;
        seenSize = -1;
        seenModified = 0;
        existed = false;
        skipping = false;
    }
}
