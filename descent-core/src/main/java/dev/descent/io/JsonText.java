package dev.descent.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Small JSON documents that Descent writes beside or inside its files (a saved model's spec and
 * preprocessing): trees of {@link Map}s, {@link List}s, strings, numbers, booleans and null.
 *
 * <p>Reading gives {@link LinkedHashMap}s in document order, integers as {@link Long} and
 * other numbers as {@link Double}. Writing prints doubles with {@link Double#toString}, which
 * reads back to the same double: saved statistics round-trip exactly.
 */
public final class JsonText {
    private JsonText() {
    }

    /**
     * Parses {@code text}.
     *
     * @param source names the text in messages, e.g. a file
     * @throws IllegalArgumentException naming the source, the character offset and what is wrong
     */
    public static Object parse(String text, String source) {
        try {
            return plain(HeaderJson.parse(text));
        } catch (HeaderJson.Problem problem) {
            int from = Math.max(0, problem.offset() - 30);
            int to = Math.min(text.length(), problem.offset() + 30);
            throw new IllegalArgumentException(source + ": invalid JSON at character " + problem.offset() + ": "
                    + problem.getMessage() + " (near: " + text.substring(from, to).replace('\n', ' ') + ")");
        }
    }

    /** Parses a JSON object; anything else is an error naming the source. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseObject(String text, String source) {
        Object value = parse(text, source);
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new IllegalArgumentException(source + ": expected a JSON object, found " + value);
    }

    private static Object plain(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> result = new LinkedHashMap<>();
            map.forEach((k, v) -> result.put((String) k, plain(v)));
            return result;
        }
        if (value instanceof List<?> list) {
            List<Object> result = new ArrayList<>(list.size());
            list.forEach(v -> result.add(plain(v)));
            return result;
        }
        if (value instanceof HeaderJson.Number number) {
            String literal = number.literal();
            if (number.isInteger()) {
                try {
                    return Long.parseLong(literal);
                } catch (NumberFormatException tooLong) {
                    return Double.parseDouble(literal);
                }
            }
            return Double.parseDouble(literal);
        }
        return value == HeaderJson.NULL ? null : value;
    }

    /**
     * The tree as indented JSON text. Non-finite doubles have no JSON form and are refused.
     *
     * @throws IllegalArgumentException for a value that is not a map, list, string, number,
     *     boolean or null, or a NaN or infinite number
     */
    public static String write(Object value) {
        StringBuilder json = new StringBuilder();
        write(value, json, "");
        return json.append('\n').toString();
    }

    private static void write(Object value, StringBuilder json, String indent) {
        if (value == null) {
            json.append("null");
        } else if (value instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                json.append("{}");
                return;
            }
            String inner = indent + "  ";
            json.append("{\n");
            String separator = "";
            for (Map.Entry<?, ?> e : map.entrySet()) {
                json.append(separator).append(inner);
                quote(String.valueOf(e.getKey()), json).append(": ");
                write(e.getValue(), json, inner);
                separator = ",\n";
            }
            json.append('\n').append(indent).append('}');
        } else if (value instanceof List<?> list) {
            boolean flat = list.stream().noneMatch(v -> v instanceof Map || v instanceof List);
            if (flat) {
                json.append('[');
                for (int i = 0; i < list.size(); i++) {
                    json.append(i == 0 ? "" : ", ");
                    write(list.get(i), json, indent);
                }
                json.append(']');
                return;
            }
            String inner = indent + "  ";
            json.append("[\n");
            for (int i = 0; i < list.size(); i++) {
                json.append(i == 0 ? "" : ",\n").append(inner);
                write(list.get(i), json, inner);
            }
            json.append('\n').append(indent).append(']');
        } else if (value instanceof String s) {
            quote(s, json);
        } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
            json.append(value);
        } else if (value instanceof Number number) {
            double d = number.doubleValue();
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("JSON has no form for the number " + d);
            }
            json.append(value instanceof Float f ? Float.toString(f) : Double.toString(d));
        } else {
            throw new IllegalArgumentException("cannot write a " + value.getClass().getSimpleName() + " as JSON");
        }
    }

    /** Appends {@code s} as a JSON string with serde_json's escapes: quote, backslash, and control characters only. */
    static StringBuilder quote(String s, StringBuilder json) {
        json.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\b' -> json.append("\\b");
                case '\f' -> json.append("\\f");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"');
    }
}
