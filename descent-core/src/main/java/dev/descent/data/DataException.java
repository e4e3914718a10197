package dev.descent.data;

/**
 * Data on disk or in the environment is missing or not what Descent expects.
 *
 * <p>The message alone must be enough to fix the problem: it names the file (and the offset,
 * line, column or field where that applies), says what was expected and what was found, and
 * suggests a fix. A cause, when present, is extra detail and never replaces the message.
 *
 * <p>Wrong arguments from calling code (a negative batch size, a fraction of 1.5) are
 * programming errors and throw {@link IllegalArgumentException} instead.
 */
public class DataException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DataException(String message) {
        super(requireMessage(message));
    }

    public DataException(String message, Throwable cause) {
        super(requireMessage(message), cause);
    }

    private static String requireMessage(String message) {
        if (message == null || message.isBlank()) {
            throw new IllegalArgumentException("a DataException needs a message that explains the problem");
        }
        return message;
    }
}
