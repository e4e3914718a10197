package dev.descent.data;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the directory that holds a named data set on this machine. Places are tried in
 * this order, and the first directory holding all the {@link RequiredFiles} wins:
 *
 * <ol>
 *   <li>an explicit directory (the CLI's {@code --data-dir}): used alone — when given but
 *       incomplete it is an error, never a silent fall-through to some other copy;</li>
 *   <li>{@code $DESCENT_DATA/<name>}: {@code DESCENT_DATA} is a root holding one
 *       sub-directory per data set. It is not searched for the files directly, because
 *       MNIST, Fashion-MNIST and KMNIST use the same file names: a directory of files has no
 *       way to say which data set it holds, and the wrong one would load silently;</li>
 *   <li>the user cache {@code ~/.cache/descent/<name>};</li>
 *   <li>the system folder {@code /usr/share/datasets/<name>} (where Debian's
 *       {@code dataset-fashion-mnist} package installs).</li>
 * </ol>
 *
 * <p>When nothing is found the {@link DataException} lists every place, in order, with why
 * it did not qualify, and the ways to fix that. {@link #locate} downloads nothing;
 * {@link #locateOrDownload} goes one step further:
 *
 * <ol start="5">
 *   <li>a download from the official source (a {@link KnownDatasets} entry) into the user
 *       cache, verified by SHA-256 and renamed into place atomically (see {@link Downloader}),
 *       when the {@link DownloadPolicy} allows it. When every mirror fails the error lists
 *       the network errors too, and how to proceed offline.</li>
 * </ol>
 *
 * <p>The environment and home directory are constructor parameters so that tests can drive
 * the search; {@link #fromSystem()} uses the real ones.
 */
public final class DatasetLocator {
    public static final String ENVIRONMENT_VARIABLE = "DESCENT_DATA";
    public static final Path SYSTEM_DATA_ROOT = Path.of("/usr/share/datasets");
    public static final String DATA_DIR_FLAG = "--data-dir";
    public static final String NO_DOWNLOAD_FLAG = "--no-download";

    private static final Map<String, String> INSTALL_COMMANDS = Map.of(
            "fashion-mnist", "sudo apt-get install dataset-fashion-mnist");

    private final Map<String, String> environment;
    private final Path homeDirectory;
    private final Path systemDataRoot;

    /** A place searched, for messages: how it was chosen and the directory it names (if any). */
    public record SearchPlace(String description, Optional<Path> directory) {
    }

    public DatasetLocator(Map<String, String> environment, Path homeDirectory, Path systemDataRoot) {
        this.environment = Map.copyOf(environment);
        this.homeDirectory = homeDirectory;
        this.systemDataRoot = systemDataRoot;
    }

    public DatasetLocator(Map<String, String> environment, Path homeDirectory) {
        this(environment, homeDirectory, SYSTEM_DATA_ROOT);
    }

    /** A locator over this process's environment and the user's home directory. */
    public static DatasetLocator fromSystem() {
        return new DatasetLocator(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /** Searches the places after the explicit directory. */
    public Path locate(String name, RequiredFiles files) {
        return locate(name, files, null);
    }

    /**
     * @param explicitDirectory the {@code --data-dir} value, or {@code null} to search
     * @return a directory holding all of {@code files}
     */
    public Path locate(String name, RequiredFiles files, Path explicitDirectory) {
        requireSimpleName(name);
        if (explicitDirectory != null) {
            return explicit(name, files, explicitDirectory);
        }
        StringBuilder report = new StringBuilder();
        Optional<Path> found = search(name, files, report);
        if (found.isPresent()) {
            return found.get();
        }
        throw new DataException("data set '" + name + "' not found. Looked in, in order:" + report
                + "\nTo fix, any one of:" + fixes(name, files));
    }

    /**
     * Searches the places after the explicit directory and, when none holds the data set,
     * downloads it into the {@link #cacheDirectory user cache} from the official sources
     * (progress on standard error when it is a terminal).
     */
    public Path locateOrDownload(String name, RequiredFiles files) {
        return locateOrDownload(name, files, null, DownloadPolicy.allowedOverHttp(System.err));
    }

    /**
     * Like {@link #locate(String, RequiredFiles, Path)}, then, when nothing is found and
     * {@code policy} allows it and knows {@code name}, downloads the missing files into the
     * {@link #cacheDirectory user cache} and returns that. An explicit directory is still used
     * alone: it is never completed by a download.
     *
     * @throws DataException listing every place looked in, the download's errors (per mirror)
     *                       and the fixes, when the data set is neither found nor downloaded
     */
    public Path locateOrDownload(String name, RequiredFiles files, Path explicitDirectory, DownloadPolicy policy) {
        requireSimpleName(name);
        if (explicitDirectory != null) {
            return explicit(name, files, explicitDirectory);
        }
        StringBuilder report = new StringBuilder();
        Optional<Path> found = search(name, files, report);
        if (found.isPresent()) {
            return found.get();
        }
        Path cache = cacheDirectory(name);
        report.append("\n  ").append(searchOrder(name).size() + 1).append(". download into the user cache");
        Optional<DownloadableDataset> dataset = policy.sources().find(name);
        String afterFixes = "";
        if (dataset.isEmpty()) {
            report.append(" (skipped: no known source for '").append(name).append("'; Descent can download ")
                    .append(String.join(", ", policy.sources().names())).append(")");
        } else if (!dataset.get().provides(files)) {
            report.append(" (skipped: the known source of '").append(name).append("' does not provide ")
                    .append(filesList(files)).append(")");
        } else if (policy.downloader().isEmpty()) {
            report.append(" (skipped: downloads are off, ").append(NO_DOWNLOAD_FLAG).append(")");
            afterFixes = "\n  - allow the download: run without " + NO_DOWNLOAD_FLAG + " (it fetches "
                    + sourcesOf(dataset.get()) + ")";
        } else {
            report.append(" ").append(cache);
            try {
                policy.downloader().get().downloadMissing(dataset.get(), cache);
                Optional<String> problem = files.whatIsMissing(cache);
                if (problem.isEmpty()) {
                    return cache;
                }
                report.append(": after the download, ").append(problem.get());
            } catch (DownloadException e) {
                report.append(": no source gave ").append(e.file().fileName()).append(":")
                        .append(e.attemptLines("       "));
                afterFixes = e.networkOnly()
                        ? "\n  - run again with network access (behind a proxy: -Dhttps.proxyHost=HOST"
                                + " -Dhttps.proxyPort=PORT, and the same for http)"
                        : "\n  - run again: a checksum mismatch is usually a damaged transfer; if it repeats,"
                                + " the source now serves other bytes, so fetch the files from another copy and"
                                + " check them with sha256sum";
            } catch (DataException e) {
                report.append(": ").append(e.getMessage());
            }
        }
        String sources = dataset.isPresent() ? " (from " + sourcesOf(dataset.get()) + ")" : "";
        throw new DataException("data set '" + name + "' not found. Looked in, in order:" + report
                + "\nTo fix, any one of:" + fixes(name, files) + sources + afterFixes);
    }

    private Path explicit(String name, RequiredFiles files, Path explicitDirectory) {
        Optional<String> problem = files.whatIsMissing(explicitDirectory);
        if (problem.isPresent()) {
            throw new DataException("data set '" + name + "': the directory given with " + DATA_DIR_FLAG + ", "
                    + explicitDirectory + ", does not hold it: " + problem.get() + ". Pass a directory that holds "
                    + filesList(files) + ", or leave out " + DATA_DIR_FLAG + " to search $" + ENVIRONMENT_VARIABLE
                    + ", the cache and the system folder.");
        }
        return explicitDirectory;
    }

    /** The first place in {@link #searchOrder} holding all of {@code files}; appends each miss to {@code report}. */
    private Optional<Path> search(String name, RequiredFiles files, StringBuilder report) {
        int number = 1;
        for (SearchPlace place : searchOrder(name)) {
            report.append("\n  ").append(number++).append(". ").append(place.description());
            if (place.directory().isEmpty()) {
                continue;
            }
            Path directory = place.directory().get();
            Optional<String> problem = files.whatIsMissing(directory);
            if (problem.isEmpty()) {
                return Optional.of(directory);
            }
            report.append(" ").append(directory).append(": ").append(problem.get());
        }
        return Optional.empty();
    }

    /** The mirror directories of a data set's files, e.g. {@code https://host/mnist/ or http://other/mnist/}. */
    private static String sourcesOf(DownloadableDataset dataset) {
        Set<String> directories = new LinkedHashSet<>();
        for (DownloadFile file : dataset.files()) {
            for (URI url : file.urls()) {
                directories.add(url.resolve(".").toString());
            }
        }
        return String.join(" or ", directories);
    }

    /** The places searched when no explicit directory is given, in order. */
    public List<SearchPlace> searchOrder(String name) {
        requireSimpleName(name);
        List<SearchPlace> places = new ArrayList<>();
        String root = environment.get(ENVIRONMENT_VARIABLE);
        if (root == null || root.isBlank()) {
            places.add(new SearchPlace("$" + ENVIRONMENT_VARIABLE + "/" + name + " (skipped: "
                    + ENVIRONMENT_VARIABLE + " is not set)", Optional.empty()));
        } else {
            places.add(new SearchPlace("$" + ENVIRONMENT_VARIABLE + "/" + name, Optional.of(Path.of(root, name))));
        }
        places.add(new SearchPlace("user cache", Optional.of(cacheDirectory(name))));
        places.add(new SearchPlace("system folder", Optional.of(systemDataRoot.resolve(name))));
        return places;
    }

    /** Where the user cache keeps data set {@code name}: {@code ~/.cache/descent/<name>}. */
    public Path cacheDirectory(String name) {
        requireSimpleName(name);
        return homeDirectory.resolve(".cache").resolve("descent").resolve(name);
    }

    private String fixes(String name, RequiredFiles files) {
        StringBuilder fixes = new StringBuilder();
        String install = INSTALL_COMMANDS.get(name);
        if (install != null) {
            fixes.append("\n  - install it: ").append(install);
        }
        fixes.append("\n  - pass ").append(DATA_DIR_FLAG).append(" DIR, where DIR holds ").append(filesList(files));
        fixes.append("\n  - set ").append(ENVIRONMENT_VARIABLE).append("=ROOT, where ROOT/").append(name)
                .append(" holds those files");
        fixes.append("\n  - put those files in ").append(cacheDirectory(name));
        return fixes.toString();
    }

    private static String filesList(RequiredFiles files) {
        return String.join(", ", files.baseNames().stream().map(RequiredFiles::describe).toList());
    }

    // The name becomes a path segment: a slash or ".." would escape the search roots.
    private static void requireSimpleName(String name) {
        if (name == null || name.isBlank() || name.contains("/") || name.contains("\\")
                || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("data set name must be a plain directory name like 'fashion-mnist', got '"
                    + name + "'");
        }
    }
}
