package dev.descent.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's resolved configuration flattened to dotted keys ({@code optimizer.lr}) in the file's
 * order, each value as text: lists read {@code [256, 128]}, a missing value {@code null}. Read as a
 * plain tree, so runs written by other versions, with keys added or removed, still show and compare.
 */
final class ConfigTree {
    private ConfigTree() {
    }

    static Map<String, String> flatten(JsonNode root) {
        Map<String, String> flat = new LinkedHashMap<>();
        if (root != null && root.isObject()) {
            flattenInto("", root, flat);
        }
        return flat;
    }

    private static void flattenInto(String prefix, JsonNode node, Map<String, String> flat) {
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String key = prefix + field.getKey();
            JsonNode value = field.getValue();
            if (value.isObject() && !value.isEmpty()) {
                flattenInto(key + ".", value, flat);
            } else {
                flat.put(key, text(value));
            }
        }
    }

    static String text(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "null";
        }
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(item -> items.add(text(item)));
            return "[" + String.join(", ", items) + "]";
        }
        if (value.isObject()) {
            return value.toString();
        }
        return value.asText();
    }

    /**
     * The keys whose values differ between the configurations (a key missing from some counts as
     * differing), in the order they first appear; each with its value per configuration, null where absent.
     */
    static List<Map<String, Object>> differing(List<Map<String, String>> configs) {
        Map<String, Boolean> keys = new LinkedHashMap<>();
        configs.forEach(config -> config.keySet().forEach(key -> keys.put(key, true)));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String key : keys.keySet()) {
            List<String> values = new ArrayList<>();
            configs.forEach(config -> values.add(config.get(key)));
            if (values.stream().distinct().count() > 1) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("key", key);
                row.put("values", values);
                rows.add(row);
            }
        }
        return rows;
    }
}
