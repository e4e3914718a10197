package dev.descent.io;

import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A file to read does not exist. Still a {@link NoSuchFileException}, but its message is a
 * sentence, "FILE does not exist", with the absolute path when the file was given relative to
 * the working directory, instead of the bare path the JDK reports.
 */
final class MissingFileException extends NoSuchFileException {
    private static final long serialVersionUID = 1L;

    private final String sentence;

    MissingFileException(Path file, NoSuchFileException cause) {
        super(file.toString());
        initCause(cause);
        this.sentence = file + " does not exist"
                + (file.isAbsolute() ? "" : " (looked for " + file.toAbsolutePath() + ")");
    }

    @Override
    public String getMessage() {
        return sentence;
    }
}
