package dev.descent.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The files a data set's directory must hold, by base name. Each file may be stored raw
 * ({@code name}) or gzip-compressed ({@code name.gz}); when both exist the raw one wins,
 * since it needs no decompression and is what someone who unpacked the archive meant to use.
 *
 * <p>{@link DatasetLocator} uses this to decide whether a directory holds a data set and the
 * loaders use it to find each file, so the two can never disagree.
 */
public record RequiredFiles(List<String> baseNames) {
    public static final String GZIP_SUFFIX = ".gz";

    public RequiredFiles {
        if (baseNames.isEmpty()) {
            throw new IllegalArgumentException("required files: name at least one file");
        }
        baseNames = List.copyOf(baseNames);
    }

    public static RequiredFiles of(String... baseNames) {
        return new RequiredFiles(List.of(baseNames));
    }

    /** The file for {@code baseName} in {@code directory}: raw if present, else gzip, else empty. */
    public static Optional<Path> find(Path directory, String baseName) {
        for (String candidate : candidateNames(baseName)) {
            Path file = directory.resolve(candidate);
            if (Files.isRegularFile(file)) {
                return Optional.of(file);
            }
        }
        return Optional.empty();
    }

    /** The names looked for, in order of preference: {@code name}, then {@code name.gz}. */
    public static List<String> candidateNames(String baseName) {
        return List.of(baseName, baseName + GZIP_SUFFIX);
    }

    /** The base names with neither a raw nor a gzip file in {@code directory}, in order. */
    public List<String> missingIn(Path directory) {
        List<String> missing = new ArrayList<>();
        for (String name : baseNames) {
            if (find(directory, name).isEmpty()) {
                missing.add(name);
            }
        }
        return missing;
    }

    public boolean allPresentIn(Path directory) {
        return Files.isDirectory(directory) && missingIn(directory).isEmpty();
    }

    /** {@code name[.gz]}, for messages. */
    public static String describe(String baseName) {
        return baseName + "[" + GZIP_SUFFIX + "]";
    }

    /**
     * Why {@code directory} does not hold these files — "does not exist", or the missing names
     * and what the directory does contain — or empty when it holds them all.
     */
    public Optional<String> whatIsMissing(Path directory) {
        if (!Files.exists(directory)) {
            return Optional.of("directory does not exist");
        }
        if (!Files.isDirectory(directory)) {
            return Optional.of("not a directory");
        }
        List<String> missing = missingIn(directory);
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("missing " + String.join(", ", missing.stream().map(RequiredFiles::describe).toList())
                + "; it contains " + listing(directory));
    }

    /** Up to ten names in {@code directory}, so a message shows what is there instead. */
    static String listing(Path directory) {
        final int shown = 10;
        try (Stream<Path> entries = Files.list(directory)) {
            List<String> names = entries.map(p -> p.getFileName().toString()).sorted().toList();
            if (names.isEmpty()) {
                return "nothing (it is empty)";
            }
            String head = String.join(", ", names.subList(0, Math.min(shown, names.size())));
            return names.size() > shown ? head + " and " + (names.size() - shown) + " more" : head;
        } catch (IOException e) {
            return "entries that could not be listed (" + e.getMessage() + ")";
        }
    }
}
