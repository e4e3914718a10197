package dev.descent.cli.config;

import com.fasterxml.jackson.core.JsonLocation;
import java.util.List;
import java.util.Optional;

/**
 * Where a key's value came from, for messages: the {@code --set} argument that set it (the last
 * one wins, as when applying them), else its line in the file, else the file.
 */
final class KeyOrigins {
    private final String source;
    private final String yaml;
    private final List<ConfigOverride> overrides;
    private KeyLocations locations;

    /**
     * @param source the file's name, or {@code null} when there is no file
     * @param yaml the file's text, or {@code null}
     */
    KeyOrigins(String source, String yaml, List<ConfigOverride> overrides) {
        this.source = source;
        this.yaml = yaml;
        this.overrides = List.copyOf(overrides);
    }

    /** The {@code --set} that gave {@code key} (or a section holding it) its value, if one did. */
    Optional<ConfigOverride> override(String key) {
        for (int i = overrides.size() - 1; i >= 0; i--) {
            ConfigOverride override = overrides.get(i);
            if (key.equals(override.key()) || key.startsWith(override.key() + ".")
                    || key.startsWith(override.key() + "[")) {
                return Optional.of(override);
            }
        }
        return Optional.empty();
    }

    /** "in FILE line L, column C", "in --set k=v", "in FILE", or empty when there is nowhere to point. */
    Optional<String> where(String key) {
        Optional<ConfigOverride> override = override(key);
        if (override.isPresent()) {
            return Optional.of("in --set " + override.get().text());
        }
        if (yaml != null && !key.isEmpty()) {
            if (locations == null) {
                locations = KeyLocations.of(yaml);
            }
            JsonLocation location = locations.find(key);
            if (location != null) {
                return Optional.of("in " + source + " " + YamlSyntax.position(location));
            }
        }
        for (int i = overrides.size() - 1; i >= 0; i--) {
            if (!key.isEmpty() && overrides.get(i).key().startsWith(key + ".")) {
                return Optional.of("in --set " + overrides.get(i).text());
            }
        }
        return source == null ? Optional.empty() : Optional.of("in " + source);
    }
}
