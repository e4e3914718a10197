package dev.descent.cli.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a {@link RunConfig} as YAML with every default filled in, keys in a fixed order (the
 * records' order), and only the keys the chosen optimizer, schedule and model have: the record
 * of what a run did, e.g. {@code runs/<name>/config.yaml}. Reading it back with
 * {@link ConfigLoader} gives an equal {@code RunConfig}.
 */
public final class ConfigWriter {
    static final String HEADER = "# descent run configuration, resolved: every key holds the value in effect.\n";

    private ConfigWriter() {
    }

    /** {@code config} as YAML text, after a one-line comment. */
    public static String toYaml(RunConfig config) {
        try {
            return HEADER + ConfigYaml.MAPPER.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the configuration as YAML: " + e.getOriginalMessage(), e);
        }
    }

    /** Writes {@code config} to {@code file}, creating its folder if needed. */
    public static void write(RunConfig config, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, toYaml(config), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the configuration to " + file, e);
        }
    }
}
