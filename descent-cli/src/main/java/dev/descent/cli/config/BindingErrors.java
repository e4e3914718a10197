package dev.descent.cli.config;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Turns what Jackson reports while binding the tree to {@link RunConfig} into one line that
 * names the dotted key, the value, what is allowed, and where the key was given.
 */
final class BindingErrors {
    private static final PropertyNamingStrategies.NamingBase SNAKE_CASE =
            (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

    private BindingErrors() {
    }

    static ConfigException explain(JsonMappingException e, JsonNode root, KeyOrigins origins) {
        String key = dottedKey(e.getPath());
        JsonNode value = root.at(pointer(e.getPath()));
        if (e instanceof UnrecognizedPropertyException unknown) {
            return unknownKey(unknown, key, value, origins);
        }
        if (e instanceof ValueInstantiationException || e.getCause() instanceof IllegalArgumentException) {
            return invalidValue(e, key, origins);
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return wrongType(mismatch.getTargetType(), key, value, origins);
        }
        return new ConfigException(label(key) + ": " + e.getOriginalMessage() + suffix(origins.where(key)));
    }

    private static ConfigException unknownKey(UnrecognizedPropertyException e, String key, JsonNode value,
                                              KeyOrigins origins) {
        String section = key.contains(".") ? key.substring(0, key.lastIndexOf('.')) : "";
        List<String> keys = keysOf(e.getReferringClass(), e.getKnownPropertyIds());
        String name = e.getPropertyName();
        String suggestion = ClosestMatch.among(name, keys)
                .map(match -> "; did you mean '" + (section.isEmpty() ? "" : section + ".") + match + "'?")
                .orElse("");
        String where = origins.where(key).map(text -> " " + text).orElse("");
        String known = section.isEmpty() ? "top-level keys: " : "keys of '" + section + "': ";
        return new ConfigException("unknown key '" + key + "' (value " + NodeText.show(value) + ")" + where
                + suggestion + " (" + known + String.join(", ", keys) + ")");
    }

    private static ConfigException invalidValue(JsonMappingException e, String sectionKey, KeyOrigins origins) {
        Throwable cause = e;
        while (cause != null && !(cause instanceof IllegalArgumentException)) {
            cause = cause.getCause();
        }
        if (cause == null || cause.getMessage() == null) {
            return new ConfigException(label(sectionKey) + ": " + e.getOriginalMessage()
                    + suffix(origins.where(sectionKey)));
        }
        String message = cause.getMessage();
        int colon = message.indexOf(": ");
        String key = colon > 0 && !message.substring(0, colon).contains(" ") ? message.substring(0, colon) : sectionKey;
        Optional<String> where = origins.where(key.replaceAll("\\[\\d+]$", ""));
        return new ConfigException(message + suffix(where.isPresent() ? where : origins.where(sectionKey)));
    }

    private static ConfigException wrongType(Class<?> target, String key, JsonNode value, KeyOrigins origins) {
        String where = suffix(origins.where(key));
        if (target.isEnum()) {
            List<String> allowed = ConfigChoice.namesOf(target);
            String suggestion = value.isValueNode()
                    ? ClosestMatch.among(value.asText(), allowed).map(match -> "; did you mean '" + match + "'?")
                            .orElse("")
                    : "";
            return new ConfigException(label(key) + ": not a known value, got " + NodeText.show(value) + "; allowed: "
                    + String.join(", ", allowed) + suggestion + where);
        }
        if (target.isRecord()) {
            List<String> keys = keysOf(target, List.of());
            String hint = "";
            if (value.isValueNode() && (keys.contains("name") || keys.contains("kind"))) {
                String first = keys.contains("name") ? "name" : "kind";
                hint = "; did you mean " + key + "." + first + ": " + value.asText() + "?";
            }
            return new ConfigException(label(key) + ": expected a section with keys, got " + NodeText.show(value)
                    + "; allowed keys: " + String.join(", ", keys) + hint + where);
        }
        return new ConfigException(label(key) + ": wrong type, got " + NodeText.show(value) + "; expected "
                + describe(target) + where);
    }

    private static String describe(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (type == Double.class || type == double.class || type == Float.class || type == float.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a single value (a string)";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list, e.g. [256, 128]";
        }
        return "a " + type.getSimpleName();
    }

    /** The YAML keys of a configuration record, in declaration order. */
    static List<String> keysOf(Class<?> type, Collection<Object> fallback) {
        if (type != null && type.isRecord()) {
            return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName)
                    .map(SNAKE_CASE::translate).toList();
        }
        return fallback.stream().map(String::valueOf).sorted().toList();
    }

    static String dottedKey(List<JsonMappingException.Reference> path) {
        StringBuilder key = new StringBuilder();
        for (JsonMappingException.Reference reference : path) {
            if (reference.getFieldName() != null) {
                key.append(key.length() == 0 ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                key.append('[').append(reference.getIndex()).append(']');
            }
        }
        return key.toString();
    }

    private static JsonPointer pointer(List<JsonMappingException.Reference> path) {
        JsonPointer pointer = JsonPointer.empty();
        for (JsonMappingException.Reference reference : path) {
            if (reference.getFieldName() != null) {
                pointer = pointer.appendProperty(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                pointer = pointer.appendIndex(reference.getIndex());
            }
        }
        return pointer;
    }

    private static String label(String key) {
        return key.isEmpty() ? "configuration" : key;
    }

    private static String suffix(Optional<String> where) {
        return where.map(text -> " (" + text + ")").orElse("");
    }
}
