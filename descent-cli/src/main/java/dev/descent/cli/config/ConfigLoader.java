package dev.descent.cli.config;

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
import java.util.List;

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
 * </ul>
 *
 * <p>Relative paths to data ({@code data.csv}, {@code data.libsvm}, {@code data.test_csv},
 * {@code data.data_dir}) written in a file are relative to the file's folder, so an example
 * runs from anywhere; given with {@code --set}, they are relative to the working directory.
 * Either way the loaded configuration holds them absolute ({@code "-"}, standard input, stays).
 */
public final class ConfigLoader {
    private static final List<String> PATH_KEYS = List.of("data_dir", "csv", "libsvm", "test_csv");

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
