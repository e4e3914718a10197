package dev.descent.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
 * it did not qualify, and the ways to fix that. Nothing is downloaded.
 *
 * <p>The environment and home directory are constructor parameters so that tests can drive
 * the search; {@link #fromSystem()} uses the real ones.
 */
public final class DatasetLocator {
    public static final String ENVIRONMENT_VARIABLE = "DESCENT_DATA";
    public static final Path SYSTEM_DATA_ROOT = Path.of("/usr/share/datasets");
    public static final String DATA_DIR_FLAG = "--data-dir";

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
            Optional<String> problem = files.whatIsMissing(explicitDirectory);
            if (problem.isPresent()) {
                throw new DataException("data set '" + name + "': the directory given with " + DATA_DIR_FLAG + ", "
                        + explicitDirectory + ", does not hold it: " + problem.get() + ". Pass a directory that holds "
                        + filesList(files) + ", or leave out " + DATA_DIR_FLAG + " to search $" + ENVIRONMENT_VARIABLE
                        + ", the cache and the system folder.");
            }
            return explicitDirectory;
        }
        StringBuilder report = new StringBuilder();
        int number = 1;
        for (SearchPlace place : searchOrder(name)) {
            report.append("\n  ").append(number++).append(". ").append(place.description());
            if (place.directory().isEmpty()) {
                continue;
            }
            Path directory = place.directory().get();
            Optional<String> problem = files.whatIsMissing(directory);
            if (problem.isEmpty()) {
                return directory;
            }
            report.append(" ").append(directory).append(": ").append(problem.get());
        }
        throw new DataException("data set '" + name + "' not found. Looked in, in order:" + report
                + "\nTo fix, any one of:" + fixes(name, files));
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
