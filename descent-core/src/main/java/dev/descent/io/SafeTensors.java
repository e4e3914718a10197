package dev.descent.io;

import dev.descent.tensor.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntConsumer;

/**
 * Reads and writes the safetensors format of Hugging Face
 * (<a href="https://github.com/huggingface/safetensors">github.com/huggingface/safetensors</a>),
 * which PyTorch users load with {@code safetensors.torch.load_file}. It holds nothing but
 * tensors and strings, so reading a file never runs code from it.
 *
 * <pre>
 * bytes 0–7        N, the header length: an unsigned 64-bit little-endian integer
 * bytes 8–(8+N)    the header: UTF-8 JSON, padded with spaces
 *                  {"__metadata__": {"key": "value", …},
 *                   "0.weight": {"dtype": "F32", "shape": [3, 4], "data_offsets": [0, 48]}, …}
 * bytes (8+N)–end  the data buffer: each tensor's elements, row-major and little-endian,
 *                  at [begin, end) of the offsets, packed without gaps up to the file's end
 * </pre>
 *
 * <p><b>Writing</b> produces float32 ({@code "F32"}) tensors laid out as the reference writer
 * lays them out: sorted by name (Unicode code point order, which is the byte order of UTF-8),
 * whatever the order of the map; compact JSON with the metadata first; the header padded with
 * spaces to a multiple of 8 bytes. Metadata is written in the map's order. For the same
 * float32 tensors the bytes equal those of {@code safetensors.torch.save_file} (with more
 * than one metadata key, up to the order of the keys, which the reference writer keeps in a
 * hash map). The file is replaced atomically: readers see the old file or the complete new
 * one.
 *
 * <p><b>Reading</b> accepts F32, and converts F64 (rounding), F16 and BF16 (exactly) to float32,
 * and I64, the type of PyTorch's {@code num_batches_tracked} buffer (exactly up to 2²⁴).
 * Other types (smaller integers, booleans, 8-bit floats) are refused by name. Every rule of the format
 * is checked before any tensor is read, and a broken file is reported with the file, the
 * tensor or header position, and a fix, as a {@link SafeTensorsFormatException}.
 *
 * <p><b>Checksums.</b> {@link #writeWithChecksum} adds the metadata string
 * {@value #CHECKSUM_KEY}: the SHA-256 of the data buffer (every byte after the header), as 64
 * lower-case hex digits. {@link #read} verifies it whenever a file has it, and reports a
 * mismatch as a corrupted file; files without it (PyTorch's, older Descent's) are read as
 * before. The format allows extra metadata strings, so PyTorch loads these files unchanged.
 * One digest of the whole buffer rather than a CRC per tensor: it is a single string anyone
 * can check with standard tools ({@code tail -c +$((9 + N))} piped to {@code sha256sum}),
 * it does not grow with the number of tensors, and SHA-256 (hardware-accelerated on current
 * JVMs) costs little next to the disk. It guards against damage (bad disks, truncated copies,
 * bit flips), not against someone who edits the file and the checksum together. The header
 * itself is covered by the format's own checks. {@link #write} keeps byte-for-byte parity with
 * the reference writer and adds no checksum; if its metadata holds {@value #CHECKSUM_KEY}
 * (say, copied from a file read earlier), the value is replaced by the true one, so a stale
 * checksum is never written.
 */
public final class SafeTensors {
    /**
     * The metadata key of the SHA-256 of the data buffer, written by {@link #writeWithChecksum}
     * and verified by {@link #read}.
     */
    public static final String CHECKSUM_KEY = "descent.sha256";
    /** Bytes moved per read or write call; a multiple of every element size. */
    private static final int CHUNK_BYTES = 1 << 20;
    /** Written in the header first, then overwritten with the digest, which has the same length. */
    private static final String CHECKSUM_PLACEHOLDER = "0".repeat(64);

    private SafeTensors() {
    }

    /** Writes {@code tensors} with no metadata; see {@link #write(Path, Map, Map)}. */
    public static void write(Path file, Map<String, Tensor> tensors) throws IOException {
        write(file, tensors, Map.of());
    }

    /**
     * Writes {@code tensors} as float32 with {@code metadata} (omitted from the header when
     * empty), replacing {@code file} atomically. The tensors are sorted by name in the file.
     *
     * @throws IllegalArgumentException if a name is {@code "__metadata__"} or anything is null
     * @throws IOException              if the file cannot be written; an existing file is then
     *                                  unchanged and no temporary file is left behind
     */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        write(file, tensors, metadata, tensorIndex -> { });
    }

    /**
     * As {@link #write(Path, Map, Map)}, with the SHA-256 of the data buffer added to the
     * metadata under {@value #CHECKSUM_KEY} (after the caller's keys), which {@link #read}
     * verifies. Use it for files Descent writes for itself (checkpoints, trained models); the
     * result still loads in PyTorch.
     */
    public static void writeWithChecksum(Path file, Map<String, Tensor> tensors, Map<String, String> metadata)
            throws IOException {
        write(file, tensors, metadata, true, tensorIndex -> { });
    }

    /** As {@link #write(Path, Map, Map)}, calling {@code afterTensor} after each tensor's bytes. */
    static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata, IntConsumer afterTensor)
            throws IOException {
        write(file, tensors, metadata, false, afterTensor);
    }

    private static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata,
                              boolean addChecksum, IntConsumer afterTensor) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(tensors, "tensors");
        Objects.requireNonNull(metadata, "metadata");
        Map<String, String> checkedMetadata = new LinkedHashMap<>();
        metadata.forEach((key, value) -> {
            if (key == null || value == null) {
                throw new IllegalArgumentException("metadata must map non-null strings to non-null strings; found "
                        + key + " -> " + value);
            }
            checkedMetadata.put(key, value);
        });
        List<Map.Entry<String, Tensor>> sorted = new ArrayList<>();
        tensors.forEach((name, tensor) -> {
            if (name == null || tensor == null) {
                throw new IllegalArgumentException("tensors must map non-null names to non-null tensors; found "
                        + name + " -> " + tensor);
            }
            if (name.equals(SafeTensorsHeader.METADATA_KEY)) {
                throw new IllegalArgumentException("a tensor cannot be named \"" + SafeTensorsHeader.METADATA_KEY
                        + "\": the format reserves that key for the metadata strings");
            }
            sorted.add(Map.entry(name, tensor));
        });
        sorted.sort(Map.Entry.comparingByKey(SafeTensors::compareCodePoints));

        List<TensorEntry> entries = new ArrayList<>();
        long offset = 0;
        for (Map.Entry<String, Tensor> e : sorted) {
            long bytes = 4L * e.getValue().size();
            entries.add(new TensorEntry(e.getKey(), StoredDtype.F32, e.getValue().shape().dims(), offset, offset + bytes));
            offset += bytes;
        }
        boolean checksum = addChecksum || checkedMetadata.containsKey(CHECKSUM_KEY);
        if (checksum) {
            checkedMetadata.put(CHECKSUM_KEY, CHECKSUM_PLACEHOLDER);
        }
        byte[] header = SafeTensorsHeader.encode(entries, checkedMetadata);
        long bufferBytes = offset;
        long checksumPosition = checksum ? 8 + checksumOffset(header) : -1;
        MessageDigest digest = checksum ? sha256() : null;

        AtomicFileWriter.write(file, channel -> {
            ByteBuffer prefix = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length);
            writeFully(channel, prefix.flip());
            writeFully(channel, ByteBuffer.wrap(header));
            ByteBuffer chunk = ByteBuffer.allocateDirect(chunkBytes(bufferBytes)).order(ByteOrder.LITTLE_ENDIAN);
            FloatBuffer floats = chunk.asFloatBuffer();
            int perChunk = chunk.capacity() / Float.BYTES;
            for (int t = 0; t < sorted.size(); t++) {
                float[] data = sorted.get(t).getValue().data();
                for (int from = 0; from < data.length; from += perChunk) {
                    int count = Math.min(perChunk, data.length - from);
                    floats.clear();
                    floats.put(data, from, count);
                    chunk.clear().limit(count * Float.BYTES);
                    if (digest != null) {
                        digest.update(chunk.duplicate());
                    }
                    writeFully(channel, chunk);
                }
                afterTensor.accept(t);
            }
            if (digest != null) {
                ByteBuffer hex = ByteBuffer.wrap(HexFormat.of().formatHex(digest.digest())
                        .getBytes(StandardCharsets.US_ASCII));
                while (hex.hasRemaining()) {
                    channel.write(hex, checksumPosition + hex.position());
                }
            }
        });
    }

    /**
     * Reads every tensor of a safetensors file as float32, with the file's metadata.
     *
     * @throws SafeTensorsFormatException if the file breaks a rule of the format or holds a type
     *                                    Descent does not read; the message says which and how
     *                                    to fix it
     * @throws IOException                if the file cannot be read
     */
    public static SafeTensorsFile read(Path file) throws IOException {
        FileChannel opened;
        try {
            opened = FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new MissingFileException(file, e);
        }
        try (FileChannel channel = opened) {
            long size = channel.size();
            if (size < 8) {
                throw new SafeTensorsFormatException(file, "the file is " + size + " bytes long, shorter than the"
                        + " 8-byte header length that starts every safetensors file. It is empty or truncated;"
                        + " copy or write it again.");
            }
            ByteBuffer prefix = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(channel, prefix, file);
            long headerBytes = prefix.flip().getLong();
            if (headerBytes < 0 || headerBytes > SafeTensorsHeader.MAX_HEADER_BYTES) {
                throw new SafeTensorsFormatException(file, "the header length in bytes 0–7 is "
                        + Long.toUnsignedString(headerBytes) + ", above the format's limit of "
                        + SafeTensorsHeader.MAX_HEADER_BYTES + " bytes. This is not a safetensors file, or its"
                        + " first bytes are damaged.");
            }
            if (headerBytes > size - 8) {
                throw new SafeTensorsFormatException(file, "the header length in bytes 0–7 is " + headerBytes
                        + " bytes, but only " + (size - 8) + " bytes follow: the file is truncated (or is not a"
                        + " safetensors file). Copy or write it again.");
            }
            ByteBuffer headerBuffer = ByteBuffer.allocate((int) headerBytes);
            readFully(channel, headerBuffer, file);
            SafeTensorsHeader.Decoded header = SafeTensorsHeader.decode(file, headerBuffer.array(),
                    size - 8 - headerBytes);
            for (TensorEntry entry : header.entries()) {
                if (!entry.dtype().readable()) {
                    throw new SafeTensorsFormatException(file, "tensor '" + entry.name() + "' has dtype "
                            + entry.dtype() + ", which Descent does not read: it reads "
                            + StoredDtype.readableNames() + ", as float32. Convert the tensor before saving,"
                            + " e.g. in PyTorch with tensor.float(), or leave it out of the file.");
                }
            }

            Map<String, Tensor> tensors = new LinkedHashMap<>();
            Map<String, String> dtypes = new LinkedHashMap<>();
            long bufferBytes = size - 8 - headerBytes;
            ByteBuffer chunk = ByteBuffer.allocateDirect(chunkBytes(bufferBytes)).order(ByteOrder.LITTLE_ENDIAN);
            String savedChecksum = header.metadata().get(CHECKSUM_KEY);
            MessageDigest digest = savedChecksum == null ? null : sha256();
            for (TensorEntry entry : header.entries()) {
                float[] data = new float[entry.elementCount()];
                int filled = 0;
                long remaining = entry.byteLength();
                while (remaining > 0) {
                    int bytes = (int) Math.min(chunk.capacity(), remaining);
                    chunk.clear().limit(bytes);
                    readFully(channel, chunk, file);
                    chunk.flip();
                    if (digest != null) {
                        digest.update(chunk.duplicate());
                    }
                    int count = bytes / entry.dtype().bytes();
                    widen(entry.dtype(), chunk, data, filled, count);
                    filled += count;
                    remaining -= bytes;
                }
                tensors.put(entry.name(), Tensor.wrap(data, entry.shape()));
                dtypes.put(entry.name(), entry.dtype().name());
            }
            if (digest != null) {
                String actual = HexFormat.of().formatHex(digest.digest());
                if (!actual.equalsIgnoreCase(savedChecksum)) {
                    throw new SafeTensorsFormatException(file, "the file is corrupted: its tensor data does not match"
                            + " the checksum saved with it (" + CHECKSUM_KEY + " is " + savedChecksum
                            + ", the data's SHA-256 is " + actual + "); restore it from a copy or retrain.");
                }
            }
            return new SafeTensorsFile(tensors, header.metadata(), dtypes);
        }
    }

    /** Where the checksum placeholder's value starts in the encoded header. */
    private static int checksumOffset(byte[] header) {
        // Inside a JSON string every quote is escaped, so this unescaped key-value pair is the metadata entry.
        byte[] pair = ("\"" + CHECKSUM_KEY + "\":\"" + CHECKSUM_PLACEHOLDER + "\"")
                .getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + pair.length <= header.length; i++) {
            for (int j = 0; j < pair.length; j++) {
                if (header[i + j] != pair[j]) {
                    continue outer;
                }
            }
            return i + CHECKSUM_KEY.length() + 4;
        }
        throw new IllegalStateException("the encoded header lacks the checksum placeholder");
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }

    /** Converts {@code count} little-endian elements at the chunk's position to float32. */
    private static void widen(StoredDtype dtype, ByteBuffer chunk, float[] data, int from, int count) {
        switch (dtype) {
            case F32 -> chunk.asFloatBuffer().get(data, from, count);
            case F64 -> {
                DoubleBuffer doubles = chunk.asDoubleBuffer();
                for (int i = 0; i < count; i++) {
                    data[from + i] = (float) doubles.get(i);
                }
            }
            case F16 -> {
                ShortBuffer halves = chunk.asShortBuffer();
                for (int i = 0; i < count; i++) {
                    data[from + i] = HalfPrecision.halfToFloat(halves.get(i));
                }
            }
            case BF16 -> {
                ShortBuffer halves = chunk.asShortBuffer();
                for (int i = 0; i < count; i++) {
                    data[from + i] = HalfPrecision.bfloat16ToFloat(halves.get(i));
                }
            }
            case I64 -> {
                // PyTorch stores batch norm's num_batches_tracked as int64; counts up to 2^24 convert exactly.
                LongBuffer longs = chunk.asLongBuffer();
                for (int i = 0; i < count; i++) {
                    data[from + i] = (float) longs.get(i);
                }
            }
            default -> throw new IllegalStateException("unreadable dtype " + dtype + " passed the header check");
        }
    }

    /** A chunk no larger than the data, but at least 8 bytes, and a multiple of 8. */
    private static int chunkBytes(long dataBytes) {
        return (int) Math.max(8, Math.min(CHUNK_BYTES, (dataBytes + 7) / 8 * 8));
    }

    private static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, Path file) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new SafeTensorsFormatException(file, "the file ended " + buffer.remaining() + " bytes early"
                        + " while reading; it shrank while being read (is another program writing it?).");
            }
        }
    }

    /** Orders strings by Unicode code point, i.e. as their UTF-8 bytes compare. */
    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }
}
