package dev.descent.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The header's JSON reader: every value kind, escapes, and errors with their positions. */
class HeaderJsonTest {

    @Test
    void readsEveryKindOfValueInDocumentOrder() throws HeaderJson.Problem {
        Object value = HeaderJson.parse(" {\"z\": [1, -2.5e3, 0], \"a\": {\"t\": true, \"f\": false, \"n\": null},"
                + " \"s\": \"x\"} \n");
        assertThat(value).isInstanceOf(Map.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) value;
        assertThat(List.copyOf(map.keySet())).containsExactly("z", "a", "s");
        assertThat(map.get("z")).isEqualTo(List.of(new HeaderJson.Number("1"), new HeaderJson.Number("-2.5e3"),
                new HeaderJson.Number("0")));
        @SuppressWarnings("unchecked")
        Map<String, Object> inner = (Map<String, Object>) map.get("a");
        assertThat(inner).containsEntry("t", true).containsEntry("f", false)
                .containsEntry("n", HeaderJson.NULL);
        assertThat(new HeaderJson.Number("12").isInteger()).isTrue();
        assertThat(new HeaderJson.Number("1E2").isInteger()).isFalse();
    }

    @Test
    void decodesEveryEscape() throws HeaderJson.Problem {
        assertThat(HeaderJson.parse("\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u00e9 \\uD83D\\uDE00\""))
                .isEqualTo("\" \\ / \b \f \n \r \t é \uD83D\uDE00");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"a\" 1}                | 5 | expected ':' but found '1'",
            "[1 2]                    | 3 | expected ',' or ']' but found '2'",
            "{\"a\":1,}               | 7 | expected a quoted key but found '}'",
            "{\"a\":01}               | 6 | expected ',' or '}' but found '1'",
            "-                        | 0 | a number needs digits after '-'",
            "1.                       | 0 | a number needs digits after the decimal point",
            "1e+                      | 0 | a number needs digits in its exponent",
            "tru                      | 0 | unexpected 't' where a value was expected",
            "\"\\x\"                  | 1 | invalid escape '\\x' in a string",
            "\"\\u12g4\"              | 1 | a \\u escape needs four hex digits",
            "{'a': 1}                 | 1 | expected a quoted key but found '''",
            "{\"a\":1} {}             | 8 | unexpected '{' after the end of the JSON value",
    })
    void reportsTheProblemAndWhereItIs(String text, int offset, String message) {
        assertThatThrownBy(() -> HeaderJson.parse(text)).isInstanceOfSatisfying(HeaderJson.Problem.class, p -> {
            assertThat(p.getMessage()).isEqualTo(message);
            assertThat(p.offset()).isEqualTo(offset);
        });
    }

    @Test
    void refusesUnescapedControlCharactersAndDeepNesting() {
        assertThatThrownBy(() -> HeaderJson.parse("\"a\nb\"")).hasMessage(
                "a control character (code 10) must be escaped inside a string");
        assertThatThrownBy(() -> HeaderJson.parse("[".repeat(65) + "]".repeat(65)))
                .hasMessage("values are nested more than 64 levels deep");
        assertThat(catchDepth("[".repeat(64) + "]".repeat(64))).isNull();
    }

    private static HeaderJson.Problem catchDepth(String text) {
        try {
            HeaderJson.parse(text);
            return null;
        } catch (HeaderJson.Problem p) {
            return p;
        }
    }
}
