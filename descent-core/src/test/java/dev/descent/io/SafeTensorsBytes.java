package dev.descent.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds safetensors files byte by byte, valid or deliberately broken, for tests. */
final class SafeTensorsBytes {
    private SafeTensorsBytes() {
    }

    /** The 8-byte length of {@code header} (as UTF-8), the header, then {@code buffer}. */
    static byte[] file(String header, byte[] buffer) {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        return file(json.length, json, buffer);
    }

    /** A file whose length field says {@code declaredLength}, whatever the header's real length. */
    static byte[] file(long declaredLength, byte[] header, byte[] buffer) {
        ByteBuffer bytes = ByteBuffer.allocate(8 + header.length + buffer.length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.putLong(declaredLength).put(header).put(buffer);
        return bytes.array();
    }

    /** {@code values} as little-endian float32 bytes. */
    static byte[] floats(float... values) {
        ByteBuffer bytes = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            bytes.putFloat(v);
        }
        return bytes.array();
    }

    static byte[] doubles(double... values) {
        ByteBuffer bytes = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            bytes.putDouble(v);
        }
        return bytes.array();
    }

    static byte[] shorts(int... values) {
        ByteBuffer bytes = ByteBuffer.allocate(2 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            bytes.putShort((short) v);
        }
        return bytes.array();
    }

    /** {@code count} zero bytes. */
    static byte[] zeros(int count) {
        return new byte[count];
    }

    static Path write(Path directory, String name, byte[] content) {
        try {
            return Files.write(directory.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The header length field of a file. */
    static long headerLength(byte[] file) {
        return ByteBuffer.wrap(file, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    /** The header text of a file, padding included. */
    static String header(byte[] file) {
        return new String(file, 8, (int) headerLength(file), StandardCharsets.UTF_8);
    }
}
