package dev.descent.cli.config;

/**
 * A configuration that cannot be read or is not valid, with a one-line message that names the
 * key, the value, what is allowed and where the key was given. An {@link IllegalArgumentException},
 * so the command line reports it as a usage error, without a stack trace.
 */
public final class ConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
