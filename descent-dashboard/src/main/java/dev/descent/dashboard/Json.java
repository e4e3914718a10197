package dev.descent.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;

/**
 * JSON as the dashboard sends it: {@code <}, {@code >}, {@code &} and {@code '} written as
 * {@code \}{@code uXXXX} escapes, so a run named
 * {@code <script>alert(1)</script>} stays inert even where JSON ends up inside HTML; numbers that
 * are not finite become {@code null} (see {@link #number}), since JSON has no NaN.
 */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();

    static {
        MAPPER.getFactory().setCharacterEscapes(new HtmlSafe());
    }

    private Json() {
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The value, or null where JSON cannot hold it (NaN, infinities). */
    static Double number(double value) {
        return Double.isFinite(value) ? value : null;
    }

    private static final class HtmlSafe extends CharacterEscapes {
        private final int[] escapes;

        HtmlSafe() {
            escapes = standardAsciiEscapesForJSON();
            for (char c : new char[] {'<', '>', '&', '\''}) {
                escapes[c] = ESCAPE_STANDARD;
            }
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return escapes;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return null; // standard \\uXXXX escapes for the characters marked above
        }
    }
}
