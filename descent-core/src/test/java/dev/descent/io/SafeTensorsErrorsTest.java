package dev.descent.io;

import static dev.descent.io.SafeTensorsBytes.file;
import static dev.descent.io.SafeTensorsBytes.floats;
import static dev.descent.io.SafeTensorsBytes.zeros;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Broken files, built byte by byte, and the message each one gets. Every message starts with
 * the file, says what is wrong where, and says what to do.
 */
class SafeTensorsErrorsTest {
    @TempDir
    Path dir;

    private static final String A_0_4 = "\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}";

    static Stream<Arguments> brokenFiles() {
        return Stream.of(
                broken("empty file", new byte[0],
                        "the file is 0 bytes long, shorter than the 8-byte header length", "truncated"),
                broken("shorter than the length field", new byte[5], "the file is 5 bytes long"),
                broken("header longer than the file", file(100, "{}".getBytes(StandardCharsets.UTF_8), zeros(10)),
                        "the header length in bytes 0–7 is 100 bytes, but only 12 bytes follow: the file is truncated"),
                broken("header length above the limit", file(200_000_000L, new byte[0], new byte[0]),
                        "is 200000000, above the format's limit of 100000000 bytes"),
                broken("header length with the top bit set", file(-1L, new byte[0], new byte[0]),
                        "is 18446744073709551615, above the format's limit"),
                broken("empty header", file("", new byte[0]), "not valid JSON: the text ends where a value was expected"),
                broken("invalid JSON", file("{" + A_0_4 + ",,}", floats(1)),
                        "the header is not valid JSON: expected a quoted key but found ','"
                                + " at character 54 of the header (byte 62 of the file), near: …"),
                broken("JSON cut short", file("{\"a\":{\"dtype\":\"F3", new byte[0]),
                        "the string that starts here is never closed at character 14"),
                broken("garbage after the JSON", file("{}  x", new byte[0]),
                        "unexpected 'x' after the end of the JSON value at character 4"),
                broken("padding with NUL bytes instead of spaces", file("{}\0\0\0\0\0\0", new byte[0]),
                        "unexpected control character (code 0) after the end of the JSON value"),
                broken("invalid UTF-8", file(4, new byte[] {'{', '"', (byte) 0xC3, '}'}, new byte[0]),
                        "the header is not valid UTF-8 at byte 10 of the file"),
                broken("header is a list", file("[1, 2]", new byte[0]),
                        "the header must be a JSON object", "but is a list. Is this a safetensors file?"),
                broken("duplicate tensor names", file("{" + A_0_4 + "," + A_0_4 + "}", floats(1)),
                        "the name \"a\" occurs twice in one object of the header, at character 54",
                        "Names must be unique"),
                broken("duplicate metadata keys", file("{\"__metadata__\":{\"k\":\"1\",\"k\":\"2\"}}", new byte[0]),
                        "the name \"k\" occurs twice"),
                broken("entry not an object", file("{\"a\":[1]}", new byte[0]),
                        "tensor 'a': its header entry must be an object", "found [1]"),
                broken("missing dtype", file("{\"a\":{\"shape\":[1],\"data_offsets\":[0,4]}}", floats(1)),
                        "tensor 'a': the header entry has no \"dtype\" field; each tensor needs \"dtype\", \"shape\""
                                + " and \"data_offsets\""),
                broken("missing shape", file("{\"a\":{\"dtype\":\"F32\",\"data_offsets\":[0,4]}}", floats(1)),
                        "tensor 'a': the header entry has no \"shape\" field"),
                broken("missing data_offsets", file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1]}}", floats(1)),
                        "tensor 'a': the header entry has no \"data_offsets\" field"),
                broken("dtype not a string", file("{\"a\":{\"dtype\":4,\"shape\":[1],\"data_offsets\":[0,4]}}", floats(1)),
                        "tensor 'a': \"dtype\" must be a string such as \"F32\", found 4"),
                broken("unknown dtype", file("{\"a\":{\"dtype\":\"F33\",\"shape\":[1],\"data_offsets\":[0,4]}}",
                        floats(1)), "tensor 'a' has the unknown dtype \"F33\"", "Descent reads F16, BF16, F32, F64"),
                broken("negative dimension", file("{\"a\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}",
                        floats(1)), "tensor 'a': \"shape\" must be a list of non-negative integers, found [-1]"),
                broken("fractional dimension", file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1.0],\"data_offsets\":[0,4]}}",
                        floats(1)), "\"shape\" must be a list of non-negative integers, found [1.0]"),
                broken("shape not a list", file("{\"a\":{\"dtype\":\"F32\",\"shape\":\"1\",\"data_offsets\":[0,4]}}",
                        floats(1)), "\"shape\" must be a list of non-negative integers, found \"1\""),
                broken("three offsets", file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4,8]}}",
                        floats(1)), "\"data_offsets\" must be [begin, end], two integers, found [0, 4, 8]"),
                broken("offset beyond a long", file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],"
                        + "\"data_offsets\":[0,99999999999999999999]}}", floats(1)),
                        "99999999999999999999 is larger than any file Descent can read"),
                broken("end before begin", file("{\"a\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[4,0]}}",
                        floats(1)), "tensor 'a': \"data_offsets\" [4, 0] end before they begin"),
                broken("shape larger than a Tensor", file("{\"a\":{\"dtype\":\"F32\",\"shape\":[65536,65536],"
                        + "\"data_offsets\":[0,4]}}", floats(1)), "tensor 'a' has shape [65536, 65536], too large"),
                broken("size does not match the shape",
                        file("{\"a\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,12]}}", floats(1, 2, 3)),
                        "tensor 'a': shape [2, 2] of F32 needs 4 × 4 = 16 bytes, but \"data_offsets\" [0, 12]"
                                + " span 12 bytes"),
                broken("offsets past the end (truncated data)",
                        file("{\"a\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}", floats(1, 2)),
                        "tensor 'a': \"data_offsets\" [0, 16] are out of range: the data buffer after the header"
                                + " holds only 8 bytes. The file is truncated"),
                broken("overlapping tensors", file("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                        + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", floats(1, 2, 3)),
                        "tensors 'a' [0, 8) and 'b' [4, 12) overlap"),
                broken("gap between tensors", file("{\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]},"
                        + A_0_4 + "}", floats(1, 2, 3)),
                        "a gap of 4 bytes lies between tensor 'a' (which ends at 4) and tensor 'b' (which begins at 8)",
                        "packed without gaps"),
                broken("gap before the first tensor",
                        file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", floats(1, 2)),
                        "a gap of 4 bytes lies between the start of the data buffer and tensor 'a'"),
                broken("trailing data", file("{" + A_0_4 + "}", floats(1, 2)),
                        "4 bytes of trailing data follow the last tensor, 'a', which ends at buffer offset 4,"),
                broken("trailing data without tensors", file("{}", zeros(3)),
                        "3 bytes of trailing data follow the header, which names no tensor,"),
                broken("metadata not an object", file("{\"__metadata__\":[\"x\"]}", new byte[0]),
                        "\"__metadata__\" must be a JSON object of strings, found [\"x\"]"),
                broken("metadata value not a string", file("{\"__metadata__\":{\"epochs\":3}}", new byte[0]),
                        "\"__metadata__\" may hold only strings, but \"epochs\" is 3. Store it as a string"),
                broken("integer dtype", file("{\"ids\":{\"dtype\":\"I32\",\"shape\":[1],\"data_offsets\":[0,4]}}",
                        zeros(4)), "tensor 'ids' has dtype I32, which Descent does not read: it reads F16, BF16, F32,"
                                + " F64, I64, as float32", "tensor.float()"),
                broken("boolean dtype", file("{\"mask\":{\"dtype\":\"BOOL\",\"shape\":[3],\"data_offsets\":[0,3]}}",
                        zeros(3)), "tensor 'mask' has dtype BOOL, which Descent does not read"));
    }

    private static Arguments broken(String description, byte[] content, String... messageParts) {
        return Arguments.of(description, content, messageParts);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenFiles")
    void aBrokenFileIsRefusedWithAMessageNamingTheFileAndTheProblem(String description, byte[] content,
            String[] messageParts) {
        Path path = SafeTensorsBytes.write(dir, "broken.safetensors", content);
        assertThatThrownBy(() -> SafeTensors.read(path))
                .isInstanceOf(SafeTensorsFormatException.class)
                .hasMessageStartingWith(path + ": ")
                .hasMessageContainingAll(messageParts)
                .satisfies(e -> assertThat(((SafeTensorsFormatException) e).file()).isEqualTo(path));
    }

    @Test
    void aMissingFileIsAnOrdinaryIoError() {
        assertThatThrownBy(() -> SafeTensors.read(dir.resolve("absent.safetensors")))
                .isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void theValidVariantsOfTheBrokenFilesAreRead() throws IOException {
        // The same building blocks, assembled correctly, read fine: the errors above come from
        // the one thing broken in each, not from the helper.
        Path good = SafeTensorsBytes.write(dir, "good.safetensors", file("{" + A_0_4 + "}", floats(1.5f)));
        assertThat(SafeTensors.read(good).tensor("a").data()).containsExactly(1.5f);
        Path spaced = SafeTensorsBytes.write(dir, "spaced.safetensors", file(" \n{ \"b\" : {\"data_offsets\": [4, 8],"
                + " \"shape\": [1], \"dtype\": \"F32\", \"extra\": null} , " + A_0_4 + "}\t  ", floats(1, 2)));
        assertThat(SafeTensors.read(spaced).tensors()).containsOnlyKeys("a", "b");
        assertThat(SafeTensors.read(spaced).tensors().keySet()).as("buffer order").containsExactly("a", "b");
        Path zeroSized = SafeTensorsBytes.write(dir, "zero.safetensors", file("{\"e\":{\"dtype\":\"F32\",\"shape\":[0,5],"
                + "\"data_offsets\":[4,4]}," + A_0_4 + "}", floats(1)));
        assertThat(SafeTensors.read(zeroSized).tensor("e").shape().dims()).containsExactly(0, 5);
    }
}
