package dev.descent.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class DownloadFileTest {
    private static final String HASH = "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609";
    private static final List<URI> URLS = List.of(URI.create("https://example.org/a.gz"));

    @Test
    void mirrorsBecomeOneUrlPerMirrorInOrder() {
        DownloadFile file = DownloadFile.atMirrors(List.of("https://a.example/mnist/", "http://b.example/x/"),
                "train-images-idx3-ubyte.gz", 10, HASH.toUpperCase());

        assertThat(file.urls()).containsExactly(URI.create("https://a.example/mnist/train-images-idx3-ubyte.gz"),
                URI.create("http://b.example/x/train-images-idx3-ubyte.gz"));
        assertThat(file.sha256()).isEqualTo(HASH);
        assertThat(file.baseName()).isEqualTo("train-images-idx3-ubyte");
    }

    @Test
    void invalidDescriptionsAreRefusedNamingTheField() {
        assertThatThrownBy(() -> new DownloadFile("a.gz", URLS, 10, "abc"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sha256 must be 64 hex digits, got 'abc'");
        assertThatThrownBy(() -> new DownloadFile("a.gz", URLS, 0, HASH))
                .hasMessageContaining("size must be > 0 bytes, got 0");
        assertThatThrownBy(() -> new DownloadFile("../a.gz", URLS, 10, HASH))
                .hasMessageContaining("fileName must be a plain file name");
        assertThatThrownBy(() -> new DownloadFile("a.gz", List.of(URI.create("ftp://example.org/a.gz")), 10, HASH))
                .hasMessageContaining("absolute http or https addresses, got 'ftp://example.org/a.gz'");
        assertThatThrownBy(() -> new DownloadFile("a.gz", List.of(), 10, HASH))
                .hasMessageContaining("at least one source");
        assertThatThrownBy(() -> DownloadFile.atMirrors(List.of("https://example.org/mnist"), "a.gz", 10, HASH))
                .hasMessageContaining("must end with '/', got 'https://example.org/mnist'");
    }

    @Test
    void aDataSetCannotStoreTwoFilesUnderOneName() {
        DownloadFile raw = new DownloadFile("a-ubyte", URLS, 10, HASH);
        DownloadFile gzip = new DownloadFile("a-ubyte.gz", URLS, 10, HASH);

        assertThatThrownBy(() -> new DownloadableDataset("set", URI.create("https://example.org"), List.of(raw, gzip)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("two files are stored as a-ubyte[.gz]");
    }
}
