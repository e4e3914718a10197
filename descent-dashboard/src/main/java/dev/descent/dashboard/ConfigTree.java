package dev.descent.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A run's resolved configuration flattened to dotted keys ({@code optimizer.lr}) in the file's
 * order, each value as text: lists read {@code [256, 128]}, a missing value {@code null}. Read as a
 * plain tree, so runs written by other versions, with keys added or removed, still show and compare.
 * The dashboard and {@code descent report} both compare runs with it.
 */
public final class ConfigTree {
    private ConfigTree() {
    }

    /** Nested keys joined with dots; lists and scalars become one value each ({@code [256, 128]}, {@code null}). */
    public static Map<String, String> flatten(JsonNode root) {
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

    /** One value as text: {@code null} for a missing value, {@code [a, b]} for a list. */
    public static String text(JsonNode value) {
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
     * differing), in {@link #mergedKeys} order; each with its value per configuration, null where absent.
     */
    static List<Map<String, Object>> differing(List<Map<String, String>> configs) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String key : mergedKeys(configs)) {
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

    /**
     * Every key of every config once, each run's keys in that run's order: a key not seen before
     * goes right after the key that precedes it in its run, so {@code data.synthetic.kind} stays
     * with the other {@code data} keys rather than trailing after every key of the first run.
     */
    public static List<String> mergedKeys(List<Map<String, String>> configs) {
        List<String> merged = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Map<String, String> config : configs) {
            int position = 0;
            for (String key : config.keySet()) {
                if (seen.add(key)) {
                    merged.add(position, key);
                    position++;
                } else {
                    position = merged.indexOf(key) + 1;
                }
            }
        }
        return merged;
    }
}
