package dev.descent.data;

import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A data set Descent knows how to fetch: its name (the directory it is stored in), the page
 * that describes it and its licence, and its files.
 *
 * @param name     the data set's name, also its directory name, e.g. {@code fashion-mnist}
 * @param homepage where the data set, its authors and its licence are described
 * @param files    the files to fetch, each with its sources and checksum
 */
public record DownloadableDataset(String name, URI homepage, List<DownloadFile> files) {
    public DownloadableDataset {
        if (name == null || name.isBlank() || name.contains("/") || name.contains("\\")
                || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("downloadable data set: name must be a plain directory name like"
                    + " 'fashion-mnist', got '" + name + "'");
        }
        if (files == null || files.isEmpty()) {
            throw new IllegalArgumentException("downloadable data set " + name + ": files must name at least one file");
        }
        Set<String> seen = new HashSet<>();
        for (DownloadFile file : files) {
            if (!seen.add(file.baseName())) {
                throw new IllegalArgumentException("downloadable data set " + name + ": two files are stored as "
                        + RequiredFiles.describe(file.baseName()));
            }
        }
        files = List.copyOf(files);
    }

    /** The file stored as {@code baseName} or {@code baseName.gz}, if this data set has one. */
    public Optional<DownloadFile> fileFor(String baseName) {
        return files.stream().filter(f -> f.baseName().equals(baseName)).findFirst();
    }

    /** Whether downloading this data set yields every one of {@code required}. */
    public boolean provides(RequiredFiles required) {
        return required.baseNames().stream().allMatch(name -> fileFor(name).isPresent());
    }
}
