package dev.descent.cli.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Arrays;

/**
 * One {@code --set key=value}: a dotted key ({@code training.early_stopping.patience}) and a
 * value read as YAML: a scalar ({@code 0.01}, {@code true}, {@code adam}, {@code 10m}), a flow
 * sequence or mapping ({@code [512, 256]}, {@code {name: adam, lr: 0.001}}), or a bare
 * comma-separated list ({@code 512,256}); quote a string that holds a comma. An empty value or
 * {@code null} restores the key's default.
 *
 * @param key the dotted key
 * @param value the parsed value
 * @param text the argument as given, to point at in messages
 */
record ConfigOverride(String key, JsonNode value, String text) {

    static ConfigOverride parse(String text) {
        int equals = text.indexOf('=');
        if (equals < 0) {
            throw new ConfigException("--set '" + text + "': expected KEY=VALUE, e.g. --set optimizer.lr=0.01");
        }
        String key = text.substring(0, equals).trim();
        String raw = text.substring(equals + 1).trim();
        if (key.isEmpty() || key.startsWith(".") || key.endsWith(".") || key.contains("..")) {
            throw new ConfigException("--set '" + text + "': the key " + (key.isEmpty() ? "is empty" : "'" + key
                    + "' has an empty part") + "; expected KEY=VALUE with a dotted key, e.g. --set optimizer.lr=0.01");
        }
        if (key.contains("[") || key.contains("]")) {
            throw new ConfigException("--set '" + text + "': a list is set whole, e.g. --set model.hidden=[512,256]");
        }
        return new ConfigOverride(key, value(text, raw), text);
    }

    private static JsonNode value(String text, String raw) {
        if (raw.isEmpty()) {
            return NullNode.getInstance();
        }
        char first = raw.charAt(0);
        if (first == '[' || first == '{' || first == '\'' || first == '"') {
            return yaml(text, raw);
        }
        if (raw.contains(",")) {
            ArrayNode items = JsonNodeFactory.instance.arrayNode();
            for (String item : raw.split(",", -1)) {
                items.add(scalar(text, item.trim()));
            }
            return items;
        }
        return scalar(text, raw);
    }

    /** A plain value: a number, boolean or null as YAML reads it, otherwise the text itself. */
    private static JsonNode scalar(String text, String raw) {
        if (raw.isEmpty()) {
            return NullNode.getInstance();
        }
        JsonNode node = yaml(text, raw);
        return node.isContainerNode() ? TextNode.valueOf(raw) : node;
    }

    private static JsonNode yaml(String text, String raw) {
        try {
            JsonNode node = ConfigYaml.MAPPER.readTree(raw);
            return node == null || node.isMissingNode() ? NullNode.getInstance() : node;
        } catch (JsonProcessingException e) {
            throw new ConfigException("--set '" + text + "': the value is not valid YAML: "
                    + YamlSyntax.describe(e));
        }
    }

    /** Writes the value into {@code root}, creating the sections on the way. */
    void applyTo(ObjectNode root) {
        String[] parts = key.split("\\.");
        ObjectNode section = root;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = section.get(parts[i]);
            if (child == null || child.isNull()) {
                child = section.putObject(parts[i]);
            } else if (!child.isObject()) {
                throw new ConfigException("--set '" + text + "': '" + String.join(".", Arrays.copyOf(parts,
                        i + 1)) + "' holds a value (" + NodeText.show(child) + "), not a section with keys");
            }
            section = (ObjectNode) child;
        }
        section.set(parts[parts.length - 1], value);
    }
}
