package dev.descent.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which files a model was trained on, by path, size and SHA-256, so that a later evaluation
 * on "the run's test split" can prove it is reading the same bytes; re-splitting a file that
 * changed would put training rows in the test split without a word.
 *
 * <p>Data built into the jar or generated from a seed has no files: its fingerprint is
 * {@linkplain #none() empty} and always matches.
 *
 * @param files the files read, in the order they were read
 */
public record DataFingerprint(List<FileFingerprint> files) {

    public DataFingerprint {
        files = List.copyOf(files);
    }

    /**
     * One file as it was when the model was trained.
     *
     * @param path   the absolute path
     * @param bytes  its size
     * @param sha256 its SHA-256, as lower-case hexadecimal
     * @param rows   the examples read from it, or −1 when not counted
     */
    public record FileFingerprint(String path, long bytes, String sha256, long rows) {
    }

    /** No files: built-in or generated data. */
    public static DataFingerprint none() {
        return new DataFingerprint(List.of());
    }

    /** The fingerprint of {@code file} now, with the number of examples it gave. */
    public static FileFingerprint of(Path file, long rows) {
        Path absolute = file.toAbsolutePath().normalize();
        try {
            return new FileFingerprint(absolute.toString(), Files.size(absolute), sha256(absolute), rows);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot fingerprint " + absolute + ": " + e.getMessage(), e);
        }
    }

    /** The fingerprints of several files. */
    public static DataFingerprint of(List<FileFingerprint> files) {
        return new DataFingerprint(files);
    }

    /**
     * Checks that every file is still there with the same size and content.
     *
     * @throws DataChangedException naming each file that is missing or changed and what changed
     */
    public void verify() {
        List<String> problems = new ArrayList<>();
        for (FileFingerprint file : files) {
            Path path = Path.of(file.path());
            if (!Files.isRegularFile(path)) {
                problems.add(file.path() + " is missing (it held " + describe(file) + " at training time)");
                continue;
            }
            FileFingerprint now = of(path, file.rows());
            if (now.bytes() != file.bytes()) {
                problems.add(file.path() + " changed: " + file.bytes() + " bytes at training time, " + now.bytes()
                        + " now");
            } else if (!now.sha256().equals(file.sha256())) {
                problems.add(file.path() + " changed: same size (" + file.bytes() + " bytes) but different content"
                        + " (SHA-256 " + shortHash(file.sha256()) + "… at training time, " + shortHash(now.sha256())
                        + "… now)");
            }
        }
        if (!problems.isEmpty()) {
            throw new DataChangedException(problems);
        }
    }

    private static String describe(FileFingerprint file) {
        return file.bytes() + " bytes" + (file.rows() >= 0 ? ", " + file.rows() + " rows" : "");
    }

    private static String shortHash(String hex) {
        return hex.substring(0, Math.min(12, hex.length()));
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** JSON-ready: a list of {path, bytes, sha256, rows}. */
    public List<Object> toList() {
        List<Object> list = new ArrayList<>();
        for (FileFingerprint file : files) {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("path", file.path());
            map.put("bytes", file.bytes());
            map.put("sha256", file.sha256());
            map.put("rows", file.rows());
            list.add(map);
        }
        return list;
    }

    /** Reads {@link #toList()}'s form back; {@code fields} names the source in errors. */
    static DataFingerprint fromList(List<?> list, dev.descent.io.JsonFields fields, String path) {
        List<FileFingerprint> files = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String where = path + "[" + i + "]";
            Map<String, ?> map = fields.map(list.get(i), where);
            files.add(new FileFingerprint(fields.text(map, where, "path"), fields.longValue(map, where, "bytes"),
                    fields.text(map, where, "sha256"), fields.longValue(map, where, "rows")));
        }
        return new DataFingerprint(files);
    }

    /** The files a model was trained on have changed since: evaluating "its" splits would mislead. */
    public static final class DataChangedException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        DataChangedException(List<String> problems) {
            super("the training data changed since the model was trained, so its splits cannot be rebuilt: "
                    + String.join("; ", problems) + ". Restore the file, or evaluate on new data with --csv FILE"
                    + " (or another data option).");
        }
    }
}
