package dev.descent.experiment;

import dev.descent.data.Dataset;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of a data set as loaded: its shape, the features as little-endian float32 and the
 * labels as little-endian int32. Two runs with the same checksum saw the same numbers, whatever
 * the files were called or how they were compressed.
 */
public final class DataChecksum {
    private DataChecksum() {
    }

    /** The checksum in hex, e.g. {@code sha256:3f2a…}. */
    public static String of(Dataset data) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA-256", e);
        }
        ByteBuffer buffer = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(data.size()).putInt(data.featureCount()).putInt(data.classes());
        float[] features = data.features().data();
        for (float f : features) {
            if (buffer.remaining() < Float.BYTES) {
                drain(sha, buffer);
            }
            buffer.putFloat(f);
        }
        for (int label : data.labels()) {
            if (buffer.remaining() < Integer.BYTES) {
                drain(sha, buffer);
            }
            buffer.putInt(label);
        }
        drain(sha, buffer);
        return "sha256:" + HexFormat.of().formatHex(sha.digest());
    }

    private static void drain(MessageDigest sha, ByteBuffer buffer) {
        buffer.flip();
        sha.update(buffer);
        buffer.clear();
    }
}
