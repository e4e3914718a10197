package dev.descent.cli.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** A parsed YAML value shown as a user would have written it, shortened when long. */
final class NodeText {
    private static final int LIMIT = 80;

    private NodeText() {
    }

    static String show(JsonNode node) {
        String text = render(node);
        return text.length() <= LIMIT ? text : text.substring(0, LIMIT - 1) + "…";
    }

    private static String render(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return "null";
        }
        if (node.isTextual()) {
            return "'" + node.textValue() + "'";
        }
        if (node.isArray()) {
            List<String> items = new ArrayList<>();
            node.forEach(item -> items.add(render(item)));
            return "[" + String.join(", ", items) + "]";
        }
        if (node.isObject()) {
            List<String> entries = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                entries.add(field.getKey() + ": " + render(field.getValue()));
            }
            return "{" + String.join(", ", entries) + "}";
        }
        return node.asText();
    }
}
