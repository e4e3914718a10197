package dev.descent.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.tensor.Tensor;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bytes Descent writes, checked against the format's specification and against the bytes
 * of the reference writer (the expected files of its own serialisation tests in
 * {@code safetensors/src/tensor.rs}, and a file written the reference way by
 * {@code tools/torch-reference/safetensors_golden.py}).
 */
class SafeTensorsLayoutTest {

    private static byte[] written(Path dir, Map<String, Tensor> tensors, Map<String, String> metadata)
            throws IOException {
        Path file = dir.resolve("layout.safetensors");
        SafeTensors.write(file, tensors, metadata);
        return Files.readAllBytes(file);
    }

    @Test
    void headerLengthAlignmentOffsetsAndDataFollowTheSpecification(@TempDir Path dir) throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("w", Tensor.generate(i -> i + 0.5, 2, 3));
        tensors.put("b", Tensor.of(new float[] {-1f, 2f}, 2));
        tensors.put("s", Tensor.scalar(7f));
        byte[] file = written(dir, tensors, Map.of("format", "pt"));

        long n = SafeTensorsBytes.headerLength(file);
        assertThat(n % 8).as("header padded to 8 bytes").isZero();
        assertThat(file.length).isEqualTo(8 + n + 4 * (6 + 2 + 1));
        String header = SafeTensorsBytes.header(file);
        String json = "{\"__metadata__\":{\"format\":\"pt\"},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"s\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[8,12]},"
                + "\"w\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[12,36]}}";
        int padding = (int) n - json.length();
        assertThat(padding).as("spaces added").isBetween(0, 7);
        assertThat(header).isEqualTo(json + " ".repeat(padding));

        // Each tensor's bytes are at 8 + N + begin, little-endian, row-major.
        ByteBuffer data = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        Matcher offsets = Pattern.compile("\"(\\w)\":\\{[^}]*\"data_offsets\":\\[(\\d+),(\\d+)]").matcher(header);
        int found = 0;
        while (offsets.find()) {
            Tensor t = tensors.get(offsets.group(1));
            int begin = Integer.parseInt(offsets.group(2));
            assertThat(Integer.parseInt(offsets.group(3)) - begin).isEqualTo(4 * t.size());
            for (int i = 0; i < t.size(); i++) {
                assertThat(data.getFloat((int) (8 + n + begin + 4L * i))).isEqualTo(t.get(i));
            }
            found++;
        }
        assertThat(found).isEqualTo(3);
    }

    @Test
    void sameBytesAsTheReferenceWriterForOneTensor(@TempDir Path dir) throws IOException {
        Tensor attn = Tensor.of(new float[] {0, 1, 2, 3, 4, 5}, 1, 2, 3);
        byte[] file = written(dir, Map.of("attn.0", attn), Map.of());
        assertThat(file).isEqualTo(SafeTensorsBytes.file(
                "{\"attn.0\":{\"dtype\":\"F32\",\"shape\":[1,2,3],\"data_offsets\":[0,24]}}",
                SafeTensorsBytes.floats(0, 1, 2, 3, 4, 5)));
        assertThat(SafeTensorsBytes.headerLength(file)).isEqualTo(64);
    }

    @Test
    void sameBytesAsTheReferenceWriterWhenTheHeaderNeedsPadding(@TempDir Path dir) throws IOException {
        Tensor attn = Tensor.of(new float[] {0, 1, 2, 3, 4, 5}, 1, 1, 2, 3);
        byte[] file = written(dir, Map.of("attn0", attn), Map.of());
        assertThat(file).isEqualTo(SafeTensorsBytes.file(
                "{\"attn0\":{\"dtype\":\"F32\",\"shape\":[1,1,2,3],\"data_offsets\":[0,24]}}       ",
                SafeTensorsBytes.floats(0, 1, 2, 3, 4, 5)));
        assertThat(SafeTensorsBytes.headerLength(file)).isEqualTo(72);
    }

    @Test
    void sameBytesAsTheReferenceWriterForAnEmptyFile(@TempDir Path dir) throws IOException {
        assertThat(written(dir, Map.of(), Map.of())).isEqualTo(SafeTensorsBytes.file("{}      ", new byte[0]));
        assertThat(written(dir, Map.of(), Map.of("framework", "pt")))
                .isEqualTo(SafeTensorsBytes.file("{\"__metadata__\":{\"framework\":\"pt\"}}     ", new byte[0]));
    }

    @Test
    void rewritingPyTorchsGoldenFileReproducesItByteForByte(@TempDir Path dir) throws IOException, URISyntaxException {
        Path golden = Path.of(getClass().getResource("torch-mlp-4-3-2.safetensors").toURI());
        SafeTensorsFile read = SafeTensors.read(golden);
        byte[] rewritten = written(dir, read.tensors(), read.metadata());
        assertThat(rewritten).isEqualTo(Files.readAllBytes(golden));
    }

    @Test
    void controlCharactersInNamesAreEscapedAsJsonRequires(@TempDir Path dir) throws IOException {
        byte[] file = written(dir, Map.of("a\"b\\c\nd\u0001/é", Tensor.scalar(1f)), Map.of());
        assertThat(SafeTensorsBytes.header(file)).startsWith("{\"a\\\"b\\\\c\\nd\\u0001/é\":{");
        Path path = dir.resolve("layout.safetensors");
        assertThat(SafeTensors.read(path).tensors()).containsOnlyKeys("a\"b\\c\nd\u0001/é");
    }
}
