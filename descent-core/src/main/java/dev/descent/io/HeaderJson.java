package dev.descent.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The small JSON reader a safetensors header needs (RFC 8259, no extensions).
 *
 * <p>Objects become {@link LinkedHashMap}s in document order, arrays {@link List}s, strings
 * {@link String}s, numbers {@link Number}s holding their literal text, {@code true} and
 * {@code false} {@link Boolean}s and {@code null} {@link #NULL}. A key repeated within one
 * object is an error, since a header with two entries of one name has no single meaning.
 *
 * <p>Errors are {@link Problem}s carrying the character offset, so the caller can name the
 * file and show the surrounding text.
 */
final class HeaderJson {
    /** JSON {@code null}, distinct from a missing key. */
    static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    /** A JSON number kept as written, so integers of any size can be checked exactly. */
    record Number(String literal) {
        boolean isInteger() {
            return literal.indexOf('.') < 0 && literal.indexOf('e') < 0 && literal.indexOf('E') < 0;
        }
    }

    /** Invalid JSON at a character offset of the text. */
    static final class Problem extends Exception {
        private static final long serialVersionUID = 1L;
        private final int offset;
        private final String duplicateKey;

        Problem(String message, int offset) {
            this(message, offset, null);
        }

        Problem(String message, int offset, String duplicateKey) {
            super(message);
            this.offset = offset;
            this.duplicateKey = duplicateKey;
        }

        int offset() {
            return offset;
        }

        /** The repeated key when that is the problem, else null. */
        String duplicateKey() {
            return duplicateKey;
        }
    }

    /** Nesting deeper than this is refused, so a hostile header cannot exhaust the stack. */
    private static final int MAX_DEPTH = 64;

    private final String text;
    private int position;

    private HeaderJson(String text) {
        this.text = text;
    }

    /** Parses one JSON value, which may be surrounded by whitespace and nothing else. */
    static Object parse(String text) throws Problem {
        HeaderJson reader = new HeaderJson(text);
        reader.skipWhitespace();
        Object value = reader.value(0);
        reader.skipWhitespace();
        if (reader.position < text.length()) {
            throw new Problem("unexpected " + describe(text.charAt(reader.position))
                    + " after the end of the JSON value", reader.position);
        }
        return value;
    }

    private Object value(int depth) throws Problem {
        if (position >= text.length()) {
            throw new Problem("the text ends where a value was expected", position);
        }
        char c = text.charAt(position);
        switch (c) {
            case '{':
                return object(depth + 1);
            case '[':
                return array(depth + 1);
            case '"':
                return string();
            case 't':
                return literal("true", Boolean.TRUE);
            case 'f':
                return literal("false", Boolean.FALSE);
            case 'n':
                return literal("null", NULL);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                throw new Problem("unexpected " + describe(c) + " where a value was expected", position);
        }
    }

    private Map<String, Object> object(int depth) throws Problem {
        checkDepth(depth);
        position++;
        Map<String, Object> members = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            position++;
            return members;
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw new Problem("expected a quoted key but found " + found(), position);
            }
            int keyStart = position;
            String key = string();
            skipWhitespace();
            expect(':');
            skipWhitespace();
            Object member = value(depth);
            if (members.containsKey(key)) {
                throw new Problem("the key \"" + key + "\" occurs twice in one object", keyStart, key);
            }
            members.put(key, member);
            skipWhitespace();
            char next = peek();
            if (next == ',') {
                position++;
            } else if (next == '}') {
                position++;
                return members;
            } else {
                throw new Problem("expected ',' or '}' but found " + found(), position);
            }
        }
    }

    private List<Object> array(int depth) throws Problem {
        checkDepth(depth);
        position++;
        List<Object> elements = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            position++;
            return elements;
        }
        while (true) {
            skipWhitespace();
            elements.add(value(depth));
            skipWhitespace();
            char next = peek();
            if (next == ',') {
                position++;
            } else if (next == ']') {
                position++;
                return elements;
            } else {
                throw new Problem("expected ',' or ']' but found " + found(), position);
            }
        }
    }

    private String string() throws Problem {
        int start = position;
        position++;
        StringBuilder s = new StringBuilder();
        while (true) {
            if (position >= text.length()) {
                throw new Problem("the string that starts here is never closed", start);
            }
            char c = text.charAt(position++);
            if (c == '"') {
                return s.toString();
            }
            if (c < 0x20) {
                throw new Problem("a control character (code " + (int) c + ") must be escaped inside a string",
                        position - 1);
            }
            if (c != '\\') {
                s.append(c);
                continue;
            }
            if (position >= text.length()) {
                throw new Problem("the string that starts here is never closed", start);
            }
            char escape = text.charAt(position++);
            switch (escape) {
                case '"' -> s.append('"');
                case '\\' -> s.append('\\');
                case '/' -> s.append('/');
                case 'b' -> s.append('\b');
                case 'f' -> s.append('\f');
                case 'n' -> s.append('\n');
                case 'r' -> s.append('\r');
                case 't' -> s.append('\t');
                case 'u' -> s.append(hexCharacter());
                default -> throw new Problem("invalid escape '\\" + escape + "' in a string", position - 2);
            }
        }
    }

    private char hexCharacter() throws Problem {
        if (position + 4 > text.length()) {
            throw new Problem("a \\u escape needs four hex digits", position - 2);
        }
        int value = 0;
        for (int i = 0; i < 4; i++) {
            int digit = Character.digit(text.charAt(position + i), 16);
            if (digit < 0) {
                throw new Problem("a \\u escape needs four hex digits", position - 2);
            }
            value = value * 16 + digit;
        }
        position += 4;
        return (char) value;
    }

    private Number number() throws Problem {
        int start = position;
        if (peek() == '-') {
            position++;
        }
        if (peek() == '0') {
            position++;
        } else if (isDigit(peek())) {
            digits();
        } else {
            throw new Problem("a number needs digits after '-'", start);
        }
        if (peek() == '.') {
            position++;
            if (!isDigit(peek())) {
                throw new Problem("a number needs digits after the decimal point", start);
            }
            digits();
        }
        if (peek() == 'e' || peek() == 'E') {
            position++;
            if (peek() == '+' || peek() == '-') {
                position++;
            }
            if (!isDigit(peek())) {
                throw new Problem("a number needs digits in its exponent", start);
            }
            digits();
        }
        return new Number(text.substring(start, position));
    }

    private void digits() {
        while (isDigit(peek())) {
            position++;
        }
    }

    private Object literal(String word, Object value) throws Problem {
        if (!text.startsWith(word, position)) {
            throw new Problem("unexpected " + describe(text.charAt(position)) + " where a value was expected",
                    position);
        }
        position += word.length();
        return value;
    }

    private void expect(char c) throws Problem {
        if (peek() != c) {
            throw new Problem("expected '" + c + "' but found " + found(), position);
        }
        position++;
    }

    private void checkDepth(int depth) throws Problem {
        if (depth > MAX_DEPTH) {
            throw new Problem("values are nested more than " + MAX_DEPTH + " levels deep", position);
        }
    }

    private void skipWhitespace() {
        while (position < text.length()) {
            char c = text.charAt(position);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            position++;
        }
    }

    /** The current character, or 0 at the end of the text. */
    private char peek() {
        return position < text.length() ? text.charAt(position) : 0;
    }

    private String found() {
        return position < text.length() ? describe(text.charAt(position)) : "the end of the text";
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static String describe(char c) {
        return c < 0x20 || c == 0x7f ? "control character (code " + (int) c + ")" : "'" + c + "'";
    }
}
