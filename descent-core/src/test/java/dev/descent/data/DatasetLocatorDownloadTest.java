package dev.descent.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.data.DownloaderTest.LocalMirror;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link DatasetLocator#locateOrDownload}: the fifth place, a download into the user cache,
 * from a test registry whose mirrors are HTTP servers on 127.0.0.1 serving small IDX files.
 */
class DatasetLocatorDownloadTest {
    private static final String NAME = "fashion-mnist";
    private static final byte[] TRAIN_IMAGES = IdxBytes.gzip(IdxBytes.ubyte(IdxBytes.counting(3 * 4), 3, 2, 2));
    private static final byte[] TRAIN_LABELS = IdxBytes.gzip(IdxBytes.ubyte(new byte[] {9, 0, 3}, 3));
    private static final byte[] TEST_IMAGES = IdxBytes.gzip(IdxBytes.ubyte(IdxBytes.counting(2 * 4), 2, 2, 2));
    private static final byte[] TEST_LABELS = IdxBytes.gzip(IdxBytes.ubyte(new byte[] {1, 2}, 2));

    @TempDir
    Path root;

    private Path home;
    private Path system;
    private Path cache;
    private final LocalMirror mirror = LocalMirror.start();

    @BeforeEach
    void createRoots() throws IOException {
        home = Files.createDirectory(root.resolve("home"));
        system = Files.createDirectory(root.resolve("system"));
        cache = home.resolve(".cache/descent/" + NAME);
    }

    @AfterEach
    void stopServer() {
        mirror.close();
    }

    private DatasetLocator locator() {
        return new DatasetLocator(Map.of(), home, system);
    }

    private void serveAll(String directory) {
        mirror.serve(directory + "train-images-idx3-ubyte.gz", LocalMirror.bytes(TRAIN_IMAGES));
        mirror.serve(directory + "train-labels-idx1-ubyte.gz", LocalMirror.bytes(TRAIN_LABELS));
        mirror.serve(directory + "t10k-images-idx3-ubyte.gz", LocalMirror.bytes(TEST_IMAGES));
        mirror.serve(directory + "t10k-labels-idx1-ubyte.gz", LocalMirror.bytes(TEST_LABELS));
    }

    /** The four MnistLayout files with this test's checksums, at {@code mirrors} in order. */
    private static KnownDatasets registry(String... mirrors) {
        List<String> bases = List.of(mirrors);
        return KnownDatasets.of(new DownloadableDataset(NAME, URI.create("https://example.org/"), List.of(
                DownloadFile.atMirrors(bases, "train-images-idx3-ubyte.gz", TRAIN_IMAGES.length,
                        DownloaderTest.sha256(TRAIN_IMAGES)),
                DownloadFile.atMirrors(bases, "train-labels-idx1-ubyte.gz", TRAIN_LABELS.length,
                        DownloaderTest.sha256(TRAIN_LABELS)),
                DownloadFile.atMirrors(bases, "t10k-images-idx3-ubyte.gz", TEST_IMAGES.length,
                        DownloaderTest.sha256(TEST_IMAGES)),
                DownloadFile.atMirrors(bases, "t10k-labels-idx1-ubyte.gz", TEST_LABELS.length,
                        DownloaderTest.sha256(TEST_LABELS)))));
    }

    private static DownloadPolicy allowed(KnownDatasets sources) {
        return DownloadPolicy.allowed(new Downloader(DownloadTransport.http(), DownloadProgress.quiet()), sources);
    }

    private String base(String directory) {
        return mirror.url(directory).toString();
    }

    @Test
    void nothingFoundLocallyDownloadsIntoTheCacheAndTheNextSearchFindsIt() {
        serveAll("/fm/");
        DownloadPolicy policy = allowed(registry(base("/fm/")));

        Path found = locator().locateOrDownload(NAME, MnistLayout.FILES, null, policy);

        assertThat(found).isEqualTo(cache);
        assertThat(DownloaderTest.listing(cache)).containsExactly("t10k-images-idx3-ubyte.gz",
                "t10k-labels-idx1-ubyte.gz", "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz");
        Dataset train = MnistLayout.loadTrain(found, NAME);
        assertThat(train.size()).isEqualTo(3);
        assertThat(train.labels()).containsExactly(9, 0, 3);
        assertThat(mirror.totalRequests()).isEqualTo(4);

        assertThat(locator().locateOrDownload(NAME, MnistLayout.FILES, null, policy)).isEqualTo(cache);
        assertThat(locator().locate(NAME, MnistLayout.FILES)).isEqualTo(cache);
        assertThat(mirror.totalRequests()).as("found in the cache: not downloaded again").isEqualTo(4);
    }

    @Test
    void aCopyOnThisMachineIsUsedWithoutDownloading() throws IOException {
        Path installed = Files.createDirectories(system.resolve(NAME));
        for (String name : MnistLayout.FILES.baseNames()) {
            Files.write(installed.resolve(name + ".gz"), new byte[0]);
        }

        assertThat(locator().locateOrDownload(NAME, MnistLayout.FILES, null, allowed(registry(base("/fm/")))))
                .isEqualTo(installed);
        assertThat(mirror.totalRequests()).isZero();
    }

    @Test
    void aPartlyFilledCacheIsCompletedWithTheMissingFilesOnly() throws IOException {
        serveAll("/fm/");
        Files.createDirectories(cache);
        Files.write(cache.resolve("train-images-idx3-ubyte.gz"), TRAIN_IMAGES);
        Files.write(cache.resolve("train-labels-idx1-ubyte"), IdxBytes.ubyte(new byte[] {9, 0, 3}, 3));

        assertThat(locator().locateOrDownload(NAME, MnistLayout.FILES, null, allowed(registry(base("/fm/")))))
                .isEqualTo(cache);
        assertThat(mirror.requests("/fm/train-images-idx3-ubyte.gz")).isZero();
        assertThat(mirror.requests("/fm/train-labels-idx1-ubyte.gz")).isZero();
        assertThat(mirror.requests("/fm/t10k-images-idx3-ubyte.gz")).isEqualTo(1);
        assertThat(mirror.requests("/fm/t10k-labels-idx1-ubyte.gz")).isEqualTo(1);
    }

    @Test
    void aMissingFirstMirrorFallsBackToTheSecond() {
        serveAll("/second/");

        Path found = locator().locateOrDownload(NAME, MnistLayout.FILES, null,
                allowed(registry(base("/first/"), base("/second/"))));

        assertThat(found).isEqualTo(cache);
        assertThat(mirror.requests("/first/train-images-idx3-ubyte.gz")).isEqualTo(1);
        assertThat(MnistLayout.loadTest(found, NAME).size()).isEqualTo(2);
    }

    @Test
    void anExplicitDirectoryIsNeverCompletedByADownload() throws IOException {
        serveAll("/fm/");
        Path explicit = Files.createDirectory(root.resolve("mine"));

        assertThatThrownBy(() -> locator().locateOrDownload(NAME, MnistLayout.FILES, explicit,
                allowed(registry(base("/fm/")))))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("--data-dir, " + explicit + ", does not hold it");
        assertThat(mirror.totalRequests()).isZero();
    }

    @Test
    void offlineTheErrorListsEveryPlaceTheNetworkErrorsAndTheFixes() throws IOException {
        URI refused = LocalMirror.refusingUrl("/fm/");
        KnownDatasets sources = registry(base("/fm/"), refused.toString()); // 404, then nothing listening

        assertThatThrownBy(() -> locator().locateOrDownload(NAME, MnistLayout.FILES, null, allowed(sources)))
                .isInstanceOf(DataException.class)
                .isNotInstanceOf(DownloadException.class)
                .hasMessageContaining("data set 'fashion-mnist' not found. Looked in, in order:")
                .hasMessageContainingAll(
                        "\n  1. $DESCENT_DATA/fashion-mnist (skipped: DESCENT_DATA is not set)",
                        "\n  2. user cache " + cache + ": directory does not exist",
                        "\n  3. system folder " + system.resolve(NAME) + ": directory does not exist",
                        "\n  4. download into the user cache " + cache + ": no source gave train-images-idx3-ubyte.gz:",
                        "\n       " + base("/fm/") + "train-images-idx3-ubyte.gz: HTTP 404",
                        "\n       " + refused + "train-images-idx3-ubyte.gz: could not connect (Connection refused",
                        "\nTo fix, any one of:",
                        "\n  - install it: sudo apt-get install dataset-fashion-mnist",
                        "\n  - pass --data-dir DIR",
                        "\n  - set DESCENT_DATA=ROOT",
                        "\n  - put those files in " + cache + " (from " + base("/fm/") + " or " + refused + ")",
                        "\n  - run again with network access")
                .satisfies(e -> assertThat(order(e.getMessage(), "1. $DESCENT", "2. user cache", "3. system folder",
                        "4. download", "To fix", "install it", "--data-dir DIR", "DESCENT_DATA=ROOT",
                        "put those files", "run again with network")).isTrue());
        assertThat(DownloaderTest.listing(cache)).isEmpty(); // created for the download, holds nothing
    }

    @Test
    void aCorruptedDownloadIsRejectedRemovedAndNamedWithBothHashes() {
        serveAll("/fm/");
        byte[] corrupted = TRAIN_LABELS.clone();
        corrupted[corrupted.length - 1] ^= 0x40;
        mirror.serve("/fm/train-labels-idx1-ubyte.gz", LocalMirror.bytes(corrupted));

        assertThatThrownBy(() -> locator().locateOrDownload(NAME, MnistLayout.FILES, null,
                allowed(registry(base("/fm/")))))
                .isInstanceOf(DataException.class)
                .hasMessageContainingAll(
                        "4. download into the user cache " + cache + ": no source gave train-labels-idx1-ubyte.gz:",
                        base("/fm/") + "train-labels-idx1-ubyte.gz: SHA-256 mismatch: expected "
                                + DownloaderTest.sha256(TRAIN_LABELS) + ", got " + DownloaderTest.sha256(corrupted),
                        "run again: a checksum mismatch is usually a damaged transfer");
        assertThat(DownloaderTest.listing(cache)).containsExactly("train-images-idx3-ubyte.gz"); // fetched before
    }

    @Test
    void aTruncatedDownloadIsRejected() {
        serveAll("/fm/");
        mirror.serve("/fm/train-images-idx3-ubyte.gz", LocalMirror.truncated(TRAIN_IMAGES, TRAIN_IMAGES.length / 2));

        assertThatThrownBy(() -> locator().locateOrDownload(NAME, MnistLayout.FILES, null,
                allowed(registry(base("/fm/")))))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("no source gave train-images-idx3-ubyte.gz:\n       " + base("/fm/")
                        + "train-images-idx3-ubyte.gz: the transfer stopped after " + TRAIN_IMAGES.length / 2 + " of "
                        + TRAIN_IMAGES.length + " bytes");
        assertThat(DownloaderTest.listing(cache)).isEmpty();
    }

    @Test
    void withDownloadsOffTheErrorSaysADownloadWouldFindIt() {
        assertThatThrownBy(() -> locator().locateOrDownload("mnist", MnistLayout.FILES, null,
                DownloadPolicy.forbidden()))
                .isInstanceOf(DataException.class)
                .hasMessageContainingAll(
                        "\n  4. download into the user cache (skipped: downloads are off, --no-download)",
                        "\n  - allow the download: run without --no-download (it fetches"
                                + " https://ossci-datasets.s3.amazonaws.com/mnist/ or http://yann.lecun.com/exdb/mnist/)");
    }

    @Test
    void anUnknownDataSetIsNotDownloaded() {
        assertThatThrownBy(() -> locator().locateOrDownload("cifar10", MnistLayout.FILES, null,
                allowed(registry(base("/fm/")))))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("4. download into the user cache (skipped: no known source for 'cifar10';"
                        + " Descent can download fashion-mnist)");
        assertThat(mirror.totalRequests()).isZero();
    }

    @Test
    void aSourceWithoutTheRequiredFilesIsNotUsed() {
        assertThatThrownBy(() -> locator().locateOrDownload(NAME, RequiredFiles.of("other-ubyte"), null,
                allowed(registry(base("/fm/")))))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("(skipped: the known source of 'fashion-mnist' does not provide other-ubyte[.gz])");
        assertThat(mirror.totalRequests()).isZero();
    }

    @Test
    void anUnwritableCacheIsReportedAsSuch() throws IOException {
        Files.write(home.resolve(".cache"), new byte[0]); // a file where the cache directory should be

        assertThatThrownBy(() -> locator().locateOrDownload(NAME, MnistLayout.FILES, null,
                allowed(registry(base("/fm/")))))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("4. download into the user cache " + cache + ": cannot create " + cache);
        assertThat(mirror.totalRequests()).isZero();
    }

    /** Whether {@code parts} occur in {@code text} in this order. */
    private static boolean order(String text, String... parts) {
        List<Integer> positions = new ArrayList<>();
        for (String part : parts) {
            positions.add(text.indexOf(part));
        }
        return !positions.contains(-1) && positions.equals(positions.stream().sorted().toList());
    }
}
