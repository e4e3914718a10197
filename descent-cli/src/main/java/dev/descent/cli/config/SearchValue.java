package dev.descent.cli.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * One value a searched key takes in a trial, as the text {@code --set KEY=TEXT} reads back to
 * the same value ({@code 0.0123}, {@code relu}, {@code [256, 128]}), and as a number for plots
 * ({@code NaN} when it is not one).
 *
 * @param text flow YAML: a number, a word, or a quoted string, list or mapping
 * @param number the value when it is a number, else {@code NaN}
 */
public record SearchValue(String text, double number) {

    /** A value written in the search section. */
    static SearchValue of(JsonNode node) {
        return new SearchValue(text(node), node.isNumber() ? node.doubleValue() : Double.NaN);
    }

    /** A drawn number, kept to four significant digits so that it reads (and is typed back) as written. */
    static SearchValue ofDrawn(double value) {
        double rounded = new BigDecimal(value).round(new MathContext(4)).doubleValue();
        return new SearchValue(number(rounded), rounded);
    }

    /** A drawn integer. */
    static SearchValue ofDrawn(long value) {
        return new SearchValue(Long.toString(value), value);
    }

    /** Whether the value is a number. */
    public boolean isNumber() {
        return !Double.isNaN(number);
    }

    private static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "null";
        }
        if (node.isIntegralNumber()) {
            return node.bigIntegerValue().toString();
        }
        if (node.isNumber()) {
            return number(node.doubleValue());
        }
        if (node.isBoolean()) {
            return Boolean.toString(node.booleanValue());
        }
        if (node.isTextual()) {
            String s = node.textValue();
            return readsBackAs(s, node) ? s : "'" + s.replace("'", "''") + "'";
        }
        List<String> items = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(item -> items.add(text(item)));
            return "[" + String.join(", ", items) + "]";
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            items.add(field.getKey() + ": " + text(field.getValue()));
        }
        return "{" + String.join(", ", items) + "}";
    }

    /** Whether {@code --set KEY=text} reads {@code text}, unquoted, back as {@code node} (e.g. relu, 30s, one-cycle). */
    private static boolean readsBackAs(String text, JsonNode node) {
        if (text.isEmpty() || text.contains(",") || "[{'\"".indexOf(text.charAt(0)) >= 0 || !text.equals(text.strip())) {
            return false;
        }
        try {
            return node.equals(ConfigYaml.MAPPER.readTree(text));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return false;
        }
    }

    /** A plain decimal ({@code 0.0001}, {@code 3.5}, {@code 64.0}), or {@code 1.5e-7} below 10⁻⁴ and from 10⁷. */
    private static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value) + ".0";
        }
        BigDecimal exact = BigDecimal.valueOf(value).stripTrailingZeros();
        double magnitude = Math.abs(value);
        return magnitude >= 1e-4 && magnitude < 1e7 ? exact.toPlainString() : exact.toString().replace("E", "e");
    }
}
