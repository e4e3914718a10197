package dev.descent.dashboard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The served directories, and the only way a request reaches a file: a path relative to one of
 * them, already percent-decoded once, is refused when it is absolute, holds {@code ..}, {@code .},
 * an empty segment, a backslash or a NUL, names a hidden file ({@code .lock}, {@code .git}), or
 * resolves, after every symbolic link is followed, outside its directory. A refused path and a
 * missing file both answer 404, so the answer tells nothing about what lies outside.
 */
final class ServedFiles {
    private final List<Path> roots;

    /** @param roots the served directories, each already its real path */
    ServedFiles(List<Path> roots) {
        this.roots = List.copyOf(roots);
    }

    List<Path> roots() {
        return roots;
    }

    /** The regular file {@code relative} names under root number {@code root}, if it may be served. */
    Optional<Path> resolve(int root, String relative) {
        if (root < 0 || root >= roots.size() || !safe(relative)) {
            return Optional.empty();
        }
        Path base = roots.get(root);
        try {
            Path file = base.resolve(relative).normalize();
            if (!file.startsWith(base)) {
                return Optional.empty();
            }
            Path real = file.toRealPath(); // follows every link on the way
            if (!real.startsWith(base) || !Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            return Optional.of(real);
        } catch (IOException | InvalidPathException | SecurityException e) {
            return Optional.empty();
        }
    }

    /** Whether a decoded relative path is plain: segments of ordinary, visible names only. */
    static boolean safe(String relative) {
        if (relative == null || relative.isEmpty() || relative.startsWith("/") || relative.indexOf('\\') >= 0
                || relative.indexOf('\0') >= 0 || relative.length() >= 2 && relative.charAt(1) == ':') { // C:\, C:x
            return false;
        }
        for (String segment : relative.split("/", -1)) {
            if (segment.isEmpty() || segment.startsWith(".")) { // "", ".", ".." and hidden files
                return false;
            }
        }
        return true;
    }
}
