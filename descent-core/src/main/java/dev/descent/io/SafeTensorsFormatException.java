package dev.descent.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file is not a safetensors file Descent can read: truncated, with an invalid header, with a
 * layout that breaks the format's rules, or holding a type Descent does not read.
 *
 * <p>The message alone is enough to fix the problem: it starts with the file, says what was
 * expected and what was found (the tensor, the field, the offset), and suggests a fix.
 */
public class SafeTensorsFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    /** {@code problem} is the explanation without the file, which is prefixed to it. */
    public SafeTensorsFormatException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    /** The file that could not be read. */
    public Path file() {
        return file;
    }
}
