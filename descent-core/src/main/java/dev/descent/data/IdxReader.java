package dev.descent.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Reads IDX files, the format of MNIST and its relatives
 * (<a href="http://yann.lecun.com/exdb/mnist/">yann.lecun.com/exdb/mnist</a>):
 *
 * <pre>
 * offset 0  two zero bytes                     the magic
 * offset 2  type byte                          0x08 = unsigned byte (the only one read here)
 * offset 3  dimension count r
 * offset 4  r big-endian int32 dimensions
 * then      the values, row-major, last dimension fastest
 * </pre>
 *
 * <p>A file that starts with the gzip signature ({@code 1f 8b}) is decompressed on the fly,
 * whatever its name; anything else is read as raw IDX.
 *
 * <p>Strictness: the header says exactly how many bytes follow, so a file with fewer bytes
 * is reported as truncated, and a file with more bytes after the data is also rejected —
 * extra bytes mean the header and the content disagree (a corrupt file, or two files joined),
 * and guessing which part is right would hide that. Every problem is a {@link DataException}
 * naming the file, the offset, what was expected, what was found and a fix.
 */
public final class IdxReader {
    /** The only element type this reader accepts: unsigned byte (all MNIST-style data). */
    public static final int UNSIGNED_BYTE = 0x08;

    private static final int BUFFER_BYTES = 1 << 16;
    private static final int HEADER_PREFIX_BYTES = 4;
    private static final String REDOWNLOAD = "delete the file and download it again";

    private IdxReader() {
    }

    /** Reads a whole IDX file, gzip-compressed or raw. */
    public static IdxArray read(Path file) {
        if (Files.isDirectory(file)) {
            throw new DataException(file + ": expected an IDX file but this is a directory; pass the file inside it.");
        }
        try (InputStream buffered = new BufferedInputStream(Files.newInputStream(file), BUFFER_BYTES)) {
            if (!startsWithGzipSignature(buffered)) {
                return new Parse(file, buffered, false).idxArray();
            }
            // Closed explicitly: its Inflater holds native memory until then.
            try (InputStream content = openGzip(buffered, file)) {
                return new Parse(file, content, true).idxArray();
            }
        } catch (NoSuchFileException e) {
            throw new DataException(file + ": IDX file not found; check the path and that the data set is installed.", e);
        } catch (IOException e) {
            throw new DataException(file + ": could not read the file (" + e + "); check that it is readable.", e);
        }
    }

    private static boolean startsWithGzipSignature(InputStream in) throws IOException {
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        return first == 0x1f && second == 0x8b;
    }

    private static InputStream openGzip(InputStream in, Path file) {
        try {
            return new GZIPInputStream(in, BUFFER_BYTES);
        } catch (IOException e) {
            throw corruptGzip(file, 0, e);
        }
    }

    private static DataException corruptGzip(Path file, long decompressedOffset, IOException cause) {
        String reason = cause.getMessage() != null ? cause.getMessage()
                : cause instanceof java.io.EOFException ? "the stream ends early" : cause.getClass().getSimpleName();
        return new DataException(file + ": starts with the gzip signature (1f 8b) but is not a valid gzip stream ("
                + reason + ", at or after decompressed byte " + decompressedOffset + "); the file is corrupt"
                + " or its download was cut short; " + REDOWNLOAD + ".", cause);
    }

    /** One pass over a file's content; tracks the offset so that every message can name it. */
    private static final class Parse {
        private final Path file;
        private final InputStream in;
        private final boolean gzip;
        private long offset;

        Parse(Path file, InputStream in, boolean gzip) {
            this.file = file;
            this.in = in;
            this.gzip = gzip;
        }

        IdxArray idxArray() {
            byte[] prefix = new byte[HEADER_PREFIX_BYTES];
            int got = readFully(prefix, prefix.length);
            if (got == 0) {
                throw problem("the file is empty; an IDX file starts with a 4-byte magic", REDOWNLOAD);
            }
            if (prefix[0] != 0 || (got > 1 && prefix[1] != 0)) {
                throw wrongMagic(Arrays.copyOf(prefix, got));
            }
            if (got < HEADER_PREFIX_BYTES) {
                throw problem("the file ends after " + got + " bytes, inside the 4-byte IDX magic", REDOWNLOAD);
            }
            checkType(prefix[2] & 0xff);
            int rank = prefix[3] & 0xff;
            if (rank == 0) {
                throw problem("byte offset 3: the dimension count is 0; an IDX array has at least one dimension",
                        REDOWNLOAD);
            }
            int[] dims = readDims(rank);
            int size = checkedSize(dims);
            long headerBytes = offset;
            byte[] values = readData(size);
            int read = values.length;
            if (read < size) {
                throw problem("truncated: dims " + Arrays.toString(dims) + " need " + size + " data bytes after the "
                        + headerBytes + "-byte header, found " + read, REDOWNLOAD);
            }
            long extra = countRemaining();
            if (extra > 0) {
                throw problem(extra + " unexpected bytes after the " + size + " data bytes that dims "
                        + Arrays.toString(dims) + " call for (an IDX file ends where its data ends, so the header"
                        + " and the content disagree: the file is corrupt or two files were joined)", REDOWNLOAD);
            }
            return new IdxArray(file, dims, values);
        }

        private DataException wrongMagic(byte[] start) {
            StringBuilder hex = new StringBuilder();
            StringBuilder text = new StringBuilder();
            for (byte b : start) {
                int v = b & 0xff;
                hex.append(hex.length() == 0 ? "" : " ").append(String.format("%02x", v));
                text.append(v >= 0x20 && v < 0x7f ? (char) v : '.');
            }
            String hint = start[0] == '<'
                    ? "it looks like an HTML page, which a failed download saves under the data file's name"
                    : "this is not an IDX file";
            return problem((gzip ? "after gzip decompression, the content" : "the file") + " starts with bytes "
                    + hex + " (\"" + text + "\"), not the IDX magic 00 00 <type> <dimension count>; " + hint,
                    "check that this is the right file, or " + REDOWNLOAD);
        }

        private void checkType(int type) {
            if (type == UNSIGNED_BYTE) {
                return;
            }
            String known = switch (type) {
                case 0x09 -> "signed byte";
                case 0x0B -> "int16";
                case 0x0C -> "int32";
                case 0x0D -> "float32";
                case 0x0E -> "float64";
                default -> null;
            };
            String found = String.format("0x%02X", type);
            if (known == null) {
                throw problem("byte offset 2: type byte " + found + " is not an IDX type (valid: 0x08, 0x09, 0x0B,"
                        + " 0x0C, 0x0D, 0x0E); the file is corrupt or not IDX", REDOWNLOAD);
            }
            throw problem("byte offset 2: type " + found + " (" + known + ") is valid IDX, but Descent reads only"
                    + " type 0x08 (unsigned byte), the type of MNIST-style data",
                    "convert the file to unsigned bytes");
        }

        private int[] readDims(int rank) {
            byte[] raw = new byte[4 * rank];
            int got = readFully(raw, raw.length);
            if (got < raw.length) {
                throw problem("the file ends at byte offset " + offset + ", inside the header: " + rank
                        + " dimensions need " + raw.length + " bytes after offset 4", REDOWNLOAD);
            }
            int[] dims = new int[rank];
            for (int i = 0; i < rank; i++) {
                int p = 4 * i;
                dims[i] = (raw[p] & 0xff) << 24 | (raw[p + 1] & 0xff) << 16 | (raw[p + 2] & 0xff) << 8 | (raw[p + 3] & 0xff);
                if (dims[i] < 0) {
                    throw problem("byte offset " + (HEADER_PREFIX_BYTES + p) + ": dimension " + i + " is negative ("
                            + dims[i] + ")", REDOWNLOAD);
                }
            }
            return dims;
        }

        private int checkedSize(int[] dims) {
            long size = 1;
            for (int d : dims) {
                size *= d;
                if (size > Integer.MAX_VALUE - 8) {
                    throw problem("dims " + Arrays.toString(dims) + " describe more than 2^31 values, more than a"
                            + " Java array holds", "split the file into smaller ones");
                }
            }
            return (int) size;
        }

        /** Reads up to {@code length} bytes; fewer only at the end of the content. */
        /**
         * Up to {@code size} data bytes, in a buffer that grows with the bytes actually there: a
         * header that declares gigabytes in front of a few bytes is reported as truncated, not as
         * out of memory (found by fuzzing).
         */
        private byte[] readData(int size) {
            byte[] values = new byte[Math.min(size, 1 << 20)];
            int filled = 0;
            while (filled < size) {
                if (filled == values.length) {
                    values = Arrays.copyOf(values, (int) Math.min(size, 2L * values.length));
                }
                int got = readFully(values, filled, values.length - filled);
                filled += got;
                if (filled < values.length) {
                    return Arrays.copyOf(values, filled); // the input ended early
                }
            }
            return values;
        }

        private int readFully(byte[] target, int from, int length) {
            try {
                int got = in.readNBytes(target, from, length);
                offset += got;
                return got;
            } catch (IOException e) {
                throw failure(e);
            }
        }

        private int readFully(byte[] target, int length) {
            try {
                int got = in.readNBytes(target, 0, length);
                offset += got;
                return got;
            } catch (IOException e) {
                throw failure(e);
            }
        }

        private long countRemaining() {
            try {
                long extra = 0;
                byte[] scratch = new byte[BUFFER_BYTES];
                for (int n; (n = in.read(scratch)) > 0; ) {
                    extra += n;
                }
                return extra;
            } catch (IOException e) {
                throw failure(e);
            }
        }

        private DataException failure(IOException e) {
            if (gzip) {
                return corruptGzip(file, offset, e);
            }
            return new DataException(file + ": could not read the file at byte offset " + offset + " (" + e
                    + "); check that it is readable.", e);
        }

        private DataException problem(String what, String fix) {
            return new DataException(file + ": " + what + "; " + fix + ".");
        }
    }
}
