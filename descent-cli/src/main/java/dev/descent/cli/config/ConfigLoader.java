package dev.descent.cli.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a run configuration: a YAML file (or nothing, for the defaults), then the
 * {@code --set key=value} overrides in order, then binds the result to {@link RunConfig}, whose
 * records fill in the defaults and check every value.
 *
 * <pre>
 *   RunConfig config = ConfigLoader.load(Path.of("examples/mnist-mlp.yaml"),
 *           List.of("optimizer.lr=0.01", "model.hidden=512,256", "training.early_stopping.patience=3"));
 * </pre>
 *
 * <p>Every problem is a {@link ConfigException} with a one-line message:
 * <ul>
 *   <li>YAML syntax: {@code run.yaml line 4, column 3: not valid YAML: …}</li>
 *   <li>an unknown key: {@code unknown key 'optimizer.learning_rate' (value 0.1) in run.yaml line 7,
 *       column 3; did you mean 'optimizer.lr'? (keys of 'optimizer': name, lr, …)}</li>
 *   <li>a wrong type: {@code training.epochs: wrong type, got 'ten'; expected an integer (in --set training.epochs=ten)}</li>
 *   <li>an invalid value: {@code optimizer.momentum: out of range, got 1.5; allowed: [0, 1) (in run.yaml line 9, column 3)}</li>
 *   <li>a key with nothing after it (a file cut short): {@code data.csv: no value given (line 3 of run.yaml); give a
 *       path or remove the key}; an explicit {@code null} still means the default</li>
 *   <li>a resolved configuration ({@link ConfigWriter}'s, e.g. a run's {@code config.yaml}) lacking keys:
 *       {@code config.yaml: a resolved configuration (see its first line) lacking keys: training, run; …}</li>
 * </ul>
 *
 * <p>Relative paths to data ({@code data.csv}, {@code data.libsvm}, {@code data.test_csv},
 * {@code data.data_dir}) written in a file are relative to the file's folder, so an example
 * runs from anywhere; given with {@code --set}, they are relative to the working directory.
 * Either way the loaded configuration holds them absolute ({@code "-"}, standard input, stays).
 */
public final class ConfigLoader {
    private static final List<String> PATH_KEYS = List.of("data_dir", "csv", "libsvm", "test_csv");
    /** The keys whose emptiness would change where the examples come from. */
    private static final List<String> SOURCE_KEYS = List.of("data.dataset", "data.data_dir", "data.csv", "data.libsvm",
            "data.test_csv");

    private ConfigLoader() {
    }

    /**
     * The configuration in {@code file} with {@code overrides} applied.
     *
     * @param file a YAML file, or {@code null} for the defaults
     * @param overrides {@code key=value} arguments of {@code --set}, applied in order
     */
    public static RunConfig load(Path file, List<String> overrides) {
        if (file == null) {
            return bind(null, null, null, overrides);
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException("configuration file " + file + ": no such file");
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new ConfigException("configuration file " + file + ": is not UTF-8 text; give a YAML file (saved"
                    + " as UTF-8), such as the config.yaml of a run");
        } catch (IOException e) {
            throw new ConfigException("configuration file " + file + ": cannot be read (" + e.getMessage() + ")");
        }
        return bind(text, file.toString(), file.toAbsolutePath().getParent(), overrides);
    }

    /** The defaults with {@code overrides} applied. */
    public static RunConfig defaults(List<String> overrides) {
        return load(null, overrides);
    }

    /**
     * The configuration written in {@code yaml} with {@code overrides} applied.
     *
     * @param source the name messages give the text, e.g. its file name
     * @param baseDirectory the folder relative data paths in the text are resolved against, or
     *     {@code null} to leave them as written
     */
    public static RunConfig parse(String yaml, String source, Path baseDirectory, List<String> overrides) {
        return bind(yaml, source, baseDirectory, overrides);
    }

    private static RunConfig bind(String yaml, String source, Path baseDirectory, List<String> arguments) {
        ObjectNode root = yaml == null ? JsonNodeFactory.instance.objectNode() : read(yaml, source);
        List<ConfigOverride> overrides = new ArrayList<>();
        for (String argument : arguments) {
            ConfigOverride override = ConfigOverride.parse(argument);
            override.applyTo(root);
            overrides.add(override);
        }
        KeyOrigins origins = new KeyOrigins(source, yaml, overrides);
        if (yaml != null) {
            KeyLocations locations = KeyLocations.of(yaml);
            if (yaml.startsWith(ConfigWriter.HEADER)) {
                requireEveryKey(yaml, source, locations);
            }
            refuseBlankValues(locations, source, origins);
        }
        return bindTree(root, source, baseDirectory, origins);
    }

    private static RunConfig bindTree(ObjectNode root, String source, Path baseDirectory, KeyOrigins origins) {
        resolvePaths(root, baseDirectory, origins);
        try {
            return ConfigYaml.MAPPER.readerFor(RunConfig.class).readValue(root);
        } catch (JsonMappingException e) {
            throw BindingErrors.explain(e, root, origins);
        } catch (IOException e) {
            throw new ConfigException((source == null ? "configuration" : source) + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            // a record's check that Jackson did not wrap
            throw new ConfigException(e.getMessage());
        }
    }

    /**
     * Refuses a key written with nothing after it ({@code csv:} at the end of a file cut short):
     * YAML reads it as null, which would quietly mean "not given" and, for a data source, train
     * on the default data set instead. An explicit {@code null} (as a resolved configuration
     * writes) still means the default; a {@code --set} of the key replaces the blank.
     */
    private static void refuseBlankValues(KeyLocations locations, String source, KeyOrigins origins) {
        for (Map.Entry<String, Boolean> blank : locations.blank().entrySet()) {
            String key = blank.getKey();
            boolean emptyString = blank.getValue();
            if (key.isEmpty() || origins.override(key).isPresent() || (emptyString && !SOURCE_KEYS.contains(key))) {
                continue;
            }
            JsonLocation location = locations.find(key);
            String where = location == null ? source : "line " + location.getLineNr() + " of " + source;
            String hint;
            if (SOURCE_KEYS.contains(key) && !key.equals("data.dataset")) {
                hint = "give a path or remove the key";
            } else if (key.equals("data.dataset")) {
                hint = "give a data set name (" + String.join(", ", DataSettings.datasetNames()) + ") or remove the key";
            } else if (!key.contains(".")) {
                hint = "give the section's keys or remove it";
            } else {
                hint = "give a value or remove the key (null, written out, means the default)";
            }
            throw new ConfigException(key + ": "
                    + (emptyString ? "an empty path ''" : "no value given") + " (" + where + "); " + hint);
        }
    }

    /**
     * A resolved configuration (one {@link ConfigWriter} wrote: {@code config.yaml} of a run, the
     * configuration in a checkpoint) holds every key in effect; one lacking keys was cut short,
     * and reading it would quietly put defaults (another data set, other settings) in their place.
     */
    private static void requireEveryKey(String yaml, String source, KeyLocations locations) {
        Set<String> written = locations.keys();
        List<String> missing = new ArrayList<>();
        for (String section : BindingErrors.keysOf(RunConfig.class, List.of())) {
            if (!written.contains(section)) {
                missing.add(section);
            }
        }
        if (missing.isEmpty()) {
            RunConfig alone = bindTree(read(yaml, source), source, null, new KeyOrigins(source, yaml, List.of()));
            String rewritten = ConfigWriter.toYaml(alone);
            Set<String> expected = new LinkedHashSet<>(KeyLocations.of(rewritten).keys());
            expected.removeAll(written);
            expected.stream().filter(key -> !key.contains("[")).sorted().forEach(missing::add);
        }
        if (!missing.isEmpty()) {
            String shown = String.join(", ", missing.subList(0, Math.min(6, missing.size())))
                    + (missing.size() > 6 ? ", … (" + missing.size() + " in all)" : "");
            throw new ConfigException(source + ": a resolved configuration (see its first line) lacking keys: " + shown
                    + "; the file looks cut short. Restore it (descent train writes every key), or delete its first"
                    + " line to let the missing keys take their defaults");
        }
    }

    private static ObjectNode read(String yaml, String source) {
        JsonNode root;
        try {
            root = ConfigYaml.MAPPER.readTree(yaml);
        } catch (JsonProcessingException e) {
            String position = YamlSyntax.position(e);
            throw new ConfigException(source + (position.isEmpty() ? "" : " " + position) + ": not valid YAML: "
                    + YamlSyntax.describe(e));
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!root.isObject()) {
            throw new ConfigException(source + ": expected sections (" + String.join(", ",
                    BindingErrors.keysOf(RunConfig.class, List.of())) + "), got " + NodeText.show(root));
        }
        return (ObjectNode) root;
    }

    /**
     * Makes relative data paths absolute: those written in the file against the file's folder
     * (left as written when there is none), those given with {@code --set} against the working
     * directory. A written configuration then reads back the same from any folder.
     */
    private static void resolvePaths(ObjectNode root, Path baseDirectory, KeyOrigins origins) {
        JsonNode data = root.get("data");
        if (data == null || !data.isObject()) {
            return;
        }
        for (String key : PATH_KEYS) {
            JsonNode value = data.get(key);
            if (value == null || !value.isTextual() || value.textValue().equals("-")) {
                continue;
            }
            Path base = origins.override("data." + key).isPresent() ? Path.of("").toAbsolutePath() : baseDirectory;
            Path path;
            try {
                path = Path.of(value.textValue());
            } catch (InvalidPathException e) {
                continue; // left for the reader of the file to report
            }
            if (base != null && !path.isAbsolute()) {
                ((ObjectNode) data).put(key, base.resolve(path).normalize().toString());
            }
        }
    }
}
