package dev.descent.io;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads typed fields out of a parsed JSON tree ({@link JsonText}) with errors that name the
 * source and the field's path, e.g. {@code model.safetensors: model.layers[2].p: missing}.
 *
 * @param source names the document, e.g. a file
 * @param root   the path prefix of every field, e.g. {@code model}; empty for none
 */
public record JsonFields(String source, String root) {

    /** An error naming the source and the field at {@code path}. */
    public IllegalArgumentException invalid(String path, String problem) {
        String field = root.isEmpty() ? path : path.isEmpty() ? root : root + "." + path;
        return new IllegalArgumentException(source + ": " + field + ": " + problem);
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    public Object required(Map<String, ?> map, String path, String key) {
        Object value = map.get(key);
        if (value == null) {
            throw invalid(join(path, key), "missing");
        }
        return value;
    }

    public int integer(Map<String, ?> map, String path, String key) {
        long value = longValue(map, path, key);
        if (value != (int) value) {
            throw invalid(join(path, key), "expected an integer from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE + ", found " + value);
        }
        return (int) value;
    }

    public long longValue(Map<String, ?> map, String path, String key) {
        Object value = required(map, path, key);
        try {
            return Long.parseLong(value.toString());
        } catch (NumberFormatException e) {
            throw invalid(join(path, key), "expected an integer, found " + value);
        }
    }

    public double number(Map<String, ?> map, String path, String key) {
        Object value = required(map, path, key);
        if (!(value instanceof Number)) {
            throw invalid(join(path, key), "expected a number, found " + value);
        }
        return ((Number) value).doubleValue();
    }

    public boolean bool(Map<String, ?> map, String path, String key) {
        Object value = required(map, path, key);
        if (value instanceof Boolean b) {
            return b;
        }
        throw invalid(join(path, key), "expected true or false, found " + value);
    }

    public String text(Map<String, ?> map, String path, String key) {
        Object value = required(map, path, key);
        if (value instanceof String s) {
            return s;
        }
        throw invalid(join(path, key), "expected a string, found " + value);
    }

    public List<?> list(Map<String, ?> map, String path, String key) {
        Object value = required(map, path, key);
        if (value instanceof List<?> l) {
            return l;
        }
        throw invalid(join(path, key), "expected a list, found " + value);
    }

    public List<String> texts(Map<String, ?> map, String path, String key) {
        List<String> texts = new ArrayList<>();
        List<?> values = list(map, path, key);
        for (int i = 0; i < values.size(); i++) {
            if (!(values.get(i) instanceof String s)) {
                throw invalid(join(path, key) + "[" + i + "]", "expected a string, found " + values.get(i));
            }
            texts.add(s);
        }
        return texts;
    }

    public double[] numbers(Map<String, ?> map, String path, String key) {
        List<?> values = list(map, path, key);
        double[] result = new double[values.size()];
        for (int i = 0; i < result.length; i++) {
            if (!(values.get(i) instanceof Number n)) {
                throw invalid(join(path, key) + "[" + i + "]", "expected a number, found " + values.get(i));
            }
            result[i] = n.doubleValue();
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    public Map<String, ?> map(Object value, String path) {
        if (value instanceof Map<?, ?> m) {
            return (Map<String, ?>) m;
        }
        throw invalid(path, "expected an object, found " + value);
    }

    /** The object at {@code key}, which must be present. */
    public Map<String, ?> object(Map<String, ?> map, String path, String key) {
        return map(required(map, path, key), join(path, key));
    }
}
