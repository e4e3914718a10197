package dev.descent.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetLocatorTest {
    private static final RequiredFiles FILES = RequiredFiles.of("a-ubyte", "b-ubyte");
    private static final String NAME = "fashion-mnist";

    @TempDir
    Path root;

    private Path home;
    private Path system;
    private Path descentData;

    @BeforeEach
    void createRoots() throws IOException {
        home = Files.createDirectory(root.resolve("home"));
        system = Files.createDirectory(root.resolve("system"));
        descentData = Files.createDirectory(root.resolve("descent-data"));
    }

    /** A directory holding the required files (one raw, one gzip-named). */
    private static Path complete(Path directory) {
        try {
            Files.createDirectories(directory);
            Files.write(directory.resolve("a-ubyte"), new byte[0]);
            Files.write(directory.resolve("b-ubyte.gz"), new byte[0]);
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private DatasetLocator locator(Map<String, String> environment) {
        return new DatasetLocator(environment, home, system);
    }

    private DatasetLocator withDescentData() {
        return locator(Map.of(DatasetLocator.ENVIRONMENT_VARIABLE, descentData.toString()));
    }

    @Test
    void explicitDirectoryWinsOverEverything() {
        Path explicit = complete(root.resolve("mine"));
        complete(descentData.resolve(NAME));
        complete(home.resolve(".cache/descent/" + NAME));
        complete(system.resolve(NAME));

        assertThat(withDescentData().locate(NAME, FILES, explicit)).isEqualTo(explicit);
    }

    @Test
    void environmentVariableComesBeforeCache() {
        complete(descentData.resolve(NAME));
        complete(home.resolve(".cache/descent/" + NAME));
        complete(system.resolve(NAME));

        assertThat(withDescentData().locate(NAME, FILES)).isEqualTo(descentData.resolve(NAME));
    }

    @Test
    void cacheComesBeforeSystemFolder() {
        complete(home.resolve(".cache/descent/" + NAME));
        complete(system.resolve(NAME));

        assertThat(withDescentData().locate(NAME, FILES)).isEqualTo(home.resolve(".cache/descent/" + NAME));
    }

    @Test
    void systemFolderIsTheLastResort() {
        complete(system.resolve(NAME));

        assertThat(locator(Map.of()).locate(NAME, FILES)).isEqualTo(system.resolve(NAME));
    }

    @Test
    void incompleteDirectoriesAreSkipped() throws IOException {
        Path partial = Files.createDirectories(descentData.resolve(NAME));
        Files.write(partial.resolve("a-ubyte"), new byte[0]);
        complete(system.resolve(NAME));

        assertThat(withDescentData().locate(NAME, FILES)).isEqualTo(system.resolve(NAME));
    }

    @Test
    void environmentVariableNamesARootNotTheFilesThemselves() {
        complete(descentData); // files directly in $DESCENT_DATA: ambiguous between MNIST-style sets
        complete(system.resolve(NAME));

        assertThat(withDescentData().locate(NAME, FILES)).isEqualTo(system.resolve(NAME));
    }

    @Test
    void explicitDirectoryWithoutTheFilesIsAnErrorNotAFallThrough() throws IOException {
        Path explicit = Files.createDirectory(root.resolve("wrong"));
        Files.write(explicit.resolve("a-ubyte"), new byte[0]);
        complete(system.resolve(NAME));

        assertThatThrownBy(() -> withDescentData().locate(NAME, FILES, explicit))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("--data-dir, " + explicit + ", does not hold it")
                .hasMessageContaining("missing b-ubyte[.gz]")
                .hasMessageContaining("it contains a-ubyte");
    }

    @Test
    void explicitDirectoryThatDoesNotExistIsAnError() {
        Path explicit = root.resolve("typo");

        assertThatThrownBy(() -> locator(Map.of()).locate(NAME, FILES, explicit))
                .isInstanceOf(DataException.class)
                .hasMessageContaining(explicit.toString())
                .hasMessageContaining("directory does not exist");
    }

    @Test
    void nothingFoundListsEveryPlaceInOrderAndTheFixes() throws IOException {
        Files.createDirectories(home.resolve(".cache/descent/" + NAME));

        assertThatThrownBy(() -> withDescentData().locate(NAME, FILES))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("data set 'fashion-mnist' not found")
                .hasMessageContainingAll(
                        "1. $DESCENT_DATA/fashion-mnist " + descentData.resolve(NAME) + ": directory does not exist",
                        "2. user cache " + home.resolve(".cache/descent/" + NAME) + ": missing a-ubyte[.gz], b-ubyte[.gz]"
                                + "; it contains nothing (it is empty)",
                        "3. system folder " + system.resolve(NAME) + ": directory does not exist",
                        "sudo apt-get install dataset-fashion-mnist",
                        "pass --data-dir DIR, where DIR holds a-ubyte[.gz], b-ubyte[.gz]",
                        "set DESCENT_DATA=ROOT, where ROOT/fashion-mnist holds those files");
    }

    @Test
    void unsetEnvironmentVariableIsListedAsSkipped() {
        assertThatThrownBy(() -> locator(Map.of()).locate("mnist", FILES))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("1. $DESCENT_DATA/mnist (skipped: DESCENT_DATA is not set)")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("apt-get"));
    }

    @Test
    void blankEnvironmentVariableCountsAsUnset() {
        assertThat(locator(Map.of(DatasetLocator.ENVIRONMENT_VARIABLE, " ")).searchOrder(NAME).get(0).directory())
                .isEmpty();
    }

    @Test
    void searchOrderIsEnvironmentThenCacheThenSystem() {
        assertThat(withDescentData().searchOrder(NAME))
                .extracting(place -> place.directory().orElseThrow())
                .containsExactly(descentData.resolve(NAME), home.resolve(".cache/descent/" + NAME), system.resolve(NAME));
    }

    @Test
    void namesThatWouldEscapeTheRootsAreRefused() {
        assertThatThrownBy(() -> locator(Map.of()).locate("../etc", FILES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'../etc'");
        assertThatThrownBy(() -> locator(Map.of()).locate("..", FILES))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fromSystemUsesTheUserHome() {
        assertThat(DatasetLocator.fromSystem().cacheDirectory("x"))
                .isEqualTo(Path.of(System.getProperty("user.home"), ".cache", "descent", "x"));
    }
}
