package dev.descent.cli.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Where each key of a YAML text is written: dotted key ({@code training.early_stopping.patience},
 * list items as {@code model.hidden[1]}) → line and column. The bound tree has no positions, so
 * an error found while binding is placed by reading the text again.
 */
final class KeyLocations {
    private final Map<String, JsonLocation> byKey;

    private KeyLocations(Map<String, JsonLocation> byKey) {
        this.byKey = byKey;
    }

    /** The keys of {@code yaml}; as many as could be read if the text is malformed. */
    static KeyLocations of(String yaml) {
        Map<String, JsonLocation> byKey = new HashMap<>();
        try (JsonParser parser = ConfigYaml.MAPPER.createParser(yaml)) {
            if (parser.nextToken() != null) {
                value(parser, "", byKey);
            }
        } catch (IOException e) {
            // keep the keys read so far: a position is a help, not a requirement
        }
        return new KeyLocations(byKey);
    }

    /** The position of {@code key}, or {@code null} if the text does not have it. */
    JsonLocation find(String key) {
        return byKey.get(key);
    }

    private static void value(JsonParser parser, String path, Map<String, JsonLocation> byKey) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT) {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = path.isEmpty() ? parser.currentName() : path + "." + parser.currentName();
                byKey.putIfAbsent(key, parser.currentTokenLocation());
                parser.nextToken();
                value(parser, key, byKey);
            }
        } else if (token == JsonToken.START_ARRAY) {
            int index = 0;
            for (JsonToken item = parser.nextToken(); item != null && item != JsonToken.END_ARRAY;
                    item = parser.nextToken()) {
                String key = path + "[" + index++ + "]";
                byKey.putIfAbsent(key, parser.currentTokenLocation());
                value(parser, key, byKey);
            }
        }
    }
}
