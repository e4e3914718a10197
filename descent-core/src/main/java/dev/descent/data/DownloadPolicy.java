package dev.descent.data;

import java.io.PrintStream;
import java.util.Optional;

/**
 * Whether {@link DatasetLocator#locateOrDownload} may fetch a data set it did not find, and
 * from where: the CLI's {@code --download} (the default) and {@code --no-download}.
 * Even when downloads are forbidden the known sources are kept, so that the error can say
 * that a download would have found the data set.
 */
public final class DownloadPolicy {
    private final KnownDatasets sources;
    private final Downloader downloader;

    private DownloadPolicy(KnownDatasets sources, Downloader downloader) {
        if (sources == null) {
            throw new IllegalArgumentException("download policy: sources are required (KnownDatasets.official())");
        }
        this.sources = sources;
        this.downloader = downloader;
    }

    /** Downloads allowed from the official sources, over HTTP, with a progress bar on {@code progressOut} when it is a terminal. */
    public static DownloadPolicy allowedOverHttp(PrintStream progressOut) {
        return allowed(Downloader.overHttp(progressOut), KnownDatasets.official());
    }

    /** Downloads allowed from {@code sources} with {@code downloader}. */
    public static DownloadPolicy allowed(Downloader downloader, KnownDatasets sources) {
        if (downloader == null) {
            throw new IllegalArgumentException("download policy: an allowed download needs a downloader");
        }
        return new DownloadPolicy(sources, downloader);
    }

    /** No downloads; the official sources are only named in messages. */
    public static DownloadPolicy forbidden() {
        return new DownloadPolicy(KnownDatasets.official(), null);
    }

    public boolean allowsDownloads() {
        return downloader != null;
    }

    public KnownDatasets sources() {
        return sources;
    }

    /** The downloader, present exactly when downloads are allowed. */
    public Optional<Downloader> downloader() {
        return Optional.ofNullable(downloader);
    }
}
