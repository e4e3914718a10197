package dev.descent.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link PercentCoding}: decoded exactly once, by RFC 3986; malformed escapes and non-UTF-8 are null. */
class PercentCodingTest {
    @ParameterizedTest(name = "decode({0}) = {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "abc                  | abc",
        "a%20b                | a b",
        "a+b                  | a+b",
        "%2e%2e               | ..",
        "%2E%2E%2Fsecret.txt  | ../secret.txt",
        "%252e%252e           | %2e%2e",
        "%25                  | %",
        "%2525                | %25",
        "%C3%A9t%C3%A9        | été",
        "%c3%a9               | é",
        "%E2%82%AC            | €",
        "%F0%9F%98%80         | 😀",
        "%3Cscript%3E         | <script>",
        "0%2F%3Cscript%3Ealert%281%29%3C%2Fscript%3E | 0/<script>alert(1)</script>",
        "%                    | NULL",
        "%2                   | NULL",
        "a%2                  | NULL",
        "%zz                  | NULL",
        "%2g                  | NULL",
        "%g2                  | NULL",
        "%C3                  | NULL",
        "%FF                  | NULL",
        "%C0%AE               | NULL",
        "%ED%A0%80            | NULL",
    })
    void decode(String raw, String expected) {
        assertThat(PercentCoding.decode(raw)).isEqualTo(expected);
    }

    @Test
    void decodesNulToTheNulCharacterForTheCallerToRefuse() {
        assertThat(PercentCoding.decode("run/%00")).isEqualTo("run/\0");
        assertThat(PercentCoding.decode("")).isEmpty();
    }

    @Test
    void decodeKeepsUnescapedNonAsciiTextBesideEscapes() {
        // characters outside the BMP are two chars in Java: each half must not be encoded on its own
        assertThat(PercentCoding.decode("é%21")).isEqualTo("é!");
        assertThat(PercentCoding.decode("😀%21")).isEqualTo("😀!");
    }

    @ParameterizedTest(name = "encodeSegment({0}) = {1}")
    @CsvSource(delimiter = '|', value = {
        "abc                       | abc",
        "AZaz09-._~                | AZaz09-._~",
        "a b                       | a%20b",
        "a+b                       | a%2Bb",
        "0/run                     | 0%2Frun",
        "%                         | %25",
        "%2e                       | %252e",
        "..                        | ..",
        "é                         | %C3%A9",
        "😀                        | %F0%9F%98%80",
        "<script>alert(1)</script> | %3Cscript%3Ealert%281%29%3C%2Fscript%3E",
        "a&b=c?d#e                 | a%26b%3Dc%3Fd%23e",
    })
    void encodeSegment(String text, String expected) {
        assertThat(PercentCoding.encodeSegment(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "plain", "0/<script>alert(1)</script>", "a b+c&d=e", "%2e%2e/..", "été 😀 ∑",
        "tune-1/trials/trial-001", "\0\r\n\t"})
    void encodeThenDecodeIsTheIdentity(String text) {
        assertThat(PercentCoding.decode(PercentCoding.encodeSegment(text))).isEqualTo(text);
        assertThat(PercentCoding.decode(PercentCoding.encodePath(text))).isEqualTo(text);
    }

    @Test
    void encodePathKeepsTheSlashes() {
        assertThat(PercentCoding.encodePath("tune-1/trials/trial 001")).isEqualTo("tune-1/trials/trial%20001");
        assertThat(PercentCoding.encodePath("<script>alert(1)</script>"))
                .isEqualTo("%3Cscript%3Ealert%281%29%3C/script%3E");
        assertThat(PercentCoding.encodePath("a/../b")).isEqualTo("a/../b");
    }
}
