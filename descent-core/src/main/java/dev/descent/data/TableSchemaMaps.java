package dev.descent.data;

import dev.descent.data.CsvOptions.ClassLabels;
import dev.descent.data.TableSchema.Classes;
import dev.descent.data.TableSchema.Column;
import dev.descent.data.TableSchema.Labels;
import dev.descent.data.TableSchema.Role;
import dev.descent.data.TableSchema.Targets;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A {@link TableSchema} as a JSON-ready tree of maps, lists, texts, integers and booleans, and
 * back; reading checks every field and names its path in the message.
 */
final class TableSchemaMaps {
    private final String source;

    private TableSchemaMaps(String source) {
        this.source = source;
    }

    static Map<String, Object> toMap(TableSchema schema) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("header", schema.header());
        map.put("delimiter", String.valueOf(schema.delimiter()));
        map.put("skipLines", schema.skipLines());
        List<Object> columns = new ArrayList<>();
        for (Column column : schema.columns()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", column.name());
            entry.put("role", lowerCase(column.role()));
            if (column.role() == Role.CATEGORICAL) {
                entry.put("categories", new ArrayList<>(column.categories()));
            }
            columns.add(entry);
        }
        map.put("columns", columns);
        if (schema.labels() instanceof Classes classes) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("names", new ArrayList<>(classes.names()));
            entry.put("count", classes.count());
            entry.put("format", lowerCase(classes.format()));
            map.put("classes", entry);
        } else {
            map.put("targets", new ArrayList<>(schema.targets().names()));
        }
        return map;
    }

    private static String lowerCase(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    static TableSchema fromMap(Map<String, ?> map, String source) {
        if (source == null) {
            throw new IllegalArgumentException("source must name the map in messages, got null");
        }
        return new TableSchemaMaps(source).schema(map);
    }

    private TableSchema schema(Map<String, ?> map) {
        if (map == null) {
            throw malformed("", "expected a table schema (a map), found null");
        }
        boolean header = bool(required(map, "header", ""), "header");
        char delimiter = delimiter(required(map, "delimiter", ""), "delimiter");
        int skipLines = integer(required(map, "skipLines", ""), "skipLines");
        if (skipLines < 0) {
            throw malformed("skipLines", "expected 0 or more lines, found " + skipLines);
        }
        List<?> entries = list(required(map, "columns", ""), "columns");
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            columns.add(column(entries.get(i), "columns[" + i + "]"));
        }
        Labels labels = labels(map);
        try {
            return new TableSchema(header, delimiter, skipLines, columns, labels);
        } catch (IllegalArgumentException e) {
            throw malformed("", e.getMessage());
        }
    }

    private Column column(Object value, String path) {
        Map<?, ?> entry = map(value, path);
        String name = text(required(entry, "name", path), path + ".name");
        Role role = choice(Role.class, required(entry, "role", path), path + ".role");
        List<String> categories = List.of();
        if (role == Role.CATEGORICAL) {
            categories = texts(required(entry, "categories", path), path + ".categories");
        } else if (entry.get("categories") != null
                && !list(entry.get("categories"), path + ".categories").isEmpty()) {
            throw malformed(path + ".categories", "only categorical columns have categories, but this column's"
                    + " role is " + lowerCase(role));
        }
        try {
            return new Column(name, role, categories);
        } catch (IllegalArgumentException e) {
            throw malformed(path + (role == Role.CATEGORICAL ? ".categories" : ""), e.getMessage());
        }
    }

    private Labels labels(Map<String, ?> map) {
        Object classes = map.get("classes");
        Object targets = map.get("targets");
        if ((classes == null) == (targets == null)) {
            throw malformed("", "expected exactly one of \"classes\" (classification) and \"targets\" (regression),"
                    + " found " + (classes == null ? "neither" : "both"));
        }
        if (targets != null) {
            try {
                return new Targets(texts(targets, "targets"));
            } catch (IllegalArgumentException e) {
                throw malformed("", e.getMessage());
            }
        }
        Map<?, ?> entry = map(classes, "classes");
        List<String> names = texts(required(entry, "names", "classes"), "classes.names");
        int count = integer(required(entry, "count", "classes"), "classes.count");
        if (count < 1) {
            throw malformed("classes.count", "expected 1 or more classes, found " + count);
        }
        ClassLabels format = choice(ClassLabels.class, required(entry, "format", "classes"), "classes.format");
        try {
            return new Classes(names, count, format);
        } catch (IllegalArgumentException e) {
            throw malformed("", e.getMessage());
        }
    }

    private Object required(Map<?, ?> map, String key, String parent) {
        Object value = map.get(key);
        if (value == null) {
            String path = parent.isEmpty() ? key : parent + "." + key;
            throw malformed(path, "missing; the saved schema is incomplete, save the model again");
        }
        return value;
    }

    private boolean bool(Object value, String path) {
        if (value instanceof Boolean flag) {
            return flag;
        }
        String text = value.toString().trim();
        if (text.equals("true") || text.equals("false")) {
            return Boolean.parseBoolean(text);
        }
        throw malformed(path, "expected true or false, found " + describe(value));
    }

    /** Any {@link Number}, or an object whose text is an integer ({@code 3}, {@code 3.0}, {@code 3e0}). */
    private int integer(Object value, String path) {
        try {
            return new BigDecimal(value.toString().trim()).intValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw malformed(path, "expected an integer, found " + describe(value));
        }
    }

    private char delimiter(Object value, String path) {
        String text = text(value, path);
        if (text.length() != 1 || text.equals("\"") || text.equals("\n") || text.equals("\r")) {
            throw malformed(path, "expected one character that separates cells, such as \",\" or \"\\t\", found "
                    + describe(value));
        }
        return text.charAt(0);
    }

    private String text(Object value, String path) {
        if (value instanceof CharSequence text) {
            return text.toString();
        }
        throw malformed(path, "expected a text, found " + describe(value));
    }

    private List<String> texts(Object value, String path) {
        List<?> items = list(value, path);
        List<String> texts = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            Object item = items.get(i);
            if (item == null) {
                throw malformed(path + "[" + i + "]", "expected a text, found null");
            }
            texts.add(text(item, path + "[" + i + "]"));
        }
        return texts;
    }

    private List<?> list(Object value, String path) {
        if (value instanceof List<?> items) {
            return items;
        }
        throw malformed(path, "expected a list, found " + describe(value));
    }

    private Map<?, ?> map(Object value, String path) {
        if (value instanceof Map<?, ?> map) {
            return map;
        }
        throw malformed(path, "expected a map of fields, found " + describe(value));
    }

    private <E extends Enum<E>> E choice(Class<E> type, Object value, String path) {
        String text = text(value, path);
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(text)) {
                return constant;
            }
        }
        List<String> allowed = Arrays.stream(type.getEnumConstants()).map(TableSchemaMaps::lowerCase).toList();
        throw malformed(path, "expected one of " + allowed + ", found " + describe(value));
    }

    private static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof CharSequence) {
            return "'" + value + "'";
        }
        if (value instanceof List<?>) {
            return "a list";
        }
        if (value instanceof Map<?, ?>) {
            return "a map";
        }
        return value.toString();
    }

    /**
     * {@code source: path: problem}, or {@code source.path: problem} when the source already
     * says where the map sits in its file ({@code model.json: preprocessing}).
     */
    private IllegalArgumentException malformed(String path, String problem) {
        String location = path.isEmpty() ? source : source + (source.contains(": ") ? "." : ": ") + path;
        return new IllegalArgumentException(location + ": " + problem);
    }
}
