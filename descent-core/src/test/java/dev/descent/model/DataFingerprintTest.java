package dev.descent.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.io.JsonFields;
import dev.descent.io.JsonText;
import dev.descent.model.DataFingerprint.DataChangedException;
import dev.descent.model.DataFingerprint.FileFingerprint;
import dev.descent.nn.ModelSpec;
import dev.descent.random.Rng;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A fingerprint proves a run's data files are the bytes it was trained on. */
class DataFingerprintTest {
    private static final String CSV = "x,y,label\n1,2,a\n3,4,b\n5,6,a\n";

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void aFingerprintHoldsTheAbsolutePathSizeHashAndRows() throws Exception {
        Path file = write("train.csv", CSV);
        FileFingerprint print = DataFingerprint.of(file, 3);
        assertThat(print.path()).isEqualTo(file.toAbsolutePath().normalize().toString());
        assertThat(print.bytes()).isEqualTo(CSV.getBytes(StandardCharsets.UTF_8).length);
        assertThat(print.sha256()).isEqualTo(sha256(CSV.getBytes(StandardCharsets.UTF_8))).hasSize(64)
                .matches("[0-9a-f]{64}");
        assertThat(print.rows()).isEqualTo(3);
    }

    @Test
    void anUnchangedFilePasses() throws IOException {
        Path train = write("train.csv", CSV);
        Path test = write("test.csv", "x,y,label\n7,8,b\n");
        DataFingerprint data = DataFingerprint.of(List.of(DataFingerprint.of(train, 3), DataFingerprint.of(test, -1)));
        assertThatCode(data::verify).doesNotThrowAnyException();
        // rewriting the same bytes is no change
        Files.writeString(train, CSV);
        assertThatCode(data::verify).doesNotThrowAnyException();
        assertThatCode(DataFingerprint.none()::verify).doesNotThrowAnyException();
        assertThat(DataFingerprint.none().files()).isEmpty();
    }

    @Test
    void anAppendedByteIsReportedWithTheFileAndBothSizes() throws IOException {
        Path file = write("train.csv", CSV);
        long size = Files.size(file);
        DataFingerprint data = DataFingerprint.of(List.of(DataFingerprint.of(file, 3)));
        Files.write(file, new byte[] {'\n'}, StandardOpenOption.APPEND);

        assertThatThrownBy(data::verify)
                .isInstanceOf(DataChangedException.class)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(file.toAbsolutePath().normalize().toString())
                .hasMessageContaining(size + " bytes at training time, " + (size + 1) + " now");
    }

    @Test
    void sameSizeDifferentContentIsReportedAsAContentChange() throws IOException {
        Path file = write("train.csv", CSV);
        DataFingerprint data = DataFingerprint.of(List.of(DataFingerprint.of(file, 3)));
        String before = data.files().get(0).sha256();
        Files.writeString(file, CSV.replace("3,4,b", "3,4,a"));
        assertThat(Files.size(file)).isEqualTo(data.files().get(0).bytes());
        String after = DataFingerprint.of(file, 3).sha256();

        assertThatThrownBy(data::verify)
                .isInstanceOf(DataChangedException.class)
                .hasMessageContaining(file.toAbsolutePath().normalize().toString())
                .hasMessageContaining("same size (" + CSV.length() + " bytes) but different content")
                .hasMessageContaining("SHA-256")
                .hasMessageContaining(before.substring(0, 12))
                .hasMessageContaining(after.substring(0, 12));
    }

    @Test
    void aDeletedFileIsReportedMissing() throws IOException {
        Path file = write("train.csv", CSV);
        DataFingerprint data = DataFingerprint.of(List.of(DataFingerprint.of(file, 3)));
        Files.delete(file);
        assertThatThrownBy(data::verify)
                .isInstanceOf(DataChangedException.class)
                .hasMessageContaining(file.toAbsolutePath().normalize() + " is missing")
                .hasMessageContaining(CSV.length() + " bytes, 3 rows");
    }

    @Test
    void everyChangedFileIsListedInOneError() throws IOException {
        Path a = write("a.csv", CSV);
        Path b = write("b.csv", CSV);
        Path c = write("c.csv", CSV);
        DataFingerprint data = DataFingerprint.of(List.of(DataFingerprint.of(a, 3), DataFingerprint.of(b, 3),
                DataFingerprint.of(c, 3)));
        Files.delete(a);
        Files.writeString(c, CSV + "7,8,b\n");
        assertThatThrownBy(data::verify)
                .hasMessageContaining(a.toAbsolutePath().normalize() + " is missing")
                .hasMessageContaining(c.toAbsolutePath().normalize() + " changed")
                .message().doesNotContain(b.toAbsolutePath().normalize().toString());
    }

    @Test
    void aMissingFileCannotBeFingerprinted() {
        Path absent = dir.resolve("absent.csv");
        assertThatThrownBy(() -> DataFingerprint.of(absent, 1))
                .isInstanceOf(java.io.UncheckedIOException.class)
                .hasMessageContaining("absent.csv");
    }

    @Test
    void theListFormRoundTripsThroughJson() throws IOException {
        Path train = write("train.csv", CSV);
        Path test = write("test.csv", "x,y,label\n7,8,b\n");
        DataFingerprint data = DataFingerprint.of(List.of(DataFingerprint.of(train, 3), DataFingerprint.of(test, -1)));

        List<Object> list = data.toList();
        assertThat(list).hasSize(2);
        assertThat(List.<Object>copyOf(((Map<?, ?>) list.get(0)).keySet())).containsExactly("path", "bytes", "sha256", "rows");
        List<?> parsed = (List<?>) JsonText.parse(JsonText.write(list), "fp.json");
        DataFingerprint again = DataFingerprint.fromList(parsed, new JsonFields("fp.json", ""), "training_data");
        assertThat(again).isEqualTo(data);

        assertThatThrownBy(() -> DataFingerprint.fromList(List.of(Map.of("path", "x", "bytes", 3)),
                new JsonFields("fp.json", ""), "training_data"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("fp.json: training_data[0].sha256: missing");
    }

    @Test
    void theFingerprintSurvivesAModelBundleSaveAndLoad() throws IOException {
        Path train = write("train.csv", CSV);
        DataFingerprint data = DataFingerprint.of(List.of(DataFingerprint.of(train, 3)));
        ModelSpec spec = ModelSpec.linear(2, 2);
        ModelBundle bundle = new ModelBundle(spec, ModelBundle.Task.CLASSIFICATION, List.of("a", "b"),
                Preprocessing.vectors(2), data, Map.of());
        Path file = dir.resolve("model.safetensors");
        bundle.save(spec.build(new Rng(1)), file);

        ModelBundle loaded = ModelBundle.load(file).bundle();
        assertThat(loaded.trainingData()).isEqualTo(data);
        assertThatCode(loaded.trainingData()::verify).doesNotThrowAnyException();
        Files.writeString(train, CSV + "\n");
        assertThatThrownBy(loaded.trainingData()::verify).isInstanceOf(DataChangedException.class);

        ModelBundle none = new ModelBundle(spec, ModelBundle.Task.CLASSIFICATION, List.of("a", "b"),
                Preprocessing.vectors(2), DataFingerprint.none(), Map.of());
        Path other = dir.resolve("none.safetensors");
        none.save(spec.build(new Rng(1)), other);
        assertThat(ModelBundle.load(other).bundle().trainingData()).isEqualTo(DataFingerprint.none());
    }
}
