package dev.descent.data;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One file of a downloadable data set: the name it is stored under, where to fetch it
 * (mirrors, tried in order), and what the bytes must be (size and SHA-256). A download is
 * kept only when both match, so a mirror that serves a stale, truncated or tampered file is
 * never trusted.
 *
 * @param fileName the name in the data set's directory, e.g. {@code train-images-idx3-ubyte.gz}
 * @param urls     where to fetch it, in the order to try them; {@code http} or {@code https}
 * @param size     the exact length in bytes
 * @param sha256   the SHA-256 of the file's bytes, 64 hex digits (stored in lower case)
 */
public record DownloadFile(String fileName, List<URI> urls, long size, String sha256) {
    private static final Pattern SHA_256 = Pattern.compile("[0-9a-f]{64}");

    public DownloadFile {
        if (fileName == null || fileName.isBlank() || fileName.contains("/") || fileName.contains("\\")
                || fileName.equals(".") || fileName.equals("..")) {
            throw new IllegalArgumentException("download file: fileName must be a plain file name like"
                    + " 'train-images-idx3-ubyte.gz', got '" + fileName + "'");
        }
        if (urls == null || urls.isEmpty()) {
            throw new IllegalArgumentException("download file " + fileName + ": urls must name at least one source");
        }
        for (URI url : urls) {
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if ((!scheme.equals("http") && !scheme.equals("https")) || url.getHost() == null) {
                throw new IllegalArgumentException("download file " + fileName + ": urls must be absolute http or https"
                        + " addresses, got '" + url + "'");
            }
        }
        if (size <= 0) {
            throw new IllegalArgumentException("download file " + fileName + ": size must be > 0 bytes, got " + size);
        }
        String hash = sha256 == null ? "" : sha256.toLowerCase(Locale.ROOT);
        if (!SHA_256.matcher(hash).matches()) {
            throw new IllegalArgumentException("download file " + fileName + ": sha256 must be 64 hex digits, got '"
                    + sha256 + "'");
        }
        urls = List.copyOf(urls);
        sha256 = hash;
    }

    /**
     * The file {@code fileName} under each mirror, in order: a mirror is a directory URL such
     * as {@code https://ossci-datasets.s3.amazonaws.com/mnist/} (the trailing slash matters).
     */
    public static DownloadFile atMirrors(List<String> mirrors, String fileName, long size, String sha256) {
        List<URI> urls = new ArrayList<>();
        for (String mirror : mirrors) {
            if (!mirror.endsWith("/")) {
                throw new IllegalArgumentException("download file " + fileName + ": a mirror is a directory and must"
                        + " end with '/', got '" + mirror + "'");
            }
            urls.add(URI.create(mirror + fileName));
        }
        return new DownloadFile(fileName, urls, size, sha256);
    }

    /** The name {@link RequiredFiles} knows this file by: {@code fileName} without {@code .gz}. */
    public String baseName() {
        return fileName.endsWith(RequiredFiles.GZIP_SUFFIX)
                ? fileName.substring(0, fileName.length() - RequiredFiles.GZIP_SUFFIX.length())
                : fileName;
    }
}
