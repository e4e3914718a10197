package dev.descent.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The git commit Descent was built from, read from the checkout the running jar lies in
 * ({@code descent-cli/target/descent.jar} under the launcher): {@code .git/HEAD}, then the
 * branch's ref file or {@code packed-refs}. A jar copied elsewhere says {@code "unknown"}.
 */
final class SourceCommit {
    private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}");

    private SourceCommit() {
    }

    static String find() {
        try {
            Path jar = Path.of(SourceCommit.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path dir = jar.toAbsolutePath().getParent(); dir != null; dir = dir.getParent()) {
                Path git = dir.resolve(".git");
                if (Files.isDirectory(git)) {
                    return commitOf(git);
                }
            }
        } catch (Exception e) {
            // no code source, no checkout or an unreadable one: the report says unknown
        }
        return "unknown";
    }

    private static String commitOf(Path git) throws IOException {
        String head = Files.readString(git.resolve("HEAD"), StandardCharsets.UTF_8).trim();
        if (SHA.matcher(head).matches()) {
            return head; // detached
        }
        if (!head.startsWith("ref: ")) {
            return "unknown";
        }
        String ref = head.substring(5).trim();
        Path refFile = git.resolve(ref);
        if (Files.isRegularFile(refFile)) {
            String sha = Files.readString(refFile, StandardCharsets.UTF_8).trim();
            return SHA.matcher(sha).matches() ? sha : "unknown";
        }
        Path packed = git.resolve("packed-refs");
        if (Files.isRegularFile(packed)) {
            for (String line : Files.readAllLines(packed, StandardCharsets.UTF_8)) {
                if (line.endsWith(" " + ref) && SHA.matcher(line.substring(0, 40)).matches()) {
                    return line.substring(0, 40);
                }
            }
        }
        return "unknown";
    }
}
