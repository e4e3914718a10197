package dev.descent.dashboard;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Percent-encoding of URL paths and query values, by RFC 3986 rather than by HTML forms
 * ({@link java.net.URLDecoder} would read {@code +} as a space): decoded exactly once, so
 * {@code %252e} stays the name {@code %2e} and never becomes {@code .}.
 */
final class PercentCoding {
    private static final String UNRESERVED = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~";

    private PercentCoding() {
    }

    /** The decoded text; null when an escape is malformed or the bytes are not UTF-8. */
    static String decode(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    return null;
                }
                int high = Character.digit(raw.charAt(i + 1), 16);
                int low = Character.digit(raw.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return null;
                }
                bytes.write(high << 4 | low);
                i += 2;
            } else {
                int end = raw.indexOf('%', i);
                byte[] encoded = raw.substring(i, end < 0 ? raw.length() : end).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
                i = (end < 0 ? raw.length() : end) - 1;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** One path segment or query value with everything but the unreserved characters escaped. */
    static String encodeSegment(String text) {
        return encode(text, UNRESERVED);
    }

    /**
     * A query value escaped exactly as JavaScript's {@code encodeURIComponent} escapes it, so that a URL the server
     * announces ({@code Link: rel=preload}) is the very URL the page asks for.
     */
    static String encodeLikeJavaScript(String text) {
        return encode(text, UNRESERVED + "!*'()");
    }

    private static String encode(String text, String kept) {
        StringBuilder out = new StringBuilder(text.length());
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c < 128 && kept.indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return out.toString();
    }

    /** A relative path with each segment encoded and the slashes kept. */
    static String encodePath(String relative) {
        StringBuilder out = new StringBuilder();
        for (String segment : relative.split("/", -1)) {
            out.append(out.length() == 0 ? "" : "/").append(encodeSegment(segment));
        }
        return out.toString();
    }
}
