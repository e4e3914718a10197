package dev.descent.cli.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Where each key of a YAML text is written: dotted key ({@code training.early_stopping.patience},
 * list items as {@code model.hidden[1]}) → line and column. The bound tree has no positions, so
 * an error found while binding is placed by reading the text again.
 */
final class KeyLocations {
    private final Map<String, JsonLocation> byKey;
    private final Map<String, Boolean> blank;

    private KeyLocations(Map<String, JsonLocation> byKey, Map<String, Boolean> blank) {
        this.byKey = byKey;
        this.blank = blank;
    }

    /** The keys of {@code yaml}; as many as could be read if the text is malformed. */
    static KeyLocations of(String yaml) {
        Map<String, JsonLocation> byKey = new HashMap<>();
        Map<String, Boolean> blank = new LinkedHashMap<>();
        try (JsonParser parser = ConfigYaml.MAPPER.createParser(yaml)) {
            if (parser.nextToken() != null) {
                value(parser, "", byKey, blank);
            }
        } catch (IOException e) {
            // keep the keys read so far: a position is a help, not a requirement
        }
        return new KeyLocations(byKey, blank);
    }

    /** Every dotted key of the text, list items included. */
    Set<String> keys() {
        return byKey.keySet();
    }

    /**
     * The keys written with nothing after them ({@code csv:}, unlike {@code csv: null}), in the
     * text's order, each mapped to {@code false}; and those holding an empty string
     * ({@code csv: ''}), mapped to {@code true}.
     */
    Map<String, Boolean> blank() {
        return blank;
    }

    /** The position of {@code key}, or {@code null} if the text does not have it. */
    JsonLocation find(String key) {
        return byKey.get(key);
    }

    private static void value(JsonParser parser, String path, Map<String, JsonLocation> byKey,
                              Map<String, Boolean> blank) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NULL && parser.getText().isEmpty()) {
            blank.putIfAbsent(path, false); // YAML reads 'key:' and 'key: null' alike; only the text tells them apart
        } else if (token == JsonToken.VALUE_STRING && parser.getText().isEmpty()) {
            blank.putIfAbsent(path, true);
        }
        if (token == JsonToken.START_OBJECT) {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = path.isEmpty() ? parser.currentName() : path + "." + parser.currentName();
                byKey.putIfAbsent(key, parser.currentTokenLocation());
                parser.nextToken();
                value(parser, key, byKey, blank);
            }
        } else if (token == JsonToken.START_ARRAY) {
            int index = 0;
            for (JsonToken item = parser.nextToken(); item != null && item != JsonToken.END_ARRAY;
                    item = parser.nextToken()) {
                String key = path + "[" + index++ + "]";
                byKey.putIfAbsent(key, parser.currentTokenLocation());
                value(parser, key, byKey, blank);
            }
        }
    }
}
