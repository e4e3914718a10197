package dev.descent.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
    @TempDir
    Path dir;

    private static final byte[] IMAGES = IdxBytes.ubyte(IdxBytes.counting(2 * 3 * 4), 2, 3, 4);

    @Test
    void readsRawFile() {
        IdxArray array = IdxReader.read(IdxBytes.write(dir.resolve("images-idx3-ubyte"), IMAGES));

        assertThat(array.dims()).containsExactly(2, 3, 4);
        assertThat(array.rank()).isEqualTo(3);
        assertThat(array.size()).isEqualTo(24);
        assertThat(array.unsignedValue(0)).isEqualTo(0);
        assertThat(array.unsignedValue(23)).isEqualTo(23);
    }

    @Test
    void readsGzipFile() {
        IdxArray array = IdxReader.read(IdxBytes.write(dir.resolve("images-idx3-ubyte.gz"), IdxBytes.gzip(IMAGES)));

        assertThat(array.dims()).containsExactly(2, 3, 4);
        assertThat(array.unsignedValue(23)).isEqualTo(23);
    }

    @Test
    void detectsGzipByContentNotByName() {
        Path gzipWithoutSuffix = IdxBytes.write(dir.resolve("compressed"), IdxBytes.gzip(IMAGES));
        Path rawWithGzSuffix = IdxBytes.write(dir.resolve("raw.gz"), IMAGES);

        assertThat(IdxReader.read(gzipWithoutSuffix).dims()).containsExactly(2, 3, 4);
        assertThat(IdxReader.read(rawWithGzSuffix).dims()).containsExactly(2, 3, 4);
    }

    @Test
    void readsUnsignedValuesAbove127() {
        byte[] labels = IdxBytes.ubyte(new byte[] {(byte) 200, (byte) 255, 7}, 3);
        IdxArray array = IdxReader.read(IdxBytes.write(dir.resolve("labels"), labels));

        assertThat(array.unsignedValue(0)).isEqualTo(200);
        assertThat(array.unsignedValue(1)).isEqualTo(255);
    }

    @Test
    void readsEmptyArray() {
        IdxArray array = IdxReader.read(IdxBytes.write(dir.resolve("none"), IdxBytes.ubyte(new byte[0], 0, 28, 28)));

        assertThat(array.dims()).containsExactly(0, 28, 28);
        assertThat(array.size()).isZero();
    }

    @Test
    void missingFileIsNamed() {
        Path missing = dir.resolve("nope-idx1-ubyte");

        assertThatThrownBy(() -> IdxReader.read(missing))
                .isInstanceOf(DataException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("not found");
    }

    @Test
    void directoryIsRejected() {
        assertThatThrownBy(() -> IdxReader.read(dir))
                .isInstanceOf(DataException.class)
                .hasMessageContaining(dir.toString())
                .hasMessageContaining("directory");
    }

    @Test
    void htmlErrorPageIsRecognised() {
        Path file = IdxBytes.write(dir.resolve("train-images-idx3-ubyte.gz"),
                "<!DOCTYPE html><html>404 Not Found</html>".getBytes(StandardCharsets.US_ASCII));

        assertThatThrownBy(() -> IdxReader.read(file))
                .isInstanceOf(DataException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("3c 21 44 4f")
                .hasMessageContaining("\"<!DO\"")
                .hasMessageContaining("not the IDX magic")
                .hasMessageContaining("HTML page");
    }

    @Test
    void wrongMagicInsideGzipSaysSo() {
        Path file = IdxBytes.write(dir.resolve("text.gz"), IdxBytes.gzip("hello".getBytes(StandardCharsets.US_ASCII)));

        assertThatThrownBy(() -> IdxReader.read(file))
                .isInstanceOf(DataException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("after gzip decompression")
                .hasMessageContaining("68 65 6c 6c")
                .hasMessageContaining("this is not an IDX file");
    }

    @Test
    void emptyFileIsReported() {
        Path file = IdxBytes.write(dir.resolve("empty"), new byte[0]);

        assertThatThrownBy(() -> IdxReader.read(file))
                .isInstanceOf(DataException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("empty");
    }

    @Test
    void fileEndingInsideMagicIsReported() {
        Path file = IdxBytes.write(dir.resolve("short"), new byte[] {0, 0, 8});

        assertThatThrownBy(() -> IdxReader.read(file))
                .isInstanceOf(DataException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("ends after 3 bytes");
    }

    @Test
    void otherIdxTypesAreDeclinedByName() {
        Path file = IdxBytes.write(dir.resolve("floats"), IdxBytes.idx(0x0D, new byte[8], 2));

        assertThatThrownBy(() -> IdxReader.read(file))
                .isInstanceOf(DataException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("byte offset 2")
                .hasMessageContaining("0x0D (float32)")
                .hasMessageContaining("only type 0x08 (unsigned byte)");
    }

    @Test
    void unknownTypeByteIsReported() {
        Path file = IdxBytes.write(dir.resolve("odd"), IdxBytes.idx(0x42, new byte[2], 2));

        assertThatThrownBy(() -> IdxReader.read(file))
                .isInstanceOf(DataException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("type byte 0x42 is not an IDX type");
    }

    @Test
    void zeroDimensionsAreReported() {
        Path file = IdxBytes.write(dir.resolve("scalar"), IdxBytes.ubyte(new byte[1]));

        assertThatThrownBy(() -> IdxReader.read(file))
                .isInstanceOf(DataException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("dimension count is 0");
    }

    @Test
    void headerCutShortIsReported() {
        byte[] header = Arrays.copyOf(IMAGES, 4 + 4 + 2); // magic, dim 0, half of dim 1
        Path file = IdxBytes.write(dir.resolve("cut-header"), header);

        assertThatThrownBy(() -> IdxReader.read(file))
                .isInstanceOf(DataException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("inside the header")
                .hasMessageContaining("3 dimensions need 12 bytes");
    }

    @Test
    void negativeDimensionIsReported() {
        Path file = IdxBytes.write(dir.resolve("negative"), IdxBytes.ubyte(new byte[0], 2, -1));

        assertThatThrownBy(() -> IdxReader.read(file))
                .isInstanceOf(DataException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("byte offset 8: dimension 1 is negative (-1)");
    }

    @Test
    void truncatedDataSaysHowMuchWasExpectedAndFound() {
        Path file = IdxBytes.write(dir.resolve("cut"), Arrays.copyOf(IMAGES, IMAGES.length - 5));

        assertThatThrownBy(() -> IdxReader.read(file))
                .isInstanceOf(DataException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("truncated: dims [2, 3, 4] need 24 data bytes after the 16-byte header, found 19")
                .hasMessageContaining("download it again");
    }

    @Test
    void truncatedDataInsideIntactGzipIsReported() {
        Path file = IdxBytes.write(dir.resolve("cut.gz"), IdxBytes.gzip(Arrays.copyOf(IMAGES, IMAGES.length - 1)));

        assertThatThrownBy(() -> IdxReader.read(file))
                .isInstanceOf(DataException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("need 24 data bytes after the 16-byte header, found 23");
    }

    @Test
    void trailingBytesAreRejected() {
        Path file = IdxBytes.write(dir.resolve("long"), Arrays.copyOf(IMAGES, IMAGES.length + 3));

        assertThatThrownBy(() -> IdxReader.read(file))
                .isInstanceOf(DataException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("3 unexpected bytes after the 24 data bytes that dims [2, 3, 4] call for");
    }

    @Test
    void corruptGzipIsReported() {
        byte[] compressed = IdxBytes.gzip(IdxBytes.ubyte(new byte[4000], 4000));
        for (int i = 12; i < compressed.length - 8; i++) {
            compressed[i] = (byte) 0xff; // wreck the deflate stream, keep the gzip header
        }
        Path file = IdxBytes.write(dir.resolve("corrupt.gz"), compressed);

        assertThatThrownBy(() -> IdxReader.read(file))
                .isInstanceOf(DataException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("not a valid gzip stream")
                .hasMessageContaining("download it again");
    }

    @Test
    void gzipCutShortIsReported() {
        byte[] compressed = IdxBytes.gzip(IMAGES);
        Path file = IdxBytes.write(dir.resolve("cut.gz"), Arrays.copyOf(compressed, compressed.length / 2));

        assertThatThrownBy(() -> IdxReader.read(file))
                .isInstanceOf(DataException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("not a valid gzip stream");
    }

    @Test
    void gzipHeaderAloneIsReported() {
        Path file = IdxBytes.write(dir.resolve("header-only.gz"), new byte[] {0x1f, (byte) 0x8b, 8});

        assertThatThrownBy(() -> IdxReader.read(file))
                .isInstanceOf(DataException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("not a valid gzip stream");
    }

    @Test
    void everyMessageEndsWithAFix() throws Exception {
        Path file = IdxBytes.write(dir.resolve("cut"), Arrays.copyOf(IMAGES, 20));
        Files.size(file);

        assertThatThrownBy(() -> IdxReader.read(file)).hasMessageEndingWith("delete the file and download it again.");
    }
}
