package dev.descent.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DownloadProgressTest {
    private static final URI URL = URI.create("https://example.org/mnist/train-images-idx3-ubyte.gz");
    private static final long MS = 1_000_000L;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final AtomicLong now = new AtomicLong(5_000 * MS);
    private final DownloadProgress bar = new DownloadProgressBar(
            new PrintStream(printed, true, StandardCharsets.UTF_8), now::get);

    private String output() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theLineShowsBarPercentBytesAndRate() {
        assertThat(DownloadProgressBar.line("t10k.gz", 13_210_940, 26_421_880, 4_000 * MS))
                .isEqualTo("t10k.gz [############------------]  50%  13.2 MB / 26.4 MB  3.3 MB/s");
        assertThat(DownloadProgressBar.line("t10k.gz", 0, 5_148, 0))
                .isEqualTo("t10k.gz [------------------------]   0%  0 B / 5.1 kB  -- B/s");
    }

    @Test
    void anUnknownTotalShowsBytesAndRateOnly() {
        assertThat(DownloadProgressBar.line("x.gz", 2_500, -1, 1_000 * MS)).isEqualTo("x.gz 2.5 kB  2.5 kB/s");
    }

    @Test
    void sizesUseDecimalUnits() {
        assertThat(DownloadProgressBar.size(999)).isEqualTo("999 B");
        assertThat(DownloadProgressBar.size(1_000)).isEqualTo("1.0 kB");
        assertThat(DownloadProgressBar.size(999_949)).isEqualTo("999.9 kB");
        assertThat(DownloadProgressBar.size(999_999)).isEqualTo("1.0 MB");
        assertThat(DownloadProgressBar.size(26_421_880)).isEqualTo("26.4 MB");
        assertThat(DownloadProgressBar.size(3_000_000_000L)).isEqualTo("3.0 GB");
    }

    @Test
    void redrawsAtMostTenTimesASecond() {
        bar.started("f.gz", URL, 1_000);
        for (int i = 1; i <= 100; i++) { // 100 updates over 1 s
            now.addAndGet(10 * MS);
            bar.advanced(i * 10L);
        }
        bar.finished(true);

        long redraws = output().chars().filter(c -> c == '\r').count();
        // The first draw, one per 100 ms, the last.
        assertThat(redraws).isEqualTo(1 + 10 + 1);
        assertThat(output()).startsWith("Downloading " + URL + "\n").endsWith("100%  1.0 kB / 1.0 kB  1.0 kB/s\n");
    }

    @Test
    void aShorterLineWipesTheLongerOneBeforeIt() {
        bar.started("f.gz", URL, 10_000_000);
        now.addAndGet(100 * MS);
        bar.advanced(10_000_000);
        String before = output();
        now.addAndGet(9_900 * MS); // the rate drops from "100.0 MB/s" to "1.0 MB/s"
        bar.finished(false);

        String last = output().substring(before.length());
        assertThat(last).startsWith("\r").endsWith("  failed\n");
        int drawn = before.substring(before.lastIndexOf('\r')).length();
        assertThat(last.length() - "  failed\n".length()).isGreaterThanOrEqualTo(drawn);
    }

    @Test
    void quietSaysNothing() {
        DownloadProgress quiet = DownloadProgress.quiet();
        quiet.started("f.gz", URL, 10);
        quiet.advanced(10);
        quiet.finished(true);

        assertThat(output()).isEmpty();
    }
}
