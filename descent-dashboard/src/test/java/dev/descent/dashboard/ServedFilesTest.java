package dev.descent.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link ServedFiles}: which decoded relative paths are plain, and which resolve to a servable file. */
class ServedFilesTest {
    @TempDir
    Path temp;
    private Path root;
    private ServedFiles files;

    @BeforeEach
    void tree() throws Exception {
        Files.writeString(temp.resolve("secret.txt"), "secret");
        root = Files.createDirectories(temp.resolve("served")).toRealPath();
        Files.createDirectories(root.resolve("run/plots"));
        Files.writeString(root.resolve("run/config.yaml"), "task: classification\n");
        Files.writeString(root.resolve("run/plots/loss.png"), "png");
        Files.writeString(root.resolve("run/.lock"), "lock");
        Files.createSymbolicLink(root.resolve("run/leak.txt"), temp.resolve("secret.txt"));
        Files.createSymbolicLink(root.resolve("run/out"), temp);
        Files.createSymbolicLink(root.resolve("run/same.yaml"), root.resolve("run/config.yaml"));
        Files.createSymbolicLink(root.resolve("run/dangling.txt"), root.resolve("run/nothing.txt"));
        files = new ServedFiles(List.of(root));
    }

    @ParameterizedTest(name = "safe({0}) = {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "config.yaml                | true",
        "run/config.yaml            | true",
        "run/plots/loss.png         | true",
        "a b/c d.txt                | true",
        "%2e%2e/x                   | true",
        "run/..x                    | false",
        "run/x..                    | true",
        "..                         | false",
        "../secret.txt              | false",
        "run/../../secret.txt       | false",
        "run/..                     | false",
        ".                          | false",
        "./config.yaml              | false",
        "run/./config.yaml          | false",
        "/etc/passwd                | false",
        "//etc/passwd               | false",
        "run//config.yaml           | false",
        "run/                       | false",
        "run\\..\\secret.txt        | false",
        "..\\secret.txt             | false",
        "C:/windows/win.ini         | false",
        "c:secret.txt               | false",
        "C:                         | false",
        "run/lr:0.1/plots/loss.png  | true",
        "lr:0.1-20261207/config.yaml | true",
        "run/.lock                  | false",
        ".git/config                | false",
        "run/.hidden/file.txt       | false",
        "\"\"                       | false",
    })
    void safe(String relative, boolean expected) {
        assertThat(ServedFiles.safe(relative)).isEqualTo(expected);
    }

    @Test
    void safeRefusesNullAndNul() {
        assertThat(ServedFiles.safe(null)).isFalse();
        assertThat(ServedFiles.safe("run/\0")).isFalse();
        assertThat(ServedFiles.safe("config.yaml\0.txt")).isFalse();
    }

    @Test
    void resolvesAPlainFileToItsRealPath() {
        assertThat(files.resolve(0, "run/config.yaml")).contains(root.resolve("run/config.yaml"));
        assertThat(files.resolve(0, "run/plots/loss.png")).contains(root.resolve("run/plots/loss.png"));
    }

    @Test
    void resolvesALinkInsideTheDirectoryToItsTarget() {
        assertThat(files.resolve(0, "run/same.yaml")).contains(root.resolve("run/config.yaml"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"run/leak.txt", "run/out/secret.txt", "run/dangling.txt", "run/missing.txt", "run",
        "run/plots", "run/.lock", "../secret.txt", "run/../../secret.txt", "/etc/passwd"})
    void refuses(String relative) {
        assertThat(files.resolve(0, relative)).as(relative).isEqualTo(Optional.empty());
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 1, 2, Integer.MAX_VALUE, Integer.MIN_VALUE})
    void refusesARootThatIsNotServed(int index) {
        assertThat(files.resolve(index, "run/config.yaml")).isEmpty();
    }

    @Test
    void aSecondRootIsItsOwnConfinement() throws Exception {
        Path second = Files.createDirectories(temp.resolve("second")).toRealPath();
        Files.writeString(second.resolve("notes.txt"), "notes");
        ServedFiles two = new ServedFiles(List.of(root, second));

        assertThat(two.resolve(1, "notes.txt")).contains(second.resolve("notes.txt"));
        assertThat(two.resolve(0, "notes.txt")).isEmpty();
        assertThat(two.resolve(1, "../served/run/config.yaml")).isEmpty();
    }
}
