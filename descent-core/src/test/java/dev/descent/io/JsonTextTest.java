package dev.descent.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The small JSON reader and writer of saved models: exact round trips and errors naming the source. */
class JsonTextTest {

    private static Object roundTrip(Object value) {
        return JsonText.parse(JsonText.write(value), "test.json");
    }

    @Test
    void nestedMapsListsAndAwkwardStringsRoundTrip() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("quote", "say \"hi\"");
        inner.put("backslash", "C:\\runs\\model \\\" \\n");
        inner.put("lines", "one\ntwo\r\nthree\tfour");
        inner.put("unicode", "π ≥ é 漢字 😀 \u2028 ß");
        inner.put("controls", "\u0000\u0001\b\f\u001f\u007f");
        inner.put("empty", "");
        inner.put("nothing", null);
        inner.put("yes", true);
        inner.put("no", false);
        inner.put("emptyMap", new LinkedHashMap<>());
        inner.put("emptyList", new ArrayList<>());

        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("name \"odd\" key\n", "value");
        tree.put("inner", inner);
        tree.put("numbers", List.of(1L, -2L, 2.5, 0.1));
        tree.put("mixed", Arrays.asList("a", null, true, List.of(List.of(3L), Map.of("k", "v")), inner));
        tree.put("unicode key ∑", List.of());

        Object parsed = roundTrip(tree);
        assertThat(parsed).isEqualTo(tree);
        assertThat(parsed).isInstanceOf(LinkedHashMap.class);
        assertThat(List.<Object>copyOf(((Map<?, ?>) parsed).keySet())).as("document order")
                .containsExactly("name \"odd\" key\n", "inner", "numbers", "mixed", "unicode key ∑");
        assertThat(JsonText.write(tree)).as("one line per member, control characters escaped")
                .doesNotContain("\u0001").doesNotContain("\u0000").contains("\\u0001").contains("\\n");
    }

    @Test
    void doublesRoundTripExactly() {
        double[] values = {0.1, 1e-300, -3.4028234663852886E38, Math.PI, -Math.E, 1.0 / 3, 100.0, 1e20, 1e-7,
                Double.MIN_VALUE, Double.MAX_VALUE, -Double.MIN_NORMAL, 0.0, -0.0, 123456789.123456789, 2.0 / 3e10};
        List<Object> list = new ArrayList<>();
        for (double value : values) {
            list.add(value);
        }
        List<?> parsed = (List<?>) roundTrip(list);
        assertThat(parsed).hasSize(values.length);
        for (int i = 0; i < values.length; i++) {
            assertThat(parsed.get(i)).as("value %s", values[i]).isInstanceOf(Double.class);
            assertThat(Double.doubleToRawLongBits((Double) parsed.get(i))).as("value %s", values[i])
                    .isEqualTo(Double.doubleToRawLongBits(values[i]));
        }
        // inside a map as a saved standardisation holds them
        Map<String, Object> stats = Map.of("means", List.of(0.1, Math.PI), "stds", List.of(1e-300, 1.0));
        assertThat(roundTrip(stats)).isEqualTo(stats);
    }

    @Test
    void integersComeBackAsLongAndFractionsAsDouble() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("int", 42);
        map.put("long", Long.MAX_VALUE);
        map.put("min", Long.MIN_VALUE);
        map.put("negative", -7);
        map.put("zero", 0);
        map.put("whole double", 3.0);
        Map<?, ?> parsed = (Map<?, ?>) roundTrip(map);
        assertThat(parsed.get("int")).isEqualTo(42L);
        assertThat(parsed.get("long")).isEqualTo(Long.MAX_VALUE);
        assertThat(parsed.get("min")).isEqualTo(Long.MIN_VALUE);
        assertThat(parsed.get("negative")).isEqualTo(-7L);
        assertThat(parsed.get("zero")).isEqualTo(0L);
        assertThat(parsed.get("whole double")).as("a double stays a double").isEqualTo(3.0);

        Map<String, Object> read = JsonText.parseObject("{\"a\": 1, \"b\": 1.5, \"c\": 2e3, \"d\": -0,"
                + " \"e\": 12345678901234567890}", "x.json");
        assertThat(read.get("a")).isInstanceOf(Long.class).isEqualTo(1L);
        assertThat(read.get("b")).isInstanceOf(Double.class).isEqualTo(1.5);
        assertThat(read.get("c")).isInstanceOf(Double.class).isEqualTo(2000.0);
        assertThat(read.get("d")).isInstanceOf(Long.class).isEqualTo(0L);
        assertThat(read.get("e")).as("beyond a long: a double").isInstanceOf(Double.class).isEqualTo(1.2345678901234567E19);
    }

    @Test
    void escapesInTheInputAreDecoded() {
        Map<String, Object> read = JsonText.parseObject(
                "{\"s\": \"a\\u00e9\\ud83d\\ude00\\/\\b\\f\\n\\r\\t\\\"\\\\\"}", "x.json");
        assertThat(read.get("s")).isEqualTo("aé😀/\b\f\n\r\t\"\\");
    }

    @Test
    void invalidJsonNamesTheSourceAndThePlace() {
        assertThatThrownBy(() -> JsonText.parse("{\"a\": }", "bundle.json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("bundle.json: invalid JSON at character 6: ")
                .hasMessageContaining("near:");
        assertThatThrownBy(() -> JsonText.parse("{\"a\": 1} x", "model.safetensors (descent.model)"))
                .hasMessageStartingWith("model.safetensors (descent.model): invalid JSON at character 9");
        assertThatThrownBy(() -> JsonText.parse("{\"a\": 1, \"a\": 2}", "dup.json"))
                .hasMessageStartingWith("dup.json: invalid JSON")
                .hasMessageContaining("\"a\" occurs twice");
        assertThatThrownBy(() -> JsonText.parse("", "empty.json")).hasMessageStartingWith("empty.json: invalid JSON");
        assertThatThrownBy(() -> JsonText.parse("[1, 2", "cut.json")).hasMessageStartingWith("cut.json: invalid JSON");
        assertThatThrownBy(() -> JsonText.parse("{\"s\": \"a\nb\"}", "ctl.json"))
                .hasMessageStartingWith("ctl.json: invalid JSON").hasMessageContaining("control character");
        assertThatThrownBy(() -> JsonText.parse("[NaN]", "nan.json")).hasMessageStartingWith("nan.json: invalid JSON");
        assertThatThrownBy(() -> JsonText.parseObject("[1, 2]", "list.json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("list.json: expected a JSON object");
    }

    @Test
    void nonFiniteNumbersAndUnknownTypesAreRefusedOnWrite() {
        assertThatThrownBy(() -> JsonText.write(Map.of("x", Double.NaN)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
        assertThatThrownBy(() -> JsonText.write(List.of(Double.POSITIVE_INFINITY)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Infinity");
        assertThatThrownBy(() -> JsonText.write(List.of(Float.NEGATIVE_INFINITY)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JsonText.write(Map.of("nested", List.of(Map.of("deep", Float.NaN)))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JsonText.write(Map.of("o", new Object())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot write");
    }

    @Test
    void floatsAreWrittenByTheirShortestForm() {
        assertThat(JsonText.write(List.of(0.1f, 1.0f))).isEqualTo("[0.1, 1.0]\n");
        assertThat(((List<?>) roundTrip(List.of(0.1f))).get(0)).isEqualTo(0.1);
    }

    @Test
    void writtenTextIsIndentedJson() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("a", 1);
        map.put("b", List.of(1, 2));
        map.put("c", List.of(Map.of("d", "e")));
        assertThat(JsonText.write(map)).isEqualTo("""
                {
                  "a": 1,
                  "b": [1, 2],
                  "c": [
                    {
                      "d": "e"
                    }
                  ]
                }
                """);
        assertThat(JsonText.write(Map.of())).isEqualTo("{}\n");
        assertThat(JsonText.write("x")).isEqualTo("\"x\"\n");
    }
}
