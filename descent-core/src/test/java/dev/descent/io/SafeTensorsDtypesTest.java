package dev.descent.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.descent.tensor.Tensor;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The types read by converting to float32: F64 (rounded), F16 and BF16 (exact), against a file
 * written by PyTorch with the values torch's {@code .float()} gives, and F16 against the
 * definition of binary16 for all 65536 bit patterns.
 */
class SafeTensorsDtypesTest {

    @Test
    void pyTorchsFloatTypesReadAsTorchConvertsThem() throws IOException, URISyntaxException {
        SafeTensorsFile file = SafeTensors.read(resource("torch-dtypes.safetensors"));
        JsonNode expected = new ObjectMapper().readTree(resource("torch-dtypes.json").toFile()).get("tensors");

        // The reference layout: descending alignment (F64, F32, BF16, F16), then name.
        assertThat(List.copyOf(file.tensors().keySet())).containsExactly("f64", "f32", "bf16", "f16");
        expected.properties().forEach(e -> {
            Tensor tensor = file.tensor(e.getKey());
            JsonNode spec = e.getValue();
            assertThat(file.dtypes().get(e.getKey())).isEqualTo(spec.get("dtype").asText());
            int[] shape = new int[spec.get("shape").size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = spec.get("shape").get(i).asInt();
            }
            assertThat(tensor.shape().dims()).as(e.getKey()).containsExactly(shape);
            JsonNode values = spec.get("float32");
            assertThat(tensor.size()).isEqualTo(values.size());
            for (int i = 0; i < values.size(); i++) {
                float want = values.get(i).isTextual() ? Float.parseFloat(values.get(i).asText())
                        : (float) values.get(i).asDouble();
                assertThat(Float.floatToIntBits(tensor.get(i))).as(e.getKey() + "[" + i + "]")
                        .isEqualTo(Float.floatToIntBits(want));
            }
        });
        assertThat(file.metadata()).containsEntry("producer", "tools/torch-reference/safetensors_golden.py");
    }

    @Test
    void everyHalfPrecisionValueWidensToItsExactValue() {
        for (int bits = 0; bits < 1 << 16; bits++) {
            int sign = bits >>> 15;
            int exponent = (bits >>> 10) & 0x1f;
            int fraction = bits & 0x3ff;
            double magnitude = exponent == 0 ? fraction * 0x1p-24
                    : exponent == 31 ? (fraction == 0 ? Double.POSITIVE_INFINITY : Double.NaN)
                    : Math.scalb(1 + fraction / 1024.0, exponent - 15);
            float want = (float) (sign == 1 ? -magnitude : magnitude);
            float got = HalfPrecision.halfToFloat((short) bits);
            if (Float.isNaN(want)) {
                assertThat(got).as("bits %04x", bits).isNaN();
                // The payload's top bits survive, so quiet and signalling NaNs stay distinct.
                assertThat((Float.floatToRawIntBits(got) >>> 13) & 0x3ff).isEqualTo(fraction);
            } else {
                assertThat(Float.floatToRawIntBits(got)).as("bits %04x", bits).isEqualTo(Float.floatToRawIntBits(want));
            }
        }
    }

    @Test
    void bfloat16IsTheUpperHalfOfAFloat() {
        for (int bits = 0; bits < 1 << 16; bits++) {
            assertThat(Float.floatToRawIntBits(HalfPrecision.bfloat16ToFloat((short) bits))).isEqualTo(bits << 16);
        }
    }

    @Test
    void handMadeFilesOfEachTypeRead(@TempDir Path dir) throws IOException {
        Path f64 = SafeTensorsBytes.write(dir, "f64.safetensors", SafeTensorsBytes.file(
                "{\"x\":{\"dtype\":\"F64\",\"shape\":[3],\"data_offsets\":[0,24]}}",
                SafeTensorsBytes.doubles(0.1, -1e40, Math.PI)));
        assertThat(SafeTensors.read(f64).tensor("x").data())
                .containsExactly(0.1f, Float.NEGATIVE_INFINITY, (float) Math.PI);
        Path f16 = SafeTensorsBytes.write(dir, "f16.safetensors", SafeTensorsBytes.file(
                "{\"x\":{\"dtype\":\"F16\",\"shape\":[2,2],\"data_offsets\":[0,8]}}",
                SafeTensorsBytes.shorts(0x3c00, 0xc000, 0x7bff, 0x0001)));
        assertThat(SafeTensors.read(f16).tensor("x").data()).containsExactly(1f, -2f, 65504f, 0x1p-24f);
        Path bf16 = SafeTensorsBytes.write(dir, "bf16.safetensors", SafeTensorsBytes.file(
                "{\"x\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[0,4]}}",
                SafeTensorsBytes.shorts(0x3f80, 0xc049)));
        assertThat(SafeTensors.read(bf16).tensor("x").data()).containsExactly(1f, -3.140625f);
        assertThat(SafeTensors.read(bf16).dtypes()).containsEntry("x", "BF16");
    }

    private Path resource(String name) throws URISyntaxException {
        return Path.of(getClass().getResource(name).toURI());
    }
}
