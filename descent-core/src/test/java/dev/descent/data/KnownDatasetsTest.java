package dev.descent.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KnownDatasetsTest {
    private static final Path FASHION_MNIST_DEBIAN = Path.of("/usr/share/datasets/fashion-mnist");

    @Test
    void officialSourcesCoverTheThreeMnistStyleSets() {
        KnownDatasets official = KnownDatasets.official();

        assertThat(official.names()).containsExactly("mnist", "fashion-mnist", "kmnist");
        for (String name : official.names()) {
            DownloadableDataset dataset = official.find(name).orElseThrow();
            assertThat(dataset.provides(MnistLayout.FILES)).as(name).isTrue();
            assertThat(dataset.files()).extracting(DownloadFile::fileName).as(name).containsExactly(
                    "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
                    "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz");
        }
        assertThat(official.find("cifar10")).isEmpty();
    }

    @Test
    void mirrorsAreTriedInTheDocumentedOrder() {
        assertThat(KnownDatasets.MNIST.files().get(0).urls()).containsExactly(
                URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/train-images-idx3-ubyte.gz"),
                URI.create("http://yann.lecun.com/exdb/mnist/train-images-idx3-ubyte.gz"));
        assertThat(KnownDatasets.FASHION_MNIST.files().get(3).urls()).containsExactly(
                URI.create("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/t10k-labels-idx1-ubyte.gz"));
        assertThat(KnownDatasets.KMNIST.files().get(1).urls()).containsExactly(
                URI.create("http://codh.rois.ac.jp/kmnist/dataset/kmnist/train-labels-idx1-ubyte.gz"));
    }

    @Test
    void everyChecksumIsDistinct() {
        List<String> hashes = KnownDatasets.official().names().stream()
                .flatMap(n -> KnownDatasets.official().find(n).orElseThrow().files().stream())
                .map(DownloadFile::sha256).toList();

        assertThat(hashes).hasSize(12).doesNotHaveDuplicates();
    }

    @Test
    void aNameCannotBeListedTwice() {
        assertThatThrownBy(() -> KnownDatasets.of(KnownDatasets.MNIST, KnownDatasets.MNIST))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'mnist' is listed twice");
    }

    @Test
    void mnistChecksumsMatchTheSharedCopyOfTheOfficialFiles() throws IOException {
        Path dir = sharedMnist();
        assumeTrue(dir != null, "MNIST files not found in any shared/data/mnist above " + Path.of("").toAbsolutePath());

        for (DownloadFile file : KnownDatasets.MNIST.files()) {
            byte[] bytes = Files.readAllBytes(dir.resolve(file.fileName()));
            assertThat(bytes.length).as(file.fileName()).isEqualTo(file.size());
            assertThat(DownloaderTest.sha256(bytes)).as(file.fileName()).isEqualTo(file.sha256());
        }
    }

    /**
     * Debian's package holds the official compressed data under a normalised gzip header (no
     * file name, the packaging date). Putting the original header back — the name and the
     * 2017-08-31 modification times found by matching the published MD5 — gives the official
     * files, whose size and SHA-256 must be those listed.
     */
    @Test
    void fashionMnistChecksumsMatchTheDebianCopyWithItsOriginalGzipHeader() throws IOException {
        assumeTrue(MnistLayout.FILES.allPresentIn(FASHION_MNIST_DEBIAN),
                "Fashion-MNIST is not installed in " + FASHION_MNIST_DEBIAN);
        Map<String, Integer> originalMtime = Map.of(
                "train-images-idx3-ubyte.gz", 1_504_176_606, "train-labels-idx1-ubyte.gz", 1_504_176_606,
                "t10k-images-idx3-ubyte.gz", 1_504_176_627, "t10k-labels-idx1-ubyte.gz", 1_504_176_627);

        for (DownloadFile file : KnownDatasets.FASHION_MNIST.files()) {
            byte[] debian = Files.readAllBytes(FASHION_MNIST_DEBIAN.resolve(file.fileName()));
            assumeTrue(debian[3] == 0, "the installed " + file.fileName() + " is not the normalised Debian copy");
            byte[] official = withGzipHeader(debian, file.baseName(), originalMtime.get(file.fileName()));

            assertThat(official.length).as(file.fileName()).isEqualTo(file.size());
            assertThat(DownloaderTest.sha256(official)).as(file.fileName()).isEqualTo(file.sha256());
        }
    }

    // RFC 1952: magic, method 8, flag FNAME, mtime (little-endian), XFL and OS as in the copy, name, NUL.
    private static byte[] withGzipHeader(byte[] gzipWithoutName, String name, int mtime) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x1f);
        out.write(0x8b);
        out.write(8);
        out.write(0x08);
        out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(mtime).array());
        out.write(gzipWithoutName[8]);
        out.write(gzipWithoutName[9]);
        out.writeBytes(name.getBytes(StandardCharsets.ISO_8859_1));
        out.write(0);
        out.write(gzipWithoutName, 10, gzipWithoutName.length - 10);
        return out.toByteArray();
    }

    private static Path sharedMnist() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared/data/mnist");
            if (MnistLayout.FILES.allPresentIn(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
